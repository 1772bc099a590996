//! Customers' reminder choices on PostgreSQL (see `frontdesk_store::reminder_consent`):
//! one row per studio and e-mail address, written in the booking write that asked or on
//! its own, and read by every booking write before it queues a reminder.

use chrono::{DateTime, Utc};
use frontdesk_store::reminder_consent::{ConsentSource, ReminderConsent};

use super::sql::Sql;
use crate::storage::StorageError;

/// The choice recorded for the address `key` (an `email_key`) of `studio`.
pub fn read(
    tx: &mut impl Sql,
    studio: &str,
    key: &str,
) -> Result<Option<ReminderConsent>, StorageError> {
    let Some(row) = tx.query_opt(
        "SELECT reminders, source, at FROM reminder_consent WHERE studio = $1 AND email_key = $2",
        &[&studio, &key],
    )?
    else {
        return Ok(None);
    };
    let source: String = row.try_get(1)?;
    let at: DateTime<Utc> = row.try_get(2)?;
    Ok(Some(ReminderConsent {
        reminders: row.try_get(0)?,
        source: ConsentSource::parse(&source)?,
        at,
    }))
}

/// Records `choice` for the address `key` of `studio`; turning reminders off cancels the
/// address's reminders not sent yet. Part of the caller's transaction.
pub fn write(
    tx: &mut impl Sql,
    studio: &str,
    key: &str,
    choice: &ReminderConsent,
) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO reminder_consent (studio, email_key, reminders, source, at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (studio, email_key) DO UPDATE SET reminders = excluded.reminders,
             source = excluded.source, at = excluded.at",
        &[
            &studio,
            &key,
            &choice.reminders,
            &choice.source.as_str(),
            &choice.at,
        ],
    )?;
    if !choice.reminders {
        tx.execute(
            "UPDATE messages SET state = 'cancelled', lease_owner = NULL, lease_until = NULL
             WHERE studio = $1 AND kind IN ('reminder', 'sms-reminder') AND state = 'queued'
               AND booking_id IN (SELECT booking_id FROM messages
                                   WHERE studio = $1 AND lower(recipient) = $2)",
            &[&studio, &key],
        )?;
    }
    Ok(())
}
