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
mod tests {
    use super::*;
    use chrono_tz::{America::New_York, Asia::Kathmandu, Europe::Berlin};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn berlin() -> Calendar {
        Calendar::new(Berlin, OpeningHours::always())
    }

    #[test]
    fn past_quanta_are_counted_in_real_time_on_dst_days() {
        let spring = berlin().day(date(2026, 3, 29)).unwrap();
        // 03:40 CEST is 2 h 40 min after midnight: ten quanta over, the 11th running.
        assert_eq!(
            spring.past(utc("2026-03-29T03:40:00+02:00")),
            DayMask::range(0, 10)
        );
        assert_eq!(spring.past(spring.start), DayMask::EMPTY);
        assert_eq!(
            spring.past(spring.start - Duration::days(3)),
            DayMask::EMPTY
        );
        assert_eq!(spring.past(spring.end()), spring.full());
        assert_eq!(spring.past(spring.end() + Duration::days(3)), spring.full());
        let fall = berlin().day(date(2026, 10, 25)).unwrap();
        // 02:10 CET, the second 02:00: three hours and ten minutes after midnight.
        assert_eq!(
            fall.past(utc("2026-10-25T02:10:00+01:00")),
            DayMask::range(0, 12)
        );
    }

    #[test]
    fn quanta_per_day_follow_dst() {
        let cal = berlin();
        assert_eq!(cal.quanta(date(2026, 3, 28)).unwrap(), 96);
        assert_eq!(cal.quanta(date(2026, 3, 29)).unwrap(), 92);
        assert_eq!(cal.quanta(date(2026, 10, 25)).unwrap(), 100);
        let ny = Calendar::new(New_York, OpeningHours::always());
        assert_eq!(ny.quanta(date(2026, 3, 8)).unwrap(), 92);
        assert_eq!(ny.quanta(date(2026, 11, 1)).unwrap(), 100);
        assert_eq!(ny.quanta(date(2026, 11, 2)).unwrap(), 96);
    }

    #[test]
    fn day_start_is_local_midnight() {
        let cal = berlin();
        assert_eq!(
            cal.day_start(date(2026, 7, 1)).unwrap(),
            utc("2026-06-30T22:00:00Z")
        );
        assert_eq!(
            cal.day_start(date(2026, 1, 1)).unwrap(),
            utc("2025-12-31T23:00:00Z")
        );
        let nepal = Calendar::new(Kathmandu, OpeningHours::always());
        assert_eq!(
            nepal.day_start(date(2026, 1, 1)).unwrap(),
            utc("2025-12-31T18:15:00Z")
        );
    }

    #[test]
    fn day_start_after_a_jump_over_midnight() {
        // America/Santiago springs forward at local midnight: 2026-09-06 starts at 01:00 -03.
        let cal = Calendar::new(chrono_tz::America::Santiago, OpeningHours::always());
        let start = cal.day_start(date(2026, 9, 6)).unwrap();
        assert_eq!(
            cal.local(start).time(),
            NaiveTime::from_hms_opt(1, 0, 0).unwrap()
        );
        assert_eq!(cal.quanta(date(2026, 9, 6)).unwrap(), 92);
    }

    #[test]
    fn locate_counts_quanta_from_day_start() {
        let cal = berlin();
        // 03:00 CEST on the spring-forward day is 2 real hours after midnight: quantum 8.
        let (day, q) = cal.locate(utc("2026-03-29T01:00:00Z")).unwrap();
        assert_eq!((day.date, q), (date(2026, 3, 29), 8));
        // On the fall-back day, the second 02:00 (CET) is quantum 12.
        let (day, q) = cal.locate(utc("2026-10-25T01:00:00Z")).unwrap();
        assert_eq!((day.date, q), (date(2026, 10, 25), 12));
        assert!(matches!(
            cal.locate(utc("2026-05-01T10:07:00Z")),
            Err(CalendarError::Misaligned { .. })
        ));
        assert!(matches!(
            cal.locate(utc("2026-05-01T10:00:00.5Z")),
            Err(CalendarError::Misaligned { .. })
        ));
    }

    #[test]
    fn span_across_days() {
        let cal = berlin();
        // 2026-03-28 22:00 → 2026-03-31 02:00 local (crosses the 92-quanta day).
        let span = Span::new(utc("2026-03-28T21:00:00Z"), utc("2026-03-31T00:00:00Z")).unwrap();
        let days = cal.span_days(&span).unwrap();
        let masks: Vec<_> = days.masks().collect();
        assert_eq!(masks.len(), 4);
        assert_eq!(masks[0], (date(2026, 3, 28), DayMask::range(88, 96)));
        assert_eq!(masks[1], (date(2026, 3, 29), DayMask::full(92)));
        assert_eq!(masks[2], (date(2026, 3, 30), DayMask::full(96)));
        assert_eq!(masks[3], (date(2026, 3, 31), DayMask::range(0, 8)));
        // Ending exactly at midnight touches no quantum of the next date.
        let span = Span::new(utc("2026-05-01T20:00:00Z"), utc("2026-05-01T22:00:00Z")).unwrap();
        let masks: Vec<_> = cal.span_days(&span).unwrap().masks().collect();
        assert_eq!(masks, vec![(date(2026, 5, 1), DayMask::range(88, 96))]);
    }

    #[test]
    fn days_are_consecutive() {
        let cal = berlin();
        let days = cal.days(date(2026, 10, 24), 3).unwrap();
        assert_eq!(
            days.iter().map(|d| d.quanta).collect::<Vec<_>>(),
            vec![96, 100, 96]
        );
        assert_eq!(days[0].end(), days[1].start);
        assert_eq!(days[1].end(), days[2].start);
    }
}
