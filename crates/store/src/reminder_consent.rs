//! Whether a customer wants reminder e-mails: their last choice, with when and where they
//! made it, kept per e-mail address (the key a customer record is matched on) on a server.
//! A customer who never chose gets reminders (the studio's setting decides when).
//!
//! The choice is made on the public page when booking (recorded in the booking's own
//! write, [`crate::messages::MessagePolicy::reminders`]), through a booking's manage link,
//! or by staff at a desk for a customer who asked. Turning reminders off cancels every
//! reminder to that address not sent yet, in the same transaction; turning them on again
//! applies to bookings made or moved after it. On PostgreSQL the same lives in the
//! server's `postgres/consent.rs`.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::customers::email_key;
use crate::{Store, StoreError};

/// Where a customer made their choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentSource {
    /// The public page's booking form.
    Page,
    /// A booking's manage link.
    Link,
    /// Staff at a desk, for the customer.
    Desk,
}

impl ConsentSource {
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentSource::Page => "page",
            ConsentSource::Link => "link",
            ConsentSource::Desk => "desk",
        }
    }

    pub fn parse(s: &str) -> Result<ConsentSource, StoreError> {
        Ok(match s {
            "page" => ConsentSource::Page,
            "link" => ConsentSource::Link,
            "desk" => ConsentSource::Desk,
            other => return Err(StoreError::Corrupt(format!("consent source \"{other}\""))),
        })
    }
}

/// A customer's choice about reminders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderConsent {
    pub reminders: bool,
    pub source: ConsentSource,
    pub at: DateTime<Utc>,
}

impl ReminderConsent {
    /// Whether an address with this choice (`None`: never asked) gets reminders.
    pub fn wanted(choice: Option<&ReminderConsent>) -> bool {
        choice.is_none_or(|c| c.reminders)
    }
}

/// The choice recorded for the address `key` (an [`email_key`]) in `conn`.
pub(crate) fn read(conn: &Connection, key: &str) -> Result<Option<ReminderConsent>, StoreError> {
    let row: Option<(bool, String, i64)> = conn
        .prepare_cached("SELECT reminders, source, at FROM reminder_consent WHERE email_key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    row.map(|(reminders, source, at)| {
        Ok(ReminderConsent {
            reminders,
            source: ConsentSource::parse(&source)?,
            at: DateTime::from_timestamp(at, 0)
                .ok_or_else(|| StoreError::Corrupt(format!("consent time {at}")))?,
        })
    })
    .transpose()
}

/// Every recorded choice with its address key, by key (a server's move into PostgreSQL).
pub(crate) fn read_all(conn: &Connection) -> Result<Vec<(String, ReminderConsent)>, StoreError> {
    let keys: Vec<String> = conn
        .prepare("SELECT email_key FROM reminder_consent ORDER BY email_key")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    keys.into_iter()
        .map(|key| {
            let choice = read(conn, &key)?
                .ok_or_else(|| StoreError::Corrupt(format!("consent of {key} went away")))?;
            Ok((key, choice))
        })
        .collect()
}

/// Records `choice` for the address `key`; turning reminders off cancels the address's
/// reminders not sent yet. Part of the caller's transaction.
pub(crate) fn write(
    conn: &Connection,
    key: &str,
    choice: &ReminderConsent,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO reminder_consent (email_key, reminders, source, at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (email_key) DO UPDATE SET reminders = excluded.reminders,
             source = excluded.source, at = excluded.at",
    )?
    .execute(params![
        key,
        choice.reminders,
        choice.source.as_str(),
        choice.at.timestamp()
    ])?;
    if !choice.reminders {
        conn.prepare_cached(
            "UPDATE messages SET state = 'cancelled', lease_owner = NULL, lease_until = NULL
             WHERE kind IN ('reminder', 'sms-reminder') AND state = 'queued'
               AND booking_id IN (SELECT booking_id FROM messages WHERE lower(recipient) = ?1)",
        )?
        .execute([key])?;
    }
    Ok(())
}

/// The key a choice for the address `email` is kept under, or the refusal naming `email`.
pub fn address_key(email: &str) -> Result<String, StoreError> {
    email_key(Some(email)).ok_or_else(|| {
        StoreError::BadChange(format!("email: \"{email}\" is not an e-mail address"))
    })
}

impl Store {
    /// The reminder choice of the customer with e-mail address `email` (`None`: never
    /// asked, or no address).
    pub fn reminder_consent(&self, email: &str) -> Result<Option<ReminderConsent>, StoreError> {
        match email_key(Some(email)) {
            Some(key) => read(&self.conn, &key),
            None => Ok(None),
        }
    }

    /// Records the choice of the customer with e-mail address `email`, in one transaction
    /// with the cancelling of their pending reminders when they turned them off.
    pub fn set_reminder_consent(
        &mut self,
        email: &str,
        choice: &ReminderConsent,
    ) -> Result<(), StoreError> {
        let key = address_key(email)?;
        let tx = self.conn.transaction()?;
        write(&tx, &key, choice)?;
        tx.commit()?;
        Ok(())
    }
}
