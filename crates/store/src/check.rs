//! The consistency check: rebuilds every day mask from the bookings and compares it with
//! the stored masks.

use chrono::NaiveDate;
use frontdesk_core::{BookedDays, DayMask, Occupancy, RoomId};

use crate::{masks, Store, StoreError};

/// A room-date whose stored mask differs from the one its bookings give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaskDifference {
    pub room: RoomId,
    pub date: NaiveDate,
    pub expected: DayMask,
    pub stored: DayMask,
}

impl Store {
    /// Every difference between the stored masks and the masks rebuilt from the bookings
    /// that hold time, in room and date order. Empty when consistent.
    pub fn consistency_check(&self) -> Result<Vec<MaskDifference>, StoreError> {
        let mut expected = Occupancy::new();
        for booking in self.all_bookings()? {
            if booking.status.occupies() {
                let days = self.studio.calendar.span_days(&booking.span)?;
                expected.add(&booking.room, days.masks());
            }
        }
        let stored = masks::load_all(&self.conn)?;
        let mut keys: Vec<(RoomId, NaiveDate)> = expected
            .iter()
            .chain(stored.iter())
            .map(|(room, date, _)| (room.clone(), date))
            .collect();
        keys.sort();
        keys.dedup();
        Ok(keys
            .into_iter()
            .filter_map(|(room, date)| {
                let (e, s) = (
                    expected.booked(room.as_str(), date),
                    stored.booked(room.as_str(), date),
                );
                (e != s).then_some(MaskDifference {
                    room,
                    date,
                    expected: e,
                    stored: s,
                })
            })
            .collect())
    }
}
