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
mod tests;
