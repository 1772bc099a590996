//! The studio calendar: local dates in an IANA timezone, cut into 15-minute quanta counted
//! from the first instant of each date, each with the mask of its opening hours (the
//! hours themselves are in [`crate::hours`]).
//!
//! A day has `(next day's start − day start) / 15 min` quanta: 96 on most days, 92 or 100 on
//! DST days in most zones. Nothing here assumes 96.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use thiserror::Error;

use crate::mask::DayMask;
use crate::span::{Span, QUANTUM_MINUTES};

pub use crate::hours::{HoursDay, HoursError, OpeningHours, RangeError, TimeRange, WEEK};

const QUANTUM_SECONDS: i64 = QUANTUM_MINUTES * 60;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CalendarError {
    #[error(
        "{local} is not on a quarter hour of the studio's day: times must be on 15-minute steps"
    )]
    Misaligned {
        instant: DateTime<Utc>,
        local: NaiveDateTime,
    },
    #[error("{date} cannot be cut into 15-minute quanta in this timezone (its length is not a multiple of 15 minutes or over 32 hours)")]
    UnsupportedDay { date: NaiveDate },
    #[error("the date is outside the supported calendar range")]
    OutOfRange,
    #[error(transparent)]
    Hours(#[from] HoursError),
}

/// One local date of the studio: where it starts, how many quanta it has, which are open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    /// The first instant of the date (local midnight, or later where a DST jump skips it).
    pub start: DateTime<Utc>,
    /// 96 normally; 92/100 (or other counts) on DST days.
    pub quanta: u32,
    /// The quanta that start inside opening hours.
    pub open: DayMask,
}

impl Day {
    /// The instant quantum `quantum` starts (`quanta` gives the end of the day).
    pub fn instant(&self, quantum: u32) -> DateTime<Utc> {
        self.start + Duration::seconds(i64::from(quantum) * QUANTUM_SECONDS)
    }

    /// The first instant of the next date.
    pub fn end(&self) -> DateTime<Utc> {
        self.instant(self.quanta)
    }

    /// Every quantum of this date.
    pub fn full(&self) -> DayMask {
        DayMask::full(self.quanta)
    }

    /// The quanta of this date that are over at `now`: every one before the quantum `now`
    /// falls in (that one is still running, so a walk-in can start in it).
    pub fn past(&self, now: DateTime<Utc>) -> DayMask {
        let elapsed = (now - self.start).num_seconds();
        if elapsed <= 0 {
            return DayMask::EMPTY;
        }
        let current = (elapsed / QUANTUM_SECONDS).min(i64::from(self.quanta));
        // `current` is at most `quanta` (≤ 100 on any date), so it fits.
        DayMask::range(0, u32::try_from(current).unwrap_or(self.quanta))
    }

    pub fn bounds(&self) -> DayBounds {
        DayBounds {
            date: self.date,
            start: self.start,
            quanta: self.quanta,
        }
    }
}

/// Where a local date starts and how many quanta it has (a [`Day`] without its opening
/// mask, which costs time zone look-ups to compute).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayBounds {
    pub date: NaiveDate,
    pub start: DateTime<Utc>,
    pub quanta: u32,
}

impl DayBounds {
    /// The instant quantum `quantum` starts (`quanta` gives the end of the day).
    pub fn instant(&self, quantum: u32) -> DateTime<Utc> {
        self.start + Duration::seconds(i64::from(quantum) * QUANTUM_SECONDS)
    }

    /// The first instant of the next date.
    pub fn end(&self) -> DateTime<Utc> {
        self.instant(self.quanta)
    }
}

/// A span cut into one mask per local date it touches, in date order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanDays {
    pieces: Vec<(DayBounds, DayMask)>,
}

impl SpanDays {
    pub fn iter(&self) -> impl Iterator<Item = &(DayBounds, DayMask)> + '_ {
        self.pieces.iter()
    }

    /// `(date, mask)` pairs, as stored.
    pub fn masks(&self) -> impl Iterator<Item = (NaiveDate, DayMask)> + '_ {
        self.pieces.iter().map(|(day, mask)| (day.date, *mask))
    }

    pub fn len(&self) -> usize {
        self.pieces.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }
}

/// A studio's timezone and weekly opening hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    tz: Tz,
    hours: OpeningHours,
}

impl Calendar {
    pub fn new(tz: Tz, hours: OpeningHours) -> Self {
        Calendar { tz, hours }
    }

    pub fn timezone(&self) -> Tz {
        self.tz
    }

    pub fn hours(&self) -> &OpeningHours {
        &self.hours
    }

    /// The first instant of `date` in the studio's timezone.
    pub fn day_start(&self, date: NaiveDate) -> Result<DateTime<Utc>, CalendarError> {
        let mut local = date.and_time(NaiveTime::MIN);
        // Where a DST jump skips local midnight, the day starts at the first local minute
        // that exists (the instant of the jump).
        while local.date() == date {
            match self.tz.from_local_datetime(&local) {
                LocalResult::Single(t) => return Ok(t.with_timezone(&Utc)),
                LocalResult::Ambiguous(a, b) => return Ok(a.min(b).with_timezone(&Utc)),
                LocalResult::None => local += Duration::minutes(1),
            }
        }
        Err(CalendarError::UnsupportedDay { date })
    }

    /// The local date an instant falls on.
    pub fn date_of(&self, instant: DateTime<Utc>) -> NaiveDate {
        instant.with_timezone(&self.tz).date_naive()
    }

