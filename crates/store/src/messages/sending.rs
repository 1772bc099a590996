//! The server's sender's side of the SQLite outbox: it claims due messages with a lease,
//! marks each sent or failed, and staff read a booking's messages.

use chrono::{DateTime, Duration, Utc};
use rusqlite::params;
use uuid::Uuid;

use super::{export, parse_language, Channels, MessageKind, MessageRow, Outgoing};
use crate::{Store, StoreError};

impl Store {
    /// Claims up to `limit` messages due at `now` for `owner` until `now + lease` (a claim
    /// of an instance that died runs out then and the message is claimed again), of the
    /// `channels` the sender has (the others wait).
    pub fn claim_messages(
        &mut self,
        owner: &str,
        now: DateTime<Utc>,
        lease: Duration,
        limit: u32,
        channels: Channels,
    ) -> Result<Vec<Outgoing>, StoreError> {
        let tx = self.conn.transaction()?;
        type Claimed = (String, String, String, String, Option<String>, u32);
        let claimed: Vec<Claimed> = tx
            .prepare_cached(
                "UPDATE messages SET lease_owner = ?1, lease_until = ?2
                 WHERE id IN (SELECT id FROM messages WHERE state = 'queued'
                     AND next_attempt_at <= ?3 AND (lease_until IS NULL OR lease_until <= ?3)
                     AND CASE kind WHEN 'sms-reminder' THEN ?6 ELSE ?5 END
                     ORDER BY next_attempt_at LIMIT ?4)
                 RETURNING id, booking_id, kind, recipient, language, attempts",
            )?
            .query_map(
                params![
                    owner,
                    (now + lease).timestamp(),
                    now.timestamp(),
                    limit,
                    channels.email,
                    channels.sms
                ],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )?
            .collect::<Result<_, _>>()?;
        let uuid = |s: &str| Uuid::parse_str(s).map_err(|e| StoreError::Corrupt(e.to_string()));
        let mut out = Vec::with_capacity(claimed.len());
        for (id, booking_id, kind, recipient, language, attempts) in claimed {
            let booking_id = uuid(&booking_id)?;
            let booking = crate::booking_rows::get(&tx, booking_id)?
                .ok_or(StoreError::NotFound(booking_id))?;
            out.push(Outgoing {
                id: uuid(&id)?,
                kind: MessageKind::parse(&kind)?,
                recipient,
                language: parse_language(language.as_deref()),
                attempts,
                booking,
            });
        }
        tx.commit()?;
        Ok(out)
    }

    /// Marks message `id` sent, if `owner` still holds its claim.
    pub fn message_sent(
        &mut self,
        id: Uuid,
        owner: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let n = self.conn.execute(
            "UPDATE messages SET state = 'sent', sent_at = ?3, attempts = attempts + 1,
                 lease_owner = NULL, lease_until = NULL, last_error = NULL
             WHERE id = ?1 AND lease_owner = ?2",
            params![id.to_string(), owner, now.timestamp()],
        )?;
        Ok(n == 1)
    }

    /// Notes a failed attempt of message `id`: queued again for `retry` (`None`: given up,
    /// `failed`), with `error`.
    pub fn message_failed(
        &mut self,
        id: Uuid,
        owner: &str,
        error: &str,
        retry: Option<DateTime<Utc>>,
    ) -> Result<bool, StoreError> {
        let n = self.conn.execute(
            "UPDATE messages SET attempts = attempts + 1, last_error = ?3,
                 state = CASE WHEN ?4 IS NULL THEN 'failed' ELSE 'queued' END,
                 next_attempt_at = COALESCE(?4, next_attempt_at),
                 lease_owner = NULL, lease_until = NULL
             WHERE id = ?1 AND lease_owner = ?2",
            params![id.to_string(), owner, error, retry.map(|r| r.timestamp())],
        )?;
        Ok(n == 1)
    }

    /// The messages of booking `booking`, oldest first.
    pub fn booking_messages(&self, booking: Uuid) -> Result<Vec<MessageRow>, StoreError> {
        let rows = export::read(
            &self.conn,
            "WHERE booking_id = ?1 ORDER BY created_at, due_at, kind",
            [booking.to_string()],
        )?;
        Ok(rows
            .into_iter()
            .map(|m| MessageRow {
                id: m.id,
                kind: m.kind,
                recipient: m.recipient,
                state: m.state,
                attempts: m.attempts,
                due: m.due,
                last_error: m.last_error,
            })
            .collect())
    }
}
