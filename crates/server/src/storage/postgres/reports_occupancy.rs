//! The occupancy report on PostgreSQL, which keeps no day masks: the period's confirmed
//! bookings of the rooms asked for are read in one query, cut at the period's ends and
//! turned into masks of its dates — whose bounds are computed once for the whole period, so
//! a year of bookings costs no time-zone look-up each — then counted by the engine's
//! `report::occupancy`, as the SQLite store counts its stored masks.

use chrono::{DateTime, Duration, Utc};
use frontdesk_core::{Day, DayMask, Occupancy, RoomId, MAX_SPAN_DAYS, QUANTUM_MINUTES};
use frontdesk_protocol::{OccupancyReport, ReportPeriod};
use frontdesk_store::reports::occupancy_of;

use super::sql::Sql;
use super::PgStorage;
use crate::storage::StorageError;

/// Confirmed bookings overlapping `[$3, $4)` in the rooms `$2` (`$5`: no booking is longer
/// than 14 days, which bounds the index range).
const BOOKED: &str = "SELECT room, start_at, end_at FROM bookings
     WHERE studio = $1 AND room = ANY($2) AND status = 'confirmed'
       AND start_at < $4 AND start_at > $5 AND end_at > $3";

const QUANTUM_SECONDS: i64 = QUANTUM_MINUTES * 60;

/// The quanta of `days` (consecutive dates) that `[start, end)` covers, one mask per date;
/// the span is cut at the first date's start and the last date's end.
fn masks(
    days: &[Day],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Vec<(chrono::NaiveDate, DayMask)> {
    let mut masks = Vec::with_capacity(1);
    let Some(last) = days.last() else {
        return masks;
    };
    let (start, end) = (start.max(days[0].start), end.min(last.end()));
    let quantum = |day: &Day, at: DateTime<Utc>| {
        u32::try_from((at - day.start).num_seconds() / QUANTUM_SECONDS).unwrap_or(0)
    };
    // The first date that ends after the start.
    let mut i = days.partition_point(|d| d.end() <= start);
    let mut from = days.get(i).map_or(0, |d| quantum(d, start));
    while let Some(day) = days.get(i) {
        if start >= end {
            break;
        }
        if end <= day.end() {
            masks.push((day.date, DayMask::range(from, quantum(day, end))));
            break;
        }
        masks.push((day.date, DayMask::range(from, day.quanta)));
        from = 0;
        i += 1;
    }
    masks
}

impl PgStorage {
    /// See `Store::occupancy_report`.
    pub(super) fn occupancy(&self, period: &ReportPeriod) -> Result<OccupancyReport, StorageError> {
        let calendar = &self.studio.calendar;
        let count = usize::try_from((period.to - period.from).num_days() + 1).unwrap_or(0);
        let days = calendar
            .days(period.from, count)
            .map_err(StorageError::rule)?;
        let mut booked = Occupancy::new();
        if let (Some(first), Some(last)) = (days.first(), days.last()) {
            let (from, to) = (first.start, last.end());
            let earliest = from - Duration::days(MAX_SPAN_DAYS);
            let rooms: Vec<RoomId> = period
                .rooms
                .iter()
                .map(|r| RoomId::new(r).map_err(StorageError::rule))
                .collect::<Result<_, _>>()?;
            let rows = self.reader()?.query(
                BOOKED,
                &[&self.studio_id, &period.rooms, &from, &to, &earliest],
            )?;
            for row in rows {
                let room: &str = row.try_get(0)?;
                let Some(room) = rooms.iter().find(|r| r.as_str() == room) else {
                    continue;
                };
                booked.add(room, masks(&days, row.try_get(1)?, row.try_get(2)?));
            }
        }
        Ok(occupancy_of(&self.studio, period, &booked)?)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use frontdesk_core::{Calendar, OpeningHours, Span};

    /// The masks match the engine's own cutting of a span into dates, across both clock
    /// changes of Berlin, within a date, across midnight and cut at the period's ends.
    #[test]
    fn the_masks_are_the_engines() {
        let calendar = Calendar::new(chrono_tz::Europe::Berlin, OpeningHours::always());
        let first = chrono::NaiveDate::from_ymd_opt(2026, 3, 27).unwrap();
        let days = calendar.days(first, 220).unwrap();
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        for (start, end) in [
            ("2026-03-28T22:00:00Z", "2026-03-29T03:00:00Z"),
            ("2026-03-29T00:45:00Z", "2026-03-29T01:15:00Z"),
            ("2026-10-24T23:30:00Z", "2026-10-25T02:30:00Z"),
            ("2026-10-25T00:00:00Z", "2026-10-26T00:15:00Z"),
            ("2026-06-01T08:00:00Z", "2026-06-04T09:00:00Z"),
        ] {
            let span = Span::new(at(start), at(end)).unwrap();
            let expected: Vec<_> = calendar.span_days(&span).unwrap().masks().collect();
            assert_eq!(masks(&days, at(start), at(end)), expected, "{start}–{end}");
        }
        // Cut at the period's ends: a booking from the day before, one past the last date.
        let before = masks(
            &days,
            at("2026-03-26T20:00:00Z"),
            at("2026-03-27T00:00:00Z"),
        );
        assert_eq!(before, vec![(first, DayMask::range(0, 4))]);
        let last = days.last().unwrap();
        let after = masks(
            &days,
            last.end() - Duration::minutes(30),
            last.end() + Duration::hours(5),
        );
        assert_eq!(
            after,
            vec![(last.date, DayMask::range(last.quanta - 2, last.quanta))]
        );
        assert!(masks(
            &days,
            at("2026-01-01T00:00:00Z"),
            at("2026-01-02T00:00:00Z")
        )
        .is_empty());
    }
}
