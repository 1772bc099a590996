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
//! marks them sent ([`crate::Store::claim_messages`] and friends on SQLite; PostgreSQL has its own
//! rows in the server).

use chrono::{DateTime, Duration, Utc};
use frontdesk_core::phone;
use frontdesk_protocol::PageLanguage;
use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::customers::stored_phone;
use crate::engine::Ledger;
use crate::reminder_consent::{ConsentSource, ReminderConsent};
use crate::{BookingRecord, BookingStatus, StoreError, WriteContext};

/// What a message says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageKind {
    Confirmation,
    Change,
    Cancellation,
    Reminder,
    /// The reminder by SMS, to the customer's number in E.164, when the studio sends
    /// reminders by SMS too (`OnlineBooking::sms_reminders`).
    SmsReminder,
    /// A booking made online that waits for staff: the request was received.
    Request,
    /// Staff declined a booking that waited for their approval.
    Declined,
}

impl MessageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::Confirmation => "confirmation",
            MessageKind::Change => "change",
            MessageKind::Cancellation => "cancellation",
            MessageKind::Reminder => "reminder",
            MessageKind::SmsReminder => "sms-reminder",
            MessageKind::Request => "request",
            MessageKind::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Result<MessageKind, StoreError> {
        Ok(match s {
            "confirmation" => MessageKind::Confirmation,
            "change" => MessageKind::Change,
            "cancellation" => MessageKind::Cancellation,
            "reminder" => MessageKind::Reminder,
            "sms-reminder" => MessageKind::SmsReminder,
            "request" => MessageKind::Request,
            "declined" => MessageKind::Declined,
            other => return Err(StoreError::Corrupt(format!("message kind \"{other}\""))),
        })
    }
}

/// Which messages a sender takes: e-mails (it has an SMTP server), SMS (it has a gateway).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Channels {
    pub email: bool,
    pub sms: bool,
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
/// reminder `reminder_lead` before the start (`None`: no reminders), by SMS too to `sms_to`
/// when it is a number in E.164: pure.
pub fn planned(
    old: Option<&BookingRecord>,
    new: &BookingRecord,
    policy: &MessagePolicy,
    reminder_lead: Option<Duration>,
    sms_to: Option<&str>,
    now: DateTime<Utc>,
) -> Planned {
    let confirmed = |b: &BookingRecord| b.status == BookingStatus::Confirmed;
    // A booking waiting for staff approval hears that its request arrived, and gets its
    // confirmation (and reminder) when approved, or word that it was declined.
    let waits = new.awaiting_approval;
    let (notice, reminder, cancel_reminders) = match old {
        None if confirmed(new) && waits => (Some(MessageKind::Request), false, false),
        None if confirmed(new) => (Some(MessageKind::Confirmation), true, false),
        Some(old) if confirmed(old) && new.status == BookingStatus::Cancelled => {
            let kind = if old.awaiting_approval {
                MessageKind::Declined
            } else {
                MessageKind::Cancellation
            };
            (Some(kind), false, true)
        }
        Some(old) if confirmed(new) && old.awaiting_approval && !waits => {
            (Some(MessageKind::Confirmation), true, true)
        }
        Some(old) if confirmed(new) && (old.span != new.span || old.room != new.room) => {
            (Some(MessageKind::Change), !waits, true)
        }
        _ => (None, false, false),
    };
    let mut out = Planned {
        cancel_reminders,
        messages: Vec::new(),
    };
    let message = |kind: MessageKind, recipient: &str, due| NewMessage {
        id: message_id(new.id, new.version, kind),
        booking: new.id,
        kind,
        recipient: recipient.to_owned(),
        language: policy.language,
        due,
    };
    // A booking made (or moved) inside the lead gets its confirmation and no reminder.
    let remind_at = reminder_lead
        .map(|lead| new.span.start() - lead)
        .filter(|at| reminder && *at > now);
    if let Some(email) = new.customer.email.as_deref().filter(|e| !e.is_empty()) {
        if let Some(kind) = notice {
            out.messages.push(message(kind, email, now));
        }
        if let Some(at) = remind_at {
            out.messages.push(message(MessageKind::Reminder, email, at));
        }
    }
    if let (Some(phone), Some(at)) = (sms_to.filter(|p| phone::is_e164(p)), remind_at) {
        out.messages
            .push(message(MessageKind::SmsReminder, phone, at));
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
    studio: &frontdesk_core::Studio,
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
        None => true,
    };
    let settings = l.online_settings()?;
    let hours = settings.reminder_hours;
    let lead = (hours > 0 && wanted).then(|| Duration::hours(i64::from(hours)));
    // The number an SMS goes to: the booking's as the customer record keeps it (E.164 when
    // it parses with the studio's country).
    let sms_to = settings
        .sms_reminders
        .then(|| stored_phone(new.customer.phone.as_deref(), studio.country))
        .flatten();
    let plan = planned(old, new, &policy, lead, sms_to.as_deref(), ctx.now);
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
         WHERE booking_id = ?1 AND kind IN ('reminder', 'sms-reminder') AND state = 'queued'",
    )?
    .execute([booking.to_string()])?;
    Ok(())
}

pub mod export;
mod sending;
#[cfg(test)]
mod tests;
