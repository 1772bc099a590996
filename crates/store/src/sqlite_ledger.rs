//! The write engine's [`Ledger`] on a SQLite transaction: the desk's file and the
//! one-studio server.
//!
//! - Locks: the transaction is `IMMEDIATE`, so it holds the file's one write lock from its
//!   start; [`Ledger::lock_days`] has nothing more to lock.
//! - What a span is checked against: the `day_masks` rows, which this ledger keeps in step
//!   with every booking row it writes: a new booking's quanta are marked; the days a
//!   changed or cancelled one leaves are rebuilt from the bookings that still hold time (a
//!   pending booking and the server's booking of the same time may overlap until their
//!   conflict is settled, so freeing one's quanta must not free the other's).
//! - Holds live in memory ([`HoldBook`]); a session's holds are released by the caller
//!   once the transaction has committed ([`SqliteLedger::released`]), so a rolled-back write
//!   keeps them.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_core::{Calendar, DayMask, HoldBook, Occupancy, RoomId, SessionId, Span, Studio};
use frontdesk_protocol::{OnlineBooking, StaffDto};
use rusqlite::{params, Connection};
use serde_json::Value;
use uuid::Uuid;

use crate::audit::Who;
use crate::bookings::{get, next_seq, query};
use crate::customers::{
    email_key, get_customer, phone_key, query_customers, relink, CustomerRecord,
};
use crate::engine::studio::StoredStudio;
use crate::engine::{CustomerKey, Ledger};
use crate::messages::NewMessage;
use crate::outbox::OutboxEntry;
use crate::reminder_consent::ReminderConsent;
use crate::{
    audit, masks, outbox, push_log, staff, studio_rows, BookingRecord, BookingStatus, StoreError,
};

/// One SQLite transaction (or, for reads, the connection) as the engine's ledger.
#[derive(Debug)]
pub struct SqliteLedger<'a> {
    tx: &'a Connection,
    holds: &'a HoldBook,
    released: Vec<SessionId>,
}

impl<'a> SqliteLedger<'a> {
    pub fn new(tx: &'a Connection, holds: &'a HoldBook) -> Self {
        SqliteLedger {
            tx,
            holds,
            released: Vec::new(),
        }
    }

    /// The sessions whose holds the caller releases after committing.
    pub fn released(self) -> Vec<SessionId> {
        self.released
    }

    /// Marks the quanta of a new booking that holds time (the masks stay the union of the
    /// bookings that hold time).
    fn mark(&self, calendar: &Calendar, record: &BookingRecord) -> Result<(), StoreError> {
        if !record.status.occupies() {
            return Ok(());
        }
        for (date, mask) in calendar.span_days(&record.span)?.masks() {
            masks::update(self.tx, &record.room, date, mask, DayMask::EMPTY)?;
        }
        Ok(())
    }
}

