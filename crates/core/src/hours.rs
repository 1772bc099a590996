//! A studio's opening hours: ranges of local wall-clock time for each weekday, and
//! exceptions for single dates (closed, or special ranges that replace the weekday's).
//!
//! The hours of a date are its exception if it has one (an empty list: closed), else its
//! weekday's ranges. Ranges are wall-clock times, so on a DST day they cover whatever
//! quanta have those local times: on a spring-forward day the skipped hour opens nothing,
//! on a fall-back day the repeated hour opens twice (see [`OpeningHours::mask`]).

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Offset, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use thiserror::Error;

use crate::calendar::DayBounds;
use crate::mask::DayMask;
use crate::span::QUANTUM_MINUTES;

/// The days of the week, Monday first.
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

const MINUTES_PER_DAY: u32 = 24 * 60;
const QUANTUM: u32 = QUANTUM_MINUTES as u32;

/// A range that is not on the quarter-hour grid, is empty or reversed, or is not `HH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("\"{open}\"–\"{close}\" is not an opening range: use HH:MM on quarter hours from 00:00 to 24:00, the opening before the closing")]
pub struct RangeError {
    pub open: String,
    pub close: String,
}

/// The day a set of ranges belongs to, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoursDay {
    Weekday(Weekday),
    Date(NaiveDate),
}

impl fmt::Display for HoursDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HoursDay::Weekday(wd) => f.write_str(match wd {
                Weekday::Mon => "Monday",
                Weekday::Tue => "Tuesday",
                Weekday::Wed => "Wednesday",
                Weekday::Thu => "Thursday",
                Weekday::Fri => "Friday",
                Weekday::Sat => "Saturday",
                Weekday::Sun => "Sunday",
            }),
            HoursDay::Date(date) => write!(f, "{date}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HoursError {
    #[error("opening hours of {day}: \"{open}\"–\"{close}\" is not an opening range: use HH:MM on quarter hours from 00:00 to 24:00, the opening before the closing")]
    BadRange {
        day: HoursDay,
        open: String,
        close: String,
    },
    #[error("opening hours of {day}: {first} and {second} overlap")]
    Overlap {
        day: HoursDay,
        first: TimeRange,
        second: TimeRange,
    },
}

/// `[open, close)` in minutes of local wall-clock time from midnight, on quarter hours;
/// `close` may be 1440 ("24:00"). Never empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeRange {
    open: u32,
    close: u32,
}

impl TimeRange {
    /// A range from minutes after local midnight.
    pub fn new(open: u32, close: u32) -> Result<TimeRange, RangeError> {
        let on_grid = |m: u32| m <= MINUTES_PER_DAY && m % QUANTUM == 0;
        if on_grid(open) && on_grid(close) && open < close {
            Ok(TimeRange { open, close })
        } else {
            Err(RangeError {
                open: hhmm(open),
                close: hhmm(close),
            })
        }
    }

    /// A range from `"HH:MM"` texts (`"24:00"` allowed as the closing).
    pub fn parse(open: &str, close: &str) -> Result<TimeRange, RangeError> {
        let bad = || RangeError {
            open: open.to_owned(),
            close: close.to_owned(),
        };
        let o = parse_wall_minutes(open).ok_or_else(bad)?;
        let c = parse_wall_minutes(close).ok_or_else(bad)?;
        TimeRange::new(o, c).map_err(|_| bad())
    }

    /// Minutes after local midnight the range opens.
    pub fn open(&self) -> u32 {
        self.open
    }

    /// Minutes after local midnight the range closes (1440 at the end of the day).
    pub fn close(&self) -> u32 {
        self.close
    }

    /// `("HH:MM", "HH:MM")`, as written in `studio.toml` and stored.
    pub fn to_hhmm(&self) -> (String, String) {
        (hhmm(self.open), hhmm(self.close))
    }

