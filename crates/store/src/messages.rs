//! Messages to customers (a server's only: a standalone desk sends nothing): the outbox of
//! e-mails a booking write queues in its own transaction — a confirmation when a booking
//! with an e-mail address is made, a change when it moves, a cancellation when it is
//! cancelled, and a reminder due the studio's lead before the start. A move or a
//! cancellation cancels the booking's pending reminder in the same transaction (a move
//! queues a new one at the new time). A customer who turned reminders off gets none
//! ([`crate::reminder_consent`]).
//!
//! What a write queues is decided here, once ([`planned`], pure); the engine writes it
//! through its [`Ledger`]. The server's sender claims due rows with a lease, sends them and
//! marks them sent ([`Store::claim_messages`] and friends on SQLite; PostgreSQL has its own
//! rows in the server).

use chrono::{DateTime, Duration, Utc};
use frontdesk_protocol::PageLanguage;
use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::engine::Ledger;
use crate::reminder_consent::{ConsentSource, ReminderConsent};
use crate::{BookingRecord, BookingStatus, Store, StoreError, WriteContext};

/// What a message says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageKind {
    Confirmation,
    Change,
    Cancellation,
    Reminder,
}

impl MessageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::Confirmation => "confirmation",
            MessageKind::Change => "change",
            MessageKind::Cancellation => "cancellation",
            MessageKind::Reminder => "reminder",
        }
    }

    pub fn parse(s: &str) -> Result<MessageKind, StoreError> {
        Ok(match s {
            "confirmation" => MessageKind::Confirmation,
            "change" => MessageKind::Change,
            "cancellation" => MessageKind::Cancellation,
            "reminder" => MessageKind::Reminder,
            other => return Err(StoreError::Corrupt(format!("message kind \"{other}\""))),
        })
    }
}

/// A language as stored in a message row.
pub fn language_str(language: PageLanguage) -> &'static str {
    match language {
        PageLanguage::En => "en",
        PageLanguage::De => "de",
    }
}

/// A message row's language read back (`None`: the studio's, decided when it is sent).
pub fn parse_language(s: Option<&str>) -> Option<PageLanguage> {
    match s? {
        "de" => Some(PageLanguage::De),
        _ => Some(PageLanguage::En),
    }
}

/// The language of a studio's messages when nothing better is known: German for the
/// German-speaking countries, else English.
pub fn studio_language(country: Option<&str>) -> PageLanguage {
    match country {
        Some("DE" | "AT" | "CH" | "LI") => PageLanguage::De,
        _ => PageLanguage::En,
    }
}

/// A server's writes queue messages with this: the language (the online booking's; `None`:
/// the studio's when the message is sent). How long before the start the reminder goes is
/// the studio's setting (`OnlineBooking::reminder_hours`), read in the write's transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessagePolicy {
    pub language: Option<PageLanguage>,
    /// The customer's choice about reminders made with this write (the page's booking
    /// form), recorded for their address in the same transaction; `None`: not asked here,
    /// the recorded choice stands ([`crate::reminder_consent`]).
    pub reminders: Option<bool>,
}

impl MessagePolicy {
    /// A server's, in `language` (if known).
    pub fn server(language: Option<PageLanguage>) -> MessagePolicy {
        MessagePolicy {
            language,
            reminders: None,
        }
    }

    /// The same, recording the customer's choice `reminders` made with the write.
    pub fn choosing(self, reminders: bool) -> MessagePolicy {
        MessagePolicy {
            reminders: Some(reminders),
            ..self
        }
    }
}

/// A message to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    /// Derived from the booking, its version and the kind: the same write made twice
    /// queues one row.
    pub id: Uuid,
    pub booking: Uuid,
    pub kind: MessageKind,
    pub recipient: String,
    pub language: Option<PageLanguage>,
    /// When it may go (a reminder: the start less the lead; the others: the write's time).
    pub due: DateTime<Utc>,
}

/// What one booking write queues.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Planned {
    /// Cancel the booking's pending reminder first.
    pub cancel_reminders: bool,
    pub messages: Vec<NewMessage>,
}

/// What a write from `old` (none: a new booking) to `new` queues at `now`, with the
/// reminder `reminder_lead` before the start (`None`: no reminders): pure.
pub fn planned(
    old: Option<&BookingRecord>,
    new: &BookingRecord,
    policy: &MessagePolicy,
    reminder_lead: Option<Duration>,
    now: DateTime<Utc>,
) -> Planned {
    let confirmed = |b: &BookingRecord| b.status == BookingStatus::Confirmed;
    let (notice, reminder, cancel_reminders) = match old {
        None if confirmed(new) => (Some(MessageKind::Confirmation), true, false),
        Some(old) if confirmed(old) && new.status == BookingStatus::Cancelled => {
            (Some(MessageKind::Cancellation), false, true)
        }
        Some(old) if confirmed(new) && (old.span != new.span || old.room != new.room) => {
            (Some(MessageKind::Change), true, true)
        }
        _ => (None, false, false),
    };
    let mut out = Planned {
        cancel_reminders,
        messages: Vec::new(),
    };
    let Some(recipient) = new.customer.email.as_deref().filter(|e| !e.is_empty()) else {
        return out;
    };
    let message = |kind: MessageKind, due| NewMessage {
        id: message_id(new.id, new.version, kind),
        booking: new.id,
        kind,
        recipient: recipient.to_owned(),
        language: policy.language,
        due,
    };
    if let Some(kind) = notice {
        out.messages.push(message(kind, now));
    }
    // A booking made (or moved) inside the lead gets its confirmation and no reminder.
    let remind_at = reminder_lead.map(|lead| new.span.start() - lead);
    if let Some(remind_at) = remind_at.filter(|at| reminder && *at > now) {
        out.messages.push(message(MessageKind::Reminder, remind_at));
    }
    out
}

