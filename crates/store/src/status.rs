//! Room status for many rooms at once: the current booking, the next ones within 24 hours,
//! and whether someone holds time on it. Two SQL queries whatever the number of rooms.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use rusqlite::params;

use crate::bookings::{query, query_limited, BookingRecord};
use crate::{Store, StoreError};

/// How many upcoming bookings a room status lists.
pub const NEXT_COUNT: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoomStatus {
    pub current: Option<BookingRecord>,
    /// Up to [`NEXT_COUNT`] bookings starting within 24 hours after `at`, in start order.
    pub next: Vec<BookingRecord>,
    /// Some desk is booking time on this room right now.
    pub held: bool,
}

impl Store {
    /// The status of each room at `at`. Unknown room ids are an error naming them all.
    pub fn rooms_status(
        &self,
        rooms: &[String],
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<BTreeMap<String, RoomStatus>, StoreError> {
        let unknown: Vec<&str> = rooms
            .iter()
            .filter(|r| self.studio.room(r).is_err())
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            return Err(StoreError::UnknownRooms(
                unknown.into_iter().map(str::to_owned).collect(),
            ));
        }
        let ids = serde_json::to_string(rooms).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut out: BTreeMap<String, RoomStatus> = rooms
            .iter()
            .map(|r| {
                (
                    r.clone(),
                    RoomStatus {
                        held: self.holds.room_is_held(r, now),
                        ..RoomStatus::default()
                    },
                )
            })
            .collect();
        let at_s = at.timestamp();
        // Bookings of a room never overlap, so its current booking is the last one that
        // started by `at`, if it has not ended: one index seek per room, whatever the
        // history.
        let current = query(
            &self.conn,
            "WHERE id IN (
                 SELECT (SELECT id FROM bookings
                          WHERE room = r.value AND status IN ('confirmed', 'pending')
                            AND start_utc <= ?2
                          ORDER BY start_utc DESC LIMIT 1)
                   FROM json_each(?1) AS r)
               AND end_utc > ?2",
            params![ids, at_s],
        )?;
        for booking in current {
            if let Some(status) = out.get_mut(booking.room.as_str()) {
                status.current = Some(booking);
            }
        }
        // The day ahead of every room in start order; the first few of each room are kept
        // (rows past those are skipped before they are turned into records).
        let next = query_limited(
            &self.conn,
            "WHERE room IN (SELECT value FROM json_each(?1))
               AND status IN ('confirmed', 'pending') AND start_utc > ?2 AND start_utc < ?3
             ORDER BY room, start_utc, id",
            params![ids, at_s, (at + Duration::hours(24)).timestamp()],
            NEXT_COUNT,
        )?;
        for booking in next {
            if let Some(status) = out.get_mut(booking.room.as_str()) {
                status.next.push(booking);
            }
        }
        Ok(out)
    }
}
