//! The write engine's [`Ledger`] on a PostgreSQL transaction (READ COMMITTED), for chains:
//! the engine (`frontdesk_store::engine`) decides what a write does; this file only says
//! how each step is done here.
//!
//! - Locks: room-days are rows of `room_days`, locked in (room, date) order by one
//!   statement (`locks::lock_days`); booking and customer rows are locked `FOR UPDATE`.
//! - What a span is checked against: the confirmed bookings and the live holds (shared by
//!   every instance) of a window, read in one query under those locks (`locks::checked_against`).
//! - The change log: the stamp, with the write's audit and push-log rows, last (`stamp`).
//! - The exclusion constraint on confirmed bookings stands underneath the masks: if it
//!   fires, the masks were wrong, which is logged loudly and answered as a conflict.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use frontdesk_core::Studio;
use frontdesk_core::{Calendar, HoldBook, Occupancy, RoomId, SessionId, Span};
use frontdesk_protocol::{OnlineBooking, StaffDto};
use frontdesk_store::audit::Who;
use frontdesk_store::customers::{email_key, phone_key, CustomerRecord};
use frontdesk_store::engine::studio::StoredStudio;
use frontdesk_store::engine::{CustomerKey, Ledger};
use frontdesk_store::messages::NewMessage;
use frontdesk_store::reminder_consent::ReminderConsent;
use frontdesk_store::{BookingRecord, BookingStatus, OutboxEntry, StoreError};
use serde_json::Value;
use uuid::Uuid;

use super::sql::{Sql, Tx};
use super::stamp::{AuditRow, Pending};
use super::{customers, locks, rows, studio_rows};
use crate::storage::StorageError;

/// One transaction of studio `studio` as the engine's ledger.
pub struct PgLedger<'t, 'c> {
    tx: &'t mut Tx<'c>,
    studio: &'t str,
    /// The audit and push-log rows of the write in hand, written with its stamp (one
    /// statement, one round trip) or by [`PgLedger::flush`].
    pending: Pending,
}

impl<'t, 'c> PgLedger<'t, 'c> {
    pub fn new(tx: &'t mut Tx<'c>, studio: &'t str) -> Self {
        PgLedger {
            tx,
            studio,
            pending: Pending::default(),
        }
    }

    /// Writes the rows still pending (a write that stamps nothing, such as a studio
    /// change); the caller's last step before committing.
    pub fn flush(&mut self) -> Result<(), StorageError> {
        self.pending.flush(self.tx, self.studio)
    }
}

impl Ledger for PgLedger<'_, '_> {
    type Error = StorageError;

    fn booking(&mut self, id: Uuid, lock: bool) -> Result<Option<BookingRecord>, StorageError> {
        rows::booking(self.tx, self.studio, id, lock)
    }

    fn series_bookings(
        &mut self,
        series: Uuid,
        from: Option<DateTime<Utc>>,
        statuses: &[BookingStatus],
    ) -> Result<Vec<BookingRecord>, StorageError> {
        let statuses: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
        rows::bookings(
            self.tx,
            "WHERE studio = $1 AND series = $2 AND ($3::timestamptz IS NULL OR start_at >= $3)
               AND status = ANY($4) ORDER BY start_at FOR UPDATE",
            &[&self.studio, &series, &from, &statuses],
        )
    }

    fn lock_days(
        &mut self,
        calendar: &Calendar,
        spans: &[(RoomId, Span)],
    ) -> Result<(), StorageError> {
        locks::lock_days(self.tx, self.studio, calendar, spans)
    }

    fn checked_against(
        &mut self,
        calendar: &Calendar,
        room: &RoomId,
        window: (DateTime<Utc>, DateTime<Utc>),
        now: DateTime<Utc>,
    ) -> Result<(Occupancy, Cow<'_, HoldBook>), StorageError> {
        let (booked, holds) =
            locks::checked_against(self.tx, self.studio, calendar, room.as_str(), window, now)?;
        Ok((booked, Cow::Owned(holds)))
    }

    fn insert_booking(&mut self, _: &Calendar, r: &BookingRecord) -> Result<bool, StorageError> {
        rows::insert(self.tx, self.studio, r)
    }

    fn update_booking(
        &mut self,
        _: &Calendar,
        _old: &BookingRecord,
        r: &BookingRecord,
    ) -> Result<(), StorageError> {
        rows::update(self.tx, self.studio, r)
    }

    fn release_holds(
        &mut self,
        calendar: &Calendar,
        session: SessionId,
    ) -> Result<(), StorageError> {
        locks::release(self.tx, self.studio, calendar, session)?;
        Ok(())
    }

    fn stamp_booking(&mut self, id: Uuid, _: DateTime<Utc>) -> Result<BookingRecord, StorageError> {
        let row =
            self.pending
                .stamp(self.tx, self.studio, "bookings", rows::BOOKING_COLUMNS, id)?;
        rows::record(&row)
    }

    fn stored_studio(&mut self) -> Result<StoredStudio, StorageError> {
        studio_rows::stored(self.tx, self.studio)
    }

    fn count_bookings(&mut self) -> Result<u64, StorageError> {
        studio_rows::count_bookings(self.tx, self.studio)
    }

