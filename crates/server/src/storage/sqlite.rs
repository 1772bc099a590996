//! [`Storage`] on the SQLite [`Store`]: the default for one studio.

use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_core::holds::{HoldView, HoldsSet};
use frontdesk_core::series::Occurrence;
use frontdesk_core::{DaySlots, Hold, SeriesRule, SessionId, Studio};
use frontdesk_protocol::{ActivityEntry, ActivityQuery, StaffDto, StaffUpdate};
use frontdesk_store::audit::Who;
use frontdesk_store::booking_changes::Change;
use frontdesk_store::customer_search::CustomerSummary;
use frontdesk_store::customers::{CustomerEdit, CustomerRecord};
use frontdesk_store::messages::MessagePolicy;
use frontdesk_store::push_log::PushRecord;
use frontdesk_store::series::{NewSeries, SeriesBooked, SeriesShift};
use frontdesk_store::{
    BookingRecord, BookingStatus, NewBooking, RoomStatus, Store, WriteContext, WriteOutcome,
};
use uuid::Uuid;

use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

use super::{HeldDays, Presence, Storage, StorageError};

fn context<'a>(who: Who<'a>, mutation: Option<Uuid>, now: DateTime<Utc>) -> WriteContext<'a> {
    let ctx = WriteContext::new(who.desk, now)
        .by(who.staff)
        .sending(MessagePolicy::server(None));
    match mutation {
        Some(m) => ctx.for_mutation(m),
        None => ctx,
    }
}

