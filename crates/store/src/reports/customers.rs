//! The customers report, in SQL over the bookings that start in the period: the counts in
//! one pass, the top customers grouped under the record each booking counts for (a merged
//! record under the one it was merged into).
//!
//! `bookings` counts every booking row of the period, whatever its status; `cancelled`
//! those cancelled; `no_shows` and `series` those not cancelled that were marked no-show
//! or are an occurrence of a series. The top customers count the bookings that hold time
//! (confirmed, or on a desk pending) with a customer record, most first, then most
//! minutes, then by id.

use frontdesk_protocol::{CustomersReport, ReportPeriod, TopCustomer, TOP_CUSTOMERS};
use rusqlite::params;
use uuid::Uuid;

use super::{figure, period_bounds, rooms_json};
use crate::{Store, StoreError};

/// The bookings that start in `[?1, ?2)` in the rooms of the JSON array `?3`.
const STARTING: &str =
    "b.start_utc >= ?1 AND b.start_utc < ?2 AND +b.room IN (SELECT value FROM json_each(?3))";

fn counts_sql() -> String {
    format!(
        "SELECT count(*), COALESCE(sum(b.status = 'cancelled'), 0),
                COALESCE(sum(b.status <> 'cancelled' AND b.no_show), 0),
                COALESCE(sum(b.status <> 'cancelled' AND b.series_id IS NOT NULL), 0)
           FROM bookings b WHERE {STARTING}"
    )
}

/// Grouped per customer record first (one look-up of each record's merge, not one per
/// booking), then under the record each counts for.
fn top_sql() -> String {
    format!(
        "WITH per AS (
            SELECT b.customer_id AS id, count(*) AS n, sum(b.end_utc - b.start_utc) AS secs
              FROM bookings b
             WHERE {STARTING} AND b.status IN ('confirmed', 'pending')
               AND b.customer_id IS NOT NULL
             GROUP BY b.customer_id),
         t AS (
            SELECT COALESCE(m.merged_into, per.id) AS customer, sum(per.n) AS bookings,
                   sum(per.secs) / 60 AS minutes
              FROM per JOIN customers m ON m.id = per.id
             GROUP BY 1)
         SELECT t.customer, c.name, t.bookings, t.minutes
           FROM t JOIN customers c ON c.id = t.customer
          ORDER BY t.bookings DESC, t.minutes DESC, t.customer
          LIMIT ?4"
    )
}

impl Store {
    /// The counts and regulars of the bookings starting in the period.
    pub fn customers_report(&self, period: &ReportPeriod) -> Result<CustomersReport, StoreError> {
        let (from, to) = period_bounds(&self.studio.calendar, period)?;
        let rooms = rooms_json(period)?;
        let limit = i64::try_from(TOP_CUSTOMERS).unwrap_or(i64::MAX);
        let (counts, top) = self.snapshot(|tx| {
            let counts = tx.query_row(
                &counts_sql(),
                params![from.timestamp(), to.timestamp(), rooms],
                |r| Ok([r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
            )?;
            let mut stmt = tx.prepare(&top_sql())?;
            let mut rows = stmt.query(params![from.timestamp(), to.timestamp(), rooms, limit])?;
            let mut top = Vec::new();
            while let Some(row) = rows.next()? {
                let id: String = row.get(0)?;
                top.push(TopCustomer {
                    customer: Uuid::parse_str(&id)
                        .map_err(|_| StoreError::Corrupt(format!("customer id \"{id}\"")))?,
                    name: row.get(1)?,
                    bookings: figure(row.get(2)?),
                    minutes: figure(row.get(3)?),
                });
            }
            Ok((counts, top))
        })?;
        let [bookings, cancelled, no_shows, series] = counts.map(figure);
        Ok(CustomersReport {
            from: period.from,
            to: period.to,
            bookings,
            cancelled,
            no_shows,
            series,
            top,
        })
    }
}
