//! Start times staff can offer: day slots and month availability.
//!
//! A start is offered when it lies on the interval grid (counted from the date's quantum 0),
//! its first quantum is not over yet (a start in the quantum that is running now is still
//! offered, for a walk-in), and every quantum of its span is inside opening hours and free
//! of bookings. It is `Reserved` when live holds of other sessions cover part of it,
//! `Available` otherwise. Bookings themselves may lie in the past (a walk-in recorded late,
//! an offline booking synced later): only what is offered is cut at `now`.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use thiserror::Error;

use crate::calendar::{Calendar, CalendarError, Day};
use crate::mask::DayMask;
use crate::span::QUANTUM_MINUTES;
use crate::studio::valid_minutes;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlotStatus {
    Available,
    /// Only holds of other sessions block it: someone else is booking it right now.
    Reserved,
}

impl SlotStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SlotStatus::Available => "available",
            SlotStatus::Reserved => "reserved",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: SlotStatus,
}

/// The offered starts of one date, in time order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaySlots {
    pub date: NaiveDate,
    /// The date's number of quanta (92/96/100).
    pub quanta: u32,
    pub slots: Vec<Slot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AvailabilityError {
    #[error("a duration of {0} minutes is not possible: use a positive multiple of 15 minutes, at most 14 days")]
    BadDuration(u32),
    #[error("an interval of {0} minutes is not possible: use a positive multiple of 15 minutes")]
    BadInterval(u32),
    #[error("{year}-{month:02} is not a month")]
    BadMonth { year: i32, month: u32 },
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

/// One date with its blocking masks.
#[derive(Debug, Clone, Copy)]
struct DayState {
    day: Day,
    /// Booked, closed or over: nothing offered may cover these quanta.
    blocked: DayMask,
    /// Held by other sessions.
    held: DayMask,
}

fn quanta_of(minutes: u32, error: fn(u32) -> AvailabilityError) -> Result<u32, AvailabilityError> {
    if valid_minutes(minutes) {
        Ok(minutes / QUANTUM_MINUTES as u32)
    } else {
        Err(error(minutes))
    }
}

/// Loads `count` dates from `from`, then as many more as a span of `len` quanta starting
/// in the last of them can reach.
fn load_days(
    calendar: &Calendar,
    from: NaiveDate,
    count: usize,
    len: u32,
    now: DateTime<Utc>,
    booked: &impl Fn(NaiveDate) -> DayMask,
    held: &impl Fn(NaiveDate) -> DayMask,
) -> Result<Vec<DayState>, AvailabilityError> {
    let mut days = calendar.days(from, count)?;
    let mut reach: u32 = 0;
    while reach < len {
        let next = calendar.next_day(&days[days.len() - 1])?;
        reach += next.quanta;
        days.push(next);
    }
    Ok(days
        .into_iter()
        .map(|day| DayState {
            day,
            blocked: booked(day.date) | day.full().without(day.open) | day.past(now),
            held: held(day.date),
        })
        .collect())
}

/// The status of a span of `len` quanta starting at quantum `start` of `days[0]`, or `None`
/// when it is booked or closed somewhere.
fn status_at(days: &[DayState], start: u32, len: u32) -> Option<SlotStatus> {
    let mut from = start;
    let mut rest = len;
    let mut held = false;
    for state in days {
        let to = (from + rest).min(state.day.quanta);
        let mask = DayMask::range(from, to);
        if mask.intersects(state.blocked) {
            return None;
        }
        held |= mask.intersects(state.held);
        rest -= to - from;
        if rest == 0 {
            return Some(if held {
                SlotStatus::Reserved
            } else {
                SlotStatus::Available
            });
        }
        from = 0;
    }
    None
}

/// Start times of `date` for a booking of `duration` minutes on a grid of `interval` minutes,
/// none of them in a quantum that is over at `now`. `booked` and `held` give the room's
/// booked quanta and the quanta held by *other* sessions for any date.
pub fn day_slots(
    calendar: &Calendar,
    date: NaiveDate,
    duration: u32,
    interval: u32,
    now: DateTime<Utc>,
    booked: impl Fn(NaiveDate) -> DayMask,
    held: impl Fn(NaiveDate) -> DayMask,
) -> Result<DaySlots, AvailabilityError> {
    let len = quanta_of(duration, AvailabilityError::BadDuration)?;
    let step = quanta_of(interval, AvailabilityError::BadInterval)?;
    let days = load_days(calendar, date, 1, len, now, &booked, &held)?;
    let day = days[0].day;
    let slots = (0..day.quanta)
        .step_by(step as usize)
        .filter_map(|q| {
            status_at(&days, q, len).map(|status| Slot {
                start: day.instant(q),
                end: day.instant(q + len),
                status,
            })
        })
        .collect();
    Ok(DaySlots {
        date,
        quanta: day.quanta,
        slots,
    })
}

/// For each date of the month, whether at least one `Available` start exists at `now` (so
/// dates that are over have none).
#[allow(clippy::too_many_arguments)]
pub fn month_availability(
    calendar: &Calendar,
    year: i32,
    month: u32,
    duration: u32,
    interval: u32,
    now: DateTime<Utc>,
    booked: impl Fn(NaiveDate) -> DayMask,
    held: impl Fn(NaiveDate) -> DayMask,
) -> Result<Vec<(NaiveDate, bool)>, AvailabilityError> {
    let len = quanta_of(duration, AvailabilityError::BadDuration)?;
    let step = quanta_of(interval, AvailabilityError::BadInterval)?;
    let bad_month = || AvailabilityError::BadMonth { year, month };
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad_month)?;
    let count = first
        .checked_add_months(chrono::Months::new(1))
        .ok_or_else(bad_month)?
        .signed_duration_since(first)
        .num_days() as usize;
    let days = load_days(calendar, first, count, len, now, &booked, &held)?;
    Ok((0..count)
        .map(|i| {
            let quanta = days[i].day.quanta;
            let free = (0..quanta)
                .step_by(step as usize)
                .any(|q| status_at(&days[i..], q, len) == Some(SlotStatus::Available));
            (days[i].day.date, free)
        })
        .collect())
}