    /// The wall-clock time of an instant in the studio's timezone.
    pub fn local(&self, instant: DateTime<Utc>) -> NaiveDateTime {
        instant.with_timezone(&self.tz).naive_local()
    }

    /// The date's start, quanta and opening mask.
    pub fn day(&self, date: NaiveDate) -> Result<Day, CalendarError> {
        let next = date.succ_opt().ok_or(CalendarError::OutOfRange)?;
        self.day_between(date, self.day_start(date)?, self.day_start(next)?)
    }

    /// `count` consecutive dates from `from`, each date's start computed once.
    pub fn days(&self, from: NaiveDate, count: usize) -> Result<Vec<Day>, CalendarError> {
        let mut days = Vec::with_capacity(count);
        let mut date = from;
        let mut start = self.day_start(from)?;
        for _ in 0..count {
            let next = date.succ_opt().ok_or(CalendarError::OutOfRange)?;
            let next_start = self.day_start(next)?;
            days.push(self.day_between(date, start, next_start)?);
            date = next;
            start = next_start;
        }
        Ok(days)
    }

    /// The date after `day`, reusing its end as the next start (one time zone look-up).
    pub fn next_day(&self, day: &Day) -> Result<Day, CalendarError> {
        let date = day.date.succ_opt().ok_or(CalendarError::OutOfRange)?;
        let after = date.succ_opt().ok_or(CalendarError::OutOfRange)?;
        self.day_between(date, day.end(), self.day_start(after)?)
    }

    /// The number of quanta of `date` (92, 96, 100, …).
    pub fn quanta(&self, date: NaiveDate) -> Result<u32, CalendarError> {
        Ok(self.day(date)?.quanta)
    }

    fn day_between(
        &self,
        date: NaiveDate,
        start: DateTime<Utc>,
        next_start: DateTime<Utc>,
    ) -> Result<Day, CalendarError> {
        let bounds = Self::bounds_between(date, start, next_start)?;
        Ok(Day {
            date,
            start,
            quanta: bounds.quanta,
            open: self.open_mask(&bounds),
        })
    }

    fn bounds_between(
        date: NaiveDate,
        start: DateTime<Utc>,
        next_start: DateTime<Utc>,
    ) -> Result<DayBounds, CalendarError> {
        let length = (next_start - start).num_seconds();
        if length <= 0
            || length % QUANTUM_SECONDS != 0
            || length / QUANTUM_SECONDS > i64::from(DayMask::CAPACITY)
        {
            return Err(CalendarError::UnsupportedDay { date });
        }
        Ok(DayBounds {
            date,
            start,
            quanta: (length / QUANTUM_SECONDS) as u32,
        })
    }

    /// Where `date` starts and how many quanta it has.
    pub fn bounds(&self, date: NaiveDate) -> Result<DayBounds, CalendarError> {
        let next = date.succ_opt().ok_or(CalendarError::OutOfRange)?;
        Self::bounds_between(date, self.day_start(date)?, self.day_start(next)?)
    }

    /// Quanta whose local start time lies inside the date's opening hours.
    fn open_mask(&self, day: &DayBounds) -> DayMask {
        self.hours.mask(self.tz, day)
    }

    /// The date and quantum an instant starts; an instant between quanta is an error.
    pub fn locate(&self, instant: DateTime<Utc>) -> Result<(DayBounds, u32), CalendarError> {
        let day = self.bounds(self.date_of(instant))?;
        Ok((day, self.quantum_in(&day, instant)?))
    }

    /// The quantum of `day` that starts at `instant` (which may be the day's end).
    fn quantum_in(&self, day: &DayBounds, instant: DateTime<Utc>) -> Result<u32, CalendarError> {
        let offset = instant - day.start;
        if offset.subsec_nanos() != 0 || offset.num_seconds() % QUANTUM_SECONDS != 0 {
            return Err(CalendarError::Misaligned {
                instant,
                local: self.local(instant),
            });
        }
        Ok((offset.num_seconds() / QUANTUM_SECONDS) as u32)
    }

    /// Cuts a span into one mask per local date it touches. Both ends must be on quantum
    /// boundaries. Whole dates in between are full masks.
    pub fn span_days(&self, span: &Span) -> Result<SpanDays, CalendarError> {
        let (first, from) = self.locate(span.start())?;
        let mut pieces = Vec::with_capacity(2);
        if span.end() <= first.end() {
            // Within the first date (the common case): no second time zone look-up.
            let to = self.quantum_in(&first, span.end())?;
            pieces.push((first, DayMask::range(from, to)));
            return Ok(SpanDays { pieces });
        }
        let (last, to) = self.locate(span.end())?;
        pieces.push((first, DayMask::range(from, first.quanta)));
        let mut day = first;
        loop {
            let date = day.date.succ_opt().ok_or(CalendarError::OutOfRange)?;
            if date == last.date {
                break;
            }
            let next_start = self.day_start(date.succ_opt().ok_or(CalendarError::OutOfRange)?)?;
            day = Self::bounds_between(date, day.end(), next_start)?;
            pieces.push((day, DayMask::full(day.quanta)));
        }
        if to > 0 {
            pieces.push((last, DayMask::range(0, to)));
        }
        Ok(SpanDays { pieces })
    }

    /// The span is inside opening hours when every quantum it covers is open.
    pub fn is_open(&self, days: &SpanDays) -> bool {
        days.iter()
            .all(|(day, mask)| mask.without(self.open_mask(day)).is_empty())
    }
}

#[cfg(test)]
mod tests;
