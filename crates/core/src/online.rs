//! The public page's rules in time: which starts a customer may book (the studio's notice
//! and how far ahead), and until when they may cancel through their link. Pure: `now` is
//! given.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::calendar::Calendar;

/// When customers may book online.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnlineWindow {
    /// Earliest notice: a start at least this long after now.
    pub lead: Duration,
    /// The last date offered is today plus this many days (the studio's dates).
    pub days_ahead: u32,
}

impl OnlineWindow {
    /// The first and last dates the page offers at `now`, in the studio's calendar.
    pub fn dates(&self, calendar: &Calendar, now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
        let first = calendar.date_of(now + self.lead);
        let today = calendar.date_of(now);
        let last = today + chrono::Days::new(u64::from(self.days_ahead));
        (first, last.max(first))
    }

    /// Whether a booking starting at `start` may be made online at `now`.
    pub fn allows(&self, calendar: &Calendar, start: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        let (_, last) = self.dates(calendar, now);
        start >= now + self.lead && calendar.date_of(start) <= last
    }
}

/// The last moment a customer may cancel a booking starting at `start` through their
/// link: `hours` before it (elapsed hours, so a night with a clock change counts its real
/// length).
pub fn cancel_until(start: DateTime<Utc>, hours: u32) -> DateTime<Utc> {
    start - Duration::hours(i64::from(hours))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::TimeZone;

    fn berlin() -> Calendar {
        Calendar::new(
            chrono_tz::Europe::Berlin,
            crate::hours::OpeningHours::always(),
        )
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Berlin
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .to_utc()
    }

    #[test]
    fn the_notice_and_the_last_date_bound_what_is_offered() {
        let window = OnlineWindow {
            lead: Duration::hours(2),
            days_ahead: 10,
        };
        let now = at(2026, 12, 3, 22, 30);
        // Two hours' notice crosses midnight: tomorrow is the first date.
        let (first, last) = window.dates(&berlin(), now);
        assert_eq!(first, NaiveDate::from_ymd_opt(2026, 12, 4).unwrap());
        assert_eq!(last, NaiveDate::from_ymd_opt(2026, 12, 13).unwrap());
        assert!(!window.allows(&berlin(), at(2026, 12, 4, 0, 15), now));
        assert!(window.allows(&berlin(), at(2026, 12, 4, 0, 30), now));
        assert!(window.allows(&berlin(), at(2026, 12, 13, 23, 45), now));
        assert!(!window.allows(&berlin(), at(2026, 12, 14, 0, 0), now));
    }

    #[test]
    fn cancelling_ends_in_elapsed_hours_across_a_clock_change() {
        // 2027-03-28 02:00 Berlin goes to 03:00: 24 hours before 10:00 that day is 09:00 the
        // day before.
        let start = at(2027, 3, 28, 10, 0);
        assert_eq!(cancel_until(start, 24), at(2027, 3, 27, 9, 0));
        assert_eq!(cancel_until(start, 0), start);
    }
}
