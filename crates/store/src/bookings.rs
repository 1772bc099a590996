//! Booking rows. Creating and cancelling are each one transaction: the booking row, its
//! day masks, an audit row, a change-log row and (on a desk working offline) an outbox row.

use chrono::{DateTime, Utc};
use frontdesk_core::{admit_booking, Customer, DayMask, Occupancy, RoomId, SessionId, Span};
use frontdesk_protocol::StaffRef;
use rusqlite::{params, Connection, TransactionBehavior};
use serde_json::json;
use uuid::Uuid;

pub(crate) use crate::booking_rows::{get, query, query_limited};
use crate::outbox::{self, OutboxEntry};
use crate::{audit, masks, Store, StoreError};

/// Where a booking stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BookingStatus {
    /// Accepted by the authority (the server, or this store when it is the server).
    Confirmed,
    /// Committed at a desk while offline; waits in the outbox for the server.
    Pending,
    /// Cancelled: its time is free.
    Cancelled,
    /// Rejected by the server after being booked offline: kept and shown until staff
    /// move or cancel it. Its time is not held locally.
    Conflict,
}

impl BookingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            BookingStatus::Confirmed => "confirmed",
            BookingStatus::Pending => "pending",
            BookingStatus::Cancelled => "cancelled",
            BookingStatus::Conflict => "conflict",
        }
    }

    pub fn parse(text: &str) -> Option<BookingStatus> {
        Some(match text {
            "confirmed" => BookingStatus::Confirmed,
            "pending" => BookingStatus::Pending,
            "cancelled" => BookingStatus::Cancelled,
            "conflict" => BookingStatus::Conflict,
            _ => return None,
        })
    }

    /// Whether the booking's quanta are marked in the day masks.
    pub fn occupies(self) -> bool {
        matches!(self, BookingStatus::Confirmed | BookingStatus::Pending)
    }
}

/// A booking as asked for, before validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBooking {
    pub id: Uuid,
    pub room: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub note: Option<String>,
    /// The booking session whose holds this booking turns into (released on success).
    pub session: Option<SessionId>,
}

/// A stored booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingRecord {
    pub id: Uuid,
    pub room: RoomId,
    pub span: Span,
    pub customer: Customer,
    pub note: Option<String>,
    pub status: BookingStatus,
    pub desk: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The change-log sequence of the booking's last change.
    pub seq: i64,
    /// Why it was cancelled, or why the server rejected it.
    pub status_reason: Option<String>,
    /// The price it was made at, in minor units of the studio's currency (None for
    /// bookings made before prices existed). A later change of rates does not alter it.
    pub price: Option<u64>,
    /// Raised by every change; 1 when made.
    pub version: i64,
    /// When the customer arrived.
    pub checked_in_at: Option<DateTime<Utc>>,
    /// The customer did not come.
    pub no_show: bool,
    pub payment: frontdesk_protocol::PaymentDto,
}

/// Who writes, when, and what to queue with the write.
#[derive(Debug, Clone, Copy)]
pub struct WriteContext<'a> {
    /// The desk (or server) the booking and audit rows name.
    pub desk: &'a str,
    pub now: DateTime<Utc>,
    /// The mutation to queue for the server in the same transaction (offline desk).
    pub outbox: Option<&'a OutboxEntry>,
    /// The sync mutation this write answers (server): its push-log row commits with it.
    pub mutation: Option<Uuid>,
    /// The staff member making the change, for the audit row.
    pub staff: Option<&'a StaffRef>,
}

impl<'a> WriteContext<'a> {
    pub fn new(desk: &'a str, now: DateTime<Utc>) -> Self {
        WriteContext {
            desk,
            now,
            outbox: None,
            mutation: None,
            staff: None,
        }
    }

    pub fn by(self, staff: Option<&'a StaffRef>) -> Self {
        WriteContext { staff, ..self }
    }

