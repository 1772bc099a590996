//! The studio's numbers on PostgreSQL, with the same definitions as the SQLite store's
//! (`frontdesk_store::reports`, whose period and month bounds it uses): money and customers
//! aggregated in SQL, one pass each (`GROUPING SETS`; the paid amount and method are the
//! bookings' generated columns `paid_amount` and `payment_method`; a booking's month is its
//! bucket among the months' first instants, computed with the studio's calendar); occupancy in `reports_occupancy.rs`, payments in
//! `reports_payments.rs`. Every table and join is filtered by the storage's studio.

use chrono::{DateTime, Utc};
use frontdesk_protocol::{
    CustomersReport, MoneyReport, OccupancyReport, PaymentMethod, ReportPeriod, TopCustomer,
    Unpaid, TOP_CUSTOMERS,
};
use frontdesk_store::reports::{months, period_bounds};

use super::sql::Sql;
use super::PgStorage;
use crate::storage::{Reports, StorageError};

/// The bookings that start in the period (`$3 <= start_at < $4`) in the rooms `$2`.
const STARTING: &str = "studio = $1 AND room = ANY($2) AND start_at >= $3 AND start_at < $4";

/// Money by room, month and method, and what is unpaid: one pass over the period's
/// bookings, grouped four ways at once (`GROUPING SETS`; `GROUPING(room, month, method)`
/// says which: 3 room, 5 month, 6 method, 7 all). A booking's month is its bucket among the
/// months' first instants `$5` (`width_bucket`, 1 for the first month).
fn money_sql() -> String {
    format!(
        "SELECT GROUPING(room, month, method), room, month, method,
                count(*) FILTER (WHERE holds), COALESCE(sum(owed), 0)::bigint,
                COALESCE(sum(paid), 0)::bigint,
                count(*) FILTER (WHERE paid < chased),
                COALESCE(sum(chased - paid) FILTER (WHERE paid < chased), 0)::bigint,
                COALESCE(sum(fee), 0)::bigint
           FROM (SELECT room, month, method, holds, paid, fee,
                        CASE WHEN fee IS NOT NULL THEN fee WHEN holds THEN COALESCE(price, 0)
                             ELSE 0 END AS owed,
                        CASE WHEN fee IS NOT NULL THEN fee
                             WHEN holds AND NOT no_show THEN price END AS chased
                   FROM (SELECT room, width_bucket(start_at, $5::timestamptz[]) AS month,
                                payment_method AS method, status IN ('confirmed', 'pending') AS holds,
                                no_show, price, paid_amount AS paid,
                                CASE WHEN fee_amount IS NULL THEN NULL
                                     WHEN fee_waived_at IS NULL THEN fee_amount ELSE 0 END AS fee
                           FROM bookings WHERE {STARTING}) r) b
          GROUP BY GROUPING SETS ((room), (month), (method), ())"
    )
}

/// The customers report in one pass: the counts over every booking of the period (the
/// first row, `GROUPING(customer)` 1), then the top customers — bookings that hold time,
/// under the record they count for (a merged record under the one it was merged into;
/// bookings without a stored record are not ranked), most bookings first, then most
/// minutes, then by id, with that record's name.
fn customers_sql() -> String {
    format!(
        "WITH g AS (
            SELECT GROUPING(customer) AS total, customer, count(*) AS n,
                   count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
                   count(*) FILTER (WHERE status <> 'cancelled' AND no_show) AS no_shows,
                   count(*) FILTER (WHERE status <> 'cancelled' AND series IS NOT NULL) AS series,
                   count(*) FILTER (WHERE holds) AS held,
                   extract(epoch FROM COALESCE(sum(span) FILTER (WHERE holds), '0'))::bigint / 60 AS minutes
              FROM (SELECT b.status, b.no_show, b.series, b.status IN ('confirmed', 'pending') AS holds,
                           b.end_at - b.start_at AS span,
                           CASE WHEN m.id IS NOT NULL THEN COALESCE(m.merged_into, m.id) END AS customer
                      FROM bookings b
                      LEFT JOIN customers m ON m.studio = b.studio AND m.id = b.customer_id
                     WHERE b.{}) r
             GROUP BY GROUPING SETS ((customer), ()))
         (SELECT NULL::uuid, NULL::text, n, cancelled, no_shows, series FROM g WHERE total = 1)
         UNION ALL
         (SELECT g.customer, c.name, held, minutes, 0, 0
            FROM g JOIN customers c ON c.studio = $1 AND c.id = g.customer
           WHERE total = 0 AND held > 0
           ORDER BY held DESC, minutes DESC, g.customer
           LIMIT $5)",
        STARTING.replace(" AND ", " AND b.")
    )
}

