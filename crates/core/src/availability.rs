//! Start times staff can offer: day slots and month availability.
//!
//! A start is offered when it lies on the interval grid (counted from the date's quantum 0),
//! its first quantum is not over yet (a start in the quantum that is running now is still
//! offered, for a walk-in), and every quantum of its span is inside opening hours and free
//! of bookings, with the room's changeover clear of bookings on both sides (the changeover
//! itself may reach outside opening hours: resetting after closing time is fine). It is
//! `Reserved` when live holds of other sessions cover part of it,
//! `Available` otherwise. Bookings themselves may lie in the past (a walk-in recorded late,
//! an offline booking synced later): only what is offered is cut at `now`.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use thiserror::Error;

use crate::calendar::{Calendar, CalendarError, Day};
use crate::mask::DayMask;
use crate::span::QUANTUM_MINUTES;
use crate::studio::{valid_minutes, MAX_CHANGEOVER_MINUTES};

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
    #[error("a changeover of {0} minutes is not possible: use a multiple of 15 minutes")]
    BadChangeover(u32),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

/// What start times are asked for: how long, on which grid, and the room's changeover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotAsk {
    /// Minutes of the booking.
    pub duration: u32,
    /// Minutes between offered starts, counted from the date's quantum 0.
    pub interval: u32,
    /// Minutes the room needs clear of bookings before and after the booking.
    pub changeover: u32,
}

/// An ask in quanta, checked.
#[derive(Debug, Clone, Copy)]
struct Quanta {
    len: u32,
    step: u32,
    pad: u32,
}

impl SlotAsk {
    fn quanta(&self) -> Result<Quanta, AvailabilityError> {
        let q = QUANTUM_MINUTES as u32;
        if self.changeover % q != 0 || self.changeover > MAX_CHANGEOVER_MINUTES {
            return Err(AvailabilityError::BadChangeover(self.changeover));
        }
        Ok(Quanta {
            len: quanta_of(self.duration, AvailabilityError::BadDuration)?,
            step: quanta_of(self.interval, AvailabilityError::BadInterval)?,
            pad: self.changeover / q,
        })
    }
}

/// One date with its blocking masks.
#[derive(Debug, Clone, Copy)]
struct DayState {
    day: Day,
    /// Closed or over: no offered booking may cover these quanta.
    closed: DayMask,
    /// Booked: neither an offered booking nor its changeover may cover these.
    booked: DayMask,
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

/// Loads `count` dates from `from`, the date before them when a changeover of `pad` quanta
/// reaches back into it, then as many more as a span of `len + pad` quanta starting in the
/// last of them can reach. Returns the states and the index of `from` among them.
#[allow(clippy::too_many_arguments)]
fn load_days(
    calendar: &Calendar,
    from: NaiveDate,
    count: usize,
    q: Quanta,
    now: DateTime<Utc>,
    booked: &impl Fn(NaiveDate) -> DayMask,
    held: &impl Fn(NaiveDate) -> DayMask,
) -> Result<(Vec<DayState>, usize), AvailabilityError> {
    let before = from.pred_opt().filter(|_| q.pad > 0);
    let (mut days, first) = match before {
        Some(before) => (calendar.days(before, count + 1)?, 1),
        None => (calendar.days(from, count)?, 0),
    };
    let mut reach: u32 = 0;
    while reach < q.len + q.pad {
        let next = calendar.next_day(&days[days.len() - 1])?;
        reach += next.quanta;
        days.push(next);
    }
    let states = days
        .into_iter()
        .map(|day| DayState {
            day,
            closed: day.full().without(day.open) | day.past(now),
            booked: booked(day.date),
            held: held(day.date),
        })
        .collect();
    Ok((states, first))
}

/// Calls `f` with each date's part of the quanta `[from, to)` counted from quantum 0 of
/// `days[at]` (`from` may be negative: quanta of the dates before). False when the range
/// leaves the loaded dates.
fn each_part(
    days: &[DayState],
    at: usize,
    from: i64,
    to: i64,
    mut f: impl FnMut(&DayState, DayMask),
) -> bool {
    let (mut i, mut from, mut to) = (at, from, to);
    while from < 0 {
        let Some(prev) = i.checked_sub(1) else {
            return false;
        };
        i = prev;
        let q = i64::from(days[i].day.quanta);
        from += q;
        to += q;
    }
    loop {
        let Some(state) = days.get(i) else {
            return false;
        };
        let q = i64::from(state.day.quanta);
        if from < q {
            // Both bounds lie in 0..=q here, which fits u32.
            f(state, DayMask::range(from as u32, to.min(q) as u32));
        }
        if to <= q {
            return true;
        }
        from = (from - q).max(0);
        to -= q;
        i += 1;
    }
}

/// The status of a booking of `q.len` quanta starting at quantum `start` of `days[at]`, or
/// `None` when it is closed or booked somewhere or its changeover touches a booking.
fn status_at(days: &[DayState], at: usize, start: u32, q: Quanta) -> Option<SlotStatus> {
    let (from, to) = (i64::from(start), i64::from(start + q.len));
    let pad = i64::from(q.pad);
    let (mut blocked, mut held) = (false, false);
    let inside = each_part(days, at, from, to, |s, m| blocked |= m.intersects(s.closed));
    let around = each_part(days, at, from - pad, to + pad, |s, m| {
        blocked |= m.intersects(s.booked);
        held |= m.intersects(s.held);
    });
    if !inside || !around || blocked {
        None
    } else if held {
        Some(SlotStatus::Reserved)
    } else {
        Some(SlotStatus::Available)
    }
}

/// Start times of `date` for a booking as `ask`ed, none of them in a quantum that is over at
/// `now`. `booked` and `held` give the room's booked quanta and the quanta held by *other*
/// sessions for any date.
pub fn day_slots(
    calendar: &Calendar,
    date: NaiveDate,
    ask: SlotAsk,
    now: DateTime<Utc>,
    booked: impl Fn(NaiveDate) -> DayMask,
    held: impl Fn(NaiveDate) -> DayMask,
) -> Result<DaySlots, AvailabilityError> {
    let q = ask.quanta()?;
    let (days, at) = load_days(calendar, date, 1, q, now, &booked, &held)?;
    let day = days[at].day;
    let slots = (0..day.quanta)
        .step_by(q.step as usize)
        .filter_map(|start| {
            status_at(&days, at, start, q).map(|status| Slot {
                start: day.instant(start),
                end: day.instant(start + q.len),
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
/// dates that are over have none), changeover counted.
#[allow(clippy::too_many_arguments)]
pub fn month_availability(
    calendar: &Calendar,
    year: i32,
    month: u32,
    ask: SlotAsk,
    now: DateTime<Utc>,
    booked: impl Fn(NaiveDate) -> DayMask,
    held: impl Fn(NaiveDate) -> DayMask,
) -> Result<Vec<(NaiveDate, bool)>, AvailabilityError> {
    let q = ask.quanta()?;
    let bad_month = || AvailabilityError::BadMonth { year, month };
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad_month)?;
    let count = first
        .checked_add_months(chrono::Months::new(1))
        .ok_or_else(bad_month)?
        .signed_duration_since(first)
        .num_days() as usize;
    let (days, at) = load_days(calendar, first, count, q, now, &booked, &held)?;
    Ok((at..at + count)
        .map(|i| {
            let quanta = days[i].day.quanta;
            let free = (0..quanta)
                .step_by(q.step as usize)
                .any(|start| status_at(&days, i, start, q) == Some(SlotStatus::Available));
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