    /// Who the audit row names.
    pub fn who(&self) -> audit::Who<'a> {
        audit::Who {
            desk: self.desk,
            staff: self.staff,
        }
    }

    pub fn for_mutation(self, mutation: Uuid) -> Self {
        WriteContext {
            mutation: Some(mutation),
            ..self
        }
    }

    pub fn with_outbox(self, outbox: &'a OutboxEntry) -> Self {
        WriteContext {
            outbox: Some(outbox),
            ..self
        }
    }
}

/// Whether a write changed anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    Applied,
    /// The same write had been done before (same id, same content): nothing changed.
    Duplicate,
}

pub(crate) fn clean(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

pub(crate) fn next_seq(
    conn: &Connection,
    booking: Uuid,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    conn.prepare_cached("INSERT INTO changes (booking_id, at) VALUES (?1, ?2)")?
        .execute(params![booking.to_string(), now.timestamp()])?;
    Ok(conn.last_insert_rowid())
}

impl Store {
    /// What `span` of `room` costs now, in minor units of the studio's currency.
    pub fn quote(&self, room: &str, span: &Span) -> Result<u64, StoreError> {
        let room = self.studio.room(room)?;
        Ok(room.pricing.price(&self.studio.calendar, span))
    }

    /// Checks and stores a booking in one transaction, re-checking the stored masks and the
    /// live holds of other sessions; on success the session's own holds are released.
    /// The same id with the same content again returns the stored booking unchanged; the
    /// same id with other content is [`StoreError::IdReused`].
    pub fn create_booking(
        &mut self,
        new: &NewBooking,
        status: BookingStatus,
        ctx: &WriteContext<'_>,
    ) -> Result<(BookingRecord, WriteOutcome), StoreError> {
        let now = ctx.now;
        let target = self.studio.room(&new.room)?;
        let (room, changeover) = (target.id.clone(), target.changeover);
        let customer = Customer::new(&new.name, new.phone.as_deref(), new.email.as_deref())?;
        let span = Span::new(new.start, new.end)?;
        let price = self.quote(room.as_str(), &span)?;
        let note = clean(&new.note);
        let calendar = &self.studio.calendar;
        let days = calendar.span_days(&span)?;

        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(existing) = get(&tx, new.id)? {
            let same = existing.room == room
                && existing.span == span
                && existing.customer == customer
                && existing.note == note;
            return if same {
                Ok((existing, WriteOutcome::Duplicate))
            } else {
                Err(StoreError::IdReused(new.id))
            };
        }
        let mut booked = Occupancy::new();
        masks::load_around(&tx, calendar, &room, &span, changeover, &mut booked)?;
        admit_booking(
            calendar,
            &room,
            &span,
            changeover,
            new.session,
            &booked,
            &self.holds,
            now,
        )?;
        for (date, mask) in days.masks() {
            masks::update(&tx, &room, date, mask, DayMask::EMPTY)?;
        }
        let seq = next_seq(&tx, new.id, now)?;
        tx.prepare_cached(
            "INSERT INTO bookings (id, room, start_utc, end_utc, customer_name, customer_phone,
                 customer_email, note, status, desk, created_at, updated_at, seq, price)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13)",
        )?
        .execute(params![
            new.id.to_string(),
            room.as_str(),
            span.start().timestamp(),
            span.end().timestamp(),
            customer.name,
            customer.phone,
            customer.email,
            note,
            status.as_str(),
            ctx.desk,
            now.timestamp(),
            seq,
            i64::try_from(price).unwrap_or(i64::MAX)
        ])?;
        audit::record(
            &tx,
            now,
            ctx.who(),
            "create",
            Some(new.id),
            &json!({"room": room.as_str(), "start": span.start(), "end": span.end(), "status": status.as_str()}),
        )?;
        if let Some(entry) = ctx.outbox {
            outbox::enqueue(&tx, entry, now)?;
        }
        if let Some(mutation) = ctx.mutation {
            crate::push_log::record_applied(&tx, mutation, new.id, now)?;
        }
        let record = get(&tx, new.id)?.ok_or(StoreError::NotFound(new.id))?;
        tx.commit()?;
        if let Some(session) = new.session {
            self.holds.release(session);
        }
        Ok((record, WriteOutcome::Applied))
    }

    /// Cancels a booking in one transaction; its time is free at once. Cancelling a
    /// cancelled booking changes nothing.
    pub fn cancel_booking(
        &mut self,
        id: Uuid,
        reason: Option<&str>,
        ctx: &WriteContext<'_>,
    ) -> Result<(BookingRecord, WriteOutcome), StoreError> {
        let now = ctx.now;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let booking = get(&tx, id)?.ok_or(StoreError::NotFound(id))?;
        if booking.status == BookingStatus::Cancelled {
            return Ok((booking, WriteOutcome::Duplicate));
        }
        if booking.status.occupies() {
            let days = self.studio.calendar.span_days(&booking.span)?;
            for (date, mask) in days.masks() {
                masks::update(&tx, &booking.room, date, DayMask::EMPTY, mask)?;
            }
        }
        let reason = clean(&reason.map(str::to_owned));
        let seq = next_seq(&tx, id, now)?;
        tx.prepare_cached(
            "UPDATE bookings SET status = 'cancelled', status_reason = ?2, updated_at = ?3, seq = ?4,
                 version = version + 1
             WHERE id = ?1",
        )?
        .execute(params![id.to_string(), reason, now.timestamp(), seq])?;
        audit::record(
            &tx,
            now,
            ctx.who(),
            "cancel",
            Some(id),
            &json!({"reason": reason}),
        )?;
        if let Some(entry) = ctx.outbox {
            outbox::enqueue(&tx, entry, now)?;
        }
        if let Some(mutation) = ctx.mutation {
            crate::push_log::record_applied(&tx, mutation, id, now)?;
        }
        let record = get(&tx, id)?.ok_or(StoreError::NotFound(id))?;
        tx.commit()?;
        Ok((record, WriteOutcome::Applied))
    }

    pub fn booking(&self, id: Uuid) -> Result<Option<BookingRecord>, StoreError> {
        get(&self.conn, id)
    }

    /// Bookings that hold time (confirmed or pending) overlapping `[from, to)`, optionally of
    /// one room, in start order. No booking is longer than 14 days, which bounds the index
    /// range (1,209,600 s before `from`) whatever the history.
    pub fn bookings_between(
        &self,
        room: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StoreError> {
        query(
            &self.conn,
            "WHERE start_utc < ?2 AND start_utc > ?1 - 1209600 AND end_utc > ?1
               AND status IN ('confirmed', 'pending')
               AND (?3 IS NULL OR room = ?3)
             ORDER BY start_utc, room",
            params![from.timestamp(), to.timestamp(), room],
        )
    }

    /// Bookings whose customer name contains `text` (case-insensitive), newest first.
    pub fn search_bookings(
        &self,
        text: &str,
        limit: u32,
    ) -> Result<Vec<BookingRecord>, StoreError> {
        let pattern = format!(
            "%{}%",
            text.trim()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        query(
            &self.conn,
            "WHERE customer_name LIKE ?1 ESCAPE '\\' ORDER BY start_utc DESC LIMIT ?2",
            params![pattern, limit],
        )
    }

    /// Every booking created or changed after `since`, oldest change first, at most
    /// `limit`; the flag says whether more follow.
    pub fn changes_since(
        &self,
        since: i64,
        limit: u32,
    ) -> Result<(Vec<BookingRecord>, bool), StoreError> {
        let mut rows = query(
            &self.conn,
            "WHERE seq > ?1 ORDER BY seq LIMIT ?2",
            params![since, i64::from(limit) + 1],
        )?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        Ok((rows, more))
    }

    /// Every booking, for the consistency check.
    pub(crate) fn all_bookings(&self) -> Result<Vec<BookingRecord>, StoreError> {
        query(&self.conn, "ORDER BY start_utc", [])
    }
}
