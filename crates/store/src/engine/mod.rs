//! The write engine: every write of the domain written once — a booking made, changed
//! (each kind) or cancelled, a series booked, cancelled or moved from an occurrence on, a
//! customer made, edited or merged — as a sequence of steps over [`Ledger`], a small
//! transactional interface of rows and locks — and an administrator's change of the
//! studio.
//!
//! Two databases implement the ledger and nothing else of a write: SQLite
//! ([`crate::sqlite_ledger`], the desk's file and the one-studio server) and PostgreSQL
//! (the server's `storage/postgres/ledger.rs`, for chains). A new write rule is written
//! here, once, and both databases follow it; the differential test
//! (`crates/server/tests/differential.rs`) checks that they give the same answers and end
//! in the same state.
//!
//! Each engine function runs inside the caller's transaction and writes nothing the caller
//! would have to undo: on an error the caller rolls back.
//!
//! The order of the steps matters to PostgreSQL and costs SQLite nothing, so it is the
//! same for both:
//! 1. read the record (locked) and check the rules (`change_rules`, customer rules);
//! 2. lock the room-days a span touches, in (room, date) order, then read what it is
//!    checked against (bookings and live holds of a window) and admit it with the same
//!    engine the desk uses (`frontdesk_core::admit_booking`, `admit_move`);
//! 3. write the rows, release the session's holds, write the audit, outbox, push-log and
//!    (on a server) customer-message rows (`crate::messages`);
//! 4. stamp the change log last (on PostgreSQL the head stays locked until commit).

pub mod bookings;
pub mod customers;
pub mod series;
pub mod studio;

use std::borrow::Cow;

use chrono::{DateTime, Duration, Utc};
use frontdesk_core::{Calendar, HoldBook, Occupancy, RoomId, SessionId, Span, Studio};
use frontdesk_protocol::{OnlineBooking, StaffDto};
use serde_json::Value;
use uuid::Uuid;

use crate::audit::Who;
use crate::customers::CustomerRecord;
use crate::messages::NewMessage;
use crate::outbox::OutboxEntry;
use crate::reminder_consent::ReminderConsent;
use crate::{BookingRecord, BookingStatus, StoreError};

/// A stretch of time `[from, to)` whose bookings and holds a check reads.
pub type Window = (DateTime<Utc>, DateTime<Utc>);

