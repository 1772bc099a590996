//! Messages to customers on PostgreSQL (see `frontdesk_store::messages`): the rows a booking
//! write queues (in its transaction, through the ledger), and the sender's claims. Several
//! instances claim from one table: `FOR UPDATE SKIP LOCKED` lets each take rows no other is
//! taking, and the lease (`lease_owner` until `lease_until`) keeps a claimed row from the
//! others after the claim commits, until it is marked or the lease runs out (an instance
//! killed while sending).

use chrono::{DateTime, Duration, Utc};
use frontdesk_store::audit::Who;
use frontdesk_store::customers::email_key;
use frontdesk_store::engine::bookings;
use frontdesk_store::messages::{
    language_str, parse_language, Channels, MessageKind, MessagePolicy, MessageRow, NewMessage,
    Outgoing,
};
use frontdesk_store::reminder_consent::{address_key, ReminderConsent};
use frontdesk_store::{
    BookingRecord, BookingStatus, NewBooking, StoreError, WriteContext, WriteOutcome,
};
use uuid::Uuid;

use super::rows;
use super::sql::Sql;
use super::storage::PgStorage;
use crate::messages::Outbox;
use crate::storage::StorageError;

pub fn insert(
    tx: &mut impl Sql,
    studio: &str,
    m: &NewMessage,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO messages (id, studio, booking_id, kind, recipient, language, due_at,
             next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) ON CONFLICT (studio, id) DO NOTHING",
        &[
            &m.id,
            &studio,
            &m.booking,
            &m.kind.as_str(),
            &m.recipient,
            &m.language.map(language_str),
            &m.due,
            &now,
        ],
    )?;
    Ok(())
}

pub fn cancel_reminders(
    tx: &mut impl Sql,
    studio: &str,
    booking: Uuid,
) -> Result<(), StorageError> {
    tx.execute(
        "UPDATE messages SET state = 'cancelled', lease_owner = NULL, lease_until = NULL
         WHERE studio = $1 AND booking_id = $2 AND kind IN ('reminder', 'sms-reminder')
           AND state = 'queued'",
        &[&studio, &booking],
    )?;
    Ok(())
}

fn kind(s: &str) -> Result<MessageKind, StorageError> {
    MessageKind::parse(s).map_err(StorageError::from)
}

impl Outbox for PgStorage {
    fn create_online_booking(
        &mut self,
        new: &NewBooking,
        policy: MessagePolicy,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<(BookingRecord, WriteOutcome), StorageError> {
        let ctx = WriteContext {
            desk: who.desk,
            now,
            outbox: None,
            mutation: None,
            staff: who.staff,
            messages: Some(policy),
        };
        self.in_ledger(|l, studio| bookings::create(l, studio, new, BookingStatus::Confirmed, &ctx))
    }

    fn claim_messages(
        &mut self,
        owner: &str,
        now: DateTime<Utc>,
        lease: Duration,
        limit: u32,
        channels: Channels,
    ) -> Result<Vec<Outgoing>, StorageError> {
        let until = now + lease;
        let limit = i64::from(limit);
        self.in_transaction(|tx, studio, _| {
            let claimed = tx.query(
                "UPDATE messages SET lease_owner = $2, lease_until = $3
                 WHERE studio = $1 AND id IN (SELECT id FROM messages WHERE studio = $1
                     AND state = 'queued' AND next_attempt_at <= $4
                     AND (lease_until IS NULL OR lease_until <= $4)
                     AND CASE kind WHEN 'sms-reminder' THEN $7::boolean ELSE $6::boolean END
                     ORDER BY next_attempt_at LIMIT $5 FOR UPDATE SKIP LOCKED)
                 RETURNING id, booking_id, kind, recipient, language, attempts",
                &[
                    &studio,
                    &owner,
                    &until,
                    &now,
                    &limit,
                    &channels.email,
                    &channels.sms,
                ],
            )?;
            let mut out = Vec::with_capacity(claimed.len());
            for row in claimed {
                let booking_id: Uuid = row.try_get(1)?;
                let booking = rows::booking(tx, studio, booking_id, false)?
                    .ok_or(StoreError::NotFound(booking_id))?;
                let attempts: i32 = row.try_get(5)?;
                out.push(Outgoing {
                    id: row.try_get(0)?,
                    kind: kind(row.try_get(2)?)?,
                    recipient: row.try_get(3)?,
                    language: parse_language(row.try_get(4)?),
                    attempts: u32::try_from(attempts).unwrap_or(0),
                    booking,
                });
            }
            Ok(out)
        })
    }

    fn message_sent(
        &mut self,
        id: Uuid,
        owner: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        self.in_transaction(|tx, studio, _| {
            let n = tx.execute(
                "UPDATE messages SET state = 'sent', sent_at = $4, attempts = attempts + 1,
                     lease_owner = NULL, lease_until = NULL, last_error = NULL
                 WHERE studio = $1 AND id = $2 AND lease_owner = $3",
                &[&studio, &id, &owner, &now],
            )?;
            Ok(n == 1)
        })
    }

    fn message_failed(
        &mut self,
        id: Uuid,
        owner: &str,
        error: &str,
        retry: Option<DateTime<Utc>>,
    ) -> Result<bool, StorageError> {
        self.in_transaction(|tx, studio, _| {
            let n = tx.execute(
                "UPDATE messages SET attempts = attempts + 1, last_error = $4,
                     state = CASE WHEN $5::timestamptz IS NULL THEN 'failed' ELSE 'queued' END,
                     next_attempt_at = COALESCE($5, next_attempt_at),
                     lease_owner = NULL, lease_until = NULL
                 WHERE studio = $1 AND id = $2 AND lease_owner = $3",
                &[&studio, &id, &owner, &error, &retry],
            )?;
            Ok(n == 1)
        })
    }

    fn reminder_consent(&self, email: &str) -> Result<Option<ReminderConsent>, StorageError> {
        let Some(key) = email_key(Some(email)) else {
            return Ok(None);
        };
        super::consent::read(&mut *self.reader()?, &self.studio_id, &key)
    }

    fn set_reminder_consent(
        &mut self,
        email: &str,
        choice: &ReminderConsent,
    ) -> Result<(), StorageError> {
        let key = address_key(email)?;
        self.in_transaction(|tx, studio, _| super::consent::write(tx, studio, &key, choice))
    }

    fn booking_messages(&self, booking: Uuid) -> Result<Vec<MessageRow>, StorageError> {
        let rows = self.reader()?.query(
            "SELECT id, kind, recipient, state, attempts, due_at, last_error FROM messages
             WHERE studio = $1 AND booking_id = $2 ORDER BY created_at, due_at, kind",
            &[&self.studio_id, &booking],
        )?;
        rows.iter()
            .map(|row| {
                let attempts: i32 = row.try_get(4)?;
                Ok(MessageRow {
                    id: row.try_get(0)?,
                    kind: kind(row.try_get(1)?)?,
                    recipient: row.try_get(2)?,
                    state: row.try_get(3)?,
                    attempts: u32::try_from(attempts).unwrap_or(0),
                    due: row.try_get(5)?,
                    last_error: row.try_get(6)?,
                })
            })
            .collect()
    }
}
