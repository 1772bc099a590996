//! Recurring series: the weekly rehearsal as one rule, cut into occurrences at the same
//! local wall-clock time (19:00 stays 19:00 across a DST change), each checked like a
//! booking of its own before anything is written.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use thiserror::Error;

use crate::booking::{admit_booking, BookingError};
use crate::calendar::Calendar;
use crate::conflict::ConflictReason;
use crate::holds::{HoldBook, SessionId};
use crate::mask::DayMask;
use crate::occupancy::{BookedDays, Occupancy};
use crate::span::Span;
use crate::studio::{valid_minutes, RoomId};

/// The furthest the last occurrence may lie after the first: a year.
pub const MAX_SERIES_DAYS: i64 = 366;

/// How often a series repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    Daily,
    /// Every `weeks` weeks on the first date's weekday (1: weekly).
    Weekly {
        weeks: u32,
    },
}

/// Where a series ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesEnd {
    /// The last date an occurrence may fall on (inclusive).
    Until(NaiveDate),
    /// This many occurrences.
    Times(u32),
}

/// One room at the same local time on a pattern of dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesRule {
    pub room: RoomId,
    /// The first occurrence's local date.
    pub first: NaiveDate,
    /// The local wall-clock start of every occurrence.
    pub start: NaiveTime,
    /// Minutes of each occurrence.
    pub minutes: u32,
    pub repeat: Repeat,
    pub end: SeriesEnd,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SeriesError {
    #[error("a series repeats every 1 week or more, not every 0 weeks")]
    ZeroWeeks,
    #[error("a series needs at least one occurrence")]
    ZeroTimes,
    #[error("the series ends on {until}, before its first date {first}")]
    UntilBeforeFirst { first: NaiveDate, until: NaiveDate },
    #[error("the series would run for more than a year: at most {MAX_SERIES_DAYS} days of occurrences can be booked at once")]
    TooLong,
    #[error("{0} is outside the supported calendar range")]
    OutOfRange(NaiveDate),
    #[error("a duration of {0} minutes is not possible: use a positive multiple of 15 minutes")]
    BadDuration(u32),
    #[error("{0} is not on a quarter hour: a series starts on 15-minute steps")]
    Misaligned(NaiveTime),
}

/// Why an occurrence cannot be booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipReason {
    /// Another booking covers part of it.
    Booked,
    /// Another desk is booking part of it right now.
    Held,
    /// Free, but within the room's changeover of another booking.
    Changeover,
    /// The studio is closed that date.
    Closed,
    /// The studio is open that date, but not for the whole occurrence.
    OutsideHours,
    /// The local start time does not exist that date (skipped by a DST jump).
    NoSuchTime,
    /// It would start before now.
    Over,
}

impl SkipReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Booked => "booked",
            SkipReason::Held => "held",
            SkipReason::Changeover => "changeover",
            SkipReason::Closed => "closed",
            SkipReason::OutsideHours => "outside_hours",
            SkipReason::NoSuchTime => "no_such_time",
            SkipReason::Over => "over",
        }
    }
}

/// One date of a series, with its span (none where the local time does not exist) and
/// why it cannot be booked, if it cannot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub date: NaiveDate,
    pub span: Option<Span>,
    pub skip: Option<SkipReason>,
}

