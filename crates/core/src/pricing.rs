//! What a span of a room costs. A room has an hourly rate and optional peak rates for
//! wall-clock windows on some weekdays (evenings, weekends). Money is integer minor units of
//! the studio's currency (cents), never floats: each quantum costs a quarter of the hourly
//! rate in force at its local wall-clock time, and the sum is rounded once, half up.

use chrono::{Datelike, Duration, Timelike, Weekday};

use crate::calendar::Calendar;
use crate::hours::TimeRange;
use crate::span::{Span, QUANTUM_MINUTES};

/// A higher (or lower) hourly rate on some weekdays during a window of wall-clock time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeakRate {
    pub weekdays: Vec<Weekday>,
    pub window: TimeRange,
    /// Minor units per hour.
    pub per_hour: u64,
}

/// A room's prices: the hourly rate and the peak rates (the first that matches wins).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pricing {
    /// Minor units per hour; 0 for a room that is not charged by the hour.
    pub per_hour: u64,
    pub peaks: Vec<PeakRate>,
}

impl Pricing {
    /// A flat hourly rate.
    pub fn hourly(per_hour: u64) -> Pricing {
        Pricing {
            per_hour,
            peaks: Vec::new(),
        }
    }

    /// The hourly rate in force on `weekday` at `wall_minute` after local midnight.
    pub fn rate_at(&self, weekday: Weekday, wall_minute: u32) -> u64 {
        self.peaks
            .iter()
            .find(|p| p.weekdays.contains(&weekday) && p.window.contains(i64::from(wall_minute)))
            .map_or(self.per_hour, |p| p.per_hour)
    }

    /// The price of `span` in minor units: each quantum at the rate of its local wall-clock
    /// time (a repeated hour on a fall-back day is charged twice, a skipped one not at all).
    pub fn price(&self, calendar: &Calendar, span: &Span) -> u64 {
        let step = Duration::minutes(QUANTUM_MINUTES);
        let quanta_per_hour = (60 / QUANTUM_MINUTES) as u64;
        let mut rates: u64 = 0;
        let mut t = span.start();
        while t < span.end() {
            let local = calendar.local(t);
            let wall = local.hour() * 60 + local.minute();
            rates = rates.saturating_add(self.rate_at(local.weekday(), wall));
            t += step;
        }
        (rates + quanta_per_hour / 2) / quanta_per_hour
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hours::OpeningHours;
    use chrono::{TimeZone, Utc};
    use chrono_tz::Europe::Berlin;

    fn berlin(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::DateTime<Utc> {
        Berlin
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .earliest()
            .unwrap()
            .with_timezone(&Utc)
    }

    fn span(from: chrono::DateTime<Utc>, hours_x4: i64) -> Span {
        Span::new(from, from + Duration::minutes(15 * hours_x4)).unwrap()
    }

    fn evenings() -> Pricing {
        Pricing {
            per_hour: 4000,
            peaks: vec![PeakRate {
                weekdays: vec![Weekday::Fri, Weekday::Sat],
                window: TimeRange::parse("18:00", "24:00").unwrap(),
                per_hour: 6000,
            }],
        }
    }

    #[test]
    fn flat_hours_and_quarters() {
        let cal = Calendar::new(Berlin, OpeningHours::always());
        let p = Pricing::hourly(4000);
        // Monday 2027-01-11, 2 h and 45 min.
        assert_eq!(p.price(&cal, &span(berlin(2027, 1, 11, 10, 0), 8)), 8000);
        assert_eq!(p.price(&cal, &span(berlin(2027, 1, 11, 10, 0), 3)), 3000);
        // A rate that does not divide by four is rounded once, half up: 3 × 1001/4 = 750.75.
        assert_eq!(
            Pricing::hourly(1001).price(&cal, &span(berlin(2027, 1, 11, 10, 0), 3)),
            751
        );
        assert_eq!(
            Pricing::default().price(&cal, &span(berlin(2027, 1, 11, 10, 0), 4)),
            0
        );
    }

    #[test]
    fn peak_windows_by_weekday_and_wall_clock() {
        let cal = Calendar::new(Berlin, OpeningHours::always());
        let p = evenings();
        // Friday 2027-01-15 17:00–19:00: one hour at 40.00, one at 60.00.
        assert_eq!(p.price(&cal, &span(berlin(2027, 1, 15, 17, 0), 8)), 10000);
        // Thursday the same hours: no peak.
        assert_eq!(p.price(&cal, &span(berlin(2027, 1, 14, 17, 0), 8)), 8000);
        // Saturday 23:00 to Sunday 01:00: one peak hour, one base hour.
        assert_eq!(p.price(&cal, &span(berlin(2027, 1, 16, 23, 0), 8)), 10000);
    }

    #[test]
    fn dst_days_charge_the_quanta_that_exist() {
        let cal = Calendar::new(Berlin, OpeningHours::always());
        let p = Pricing::hourly(4000);
        // 2027-03-28 01:00–04:00 local is two real hours (02:00–03:00 does not exist).
        let spring = Span::new(berlin(2027, 3, 28, 1, 0), berlin(2027, 3, 28, 4, 0)).unwrap();
        assert_eq!(p.price(&cal, &spring), 8000);
        // 2027-10-31 01:00–04:00 local is four real hours (02:00–03:00 twice).
        let autumn = Span::new(berlin(2027, 10, 31, 1, 0), berlin(2027, 10, 31, 4, 0)).unwrap();
        assert_eq!(p.price(&cal, &autumn), 16000);
        // A peak window 02:00–03:00 on that Sunday is charged for both passes of the hour.
        let night = Pricing {
            per_hour: 4000,
            peaks: vec![PeakRate {
                weekdays: vec![Weekday::Sun],
                window: TimeRange::parse("02:00", "03:00").unwrap(),
                per_hour: 8000,
            }],
        };
        assert_eq!(night.price(&cal, &autumn), 4000 + 8000 + 8000 + 4000);
    }
}