/// The id of booking `booking`'s `kind` message at `version`: the same on every retry.
fn message_id(booking: Uuid, version: i64, kind: MessageKind) -> Uuid {
    Uuid::new_v5(&booking, format!("{}:{version}", kind.as_str()).as_bytes())
}

/// Queues what the write from `old` to `new` sends, when `ctx` says the write is a
/// server's; the engine's step before stamping.
pub(crate) fn queue<L: Ledger>(
    l: &mut L,
    ctx: &WriteContext<'_>,
    old: Option<&BookingRecord>,
    new: &BookingRecord,
) -> Result<(), L::Error> {
    let Some(policy) = ctx.messages else {
        return Ok(());
    };
    // The customer's choice: recorded first when made with this write, then read.
    let key = crate::customers::email_key(new.customer.email.as_deref());
    let wanted = match &key {
        Some(key) => {
            if let Some(reminders) = policy.reminders {
                let choice = ReminderConsent {
                    reminders,
                    source: ConsentSource::Page,
                    at: ctx.now,
                };
                l.record_consent(key, &choice)?;
            }
            ReminderConsent::wanted(l.reminder_consent(key)?.as_ref())
        }
        None => false,
    };
    let hours = l.reminder_hours()?;
    let lead = (hours > 0 && wanted).then(|| Duration::hours(i64::from(hours)));
    let plan = planned(old, new, &policy, lead, ctx.now);
    if plan.cancel_reminders {
        l.cancel_reminders(new.id, ctx.now)?;
    }
    for message in &plan.messages {
        l.queue_message(message, ctx.now)?;
    }
    Ok(())
}

/// A message claimed for sending, with its booking as it is now.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub id: Uuid,
    pub kind: MessageKind,
    pub recipient: String,
    /// `None`: the studio's.
    pub language: Option<PageLanguage>,
    /// Sending attempts before this one.
    pub attempts: u32,
    pub booking: BookingRecord,
}

/// A booking's message as staff see it: a `failed` one with the reason it was not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRow {
    pub id: Uuid,
    pub kind: MessageKind,
    pub recipient: String,
    /// `queued`, `sent`, `failed` or `cancelled`.
    pub state: String,
    pub attempts: u32,
    pub due: DateTime<Utc>,
    pub last_error: Option<String>,
}

/// A message row as SQLite writes it.
pub(crate) fn insert(
    conn: &Connection,
    m: &NewMessage,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO messages (id, booking_id, kind, recipient, language, due_at,
             next_attempt_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7) ON CONFLICT (id) DO NOTHING",
    )?
    .execute(params![
        m.id.to_string(),
        m.booking.to_string(),
        m.kind.as_str(),
        m.recipient,
        m.language.map(language_str),
        m.due.timestamp(),
        now.timestamp(),
    ])?;
    Ok(())
}

/// Cancels booking `booking`'s reminders not sent yet.
pub(crate) fn cancel_reminders(conn: &Connection, booking: Uuid) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE messages SET state = 'cancelled', lease_owner = NULL, lease_until = NULL
         WHERE booking_id = ?1 AND kind = 'reminder' AND state = 'queued'",
    )?
    .execute([booking.to_string()])?;
    Ok(())
}

impl Store {
    /// Claims up to `limit` messages due at `now` for `owner` until `now + lease` (a claim
    /// of an instance that died runs out then and the message is claimed again).
    pub fn claim_messages(
        &mut self,
        owner: &str,
        now: DateTime<Utc>,
        lease: Duration,
        limit: u32,
    ) -> Result<Vec<Outgoing>, StoreError> {
        let tx = self.conn.transaction()?;
        type Claimed = (String, String, String, String, Option<String>, u32);
        let claimed: Vec<Claimed> = tx
            .prepare_cached(
                "UPDATE messages SET lease_owner = ?1, lease_until = ?2
                 WHERE id IN (SELECT id FROM messages WHERE state = 'queued'
                     AND next_attempt_at <= ?3 AND (lease_until IS NULL OR lease_until <= ?3)
                     ORDER BY next_attempt_at LIMIT ?4)
                 RETURNING id, booking_id, kind, recipient, language, attempts",
            )?
            .query_map(
                params![owner, (now + lease).timestamp(), now.timestamp(), limit],
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

pub mod export;
#[cfg(test)]
mod tests;
