//! Booked quanta per room and date.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::mask::DayMask;
use crate::studio::RoomId;

/// Anything that can say which quanta of a room's date are booked: an in-memory
/// [`Occupancy`], or the rows a store loaded for one question.
pub trait BookedDays {
    fn booked(&self, room: &str, date: NaiveDate) -> DayMask;
}

/// Booked masks per room and date, in memory. Dates with nothing booked are absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Occupancy {
    rooms: HashMap<RoomId, HashMap<NaiveDate, DayMask>>,
}

impl Occupancy {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the stored mask of one room-date (as loaded from storage).
    pub fn set(&mut self, room: &RoomId, date: NaiveDate, mask: DayMask) {
        let days = self.rooms.entry(room.clone()).or_default();
        if mask.is_empty() {
            days.remove(&date);
        } else {
            days.insert(date, mask);
        }
    }

    /// Marks the quanta of a booking as booked.
    pub fn add(&mut self, room: &RoomId, masks: impl IntoIterator<Item = (NaiveDate, DayMask)>) {
        for (date, mask) in masks {
            let current = self.booked(room.as_str(), date);
            self.set(room, date, current | mask);
        }
    }

    /// Frees the quanta of a booking (cancelled).
    pub fn remove(&mut self, room: &RoomId, masks: impl IntoIterator<Item = (NaiveDate, DayMask)>) {
        for (date, mask) in masks {
            let current = self.booked(room.as_str(), date);
            self.set(room, date, current.without(mask));
        }
    }

    /// One room's booked masks, looked up once (a report reads many dates of few rooms).
    pub fn room(&self, room: &str) -> RoomDays<'_> {
        RoomDays {
            days: self.rooms.get(room),
        }
    }

    /// Every stored `(room, date, mask)`, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&RoomId, NaiveDate, DayMask)> + '_ {
        self.rooms
            .iter()
            .flat_map(|(room, days)| days.iter().map(move |(d, m)| (room, *d, *m)))
    }
}

/// The booked masks of one room of an [`Occupancy`].
#[derive(Debug, Clone, Copy)]
pub struct RoomDays<'a> {
    days: Option<&'a HashMap<NaiveDate, DayMask>>,
}

impl RoomDays<'_> {
    /// The room's booked mask on `date` (empty when nothing is booked).
    pub fn get(&self, date: NaiveDate) -> DayMask {
        self.days
            .and_then(|days| days.get(&date))
            .copied()
            .unwrap_or(DayMask::EMPTY)
    }
}

impl BookedDays for Occupancy {
    fn booked(&self, room: &str, date: NaiveDate) -> DayMask {
        self.rooms
            .get(room)
            .and_then(|days| days.get(&date))
            .copied()
            .unwrap_or(DayMask::EMPTY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_and_remove() {
        let room = RoomId::new("a").unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut occ = Occupancy::new();
        occ.add(&room, [(d, DayMask::range(0, 4))]);
        occ.add(&room, [(d, DayMask::range(8, 12))]);
        assert_eq!(
            occ.booked("a", d),
            DayMask::range(0, 4) | DayMask::range(8, 12)
        );
        assert_eq!(occ.booked("b", d), DayMask::EMPTY);
        occ.remove(&room, [(d, DayMask::range(0, 4))]);
        assert_eq!(occ.booked("a", d), DayMask::range(8, 12));
        occ.remove(&room, [(d, DayMask::range(8, 12))]);
        assert_eq!(occ.iter().count(), 0);
    }
}
