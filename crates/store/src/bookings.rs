//! Booking rows. Creating and cancelling are each one transaction: the booking row, its
//! day masks, an audit row, a change-log row and (on a desk working offline) an outbox row.

use chrono::{DateTime, Utc};
use frontdesk_core::{Customer, RoomId, SessionId, Span};
use frontdesk_protocol::StaffRef;
use rusqlite::{params, Connection};
use uuid::Uuid;

pub(crate) use crate::booking_rows::{get, query, query_limited};
use crate::outbox::OutboxEntry;
use crate::{audit, engine, Store, StoreError};

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
    /// The recurring series it is an occurrence of.
    pub series: Option<Uuid>,
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
    /// The recurring series it is an occurrence of.
    pub series: Option<Uuid>,
    /// The customer record it belongs to (see [`crate::customers`]).
    pub customer_id: Option<Uuid>,
    /// What a late cancellation or a no-show left owed, and its waiver (see [`crate::fees`]).
    pub fee: Option<crate::fees::BookingFee>,
    /// Made online and waiting for staff approval (see `OnlineBooking::approval`).
    pub awaiting_approval: bool,
    /// The deposit it asks for, minor units, as the terms and its price said when it was
    /// made (`frontdesk_core::deposit`).
    pub deposit: Option<u64>,
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
    /// A server's write: the messages to customers it queues (`None` on a desk, which
    /// sends none).
    pub messages: Option<crate::messages::MessagePolicy>,
}

impl<'a> WriteContext<'a> {
    pub fn new(desk: &'a str, now: DateTime<Utc>) -> Self {
        WriteContext {
            desk,
            now,
            outbox: None,
            mutation: None,
            staff: None,
            messages: None,
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

    /// The write of a server that sends messages to customers as `policy` says.
    pub fn sending(self, policy: crate::messages::MessagePolicy) -> Self {
        WriteContext {
            messages: Some(policy),
            ..self
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

    /// Checks and stores a booking in one transaction (the steps:
    /// [`crate::engine::bookings::create`]); on success the session's own holds are
    /// released. The same id with the same content again returns the stored booking
    /// unchanged; the same id with other content is [`StoreError::IdReused`].
    pub fn create_booking(
        &mut self,
        new: &NewBooking,
        status: BookingStatus,
        ctx: &WriteContext<'_>,
    ) -> Result<(BookingRecord, WriteOutcome), StoreError> {
        self.write(|l, studio| engine::bookings::create(l, studio, new, status, ctx))
    }

    /// Cancels a booking in one transaction; its time is free at once. Cancelling a
    /// cancelled booking changes nothing.
    pub fn cancel_booking(
        &mut self,
        id: Uuid,
        reason: Option<&str>,
        ctx: &WriteContext<'_>,
    ) -> Result<(BookingRecord, WriteOutcome), StoreError> {
        self.write(|l, studio| engine::bookings::cancel(l, studio, id, reason, ctx))
    }
}
