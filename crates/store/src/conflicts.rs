//! Bookings the server refused (conflicts) and what staff do with them: keep, move, cancel;
//! and the counts the status bar shows.

use chrono::{DateTime, Utc};
use frontdesk_core::{DayMask, Occupancy, Span};
use rusqlite::{params, TransactionBehavior};
use serde_json::json;
use uuid::Uuid;

use crate::bookings::{get, BookingRecord, BookingStatus};
use crate::remote::set_status;
use crate::{audit, masks, outbox, Store, StoreError, WriteContext};

impl Store {
    /// The server refused a booking made offline: it stays stored, marked `conflict` with
    /// the reason, and stops holding time here until staff move or cancel it.
    pub fn mark_conflict(
        &mut self,
        id: Uuid,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<BookingRecord, StoreError> {
        self.set_local_status(id, BookingStatus::Conflict, Some(reason), now)
    }

    /// Staff cancel a booking in conflict (the server never had it).
    pub fn discard_conflict(
        &mut self,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<BookingRecord, StoreError> {
        self.set_local_status(
            id,
            BookingStatus::Cancelled,
            Some("cancelled after a sync conflict"),
            now,
        )
    }

    /// Staff move a booking in conflict to another room or time: checked like a new
    /// booking, then pending again with a new createBooking mutation in the outbox.
    pub fn move_conflict(
        &mut self,
        id: Uuid,
        room: &str,
        span: Span,
        ctx: &WriteContext<'_>,
    ) -> Result<BookingRecord, StoreError> {
        let now = ctx.now;
        let target = self.studio.room(room)?;
        let (room, changeover) = (target.id.clone(), target.changeover);
        let calendar = self.studio.calendar.clone();
        let days = calendar.span_days(&span)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let booking = get(&tx, id)?.ok_or(StoreError::NotFound(id))?;
        if booking.status != BookingStatus::Conflict {
            return Err(StoreError::NotInConflict(id));
        }
        let mut booked = Occupancy::new();
        masks::load_around(&tx, &calendar, &room, &span, changeover, &mut booked)?;
        frontdesk_core::admit_booking(
            &calendar,
            &room,
            &span,
            changeover,
            None,
            &booked,
            &self.holds,
            now,
        )?;
        for (date, mask) in days.masks() {
            masks::update(&tx, &room, date, mask, DayMask::EMPTY)?;
        }
        tx.prepare_cached(
            "UPDATE bookings SET room = ?2, start_utc = ?3, end_utc = ?4, status = 'pending', status_reason = NULL,
                 updated_at = ?5 WHERE id = ?1",
        )?
        .execute(params![id.to_string(), room.as_str(), span.start().timestamp(), span.end().timestamp(), now.timestamp()])?;
        audit::record(
            &tx,
            now,
            ctx.who(),
            "move",
            Some(id),
            &json!({"room": room.as_str(), "start": span.start(), "end": span.end()}),
        )?;
        if let Some(entry) = ctx.outbox {
            outbox::enqueue(&tx, entry, now)?;
        }
        let record = get(&tx, id)?.ok_or(StoreError::NotFound(id))?;
        tx.commit()?;
        Ok(record)
    }

    fn set_local_status(
        &mut self,
        id: Uuid,
        status: BookingStatus,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<BookingRecord, StoreError> {
        let calendar = self.studio.calendar.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        set_status(&tx, &calendar, id, status, reason, now)?;
        let record = get(&tx, id)?.ok_or(StoreError::NotFound(id))?;
        tx.commit()?;
        Ok(record)
    }

    /// Bookings in conflict, oldest first.
    pub fn conflicts(&self) -> Result<Vec<BookingRecord>, StoreError> {
        crate::bookings::query(
            &self.conn,
            "WHERE status = 'conflict' ORDER BY start_utc",
            [],
        )
    }

    /// Number of bookings in conflict.
    pub fn conflict_count(&self) -> Result<u64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM bookings WHERE status = 'conflict'",
            [],
            |r| r.get(0),
        )?)
    }

    /// Number of bookings waiting for the server (pending).
    pub fn pending_count(&self) -> Result<u64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM bookings WHERE status = 'pending'",
            [],
            |r| r.get(0),
        )?)
    }
}
