//! [`PgStorage`]: one connection to the database serving one studio, and the
//! [`Storage`] calls on it — each one transaction (`transactions.rs`), its SQL in the module
//! of its area.

use std::cell::RefCell;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_core::series::Occurrence;
use frontdesk_core::{DaySlots, SeriesRule, SessionId, Studio};
use frontdesk_protocol::{ActivityEntry, ActivityQuery, StaffDto, StaffUpdate, StudioInfo};
use frontdesk_store::audit::{ActivityFilter, Who};
use frontdesk_store::booking_changes::Change;
use frontdesk_store::customer_search::CustomerSummary;
use frontdesk_store::customers::{CustomerEdit, CustomerRecord};
use frontdesk_store::engine::{bookings, customers, series, studio};
use frontdesk_store::messages::MessagePolicy;
use frontdesk_store::push_log::PushRecord;
use frontdesk_store::series::{NewSeries, SeriesBooked, SeriesShift};
use frontdesk_store::{
    BookingRecord, BookingStatus, NewBooking, RoomStatus, WriteContext, WriteOutcome,
};
use postgres::Client;
use uuid::Uuid;

use super::ledger::PgLedger;
use super::sql::{Connection, Sql};
use super::transactions::live;
use super::{customer_lookup, rows};
use crate::current_studio::CurrentStudio;
use crate::storage::{PulledPage, Storage, StorageError};

/// One connection to the database, serving one studio.
pub struct PgStorage {
    pub(super) url: String,
    /// `RefCell`: the storage is used by one thread at a time, and reads need `&mut`.
    pub(super) conn: RefCell<Connection>,
    pub(super) studio_id: String,
    /// This connection's copy of the studio (read without a lock during a call) …
    pub(super) studio: Studio,
    pub(super) info: StudioInfo,
    /// … caught up with the instance's before each call.
    pub(super) current: Arc<CurrentStudio>,
}

impl PgStorage {
    /// A storage of studio `id` on this connection, serving `current`.
    pub(super) fn on(
        url: &str,
        client: Client,
        id: &str,
        current: &Arc<CurrentStudio>,
    ) -> PgStorage {
        PgStorage {
            url: url.to_owned(),
            conn: RefCell::new(Connection::new(client)),
            studio_id: id.to_owned(),
            studio: current.studio(),
            info: current.info(),
            current: current.clone(),
        }
    }
}

/// A write by `who` at `now`, answering sync mutation `mutation` (if any).
fn context<'a>(who: Who<'a>, mutation: Option<Uuid>, now: DateTime<Utc>) -> WriteContext<'a> {
    WriteContext {
        desk: who.desk,
        now,
        outbox: None,
        mutation,
        staff: who.staff,
        messages: Some(MessagePolicy::server(None)),
    }
}