/// A customer key a booking's details are matched on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerKey<'a> {
    /// The last digits of a phone number (`customers::phone_key`).
    Phone(&'a str),
    /// An email address without case (`customers::email_key`).
    Email(&'a str),
}

/// The rows and locks of one transaction, as the engine sees them. Each database
/// implements these with its own SQL; the engine decides what is written when.
pub trait Ledger {
    /// What a step fails with: the domain's errors ([`StoreError`]) and the database's.
    type Error: From<StoreError>;

    /// A booking, locked against concurrent writers when `lock`.
    fn booking(&mut self, id: Uuid, lock: bool) -> Result<Option<BookingRecord>, Self::Error>;
    /// The bookings of a series with one of `statuses`, starting at or after `from` (all
    /// with `None`), locked, in time order.
    fn series_bookings(
        &mut self,
        series: Uuid,
        from: Option<DateTime<Utc>>,
        statuses: &[BookingStatus],
    ) -> Result<Vec<BookingRecord>, Self::Error>;
    /// Locks the room-days `spans` touch, in (room, date) order, until the transaction
    /// ends: writers of the same days queue here instead of deadlocking.
    fn lock_days(
        &mut self,
        calendar: &Calendar,
        spans: &[(RoomId, Span)],
    ) -> Result<(), Self::Error>;
    /// What a span on `room` within `window` is checked against: the booked quanta of
    /// every date the window touches (bookings that hold time; on the server only
    /// confirmed ones) and the live holds of every session there.
    fn checked_against(
        &mut self,
        calendar: &Calendar,
        room: &RoomId,
        window: Window,
        now: DateTime<Utc>,
    ) -> Result<(Occupancy, Cow<'_, HoldBook>), Self::Error>;
    /// Writes a new booking (its `seq` is stamped later; its quanta are those of
    /// `calendar`); false if a booking of that id exists already (another writer committed
    /// it meanwhile).
    fn insert_booking(
        &mut self,
        calendar: &Calendar,
        record: &BookingRecord,
    ) -> Result<bool, Self::Error>;
    /// Writes `new` over `old` (same id): every column but `seq`.
    fn update_booking(
        &mut self,
        calendar: &Calendar,
        old: &BookingRecord,
        new: &BookingRecord,
    ) -> Result<(), Self::Error>;
    /// Releases every hold of `session` once the transaction commits.
    fn release_holds(&mut self, calendar: &Calendar, session: SessionId)
        -> Result<(), Self::Error>;
    /// Raises the change log's head, stamps booking `id` with it and answers the booking
    /// as stored. The last step of a write.
    fn stamp_booking(&mut self, id: Uuid, now: DateTime<Utc>)
        -> Result<BookingRecord, Self::Error>;

    /// The studio as stored (its version, rooms and hours, staff), locked.
    fn stored_studio(&mut self) -> Result<studio::StoredStudio, Self::Error>;
    /// How many bookings the studio has, of any status.
    fn count_bookings(&mut self) -> Result<u64, Self::Error>;
    /// The bookings of `room` that hold time and end after `from`, in time order.
    fn bookings_ahead(
        &mut self,
        room: &RoomId,
        from: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, Self::Error>;
    /// Notes the members of `before` that `after` leaves out as gone at `now` (one who
    /// comes back is no longer).
    fn note_departures(
        &mut self,
        before: &[StaffDto],
        after: &[StaffDto],
        now: DateTime<Utc>,
    ) -> Result<(), Self::Error>;
    /// Saves the studio (and `staff`, if given) at `version`.
    fn save_studio(
        &mut self,
        studio: &Studio,
        staff: Option<&[StaffDto]>,
        version: i64,
    ) -> Result<(), Self::Error>;

    /// A customer record, locked when `lock`.
    fn customer(&mut self, id: Uuid, lock: bool) -> Result<Option<CustomerRecord>, Self::Error>;
    /// The record with this key, unmerged ones first.
    fn customer_with(
        &mut self,
        key: CustomerKey<'_>,
    ) -> Result<Option<CustomerRecord>, Self::Error>;
    /// Writes a new record (keys derived from its phone and email; `seq` stamped later);
    /// false if one of that id exists already.
    fn insert_customer(
        &mut self,
        record: &CustomerRecord,
        now: DateTime<Utc>,
    ) -> Result<bool, Self::Error>;
    /// Writes `record` over the stored one (keys derived again): every column but `seq`.
    fn update_customer(
        &mut self,
        record: &CustomerRecord,
        now: DateTime<Utc>,
    ) -> Result<(), Self::Error>;
    /// The bookings of customer `gone` become `keep`'s.
    fn relink_bookings(&mut self, gone: Uuid, keep: Uuid) -> Result<(), Self::Error>;
    /// Raises the change log's head and stamps customer `id` with it; the record as stored.
    fn stamp_customer(
        &mut self,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<CustomerRecord, Self::Error>;

    /// An audit row: who did what (to which booking), when.
    fn audit(
        &mut self,
        now: DateTime<Utc>,
        who: Who<'_>,
        action: &str,
        booking: Option<Uuid>,
        detail: &Value,
    ) -> Result<(), Self::Error>;
    /// The sync mutation `mutation` applied to record `id`: its push-log row.
    fn applied(&mut self, mutation: Uuid, id: Uuid, now: DateTime<Utc>) -> Result<(), Self::Error>;
    /// Whether `mutation` was applied before.
    fn was_applied(&mut self, mutation: Uuid) -> Result<bool, Self::Error>;
    /// Queues offline work for the server (a desk's outbox row).
    fn queue(&mut self, entry: &OutboxEntry, now: DateTime<Utc>) -> Result<(), Self::Error>;

    /// Queues a message to a customer (a server's write; the same id twice is one row).
    fn queue_message(
        &mut self,
        message: &NewMessage,
        now: DateTime<Utc>,
    ) -> Result<(), Self::Error>;
    /// Cancels booking `booking`'s reminders not sent yet.
    fn cancel_reminders(&mut self, booking: Uuid, now: DateTime<Utc>) -> Result<(), Self::Error>;
    /// The studio's online booking settings in this transaction (what its messages need:
    /// how long before the start the reminder goes, and whether by SMS too).
    fn online_settings(&mut self) -> Result<OnlineBooking, Self::Error>;
    /// The reminder choice recorded for the address `key` (an `email_key`).
    fn reminder_consent(&mut self, key: &str) -> Result<Option<ReminderConsent>, Self::Error>;
    /// Records `choice` for the address `key` (turning reminders off cancels its pending
    /// ones).
    fn record_consent(&mut self, key: &str, choice: &ReminderConsent) -> Result<(), Self::Error>;
}

/// A window around `span` wide enough for every mask its checks read.
pub fn around(span: &Span) -> Window {
    (
        span.start() - Duration::days(1),
        span.end() + Duration::days(1),
    )
}