impl Storage for Store {
    fn studio(&self) -> &Studio {
        Store::studio(self)
    }
    fn create_booking(
        &mut self,
        new: &NewBooking,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(BookingRecord, WriteOutcome), StorageError> {
        Ok(Store::create_booking(
            self,
            new,
            BookingStatus::Confirmed,
            &context(who, mutation, now),
        )?)
    }
    fn cancel_booking(
        &mut self,
        id: Uuid,
        reason: Option<&str>,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(BookingRecord, WriteOutcome), StorageError> {
        Ok(Store::cancel_booking(
            self,
            id,
            reason,
            &context(who, mutation, now),
        )?)
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
        Ok(Store::change_booking(
            self,
            id,
            version,
            change,
            &context(who, mutation, now),
        )?)
    }
    fn preview_series(
        &self,
        rule: &SeriesRule,
        session: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Occurrence>, StorageError> {
        Ok(Store::preview_series(self, rule, session, now)?)
    }
    fn book_series(
        &mut self,
        series: &NewSeries,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<SeriesBooked, StorageError> {
        let ctx = context(who, None, now);
        Ok(Store::book_series(
            self,
            series,
            BookingStatus::Confirmed,
            &ctx,
            |_| Ok(None),
        )?)
    }
    fn cancel_series_from(
        &mut self,
        booking: Uuid,
        reason: Option<&str>,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StorageError> {
        let ctx = context(who, None, now);
        Ok(Store::cancel_series_from(
            self,
            booking,
            reason,
            &ctx,
            |_| Ok(None),
        )?)
    }
    fn find_customers(
        &self,
        text: &str,
        limit: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<CustomerSummary>, StorageError> {
        Ok(Store::find_customers(self, text, limit, now)?)
    }
    fn customer_page(
        &self,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Option<(CustomerSummary, Vec<BookingRecord>)>, StorageError> {
        let Some(summary) = self.customer_summary(id, now)? else {
            return Ok(None);
        };
        let bookings = self.customer_bookings(summary.customer.id)?;
        Ok(Some((summary, bookings)))
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
        Ok(Store::edit_customer(
            self,
            id,
            version,
            edit,
            &context(who, mutation, now),
        )?)
    }
    fn merge_customers(
        &mut self,
        keep: Uuid,
        gone: Uuid,
        who: Who<'_>,
        mutation: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<(CustomerRecord, WriteOutcome), StorageError> {
        Ok(Store::merge_customers(
            self,
            keep,
            gone,
            &context(who, mutation, now),
        )?)
    }
    fn customers_changed(
        &self,
        since: i64,
        upto: Option<i64>,
    ) -> Result<Vec<CustomerRecord>, StorageError> {
        let upto = match upto {
            Some(upto) => upto,
            None => self.last_seq()?,
        };
        Ok(Store::customers_changed(self, since, upto)?)
    }
    fn change_series_from(
        &mut self,
        booking: Uuid,
        shift: &SeriesShift,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StorageError> {
        let ctx = context(who, None, now);
        Ok(Store::change_series_from(
            self,
            booking,
            shift,
            &ctx,
            |_, _| Ok(None),
        )?)
    }
    fn booking(&self, id: Uuid) -> Result<Option<BookingRecord>, StorageError> {
        Ok(Store::booking(self, id)?)
    }
    fn bookings_between(
        &self,
        room: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StorageError> {
        Ok(Store::bookings_between(self, room, from, to)?)
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
        Ok(Store::day_slots(
            self, room, date, duration, interval, session, now,
        )?)
    }
    fn month_availability(
        &self,
        room: &str,
        year: i32,
        month: u32,
        duration: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<(NaiveDate, bool)>, StorageError> {
        Ok(Store::month_availability(
            self, room, year, month, duration, None, now,
        )?)
    }
    fn rooms_status(
        &self,
        rooms: &[String],
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<std::collections::BTreeMap<String, RoomStatus>, StorageError> {
        Ok(Store::rooms_status(self, rooms, at, now)?)
    }
    fn changes_since(
        &self,
        since: i64,
        limit: u32,
    ) -> Result<(Vec<BookingRecord>, bool), StorageError> {
        Ok(Store::changes_since(self, since, limit)?)
    }
    fn push_record(&self, mutation: Uuid) -> Result<Option<PushRecord>, StorageError> {
        Ok(Store::push_record(self, mutation)?)
    }
    fn group(&mut self, work: &mut dyn FnMut(&mut dyn Storage)) -> Result<(), StorageError> {
        Store::begin_group(self)?;
        // The guard: `synchronous=FULL` comes back on every exit path, a panic included
        // (re-raised once it is back), so no later acknowledged write skips its sync.
        let done = catch_unwind(AssertUnwindSafe(|| work(self)));
        let ended = Store::end_group(self);
        if let Err(panic) = done {
            if let Err(error) = ended {
                tracing::error!(%error, "restoring synchronous=FULL after a panic failed");
            }
            resume_unwind(panic);
        }
        Ok(ended?)
    }
    fn ping(&mut self) -> Result<(), StorageError> {
        Ok(Store::ping(self)?)
    }
    fn record_push(
        &mut self,
        mutation: Uuid,
        record: &PushRecord,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        Ok(Store::record_push(self, mutation, record, now)?)
    }
    fn set_desk_token_hash(
        &mut self,
        desk: &str,
        hash: &str,
        admin: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        Ok(Store::set_desk_token_hash(self, desk, hash, admin, now)?)
    }
    fn studio_version(&self) -> i64 {
        Store::studio_version(self)
    }
    fn bookings_outside(
        &self,
        studio: &Studio,
        from: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StorageError> {
        Ok(Store::bookings_outside(self, studio, from)?)
    }
    fn change_studio(
        &mut self,
        studio: Studio,
        staff: Option<&[StaffUpdate]>,
        edited: i64,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64, StorageError> {
        Ok(Store::change_studio(self, studio, staff, edited, who, now)?)
    }
    fn staff(&self) -> Result<Vec<StaffDto>, StorageError> {
        Ok(Store::staff(self)?)
    }
    fn activity(&self, query: &ActivityQuery) -> Result<Vec<ActivityEntry>, StorageError> {
        Ok(Store::activity_for(self, query)?)
    }
}

/// The holds live in the process's memory (`frontdesk_core::HoldBook`), checked under the
/// same lock as the bookings: one server instance per SQLite file.
impl Presence for Store {
    fn set_holds(
        &mut self,
        session: SessionId,
        desk: &str,
        holds: Vec<Hold>,
        now: DateTime<Utc>,
    ) -> Result<HoldsSet, StorageError> {
        Ok(Store::set_holds(self, session, desk, holds, now)?)
    }
    fn release_holds(&mut self, session: SessionId) -> Result<HeldDays, StorageError> {
        Ok(Store::release_holds(self, session))
    }
    fn session_hold_days(&self, session: SessionId) -> Result<HeldDays, StorageError> {
        Ok(self.holds().session_days(session))
    }
    fn sweep_holds(&mut self, now: DateTime<Utc>) -> Result<HeldDays, StorageError> {
        Ok(Store::sweep_holds(self, now))
    }
    fn holds_on(
        &self,
        room: Option<&str>,
        date: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<HoldView>, StorageError> {
        Ok(Store::holds_on(self, room, date, now)?)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use frontdesk_store::Durability;

    /// `PRAGMA synchronous` of FULL.
    const FULL: i64 = 2;

    #[test]
    fn a_group_restores_full_durability_however_it_ends() {
        let dir = tempfile::tempdir().unwrap();
        let studio = frontdesk_testkit::studio::klangraum().config().studio;
        let mut store = Store::open_or_seed(
            &dir.path().join("s.sqlite"),
            "server",
            Durability::Full,
            studio,
        )
        .unwrap();
        assert_eq!(store.synchronous().unwrap(), FULL);
        let mut during = 0;
        Storage::group(&mut store, &mut |s| {
            during = s.studio_version();
        })
        .unwrap();
        assert_eq!(
            store.synchronous().unwrap(),
            FULL,
            "after a group that ended well"
        );
        assert_eq!(during, store.studio_version());
        let panicked = catch_unwind(AssertUnwindSafe(|| {
            let _ = Storage::group(&mut store, &mut |_| panic!("a mutation's code panicked"));
        }));
        assert!(panicked.is_err(), "the panic goes on to the caller");
        assert_eq!(
            store.synchronous().unwrap(),
            FULL,
            "after a group that panicked"
        );
    }
}
