//! The server's storage, behind traits so that either database serves the same routes:
//! the SQLite `frontdesk_store::Store` for one studio (`storage/sqlite.rs`, the default) and
//! PostgreSQL for chains (`storage/postgres/`), where several server instances share one
//! database.
//!
//! [`Presence`] holds the booking sessions' holds; [`Storage`] everything else. Each call is
//! atomic: SQLite's storage is called with its one connection locked, each PostgreSQL
//! storage is one pooled connection whose calls are each one transaction. Booking writes
//! re-check holds in their own transaction (or under the lock).

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
use frontdesk_store::desks::{DeskRow, Enrolled};
use frontdesk_store::push_log::PushRecord;
use frontdesk_store::series::{NewSeries, SeriesBooked, SeriesShift};
use frontdesk_store::{BookingRecord, NewBooking, RoomStatus, StoreError, WriteOutcome};
use thiserror::Error;
use uuid::Uuid;

/// Why a storage call failed.
#[derive(Debug, Error)]
pub enum StorageError {
    /// A rule was broken or a record is missing: the same errors as the desk's own file,
    /// which the routes turn into their answers.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The PostgreSQL database failed (connection lost, a statement refused).
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] ::postgres::Error),
    /// TLS to PostgreSQL could not be set up, or the server's certificate was refused.
    #[error(transparent)]
    PgTls(#[from] postgres::PgTlsError),
    /// No connection to PostgreSQL, by what to check (address, password, database).
    #[error(transparent)]
    PgConnect(#[from] postgres::PgConnectError),
    /// A row of the PostgreSQL database could not be read back.
    #[error("PostgreSQL data: {0}")]
    Corrupt(String),
    /// No studio of that id in this database.
    #[error("there is no studio \"{0}\" here")]
    NoStudio(String),
    /// Moving a studio into a PostgreSQL database that has one of that id already.
    #[error("the PostgreSQL database has a studio \"{0}\" already; nothing was written (move into an empty database)")]
    Occupied(String),
    /// A SQLite file holds one studio: a chain needs PostgreSQL.
    #[error("this server keeps one studio in a SQLite file: several studios and chain administrators need PostgreSQL (serve --database postgres://…)")]
    OneStudio,
}

impl StorageError {
    /// A domain error (span, calendar, booking, holds …) as the store names it.
    pub fn rule(error: impl Into<StoreError>) -> StorageError {
        StorageError::Store(Into::<StoreError>::into(error))
    }
}

/// A page of the change log (see [`Storage::pull`]).
#[derive(Debug, Clone)]
pub struct PulledPage {
    pub bookings: Vec<BookingRecord>,
    pub more: bool,
    pub customers: Vec<CustomerRecord>,
}

/// Room-dates whose holds changed.
pub type HeldDays = BTreeSet<(RoomId, NaiveDate)>;

pub trait Storage:
    Presence + Chain + StaffAuth + Reports + Feeds + Online + crate::messages::Outbox + Send + 'static
{
    /// Catches up with a studio changed elsewhere (another connection or instance) before
    /// a call; the SQLite store is the only one and has nothing to catch up with.
    fn refresh(&mut self) {}
    fn studio(&self) -> &Studio;
    /// Creates a confirmed booking; releases the holds of its session.
    /// With `mutation`, the sync mutation is recorded as applied in the same transaction.
    fn create_booking(
        &mut self,
        new: &NewBooking,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(BookingRecord, WriteOutcome), StorageError>;
    fn cancel_booking(
        &mut self,
        id: Uuid,
        reason: Option<&str>,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(BookingRecord, WriteOutcome), StorageError>;
    /// Changes a booking if it is still at `version` (see `Store::change_booking`).
    fn change_booking(
        &mut self,
        id: Uuid,
        version: i64,
        change: &Change,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(BookingRecord, WriteOutcome), StorageError>;
    /// Every occurrence of a series, free or why not (see `Store::preview_series`).
    fn preview_series(
        &self,
        rule: &SeriesRule,
        session: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Occurrence>, StorageError>;
    /// Books every free occurrence in one transaction (see `Store::book_series`).
    fn book_series(
        &mut self,
        series: &NewSeries,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<SeriesBooked, StorageError>;
    /// Cancels an occurrence and all that follow it (see `Store::cancel_series_from`).
    fn cancel_series_from(
        &mut self,
        booking: Uuid,
        reason: Option<&str>,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StorageError>;
    /// Customers matching typed text (see `Store::find_customers`).
    fn find_customers(
        &self,
        text: &str,
        limit: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<CustomerSummary>, StorageError>;
    /// A customer (following a merge) and their bookings, newest first.
    fn customer_page(
        &self,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Option<(CustomerSummary, Vec<BookingRecord>)>, StorageError>;
    fn edit_customer(
        &mut self,
        id: Uuid,
        version: i64,
        edit: &CustomerEdit,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(CustomerRecord, WriteOutcome), StorageError>;
    fn merge_customers(
        &mut self,
        keep: Uuid,
        gone: Uuid,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(CustomerRecord, WriteOutcome), StorageError>;
    /// Customers changed after `since` up to `upto`, and the newest sequence.
    fn customers_changed(
        &self,
        since: i64,
        upto: Option<i64>,
    ) -> Result<Vec<CustomerRecord>, StorageError>;
    /// Moves an occurrence and all that follow it (see `Store::change_series_from`).
    fn change_series_from(
        &mut self,
        booking: Uuid,
        shift: &SeriesShift,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StorageError>;
    fn booking(&self, id: Uuid) -> Result<Option<BookingRecord>, StorageError>;
    fn bookings_between(
        &self,
        room: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StorageError>;
    fn day_slots(
        &self,
        room: &str,
        date: NaiveDate,
        duration: u32,
        interval: Option<u32>,
        session: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> Result<DaySlots, StorageError>;
    fn month_availability(
        &self,
        room: &str,
        year: i32,
        month: u32,
        duration: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<(NaiveDate, bool)>, StorageError>;
    fn rooms_status(
        &self,
        rooms: &[String],
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<std::collections::BTreeMap<String, RoomStatus>, StorageError>;
    fn changes_since(
        &self,
        since: i64,
        limit: u32,
    ) -> Result<(Vec<BookingRecord>, bool), StorageError>;
    /// One page of the change log after `since`, as of one moment: at most `limit` bookings
    /// (and whether more follow), and the customers changed up to the page's last booking
    /// (on the last page, every customer changed so far). Read as of one moment, so a
    /// cursor moved past them never passes a change it did not send. The SQLite store is
    /// one connection behind the storage's lock: no write comes between its two reads.
    fn pull(&self, since: i64, limit: u32) -> Result<PulledPage, StorageError> {
        let (bookings, more) = self.changes_since(since, limit)?;
        let upto = if more {
            bookings.last().map(|b| b.seq)
        } else {
            None
        };
        let customers = self.customers_changed(since, upto)?;
        Ok(PulledPage {
            bookings,
            more,
            customers,
        })
    }
    fn push_record(&self, mutation: Uuid) -> Result<Option<PushRecord>, StorageError>;
    /// Group commit: the writes of `work` are made durable together, with one sync, before
    /// this returns (the caller holds the storage throughout and answers only after). Each
    /// write is still its own transaction. Whatever `work` does — returns, fails or panics —
    /// the storage's durability is restored before the next call.
    fn group(&mut self, work: &mut dyn FnMut(&mut dyn Storage)) -> Result<(), StorageError>;
    /// Whether the database answers (readiness).
    fn ping(&mut self) -> Result<(), StorageError>;
    fn record_push(
        &mut self,
        mutation: Uuid,
        record: &PushRecord,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError>;
    fn set_desk_token_hash(
        &mut self,
        desk: &str,
        hash: &str,
        admin: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError>;
    /// The studio's version, raised by every change.
    fn studio_version(&self) -> i64;
    /// Bookings ending after `from` that `studio` would leave outside its hours or rooms.
    fn bookings_outside(
        &self,
        studio: &Studio,
        from: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StorageError>;
    /// Makes `studio` the studio if it is still at version `edited`; the new version.
    fn change_studio(
        &mut self,
        studio: Studio,
        staff: Option<&[StaffUpdate]>,
        edited: i64,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64, StorageError>;
    /// The staff, PIN hashes included (desks check PINs offline).
    fn staff(&self) -> Result<Vec<StaffDto>, StorageError>;
    /// The audit log's lines for `query`, newest first.
    fn activity(&self, query: &ActivityQuery) -> Result<Vec<ActivityEntry>, StorageError>;
}

/// Whose a token is: a desk of one studio, or (`studio` `None`) an administrator of the
/// chain, who lists and adds studios and belongs to none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenOwner {
    pub studio: Option<String>,
    pub desk: String,
    pub admin: bool,
}

/// The studios of a database and the tokens that reach them. Any connection answers for
/// every studio; everything else is scoped to one studio.
pub trait Chain {
    /// The owner of the token with this SHA-256 (hex), in any studio.
    fn token_owner(&self, hash: &str) -> Result<Option<TokenOwner>, StorageError>;
    /// Every token of the database (desks' and chain administrators'): hash and owner.
    fn tokens(&self) -> Result<Vec<(String, TokenOwner)>, StorageError>;
    /// Every studio of the database: its id and what `GET /v1/studio` answers there.
    fn studios(&self) -> Result<Vec<(String, frontdesk_protocol::StudioInfo)>, StorageError>;
    /// Adds a studio (refused if the id is taken); its wire view at version 1.
    fn add_studio(
        &mut self,
        id: &str,
        studio: &Studio,
        now: DateTime<Utc>,
    ) -> Result<frontdesk_protocol::StudioInfo, StorageError>;
    /// Stores (or re-keys: the old token is refused from then on) a desk token of studio
    /// `studio` (refused if there is none).
    fn add_desk(
        &mut self,
        studio: &str,
        desk: &str,
        hash: &str,
        admin: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError>;
    /// Stores a chain administrator's token.
    fn add_chain_admin(
        &mut self,
        name: &str,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError>;
    /// Issues a one-time code enrolling `desk` of `studio` (refused if there is no such
    /// studio), replacing the desk's open code; only the code's hash is stored.
    fn issue_enrolment(
        &mut self,
        studio: &str,
        desk: &str,
        admin: bool,
        code_hash: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError>;
    /// Exchanges a code for a token, in one transaction (the code is used up; the desk's old
    /// token, if any, is refused from then on): the desk's studio and desk, or `None` for a
    /// code that is unknown, used or expired.
    fn enrol(
        &mut self,
        code_hash: &str,
        token_hash: &str,
        app_version: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<(String, Enrolled)>, StorageError>;
    /// The desks of `studio` with a token or an open code.
    fn desks(&self, studio: &str, now: DateTime<Utc>) -> Result<Vec<DeskRow>, StorageError>;
    /// Deletes a desk's token and open code; whether it had either.
    fn revoke_desk(&mut self, studio: &str, desk: &str) -> Result<bool, StorageError>;
    /// Notes when desks (studio, desk) were last seen.
    fn desks_seen(&mut self, seen: &[(String, String, DateTime<Utc>)]) -> Result<(), StorageError>;
}

/// Presence: the holds of booking sessions, seen by every server instance. Setting a
/// session's holds is all or nothing; setting the same holds again is the heartbeat and
/// only renews the session.
pub trait Presence {
    fn set_holds(
        &mut self,
        session: SessionId,
        desk: &str,
        holds: Vec<Hold>,
        now: DateTime<Utc>,
    ) -> Result<HoldsSet, StorageError>;
    /// Releases every hold of the session; the room-dates whose holds changed.
    fn release_holds(&mut self, session: SessionId) -> Result<HeldDays, StorageError>;
    fn session_hold_days(&self, session: SessionId) -> Result<HeldDays, StorageError>;
    /// Drops expired sessions; the room-dates whose holds went away. With several
    /// instances, exactly one of them finds (and announces) each expired session.
    fn sweep_holds(&mut self, now: DateTime<Utc>) -> Result<HeldDays, StorageError>;
    /// Live holds of one room's date, or of every room's with `room` `None`.
    fn holds_on(
        &self,
        room: Option<&str>,
        date: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<HoldView>, StorageError>;
}

mod feeds;
mod online;
mod postgres;
mod reports;
mod sqlite;
mod sqlite_chain;
mod staff_auth;

pub use feeds::Feeds;
pub use online::Online;
pub use reports::Reports;
pub use staff_auth::StaffAuth;

pub(crate) use postgres::check_studio_id;
pub use postgres::{
    import, EventRelay, PgConnectError, PgConnections, PgOptions, PgServer, STUDIO_ID,
};