    /// Ranges as `["HH:MM", "HH:MM"]` pairs, as the store and the wire write them.
    pub fn pairs(ranges: &[TimeRange]) -> Vec<[String; 2]> {
        ranges
            .iter()
            .map(|r| [hhmm(r.open), hhmm(r.close)])
            .collect()
    }

    pub(crate) fn contains(&self, wall_minutes: i64) -> bool {
        i64::from(self.open) <= wall_minutes && wall_minutes < i64::from(self.close)
    }
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", hhmm(self.open), hhmm(self.close))
    }
}

fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `"HH:MM"`, `00:00` to `24:00`, as minutes (the grid is checked by [`TimeRange::new`]).
fn parse_wall_minutes(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !(h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())) {
        return None;
    }
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    (m < 60).then_some(h * 60 + m)
}

/// Parses, sorts and checks one day's ranges. Touching ranges (10:00–14:00 and
/// 14:00–16:00) are merged into one (10:00–16:00): they open exactly the same quanta, and
/// one canonical form makes equal hours compare equal. Overlapping ranges are an error.
fn day_ranges(day: HoursDay, ranges: &[(&str, &str)]) -> Result<Vec<TimeRange>, HoursError> {
    let mut parsed = Vec::with_capacity(ranges.len());
    for &(open, close) in ranges {
        let range = TimeRange::parse(open, close).map_err(|e| HoursError::BadRange {
            day,
            open: e.open,
            close: e.close,
        })?;
        parsed.push(range);
    }
    parsed.sort();
    let mut out: Vec<TimeRange> = Vec::with_capacity(parsed.len());
    for range in parsed {
        match out.last_mut() {
            Some(last) if range.open < last.close => {
                return Err(HoursError::Overlap {
                    day,
                    first: *last,
                    second: range,
                })
            }
            Some(last) if range.open == last.close => last.close = range.close,
            _ => out.push(range),
        }
    }
    Ok(out)
}

/// Opening hours: ranges per weekday, and exceptions per date.
///
/// Each day's ranges are sorted, disjoint and not touching (touching ones are merged).
/// An exception replaces the weekday's ranges on its date; an exception without ranges is
/// a closed date. Setting a date again replaces its exception, so whichever of
/// [`Self::close_date`] and [`Self::set_date`] comes last wins.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OpeningHours {
    week: [Vec<TimeRange>; 7],
    dates: BTreeMap<NaiveDate, Vec<TimeRange>>,
}

impl OpeningHours {
    /// Closed every day.
    pub fn closed() -> Self {
        Self::default()
    }

    /// Open around the clock, every day.
    pub fn always() -> Self {
        let all = TimeRange {
            open: 0,
            close: MINUTES_PER_DAY,
        };
        OpeningHours {
            week: std::array::from_fn(|_| vec![all]),
            dates: BTreeMap::new(),
        }
    }

    /// Sets one weekday to one range from `"HH:MM"` strings (`"24:00"` allowed as closing).
    pub fn set(
        &mut self,
        weekday: Weekday,
        open: &str,
        close: &str,
    ) -> Result<(), crate::calendar::CalendarError> {
        Ok(self.set_weekday(weekday, &[(open, close)])?)
    }

    /// The builder form of [`Self::set`].
    pub fn with(
        mut self,
        weekday: Weekday,
        open: &str,
        close: &str,
    ) -> Result<Self, crate::calendar::CalendarError> {
        self.set(weekday, open, close)?;
        Ok(self)
    }

    /// Sets a weekday's ranges, `[("10:00", "14:00"), ("16:00", "24:00")]`; none: closed.
    pub fn set_weekday(
        &mut self,
        weekday: Weekday,
        ranges: &[(&str, &str)],
    ) -> Result<(), HoursError> {
        let ranges = day_ranges(HoursDay::Weekday(weekday), ranges)?;
        self.week[weekday.num_days_from_monday() as usize] = ranges;
        Ok(())
    }