impl Ledger for SqliteLedger<'_> {
    type Error = StoreError;

    fn booking(&mut self, id: Uuid, _lock: bool) -> Result<Option<BookingRecord>, StoreError> {
        get(self.tx, id)
    }

    fn series_bookings(
        &mut self,
        series: Uuid,
        from: Option<DateTime<Utc>>,
        statuses: &[BookingStatus],
    ) -> Result<Vec<BookingRecord>, StoreError> {
        let statuses: Vec<String> = statuses
            .iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        let tail = format!(
            "WHERE series_id = ?1 AND (?2 IS NULL OR start_utc >= ?2) AND status IN ({})
             ORDER BY start_utc",
            statuses.join(", ")
        );
        query(
            self.tx,
            &tail,
            params![series.to_string(), from.map(|f| f.timestamp())],
        )
    }

    fn lock_days(&mut self, _: &Calendar, _: &[(RoomId, Span)]) -> Result<(), StoreError> {
        Ok(())
    }

    fn checked_against(
        &mut self,
        calendar: &Calendar,
        room: &RoomId,
        (from, to): (DateTime<Utc>, DateTime<Utc>),
        _: DateTime<Utc>,
    ) -> Result<(Occupancy, Cow<'_, HoldBook>), StoreError> {
        let mut booked = Occupancy::new();
        let (from, to) = (calendar.date_of(from), calendar.date_of(to));
        masks::load_range(self.tx, room, from, to, &mut booked)?;
        Ok((booked, Cow::Borrowed(self.holds)))
    }

    fn insert_booking(
        &mut self,
        calendar: &Calendar,
        r: &BookingRecord,
    ) -> Result<bool, StoreError> {
        let inserted = crate::booking_rows::insert(self.tx, r)?;
        if inserted {
            self.mark(calendar, r)?;
        }
        Ok(inserted)
    }

    fn update_booking(
        &mut self,
        calendar: &Calendar,
        old: &BookingRecord,
        r: &BookingRecord,
    ) -> Result<(), StoreError> {
        crate::booking_rows::update(self.tx, r)?;
        // The quanta a booking gives up may be held by another one too (a pending booking
        // and the server's booking of the same time both hold it until the conflict is
        // settled), so the days it leaves are rebuilt from the bookings that hold time
        // rather than cleared.
        let mut days: BTreeMap<&RoomId, Vec<NaiveDate>> = BTreeMap::new();
        for record in [old, r].into_iter().filter(|b| b.status.occupies()) {
            let span_days = calendar.span_days(&record.span)?;
            let dates = span_days.masks().map(|(date, _)| date);
            days.entry(&record.room).or_default().extend(dates);
        }
        for (room, dates) in days {
            crate::remote::rebuild_masks(self.tx, calendar, room, &dates)?;
        }
        Ok(())
    }

    fn release_holds(&mut self, _: &Calendar, session: SessionId) -> Result<(), StoreError> {
        self.released.push(session);
        Ok(())
    }

    fn stamp_booking(&mut self, id: Uuid, now: DateTime<Utc>) -> Result<BookingRecord, StoreError> {
        let seq = next_seq(self.tx, id, now)?;
        crate::booking_rows::stamp(self.tx, id, seq)
    }

    fn stored_studio(&mut self) -> Result<StoredStudio, StoreError> {
        Ok(StoredStudio {
            version: crate::studio_edit::version(self.tx)?,
            studio: studio_rows::load(self.tx)?.ok_or(StoreError::NoStudio)?,
            staff: staff::load(self.tx)?,
        })
    }

    fn count_bookings(&mut self) -> Result<u64, StoreError> {
        Ok(self
            .tx
            .query_row("SELECT COUNT(*) FROM bookings", [], |r| r.get(0))?)
    }

    fn bookings_ahead(
        &mut self,
        room: &RoomId,
        from: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StoreError> {
        query(
            self.tx,
            "WHERE room = ?1 AND end_utc > ?2 AND status IN ('confirmed', 'pending')
             ORDER BY start_utc",
            params![room.as_str(), from.timestamp()],
        )
    }

    fn note_departures(
        &mut self,
        before: &[StaffDto],
        after: &[StaffDto],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        for gone in staff::departed(before, after) {
            self.tx.execute(
                "INSERT INTO staff_departures (staff_id, name, left_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (staff_id) DO UPDATE SET name = ?2, left_at = ?3",
                params![gone.id.to_string(), gone.name, now.timestamp()],
            )?;
        }
        for m in after {
            self.tx.execute(
                "DELETE FROM staff_departures WHERE staff_id = ?1",
                [m.id.to_string()],
            )?;
        }
        Ok(())
    }

    fn save_studio(
        &mut self,
        studio: &Studio,
        members: Option<&[StaffDto]>,
        version: i64,
    ) -> Result<(), StoreError> {
        studio_rows::save(self.tx, studio)?;
        if let Some(members) = members {
            staff::replace(self.tx, members)?;
        }
        self.tx
            .execute("UPDATE studio SET version = ?1 WHERE id = 1", [version])?;
        Ok(())
    }

    fn customer(&mut self, id: Uuid, _lock: bool) -> Result<Option<CustomerRecord>, StoreError> {
        get_customer(self.tx, id)
    }

    fn customer_with(
        &mut self,
        key: CustomerKey<'_>,
    ) -> Result<Option<CustomerRecord>, StoreError> {
        let (column, key) = match key {
            CustomerKey::Phone(key) => ("phone_key", key),
            CustomerKey::Email(key) => ("email_key", key),
        };
        let tail = format!("WHERE {column} = ?1 ORDER BY merged_into IS NOT NULL, id LIMIT 1");
        Ok(query_customers(self.tx, &tail, [key])?.pop())
    }

    fn insert_customer(
        &mut self,
        c: &CustomerRecord,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO customers (id, name, phone, email, notes, phone_key, email_key,
                     merged_into, version, seq, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10) ON CONFLICT (id) DO NOTHING",
            )?
            .execute(params![
                c.id.to_string(),
                c.name,
                c.phone,
                c.email,
                c.notes,
                phone_key(c.phone.as_deref()),
                email_key(c.email.as_deref()),
                c.merged_into.map(|m| m.to_string()),
                c.version,
                now.timestamp()
            ])?;
        Ok(inserted == 1)
    }

    fn update_customer(
        &mut self,
        c: &CustomerRecord,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "UPDATE customers SET name = ?2, phone = ?3, email = ?4, notes = ?5, phone_key = ?6,
                     email_key = ?7, merged_into = ?8, version = ?9, updated_at = ?10
                 WHERE id = ?1",
            )?
            .execute(params![
                c.id.to_string(),
                c.name,
                c.phone,
                c.email,
                c.notes,
                phone_key(c.phone.as_deref()),
                email_key(c.email.as_deref()),
                c.merged_into.map(|m| m.to_string()),
                c.version,
                now.timestamp()
            ])?;
        Ok(())
    }

    fn relink_bookings(&mut self, gone: Uuid, keep: Uuid) -> Result<(), StoreError> {
        relink(self.tx, gone, keep)
    }

    fn stamp_customer(
        &mut self,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<CustomerRecord, StoreError> {
        let seq = next_seq(self.tx, id, now)?;
        self.tx
            .prepare_cached("UPDATE customers SET seq = ?2 WHERE id = ?1")?
            .execute(params![id.to_string(), seq])?;
        get_customer(self.tx, id)?.ok_or(StoreError::NoCustomer(id))
    }

    fn audit(
        &mut self,
        now: DateTime<Utc>,
        who: Who<'_>,
        action: &str,
        booking: Option<Uuid>,
        detail: &Value,
    ) -> Result<(), StoreError> {
        audit::record(self.tx, now, who, action, booking, detail)
    }

    fn applied(&mut self, mutation: Uuid, id: Uuid, now: DateTime<Utc>) -> Result<(), StoreError> {
        push_log::record_applied(self.tx, mutation, id, now)
    }

    fn was_applied(&mut self, mutation: Uuid) -> Result<bool, StoreError> {
        push_log::was_applied(self.tx, mutation)
    }

    fn queue(&mut self, entry: &OutboxEntry, now: DateTime<Utc>) -> Result<(), StoreError> {
        outbox::enqueue(self.tx, entry, now)
    }

    fn queue_message(&mut self, m: &NewMessage, now: DateTime<Utc>) -> Result<(), StoreError> {
        crate::messages::insert(self.tx, m, now)
    }

    fn cancel_reminders(&mut self, booking: Uuid, _: DateTime<Utc>) -> Result<(), StoreError> {
        crate::messages::cancel_reminders(self.tx, booking)
    }

    fn online_settings(&mut self) -> Result<OnlineBooking, StoreError> {
        Ok(crate::online_booking::read_settings(self.tx)?.0)
    }

    fn reminder_consent(&mut self, key: &str) -> Result<Option<ReminderConsent>, StoreError> {
        crate::reminder_consent::read(self.tx, key)
    }

    fn record_consent(&mut self, key: &str, choice: &ReminderConsent) -> Result<(), StoreError> {
        crate::reminder_consent::write(self.tx, key, choice)
    }
}