/// The UTC bounds of the period's local dates (see `frontdesk_store::reports`).
pub(super) fn bounds(
    storage: &PgStorage,
    period: &ReportPeriod,
) -> Result<(DateTime<Utc>, DateTime<Utc>), StorageError> {
    Ok(period_bounds(&storage.studio.calendar, period)?)
}

pub(super) fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl PgStorage {
    /// See `Store::money_report`.
    pub(super) fn money(&self, period: &ReportPeriod) -> Result<MoneyReport, StorageError> {
        let (from, to) = bounds(self, period)?;
        let months = months(&self.studio.calendar, period)?;
        let firsts: Vec<DateTime<Utc>> = months.iter().map(|m| m.from).collect();
        let rows = self.reader()?.query(
            &money_sql(),
            &[&self.studio_id, &period.rooms, &from, &to, &firsts],
        )?;
        let mut report = MoneyReport::zero(
            period,
            &self.studio.currency,
            months.iter().map(|m| m.month.clone()),
        );
        for row in rows {
            let held = count(row.try_get(4)?);
            let (billed, paid) = (count(row.try_get(5)?), count(row.try_get(6)?));
            let fees = count(row.try_get(9)?);
            match row.try_get::<_, i32>(0)? {
                3 => {
                    let room: &str = row.try_get(1)?;
                    if let Some(r) = report.by_room.iter_mut().find(|r| r.room == room) {
                        (r.bookings, r.billed, r.fees, r.paid) = (held, billed, fees, paid);
                    }
                }
                5 => {
                    let month = usize::try_from(row.try_get::<_, i32>(2)?).unwrap_or(0);
                    if let Some(m) = month
                        .checked_sub(1)
                        .and_then(|i| report.by_month.get_mut(i))
                    {
                        (m.billed, m.fees, m.paid) = (billed, fees, paid);
                    }
                }
                6 => {
                    let method = row
                        .try_get::<_, Option<&str>>(3)?
                        .and_then(PaymentMethod::parse);
                    if let Some(m) = report
                        .by_method
                        .iter_mut()
                        .find(|m| Some(m.method) == method)
                    {
                        m.paid = paid;
                    }
                }
                _ => {
                    report.unpaid = Unpaid {
                        bookings: count(row.try_get(7)?),
                        amount: count(row.try_get(8)?),
                    }
                }
            }
        }
        Ok(report)
    }

    /// See `Store::customers_report`.
    pub(super) fn customers(&self, period: &ReportPeriod) -> Result<CustomersReport, StorageError> {
        let (from, to) = bounds(self, period)?;
        let limit = i64::try_from(TOP_CUSTOMERS).unwrap_or(i64::MAX);
        let rows = self.reader()?.query(
            &customers_sql(),
            &[&self.studio_id, &period.rooms, &from, &to, &limit],
        )?;
        let mut report = CustomersReport {
            from: period.from,
            to: period.to,
            bookings: 0,
            cancelled: 0,
            no_shows: 0,
            series: 0,
            top: Vec::new(),
        };
        for row in rows {
            let figure = |i: usize| -> Result<u64, StorageError> { Ok(count(row.try_get(i)?)) };
            match row.try_get::<_, Option<uuid::Uuid>>(0)? {
                None => {
                    report.bookings = figure(2)?;
                    report.cancelled = figure(3)?;
                    report.no_shows = figure(4)?;
                    report.series = figure(5)?;
                }
                Some(customer) => report.top.push(TopCustomer {
                    customer,
                    name: row.try_get(1)?,
                    bookings: figure(2)?,
                    minutes: figure(3)?,
                }),
            }
        }
        // The ranking's own order (a union's parts come back in any order).
        report.top.sort_by(|a, b| {
            (b.bookings, b.minutes, a.customer).cmp(&(a.bookings, a.minutes, b.customer))
        });
        Ok(report)
    }
}

impl Reports for PgStorage {
    fn occupancy_report(&self, period: &ReportPeriod) -> Result<OccupancyReport, StorageError> {
        self.occupancy(period)
    }
    fn money_report(&self, period: &ReportPeriod) -> Result<MoneyReport, StorageError> {
        self.money(period)
    }
    fn customers_report(&self, period: &ReportPeriod) -> Result<CustomersReport, StorageError> {
        self.customers(period)
    }
    fn payments_report(
        &self,
        period: &ReportPeriod,
        page: &frontdesk_protocol::PaymentsPage,
    ) -> Result<frontdesk_protocol::PaymentsReport, StorageError> {
        self.payments(period, page)
    }
}