    /// The builder form of [`Self::set_weekday`].
    pub fn with_weekday(
        mut self,
        weekday: Weekday,
        ranges: &[(&str, &str)],
    ) -> Result<Self, HoursError> {
        self.set_weekday(weekday, ranges)?;
        Ok(self)
    }

    /// Special hours for one date: these ranges replace the weekday's. No ranges: closed.
    pub fn set_date(&mut self, date: NaiveDate, ranges: &[(&str, &str)]) -> Result<(), HoursError> {
        let ranges = day_ranges(HoursDay::Date(date), ranges)?;
        self.dates.insert(date, ranges);
        Ok(())
    }

    /// The builder form of [`Self::set_date`].
    pub fn with_date(
        mut self,
        date: NaiveDate,
        ranges: &[(&str, &str)],
    ) -> Result<Self, HoursError> {
        self.set_date(date, ranges)?;
        Ok(self)
    }

    /// Closes one date (a holiday): nothing opens on it.
    pub fn close_date(&mut self, date: NaiveDate) {
        self.dates.insert(date, Vec::new());
    }

    /// Removes a date's exception (closure or special hours); `true` if it had one.
    pub fn clear_date(&mut self, date: NaiveDate) -> bool {
        self.dates.remove(&date).is_some()
    }

    /// A weekday's ranges in time order; empty when closed.
    pub fn on(&self, weekday: Weekday) -> &[TimeRange] {
        &self.week[weekday.num_days_from_monday() as usize]
    }

    /// A date's exception: `Some(&[])` when closed, `Some(ranges)` for special hours.
    pub fn exception(&self, date: NaiveDate) -> Option<&[TimeRange]> {
        self.dates.get(&date).map(Vec::as_slice)
    }

    /// Every date with an exception, in date order (an empty slice: closed).
    pub fn exceptions(&self) -> impl Iterator<Item = (NaiveDate, &[TimeRange])> + '_ {
        self.dates.iter().map(|(d, r)| (*d, r.as_slice()))
    }

    /// The ranges that apply on `date`: its exception if any, else its weekday's.
    pub fn on_date(&self, date: NaiveDate) -> &[TimeRange] {
        self.exception(date)
            .unwrap_or_else(|| self.on(date.weekday()))
    }

    /// The quanta of `day` whose local wall-clock start lies inside the date's ranges.
    ///
    /// The wall time of a quantum is its local time in minutes after the local midnight of
    /// its date. On a spring-forward day no quantum has a skipped wall time (02:00–03:00 in
    /// Berlin), on a fall-back day two quanta have each repeated wall time: a range covering
    /// the repeated hour opens both.
    pub fn mask(&self, tz: Tz, day: &DayBounds) -> DayMask {
        let ranges = self.on_date(day.date);
        if ranges.is_empty() || day.quanta == 0 {
            return DayMask::EMPTY;
        }
        let midnight = day.date.and_time(NaiveTime::MIN);
        let offset_at = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc()).fix();
        let wall = |t: DateTime<Utc>| (t.naive_utc() + offset_at(t) - midnight).num_minutes();
        if offset_at(day.start) == offset_at(day.instant(day.quanta - 1)) {
            // No offset change inside the day: wall time grows with the quanta.
            let wall0 = wall(day.start);
            let quantum = |minutes: u32| {
                let ahead = (i64::from(minutes) - wall0).max(0).unsigned_abs();
                let q = ahead.div_ceil(u64::from(QUANTUM));
                u32::try_from(q).unwrap_or(u32::MAX).min(day.quanta)
            };
            return ranges.iter().fold(DayMask::EMPTY, |mask, r| {
                mask | DayMask::range(quantum(r.open), quantum(r.close))
            });
        }
        // A DST day: read each quantum's wall time.
        let mut mask = DayMask::EMPTY;
        for q in 0..day.quanta {
            let minutes = wall(day.instant(q));
            if ranges.iter().any(|r| r.contains(minutes)) {
                mask |= DayMask::range(q, q + 1);
            }
        }
        mask
    }
}

#[cfg(test)]
mod tests;
