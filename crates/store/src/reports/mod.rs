//! The studio's numbers of a period, read from this file: used by the desk when it works
//! alone or offline, and by the server's SQLite backend (its PostgreSQL backend has its
//! own SQL with the same definitions). Each report is one read transaction.
//!
//! - [`occupancy`]: the stored day masks through [`frontdesk_core::report::occupancy`];
//!   [`occupancy_of`] turns the engine's figures into the wire's report (both backends).
//! - [`money`]: billed, paid and unpaid by room, month and payment method, in SQL.
//! - [`customers`]: cancellation, no-show and series counts and the top customers, in SQL.
//! - [`payments`]: every payment change recorded in the period, from the audit log.
//!
//! How every figure is counted is written in `docs/reports.md` ("How the numbers are
//! counted"), and once more, as plain loops, in the test kit's naive model.

pub mod customers;
pub mod money;
pub mod occupancy;
pub mod payments;

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use frontdesk_core::Calendar;
use frontdesk_protocol::ReportPeriod;
use rusqlite::Transaction;

pub use occupancy::occupancy_of;

use crate::{Store, StoreError};

/// The UTC bounds of a period's local dates: the start of `from`, the start of the date
/// after `to`.
pub fn period_bounds(
    calendar: &Calendar,
    period: &ReportPeriod,
) -> Result<(DateTime<Utc>, DateTime<Utc>), StoreError> {
    Ok((
        calendar.day_start(period.from)?,
        calendar.day_start(after(period.to)?)?,
    ))
}

/// One month a period touches: `YYYY-MM` and the UTC bounds of its dates in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthBounds {
    pub month: String,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// Every month the period touches, in order (SQLite knows no time zones: the months'
/// bounds are computed here from the studio's calendar).
pub fn months(calendar: &Calendar, period: &ReportPeriod) -> Result<Vec<MonthBounds>, StoreError> {
    let mut months = Vec::new();
    let mut first = period.from;
    while first <= period.to {
        let next = first
            .with_day(1)
            .and_then(|d| d.checked_add_months(Months::new(1)))
            .ok_or_else(|| StoreError::Corrupt(format!("no month after {first}")))?;
        let last = next.pred_opt().unwrap_or(next).min(period.to);
        months.push(MonthBounds {
            month: first.format("%Y-%m").to_string(),
            from: calendar.day_start(first)?,
            to: calendar.day_start(after(last)?)?,
        });
        first = next;
    }
    Ok(months)
}

fn after(date: NaiveDate) -> Result<NaiveDate, StoreError> {
    date.succ_opt()
        .ok_or_else(|| StoreError::Corrupt(format!("no date after {date}")))
}

/// The period's rooms as the JSON array the queries read with `json_each`.
fn rooms_json(period: &ReportPeriod) -> Result<String, StoreError> {
    serde_json::to_string(&period.rooms).map_err(|e| StoreError::Corrupt(format!("room ids: {e}")))
}

/// A count or sum SQLite returned, as the wire's unsigned figure (never below 0).
fn figure(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl Store {
    /// Runs `f` in one read transaction: every query of a report sees the same data.
    fn snapshot<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let done = f(&tx)?;
        tx.commit()?;
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use chrono_tz::Europe::Berlin;
    use frontdesk_core::OpeningHours;

    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn months_are_cut_at_the_periods_ends_in_local_time() {
        let calendar = Calendar::new(Berlin, OpeningHours::always());
        let period = ReportPeriod {
            from: "2026-02-15".parse().unwrap(),
            to: "2026-04-02".parse().unwrap(),
            rooms: vec![],
        };
        let got: Vec<_> = months(&calendar, &period)
            .unwrap()
            .into_iter()
            .map(|m| (m.month, m.from, m.to))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "2026-02".into(),
                    utc("2026-02-15T00:00:00+01:00"),
                    utc("2026-03-01T00:00:00+01:00")
                ),
                // March starts in winter time and ends in summer time.
                (
                    "2026-03".into(),
                    utc("2026-03-01T00:00:00+01:00"),
                    utc("2026-04-01T00:00:00+02:00")
                ),
                (
                    "2026-04".into(),
                    utc("2026-04-01T00:00:00+02:00"),
                    utc("2026-04-03T00:00:00+02:00")
                ),
            ]
        );
        assert_eq!(
            period_bounds(&calendar, &period).unwrap(),
            (
                utc("2026-02-15T00:00:00+01:00"),
                utc("2026-04-03T00:00:00+02:00")
            )
        );
    }
}