impl Storage for PgStorage {
    fn refresh(&mut self) {
        if self.current.version() > self.info.version {
            self.studio = self.current.studio();
            self.info = self.current.info();
        }
    }
    fn studio(&self) -> &Studio {
        &self.studio
    }
    fn create_booking(
        &mut self,
        new: &NewBooking,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(BookingRecord, WriteOutcome), StorageError> {
        let ctx = context(who, mutation, now);
        self.in_ledger(|l, studio| bookings::create(l, studio, new, BookingStatus::Confirmed, &ctx))
    }
    fn cancel_booking(
        &mut self,
        id: Uuid,
        reason: Option<&str>,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(BookingRecord, WriteOutcome), StorageError> {
        let ctx = context(who, mutation, now);
        self.in_ledger(|l, studio| bookings::cancel(l, studio, id, reason, &ctx))
    }
    fn change_booking(
        &mut self,
        id: Uuid,
        version: i64,
        change: &Change,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(BookingRecord, WriteOutcome), StorageError> {
        let ctx = context(who, mutation, now);
        let record =
            self.in_ledger(|l, studio| bookings::change(l, studio, id, version, change, &ctx))?;
        Ok((record, WriteOutcome::Applied))
    }
    fn preview_series(
        &self,
        rule: &SeriesRule,
        session: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Occurrence>, StorageError> {
        // A read in a transaction of its own, so that the engine's ledger serves it.
        let mut conn = self.reader()?;
        let mut tx = conn.transaction()?;
        let mut ledger = PgLedger::new(&mut tx, &self.studio_id);
        series::preview(&mut ledger, &self.studio, rule, session, now)
    }
    fn book_series(
        &mut self,
        new: &NewSeries,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<SeriesBooked, StorageError> {
        let ctx = context(who, None, now);
        self.in_ledger(|l, studio| {
            series::book(l, studio, new, BookingStatus::Confirmed, &ctx, |_| Ok(None))
        })
    }
    fn cancel_series_from(
        &mut self,
        booking: Uuid,
        reason: Option<&str>,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StorageError> {
        let ctx = context(who, None, now);
        self.in_ledger(|l, studio| {
            series::cancel_from(l, studio, booking, reason, &ctx, |_| Ok(None))
        })
    }
    fn find_customers(
        &self,
        text: &str,
        limit: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<CustomerSummary>, StorageError> {
        customer_lookup::find(&mut *self.reader()?, &self.studio_id, text, limit, now)
    }
    fn customer_page(
        &self,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Option<(CustomerSummary, Vec<BookingRecord>)>, StorageError> {
        customer_lookup::page(&mut *self.reader()?, &self.studio_id, id, now)
    }
    fn edit_customer(
        &mut self,
        id: Uuid,
        version: i64,
        edit: &CustomerEdit,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(CustomerRecord, WriteOutcome), StorageError> {
        let ctx = context(who, mutation, now);
        self.in_ledger(|l, studio| customers::edit(l, studio.country, id, version, edit, &ctx))
    }
    fn merge_customers(
        &mut self,
        keep: Uuid,
        gone: Uuid,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(CustomerRecord, WriteOutcome), StorageError> {
        let ctx = context(who, mutation, now);
        self.in_ledger(|l, _| customers::merge(l, keep, gone, &ctx))
    }
    fn customers_changed(
        &self,
        since: i64,
        upto: Option<i64>,
    ) -> Result<Vec<CustomerRecord>, StorageError> {
        super::customers::changed(&mut *self.reader()?, &self.studio_id, since, upto)
    }
    fn change_series_from(
        &mut self,
        booking: Uuid,
        shift: &SeriesShift,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StorageError> {
        let ctx = context(who, None, now);
        self.in_ledger(|l, studio| {
            series::change_from(l, studio, booking, shift, &ctx, |_, _| Ok(None))
        })
    }
    fn booking(&self, id: Uuid) -> Result<Option<BookingRecord>, StorageError> {
        rows::booking(&mut *self.reader()?, &self.studio_id, id, false)
    }
    fn bookings_between(
        &self,
        room: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StorageError> {
        self.between(room, from, to)
    }
    fn day_slots(
        &self,
        room: &str,
        date: NaiveDate,
        duration: u32,
        interval: Option<u32>,
        session: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> Result<DaySlots, StorageError> {
        self.slots(room, date, duration, interval, session, now)
    }
    fn month_availability(
        &self,
        room: &str,
        year: i32,
        month: u32,
        duration: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<(NaiveDate, bool)>, StorageError> {
        self.month(room, year, month, duration, now)
    }
    fn rooms_status(
        &self,
        rooms: &[String],
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<std::collections::BTreeMap<String, RoomStatus>, StorageError> {
        self.statuses(rooms, at, now)
    }
    fn changes_since(
        &self,
        since: i64,
        limit: u32,
    ) -> Result<(Vec<BookingRecord>, bool), StorageError> {
        self.changes(since, limit)
    }
    /// Both reads in one REPEATABLE READ transaction (one snapshot): read in two snapshots,
    /// a booking committed between them, followed by a customer change, was passed by the
    /// cursor without being sent (found by the fault run).
    fn pull(&self, since: i64, limit: u32) -> Result<PulledPage, StorageError> {
        self.pulled(since, limit)
    }
    fn push_record(&self, mutation: Uuid) -> Result<Option<PushRecord>, StorageError> {
        rows::push_record(&mut *self.reader()?, &self.studio_id, mutation)
    }
    /// Each transaction is durable at its own commit; PostgreSQL groups concurrent commits.
    fn group(&mut self, work: &mut dyn FnMut(&mut dyn Storage)) -> Result<(), StorageError> {
        work(self);
        Ok(())
    }
    fn ping(&mut self) -> Result<(), StorageError> {
        self.writer()?.query_opt("SELECT 1", &[])?;
        Ok(())
    }
    fn record_push(
        &mut self,
        mutation: Uuid,
        record: &PushRecord,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        rows::push_log(
            live(&mut self.conn, &self.url)?,
            &self.studio_id,
            mutation,
            record,
            now,
        )
    }
    fn set_desk_token_hash(
        &mut self,
        desk: &str,
        hash: &str,
        admin: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        live(&mut self.conn, &self.url)?.execute(
            "INSERT INTO desks (token_hash, studio, desk, admin, created_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (token_hash) DO UPDATE SET desk = $3, admin = $4",
            &[&hash, &self.studio_id, &desk, &admin, &now],
        )?;
        Ok(())
    }
    fn studio_version(&self) -> i64 {
        self.info.version
    }
    fn bookings_outside(
        &self,
        studio: &Studio,
        from: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StorageError> {
        super::reads::bookings_outside(&mut *self.reader()?, &self.studio_id, studio, from)
    }
    fn change_studio(
        &mut self,
        studio: Studio,
        staff: Option<&[StaffUpdate]>,
        edited: i64,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64, StorageError> {
        let (version, staff) =
            self.in_ledger(|l, _| studio::change(l, &studio, staff, edited, who, now))?;
        self.info = StudioInfo {
            staff,
            ..StudioInfo::from_studio(&studio, version)
        };
        self.studio = studio;
        Ok(version)
    }
    fn staff(&self) -> Result<Vec<StaffDto>, StorageError> {
        Ok(self.info.staff.clone())
    }
    fn activity(&self, query: &ActivityQuery) -> Result<Vec<ActivityEntry>, StorageError> {
        let calendar = &self.studio.calendar;
        let filter = ActivityFilter::for_query(calendar, query)?;
        rows::activity(
            &mut *self.reader()?,
            &self.studio_id,
            &filter,
            calendar.timezone(),
        )
    }
}