/// The month of a date, for callers that hold a date.
pub fn month_of(date: NaiveDate) -> (i32, u32) {
    (date.year(), date.month())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::OpeningHours;
    use chrono::{Duration, TimeZone};
    use chrono_tz::Europe::Berlin;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn hours() -> OpeningHours {
        let mut h = OpeningHours::closed();
        for wd in crate::calendar::WEEK {
            h.set(wd, "08:00", "24:00").unwrap();
        }
        h
    }

    fn none(_: NaiveDate) -> DayMask {
        DayMask::EMPTY
    }

    /// A `now` before every date these tests ask about.
    fn long_ago() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap()
    }

    fn berlin(m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
        Berlin
            .with_ymd_and_hms(2026, m, d, h, min, s)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn starts_that_are_over_are_not_offered() {
        let cal = Calendar::new(Berlin, hours());
        let d = date(2026, 6, 1);
        let starts = |now| {
            day_slots(&cal, d, 60, 60, now, none, none)
                .unwrap()
                .slots
                .iter()
                .map(|s| cal.local(s.start).time().format("%H:%M").to_string())
                .collect::<Vec<_>>()
        };
        // 14:05: the 14:00 quantum is still running, so a walk-in can start at 14:00.
        assert_eq!(starts(berlin(6, 1, 14, 5, 0)).first().unwrap(), "14:00");
        // 14:15: the 14:00 quantum is over.
        assert_eq!(starts(berlin(6, 1, 14, 15, 0)).first().unwrap(), "15:00");
        assert_eq!(starts(berlin(6, 1, 14, 14, 59)).first().unwrap(), "14:00");
        // Before the date, all of it; after it, nothing.
        assert_eq!(starts(berlin(5, 31, 23, 59, 0)).len(), 16);
        assert!(starts(berlin(6, 2, 0, 0, 0)).is_empty());
        // A two-hour booking at 23:00 would end tomorrow: the late start is still offered
        // at 23:10 (tomorrow's quanta are not over).
        let cal = Calendar::new(Berlin, OpeningHours::always());
        let late = day_slots(&cal, d, 120, 60, berlin(6, 1, 23, 10, 0), none, none).unwrap();
        assert_eq!(late.slots.len(), 1);
        assert_eq!(late.slots[0].start, berlin(6, 1, 23, 0, 0));
    }

    #[test]
    fn the_month_has_no_start_on_dates_that_are_over() {
        let cal = Calendar::new(Berlin, hours());
        // 21 June, 23:05: 23:00–24:00 still fits today; a 2-hour booking needs 22:00 or
        // 23:00 → 24:00 closes at midnight, so only the 1-hour one is left today.
        let now = berlin(6, 21, 23, 5, 0);
        let month = month_availability(&cal, 2026, 6, 60, 60, now, none, none).unwrap();
        for (day, free) in &month {
            assert_eq!(*free, day.day() >= 21, "{day}");
        }
        let month = month_availability(&cal, 2026, 6, 120, 60, now, none, none).unwrap();
        for (day, free) in &month {
            assert_eq!(*free, day.day() >= 22, "{day}");
        }
    }

    #[test]
    fn grid_inside_opening_hours() {
        let cal = Calendar::new(Berlin, hours());
        let d = date(2026, 6, 1);
        let slots = day_slots(&cal, d, 120, 60, long_ago(), none, none).unwrap();
        assert_eq!(slots.quanta, 96);
        // 08:00 … 22:00 (22:00–24:00 is the last that fits before closing).
        assert_eq!(slots.slots.len(), 15);
        let first = Berlin
            .with_ymd_and_hms(2026, 6, 1, 8, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(slots.slots[0].start, first);
        assert_eq!(slots.slots[0].end, first + Duration::hours(2));
        assert!(slots.slots.windows(2).all(|w| w[0].start < w[1].start));
    }

    #[test]
    fn booked_hides_and_held_reserves() {
        let cal = Calendar::new(Berlin, hours());
        let d = date(2026, 6, 1);
        // Booked 10:00–11:00 (quanta 40..44), held 14:00–14:15 (quanta 56..57).
        let booked = |x: NaiveDate| {
            if x == d {
                DayMask::range(40, 44)
            } else {
                DayMask::EMPTY
            }
        };
        let held = |x: NaiveDate| {
            if x == d {
                DayMask::range(56, 57)
            } else {
                DayMask::EMPTY
            }
        };
        let slots = day_slots(&cal, d, 60, 60, long_ago(), booked, held)
            .unwrap()
            .slots;
        let local: Vec<(u32, SlotStatus)> = slots
            .iter()
            .map(|s| {
                (
                    cal.local(s.start)
                        .time()
                        .format("%H")
                        .to_string()
                        .parse()
                        .unwrap(),
                    s.status,
                )
            })
            .collect();
        assert!(!local.iter().any(|(h, _)| *h == 10));
        assert!(local.contains(&(14, SlotStatus::Reserved)));
        assert!(local.contains(&(13, SlotStatus::Available)));
        assert_eq!(local.len(), 15);
    }

    #[test]
    fn dst_days_have_their_own_grid() {
        let cal = Calendar::new(Berlin, OpeningHours::always());
        let spring = day_slots(&cal, date(2026, 3, 29), 60, 60, long_ago(), none, none).unwrap();
        assert_eq!(spring.quanta, 92);
        assert_eq!(spring.slots.len(), 23);
        let fall = day_slots(&cal, date(2026, 10, 25), 60, 60, long_ago(), none, none).unwrap();
        assert_eq!(fall.quanta, 100);
        assert_eq!(fall.slots.len(), 25);
    }

    #[test]
    fn spans_reach_into_the_next_day() {
        let cal = Calendar::new(Berlin, OpeningHours::always());
        let d = date(2026, 6, 1);
        let next = d.succ_opt().unwrap();
        // The next day is booked 00:00–01:00: 3 h slots at 22:00 and 23:00 are gone.
        let booked = |x: NaiveDate| {
            if x == next {
                DayMask::range(0, 4)
            } else {
                DayMask::EMPTY
            }
        };
        let slots = day_slots(&cal, d, 180, 60, long_ago(), booked, none)
            .unwrap()
            .slots;
        let last = slots.last().unwrap();
        assert_eq!(
            cal.local(last.start).time().format("%H:%M").to_string(),
            "21:00"
        );
        assert_eq!(slots.len(), 22);
        // A two-day booking fits only where nothing at all is booked.
        let long = day_slots(&cal, d, 48 * 60, 60, long_ago(), booked, none)
            .unwrap()
            .slots;
        assert_eq!(long.len(), 0);
    }

    #[test]
    fn month_marks_full_days() {
        let cal = Calendar::new(Berlin, hours());
        let full = date(2026, 2, 10);
        let booked = |x: NaiveDate| {
            if x == full {
                DayMask::full(96)
            } else {
                DayMask::EMPTY
            }
        };
        let month = month_availability(&cal, 2026, 2, 60, 60, long_ago(), booked, none).unwrap();
        assert_eq!(month.len(), 28);
        assert!(month.iter().all(|(d, free)| *free == (*d != full)));
        assert!(matches!(
            month_availability(&cal, 2026, 13, 60, 60, long_ago(), none, none),
            Err(AvailabilityError::BadMonth { .. })
        ));
        assert!(matches!(
            day_slots(&cal, full, 50, 60, long_ago(), none, none),
            Err(AvailabilityError::BadDuration(50))
        ));
    }
}
