//! Day slots and month availability over the stored masks and the live holds.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use frontdesk_core::{
    day_slots, month_availability, BookedDays, DaySlots, Occupancy, SessionId, SlotAsk,
    MAX_SPAN_DAYS,
};

use crate::{masks, Store, StoreError};

impl Store {
    /// Loads the masks a question about `[from, from + days]` of a room can touch, and the
    /// date before for the room's changeover (one query).
    fn booked_window(
        &self,
        room: &str,
        from: NaiveDate,
        days: i64,
    ) -> Result<Occupancy, StoreError> {
        let room_id = &self.studio.room(room)?.id;
        let mut booked = Occupancy::new();
        masks::load_range(
            &self.conn,
            room_id,
            from - Duration::days(1),
            from + Duration::days(days),
            &mut booked,
        )?;
        Ok(booked)
    }

    /// Start times of a room's date for `duration` minutes on the room's grid (or
    /// `interval`), available or reserved by other sessions than `session`, in time order;
    /// none in a quantum that is over at `now`.
    pub fn day_slots(
        &self,
        room: &str,
        date: NaiveDate,
        duration: u32,
        interval: Option<u32>,
        session: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> Result<DaySlots, StoreError> {
        let target = self.studio.room(room)?;
        let ask = SlotAsk {
            duration,
            interval: interval.unwrap_or(target.interval),
            changeover: target.changeover,
        };
        let reach = i64::from(duration + target.changeover) / (24 * 60) + 2;
        let booked = self.booked_window(room, date, reach.min(MAX_SPAN_DAYS + 2))?;
        Ok(day_slots(
            &self.studio.calendar,
            date,
            ask,
            now,
            |d| booked.booked(room, d),
            |d| self.holds.held_by_others(room, d, session, now),
        )?)
    }

    /// For each date of the month: does a start of `duration` minutes remain available at
    /// `now`?
    pub fn month_availability(
        &self,
        room: &str,
        year: i32,
        month: u32,
        duration: u32,
        session: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> Result<Vec<(NaiveDate, bool)>, StoreError> {
        let target = self.studio.room(room)?;
        let ask = SlotAsk {
            duration,
            interval: target.interval,
            changeover: target.changeover,
        };
        let first = NaiveDate::from_ymd_opt(year, month, 1)
            .ok_or(frontdesk_core::AvailabilityError::BadMonth { year, month })?;
        let reach = 31 + i64::from(duration + target.changeover) / (24 * 60) + 2;
        let booked = self.booked_window(room, first, reach)?;
        Ok(month_availability(
            &self.studio.calendar,
            year,
            month,
            ask,
            now,
            |d| booked.booked(room, d),
            |d| self.holds.held_by_others(room, d, session, now),
        )?)
    }
}