    fn bookings_ahead(
        &mut self,
        room: &RoomId,
        from: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StorageError> {
        rows::bookings(
            self.tx,
            "WHERE studio = $1 AND room = $2 AND end_at > $3 AND status = 'confirmed'
             ORDER BY start_at",
            &[&self.studio, &room.as_str(), &from],
        )
    }

    fn note_departures(
        &mut self,
        before: &[StaffDto],
        after: &[StaffDto],
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        studio_rows::note_departures(self.tx, self.studio, before, after, now)
    }

    fn save_studio(
        &mut self,
        studio: &Studio,
        staff: Option<&[StaffDto]>,
        version: i64,
    ) -> Result<(), StorageError> {
        studio_rows::save(self.tx, self.studio, studio, staff, version)
    }

    fn customer(&mut self, id: Uuid, lock: bool) -> Result<Option<CustomerRecord>, StorageError> {
        let tail = if lock {
            "WHERE studio = $1 AND id = $2 FOR UPDATE"
        } else {
            "WHERE studio = $1 AND id = $2"
        };
        Ok(customers::customers(self.tx, tail, &[&self.studio, &id])?.pop())
    }

    fn customer_with(
        &mut self,
        key: CustomerKey<'_>,
    ) -> Result<Option<CustomerRecord>, StorageError> {
        let (column, key) = match key {
            CustomerKey::Phone(key) => ("phone_key", key),
            CustomerKey::Email(key) => ("email_key", key),
        };
        let tail = format!(
            "WHERE studio = $1 AND {column} = $2 ORDER BY merged_into IS NOT NULL, id LIMIT 1"
        );
        Ok(customers::customers(self.tx, &tail, &[&self.studio, &key])?.pop())
    }

    fn insert_customer(
        &mut self,
        c: &CustomerRecord,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let made = self.tx.execute(
            "INSERT INTO customers (studio, id, name, phone, email, notes, phone_key, email_key,
                 merged_into, version, seq, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11) ON CONFLICT DO NOTHING",
            &[
                &self.studio,
                &c.id,
                &c.name,
                &c.phone,
                &c.email,
                &c.notes,
                &phone_key(c.phone.as_deref()),
                &email_key(c.email.as_deref()),
                &c.merged_into,
                &c.version,
                &now,
            ],
        )?;
        Ok(made == 1)
    }

    fn update_customer(
        &mut self,
        c: &CustomerRecord,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.tx.execute(
            "UPDATE customers SET name = $3, phone = $4, email = $5, notes = $6, phone_key = $7,
                 email_key = $8, merged_into = $9, version = $10, updated_at = $11
             WHERE studio = $1 AND id = $2",
            &[
                &self.studio,
                &c.id,
                &c.name,
                &c.phone,
                &c.email,
                &c.notes,
                &phone_key(c.phone.as_deref()),
                &email_key(c.email.as_deref()),
                &c.merged_into,
                &c.version,
                &now,
            ],
        )?;
        Ok(())
    }

    fn relink_bookings(&mut self, gone: Uuid, keep: Uuid) -> Result<(), StorageError> {
        self.tx.execute(
            "UPDATE bookings SET customer_id = $3 WHERE studio = $1 AND customer_id = $2",
            &[&self.studio, &gone, &keep],
        )?;
        Ok(())
    }

    fn stamp_customer(
        &mut self,
        id: Uuid,
        _: DateTime<Utc>,
    ) -> Result<CustomerRecord, StorageError> {
        let row = self
            .pending
            .stamp(self.tx, self.studio, "customers", customers::COLUMNS, id)?;
        customers::record(&row)
    }

    /// Pending until the write's stamp (`stamp`).
    fn audit(
        &mut self,
        now: DateTime<Utc>,
        who: Who<'_>,
        action: &str,
        booking: Option<Uuid>,
        detail: &Value,
    ) -> Result<(), StorageError> {
        self.flush()?;
        self.pending.audit = Some(AuditRow {
            at: now,
            desk: who.desk.to_owned(),
            staff: who
                .staff
                .map(|s| serde_json::to_value(s).unwrap_or(Value::Null)),
            action: action.to_owned(),
            booking,
            detail: detail.clone(),
        });
        Ok(())
    }

    /// Pending until the write's stamp (`stamp`).
    fn applied(
        &mut self,
        mutation: Uuid,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        if self.pending.applied.is_some() {
            self.flush()?;
        }
        self.pending.applied = Some((mutation, id, now));
        Ok(())
    }

    fn was_applied(&mut self, mutation: Uuid) -> Result<bool, StorageError> {
        Ok(rows::push_record(self.tx, self.studio, mutation)?
            .is_some_and(|r| r.status == "applied"))
    }

    /// The server has no outbox: only a desk working offline queues work.
    fn queue(&mut self, _: &OutboxEntry, _: DateTime<Utc>) -> Result<(), StorageError> {
        Err(StorageError::Store(StoreError::Corrupt(
            "an outbox row was asked of the server, which has no outbox".into(),
        )))
    }
    fn queue_message(&mut self, m: &NewMessage, now: DateTime<Utc>) -> Result<(), StorageError> {
        super::messages::insert(self.tx, self.studio, m, now)
    }

    fn cancel_reminders(&mut self, booking: Uuid, _: DateTime<Utc>) -> Result<(), StorageError> {
        super::messages::cancel_reminders(self.tx, self.studio, booking)
    }

    fn online_settings(&mut self) -> Result<OnlineBooking, StorageError> {
        Ok(super::online::read_settings(self.tx, self.studio)?.0)
    }

    fn reminder_consent(&mut self, key: &str) -> Result<Option<ReminderConsent>, StorageError> {
        super::consent::read(self.tx, self.studio, key)
    }

    fn record_consent(&mut self, key: &str, choice: &ReminderConsent) -> Result<(), StorageError> {
        super::consent::write(self.tx, self.studio, key, choice)
    }
}
