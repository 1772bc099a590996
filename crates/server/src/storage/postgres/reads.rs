//! Reads on PostgreSQL: bookings of a window, the change log, start times and month
//! availability (the desk's engine over masks built from the bookings and holds of the
//! window), and the status of many rooms at once.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use frontdesk_core::{
    day_slots, month_availability, AvailabilityError, BookedDays, DaySlots, HoldBook, Occupancy,
    SessionId, SlotAsk, MAX_SPAN_DAYS,
};
use frontdesk_store::status::NEXT_COUNT;
use frontdesk_store::{BookingRecord, RoomStatus, StoreError};

use super::locks::{booked, held};
use super::sql::Sql;
use super::{rows, PgStorage};
use crate::storage::{PulledPage, StorageError};

impl PgStorage {
    /// Confirmed bookings overlapping `[from, to)`, of one room or all, in start order.
    pub(super) fn between(
        &self,
        room: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StorageError> {
        // No booking is longer than 14 days, which bounds the index range.
        let earliest = from - Duration::days(MAX_SPAN_DAYS);
        rows::bookings(
            &mut *self.reader()?,
            "WHERE studio = $1 AND start_at < $3 AND start_at > $4 AND end_at > $2
               AND status = 'confirmed' AND ($5::text IS NULL OR room = $5)
             ORDER BY start_at, room, id",
            &[&self.studio_id, &from, &to, &earliest, &room],
        )
    }

    /// Bookings changed after `since`, oldest change first, at most `limit`; whether more
    /// follow. Numbers are handed out in commit order (see `rows::stamp`), so a cursor
    /// never passes over a change that commits later.
    pub(super) fn changes(
        &self,
        since: i64,
        limit: u32,
    ) -> Result<(Vec<BookingRecord>, bool), StorageError> {
        let mut found = rows::bookings(
            &mut *self.reader()?,
            "WHERE studio = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            &[&self.studio_id, &since, &(i64::from(limit) + 1)],
        )?;
        let more = found.len() > limit as usize;
        found.truncate(limit as usize);
        Ok((found, more))
    }

    /// A pull's page read in one snapshot (see `Storage::pull`).
    pub(super) fn pulled(&self, since: i64, limit: u32) -> Result<PulledPage, StorageError> {
        let mut conn = self.reader()?;
        let mut tx = conn.transaction()?;
        tx.execute(
            "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY",
            &[],
        )?;
        let mut bookings = rows::bookings(
            &mut tx,
            "WHERE studio = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            &[&self.studio_id, &since, &(i64::from(limit) + 1)],
        )?;
        let more = bookings.len() > limit as usize;
        bookings.truncate(limit as usize);
        let upto = if more {
            bookings.last().map(|b| b.seq)
        } else {
            None
        };
        let customers = super::customers::changed(&mut tx, &self.studio_id, since, upto)?;
        tx.commit()?;
        Ok(PulledPage {
            bookings,
            more,
            customers,
        })
    }

    /// Start times of a room's date (see `Store::day_slots`).
    pub(super) fn slots(
        &self,
        room: &str,
        date: NaiveDate,
        duration: u32,
        interval: Option<u32>,
        session: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> Result<DaySlots, StorageError> {
        let target = self.studio.room(room).map_err(StorageError::rule)?;
        let ask = SlotAsk {
            duration,
            interval: interval.unwrap_or(target.interval),
            changeover: target.changeover,
        };
        let reach = i64::from(duration + target.changeover) / (24 * 60) + 2;
        let (occupancy, holds) = self.room_window(room, date, reach.min(MAX_SPAN_DAYS + 2), now)?;
        let calendar = &self.studio.calendar;
        day_slots(
            calendar,
            date,
            ask,
            now,
            |d| occupancy.booked(room, d),
            |d| holds.held_by_others(room, d, session, now),
        )
        .map_err(StorageError::rule)
    }

    /// Whether each date of a month has a start left (see `Store::month_availability`).
    pub(super) fn month(
        &self,
        room: &str,
        year: i32,
        month: u32,
        duration: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<(NaiveDate, bool)>, StorageError> {
        let target = self.studio.room(room).map_err(StorageError::rule)?;
        let ask = SlotAsk {
            duration,
            interval: target.interval,
            changeover: target.changeover,
        };
        let first = NaiveDate::from_ymd_opt(year, month, 1)
            .ok_or(AvailabilityError::BadMonth { year, month })
            .map_err(StorageError::rule)?;
        let reach = 31 + i64::from(duration + target.changeover) / (24 * 60) + 2;
        let (occupancy, holds) = self.room_window(room, first, reach, now)?;
        let calendar = &self.studio.calendar;
        month_availability(
            calendar,
            year,
            month,
            ask,
            now,
            |d| occupancy.booked(room, d),
            |d| holds.held_by_others(room, d, None, now),
        )
        .map_err(StorageError::rule)
    }

    /// A room's bookings and live holds from the day before `from` to `days` days after it.
    fn room_window(
        &self,
        room: &str,
        from: NaiveDate,
        days: i64,
        now: DateTime<Utc>,
    ) -> Result<(Occupancy, HoldBook), StorageError> {
        let calendar = &self.studio.calendar;
        let start = calendar
            .day_start(from - Duration::days(1))
            .map_err(StorageError::rule)?;
        let end = calendar
            .day_start(from + Duration::days(days))
            .map_err(StorageError::rule)?;
        let mut client = self.reader()?;
        let rooms = [room];
        let window = (start, end);
        let occupancy = booked(
            &mut *client,
            &self.studio_id,
            calendar,
            &rooms,
            window,
            None,
        )?;
        let holds = held(&mut *client, &self.studio_id, calendar, &rooms, window, now)?;
        Ok((occupancy, holds))
    }

    /// The status of each room at `at`: two queries and one for holds, whatever the count.
    pub(super) fn statuses(
        &self,
        rooms: &[String],
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<BTreeMap<String, RoomStatus>, StorageError> {
        let unknown: Vec<String> = rooms
            .iter()
            .filter(|r| self.studio.room(r).is_err())
            .cloned()
            .collect();
        if !unknown.is_empty() {
            return Err(StoreError::UnknownRooms(unknown).into());
        }
        let mut client = self.reader()?;
        let held: Vec<String> = client
            .query(
                "SELECT DISTINCT h.room FROM holds h
                   JOIN hold_sessions s ON s.studio = h.studio AND s.id = h.session
                  WHERE h.studio = $1 AND h.room = ANY($2) AND s.expires_at > $3",
                &[&self.studio_id, &rooms, &now],
            )?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?;
        let mut out: BTreeMap<String, RoomStatus> = rooms
            .iter()
            .map(|r| {
                let status = RoomStatus {
                    held: held.contains(r),
                    ..RoomStatus::default()
                };
                (r.clone(), status)
            })
            .collect();
        let current = rows::bookings(
            &mut *client,
            "WHERE studio = $1 AND room = ANY($2) AND status = 'confirmed'
               AND start_at <= $3 AND end_at > $3",
            &[&self.studio_id, &rooms, &at],
        )?;
        for booking in current {
            if let Some(status) = out.get_mut(booking.room.as_str()) {
                status.current = Some(booking);
            }
        }
        let next = rows::bookings(
            &mut *client,
            "WHERE studio = $1 AND room = ANY($2) AND status = 'confirmed'
               AND start_at > $3 AND start_at < $4
             ORDER BY room, start_at, id",
            &[&self.studio_id, &rooms, &at, &(at + Duration::hours(24))],
        )?;
        for booking in next {
            if let Some(status) = out.get_mut(booking.room.as_str()) {
                if status.next.len() < NEXT_COUNT {
                    status.next.push(booking);
                }
            }
        }
        Ok(out)
    }
}

/// The bookings ending after `from` that `studio` would leave outside its hours or rooms.
pub fn bookings_outside(
    client: &mut impl Sql,
    studio_id: &str,
    studio: &frontdesk_core::Studio,
    from: DateTime<Utc>,
) -> Result<Vec<BookingRecord>, StorageError> {
    let ahead = rows::bookings(
        client,
        "WHERE studio = $1 AND end_at > $2 AND status = 'confirmed' ORDER BY start_at, room, id",
        &[&studio_id, &from],
    )?;
    Ok(frontdesk_store::studio_edit::outside(studio, ahead)?)
}
