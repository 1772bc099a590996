//! The server's storage, behind a trait so another database (PostgreSQL for large
//! installations) can serve the same routes. The SQLite `frontdesk_store::Store`, the
//! default, implements it (`storage/sqlite.rs`).
//!
//! Implementations must check holds and bookings under one lock or transaction: the routes
//! call every method with the storage locked, so one `&mut self` call is atomic.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_core::holds::{HoldView, HoldsSet};
use frontdesk_core::series::Occurrence;
use frontdesk_core::{DaySlots, Hold, RoomId, SeriesRule, SessionId, Studio};
use frontdesk_protocol::{ActivityEntry, ActivityQuery, StaffDto, StaffUpdate};
use frontdesk_store::audit::Who;
use frontdesk_store::booking_changes::Change;
use frontdesk_store::customer_search::CustomerSummary;
use frontdesk_store::customers::{CustomerEdit, CustomerRecord};
use frontdesk_store::push_log::PushRecord;
use frontdesk_store::series::{NewSeries, SeriesBooked, SeriesShift};
use frontdesk_store::{BookingRecord, NewBooking, RoomStatus, StoreError, WriteOutcome};
use uuid::Uuid;

/// Room-dates whose holds changed.
pub type HeldDays = BTreeSet<(RoomId, NaiveDate)>;

pub trait Storage: Send + 'static {
    fn studio(&self) -> &Studio;
    /// Creates a confirmed booking; releases the holds of its session.
    /// With `mutation`, the sync mutation is recorded as applied in the same transaction.
    fn create_booking(
        &mut self,
        new: &NewBooking,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(BookingRecord, WriteOutcome), StoreError>;
    fn cancel_booking(
        &mut self,
        id: Uuid,
        reason: Option<&str>,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(BookingRecord, WriteOutcome), StoreError>;
    /// Changes a booking if it is still at `version` (see `Store::change_booking`).
    fn change_booking(
        &mut self,
        id: Uuid,
        version: i64,
        change: &Change,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(BookingRecord, WriteOutcome), StoreError>;
    /// Every occurrence of a series, free or why not (see `Store::preview_series`).
    fn preview_series(
        &self,
        rule: &SeriesRule,
        session: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Occurrence>, StoreError>;
    /// Books every free occurrence in one transaction (see `Store::book_series`).
    fn book_series(
        &mut self,
        series: &NewSeries,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<SeriesBooked, StoreError>;
    /// Cancels an occurrence and all that follow it (see `Store::cancel_series_from`).
    fn cancel_series_from(
        &mut self,
        booking: Uuid,
        reason: Option<&str>,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StoreError>;
    /// Customers matching typed text (see `Store::find_customers`).
    fn find_customers(
        &self,
        text: &str,
        limit: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<CustomerSummary>, StoreError>;
    /// A customer (following a merge) and their bookings, newest first.
    fn customer_page(
        &self,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Option<(CustomerSummary, Vec<BookingRecord>)>, StoreError>;
    fn edit_customer(
        &mut self,
        id: Uuid,
        version: i64,
        edit: &CustomerEdit,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(CustomerRecord, WriteOutcome), StoreError>;
    fn merge_customers(
        &mut self,
        keep: Uuid,
        gone: Uuid,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(CustomerRecord, WriteOutcome), StoreError>;
    /// Customers changed after `since` up to `upto`, and the newest sequence.
    fn customers_changed(
        &self,
        since: i64,
        upto: Option<i64>,
    ) -> Result<Vec<CustomerRecord>, StoreError>;
    /// Moves an occurrence and all that follow it (see `Store::change_series_from`).
    fn change_series_from(
        &mut self,
        booking: Uuid,
        shift: &SeriesShift,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StoreError>;
    fn booking(&self, id: Uuid) -> Result<Option<BookingRecord>, StoreError>;
    fn bookings_between(
        &self,
        room: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StoreError>;
    fn set_holds(
        &mut self,
        session: SessionId,
        desk: &str,
        holds: Vec<Hold>,
        now: DateTime<Utc>,
    ) -> Result<HoldsSet, StoreError>;
    fn release_holds(&mut self, session: SessionId) -> HeldDays;
    fn session_hold_days(&self, session: SessionId) -> HeldDays;
    fn sweep_holds(&mut self, now: DateTime<Utc>) -> HeldDays;
    /// Live holds of one room's date, or of every room's with `room` `None`.
    fn holds_on(
        &self,
        room: Option<&str>,
        date: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<HoldView>, StoreError>;
    fn day_slots(
        &self,
        room: &str,
        date: NaiveDate,
        duration: u32,
        interval: Option<u32>,
        session: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> Result<DaySlots, StoreError>;
    fn month_availability(
        &self,
        room: &str,
        year: i32,
        month: u32,
        duration: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<(NaiveDate, bool)>, StoreError>;
    fn rooms_status(
        &self,
        rooms: &[String],
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<std::collections::BTreeMap<String, RoomStatus>, StoreError>;
    fn changes_since(
        &self,
        since: i64,
        limit: u32,
    ) -> Result<(Vec<BookingRecord>, bool), StoreError>;
    fn push_record(&self, mutation: Uuid) -> Result<Option<PushRecord>, StoreError>;
    /// Group commit: the writes until [`Storage::end_group`] are made durable together, with
    /// one sync (the caller holds the storage lock throughout and answers only after).
    fn begin_group(&mut self) -> Result<(), StoreError>;
    fn end_group(&mut self) -> Result<(), StoreError>;
    fn record_push(
        &mut self,
        mutation: Uuid,
        record: &PushRecord,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// The desk of a token hash, and whether it is an admin's.
    fn desk_for_token_hash(&self, hash: &str) -> Result<Option<(String, bool)>, StoreError>;
    fn set_desk_token_hash(
        &mut self,
        desk: &str,
        hash: &str,
        admin: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// The studio's version, raised by every change.
    fn studio_version(&self) -> i64;
    /// Bookings ending after `from` that `studio` would leave outside its hours or rooms.
    fn bookings_outside(
        &self,
        studio: &Studio,
        from: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StoreError>;
    /// Makes `studio` the studio if it is still at version `edited`; the new version.
    fn change_studio(
        &mut self,
        studio: Studio,
        staff: Option<&[StaffUpdate]>,
        edited: i64,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError>;
    /// The staff, PIN hashes included (desks check PINs offline).
    fn staff(&self) -> Result<Vec<StaffDto>, StoreError>;
    /// The audit log's lines for `query`, newest first.
    fn activity(&self, query: &ActivityQuery) -> Result<Vec<ActivityEntry>, StoreError>;
}

mod sqlite;
