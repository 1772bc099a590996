//! Presence holds of booking sessions, checked against the stored bookings.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_core::holds::{HoldView, HoldsSet};
use frontdesk_core::{Hold, Occupancy, RoomId, SessionId};

use crate::{masks, Store, StoreError};

impl Store {
    /// Makes the session's holds exactly `holds` (all or nothing), renewed to `now + ttl`.
    /// Unknown rooms and misaligned spans are errors; conflicts name every blocked run.
    pub fn set_holds(
        &mut self,
        session: SessionId,
        desk: &str,
        holds: Vec<Hold>,
        now: DateTime<Utc>,
    ) -> Result<HoldsSet, StoreError> {
        let ttl = self.studio.hold_ttl;
        if let Some(renewed) = self.holds.renew(session, desk, &holds, now, ttl) {
            return Ok(renewed);
        }
        let calendar = &self.studio.calendar;
        let mut booked = Occupancy::new();
        for hold in &holds {
            let changeover = self.studio.room(hold.room.as_str())?.changeover;
            masks::load_around(
                &self.conn,
                calendar,
                &hold.room,
                &hold.span,
                changeover,
                &mut booked,
            )?;
        }
        let rooms = &self.studio;
        let changeover = |room: &RoomId| rooms.room(room.as_str()).map_or(0, |r| r.changeover);
        Ok(self.holds.set(
            calendar, session, desk, holds, &booked, now, ttl, changeover,
        )?)
    }

    /// Frees every hold of the session; returns the room-dates whose holds changed.
    pub fn release_holds(&mut self, session: SessionId) -> BTreeSet<(RoomId, NaiveDate)> {
        self.holds.release(session)
    }

    /// Drops expired holds; returns the room-dates whose holds went away.
    pub fn sweep_holds(&mut self, now: DateTime<Utc>) -> BTreeSet<(RoomId, NaiveDate)> {
        self.holds.sweep(now)
    }

    /// Live holds touching a date: of one room, or with `room` `None` of every room (the
    /// day board's one request), rooms in the studio's order.
    pub fn holds_on(
        &self,
        room: Option<&str>,
        date: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<HoldView>, StoreError> {
        if let Some(room) = room {
            self.studio.room(room)?;
            return Ok(self.holds.holds_on(room, date, now));
        }
        Ok(self
            .studio
            .rooms
            .iter()
            .flat_map(|r| self.holds.holds_on(r.id.as_str(), date, now))
            .collect())
    }
}