impl SeriesRule {
    /// Checks the rule and lists its dates, first to last.
    pub fn dates(&self) -> Result<Vec<NaiveDate>, SeriesError> {
        if !valid_minutes(self.minutes) {
            return Err(SeriesError::BadDuration(self.minutes));
        }
        if self.start.minute() % 15 != 0 || self.start.second() != 0 || self.start.nanosecond() != 0
        {
            return Err(SeriesError::Misaligned(self.start));
        }
        let step: u64 = match self.repeat {
            Repeat::Daily => 1,
            Repeat::Weekly { weeks: 0 } => return Err(SeriesError::ZeroWeeks),
            Repeat::Weekly { weeks } => 7 * u64::from(weeks),
        };
        // How many days after the first date the last one lies, checked before any date
        // arithmetic so that no request can overflow it.
        let reach: u64 = match self.end {
            SeriesEnd::Times(0) => return Err(SeriesError::ZeroTimes),
            SeriesEnd::Times(n) => step.saturating_mul(u64::from(n) - 1),
            SeriesEnd::Until(until) if until < self.first => {
                return Err(SeriesError::UntilBeforeFirst {
                    first: self.first,
                    until,
                })
            }
            SeriesEnd::Until(until) => (until - self.first).num_days().unsigned_abs(),
        };
        if reach >= MAX_SERIES_DAYS as u64 {
            return Err(SeriesError::TooLong);
        }
        let mut dates = Vec::new();
        let mut offset = 0;
        while offset <= reach {
            if let SeriesEnd::Times(n) = self.end {
                if dates.len() == n as usize {
                    break;
                }
            }
            let date = self
                .first
                .checked_add_days(chrono::Days::new(offset))
                .ok_or(SeriesError::OutOfRange(self.first))?;
            dates.push(date);
            offset += step;
        }
        Ok(dates)
    }

    /// The occurrence's span on `date`: its local start there (the earlier of two on a
    /// repeated hour), or `None` where a DST jump skips that time.
    pub fn span_on(&self, calendar: &Calendar, date: NaiveDate) -> Option<Span> {
        let local = date.and_time(self.start);
        let start: DateTime<Utc> = match calendar.timezone().from_local_datetime(&local) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
            LocalResult::None => return None,
        };
        Span::new(start, start + Duration::minutes(i64::from(self.minutes))).ok()
    }
}

/// Booked days of the store plus the occurrences accepted so far.
struct WithAccepted<'a, B> {
    stored: &'a B,
    accepted: &'a Occupancy,
}

impl<B: BookedDays> BookedDays for WithAccepted<'_, B> {
    fn booked(&self, room: &str, date: NaiveDate) -> DayMask {
        self.stored.booked(room, date) | self.accepted.booked(room, date)
    }
}

/// Every occurrence of `rule`, each checked as a booking for `session` would be (opening
/// hours, bookings, other sessions' holds, the room's `changeover`) and against the
/// occurrences before it, with the reason for any that cannot be booked. Nothing is written:
/// this is the preview, and the list a store books from.
#[allow(clippy::too_many_arguments)]
pub fn preview_series(
    calendar: &Calendar,
    rule: &SeriesRule,
    changeover: u32,
    session: Option<SessionId>,
    booked: &impl BookedDays,
    holds: &HoldBook,
    now: DateTime<Utc>,
) -> Result<Vec<Occurrence>, SeriesError> {
    let dates = rule.dates()?;
    let mut accepted = Occupancy::new();
    let mut out = Vec::with_capacity(dates.len());
    for date in dates {
        let Some(span) = rule.span_on(calendar, date) else {
            out.push(Occurrence {
                date,
                span: None,
                skip: Some(SkipReason::NoSuchTime),
            });
            continue;
        };
        let skip = if span.start() < now {
            Some(SkipReason::Over)
        } else {
            let both = WithAccepted {
                stored: booked,
                accepted: &accepted,
            };
            match admit_booking(
                calendar, &rule.room, &span, changeover, session, &both, holds, now,
            ) {
                Ok(days) => {
                    accepted.add(&rule.room, days.masks());
                    None
                }
                Err(BookingError::Conflicts(found)) => {
                    let worst = found.iter().map(|c| c.reason).min();
                    Some(match worst {
                        Some(ConflictReason::Booked) | None => SkipReason::Booked,
                        Some(ConflictReason::Held) => SkipReason::Held,
                        Some(ConflictReason::Changeover) => SkipReason::Changeover,
                    })
                }
                Err(BookingError::Closed { .. }) => {
                    let open = calendar.day(date).map(|d| !d.open.is_empty());
                    Some(if open.unwrap_or(false) {
                        SkipReason::OutsideHours
                    } else {
                        SkipReason::Closed
                    })
                }
                Err(_) => Some(SkipReason::OutsideHours),
            }
        };
        out.push(Occurrence {
            date,
            span: Some(span),
            skip,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
