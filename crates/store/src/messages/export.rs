//! A server file's message rows as they are (the one reader of every column): moved to
//! another database by `frontdesk-server migrate` — every row, whatever its state, so queued
//! ones are still sent and staff still see what went; leases do not move, the file's server
//! is stopped — and shown to staff per booking ([`crate::Store::booking_messages`]).

use chrono::{DateTime, Utc};
use frontdesk_protocol::PageLanguage;
use rusqlite::Connection;
use uuid::Uuid;

use super::{parse_language, MessageKind};
use crate::booking_rows::instant;
use crate::StoreError;

/// One message row, without its lease.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedMessage {
    pub id: Uuid,
    pub booking: Uuid,
    pub kind: MessageKind,
    pub recipient: String,
    pub language: Option<PageLanguage>,
    pub due: DateTime<Utc>,
    /// `queued`, `sent`, `failed` or `cancelled`.
    pub state: String,
    pub attempts: u32,
    pub next_attempt: DateTime<Utc>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// id, booking, kind, recipient, language, due, state, attempts, next attempt, last error,
/// sent at, created at.
type Raw = (
    String,
    String,
    String,
    String,
    Option<String>,
    i64,
    String,
    u32,
    i64,
    Option<String>,
    Option<i64>,
    i64,
);

fn uuid(text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|_| StoreError::Corrupt(format!("message id \"{text}\"")))
}

/// Every message of the file, oldest first.
pub(crate) fn read_all(conn: &Connection) -> Result<Vec<ExportedMessage>, StoreError> {
    read(conn, "ORDER BY created_at, id", [])
}

/// The message rows `tail` (a `WHERE`/`ORDER BY` over `params`) picks.
pub(crate) fn read(
    conn: &Connection,
    tail: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<ExportedMessage>, StoreError> {
    let raw: Vec<Raw> = conn
        .prepare_cached(&format!(
            "SELECT id, booking_id, kind, recipient, language, due_at, state, attempts,
                    next_attempt_at, last_error, sent_at, created_at
             FROM messages {tail}"
        ))?
        .query_map(params, |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    raw.into_iter()
        .map(
            |(
                id,
                booking,
                kind,
                recipient,
                language,
                due,
                state,
                attempts,
                next,
                error,
                sent,
                at,
            )| {
                Ok(ExportedMessage {
                    id: uuid(&id)?,
                    booking: uuid(&booking)?,
                    kind: MessageKind::parse(&kind)?,
                    recipient,
                    language: parse_language(language.as_deref()),
                    due: instant(due)?,
                    state,
                    attempts,
                    next_attempt: instant(next)?,
                    last_error: error,
                    sent_at: sent.map(instant).transpose()?,
                    created_at: instant(at)?,
                })
            },
        )
        .collect()
}
