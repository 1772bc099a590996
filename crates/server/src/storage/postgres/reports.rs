//! The studio's numbers on PostgreSQL, with the same definitions as the SQLite store's
//! (`frontdesk_store::reports`, whose period and month bounds it uses): money and customers
//! aggregated in SQL (`GROUP BY`; the paid amount is `payment->>'amount'`, months joined
//! from their UTC bounds, computed with the studio's calendar), occupancy from the masks of
//! the period's confirmed bookings (read in one query) through the engine's
//! `report::occupancy`; payments in `reports_payments.rs`. Every table and join is filtered
//! by the storage's studio.

use chrono::{DateTime, Utc};
use frontdesk_protocol::{
    CustomersReport, MethodMoney, MoneyReport, MonthMoney, OccupancyReport, PaymentMethod,
    ReportPeriod, RoomMoney, TopCustomer, Unpaid, TOP_CUSTOMERS,
};
use frontdesk_store::reports::{months, occupancy_of, period_bounds};

use super::locks::booked;
use super::sql::Sql;
use super::PgStorage;
use crate::storage::{Reports, StorageError};

/// The bookings that start in the period (`$3 <= start_at < $4`) in the rooms `$2`.
const STARTING: &str = "studio = $1 AND room = ANY($2) AND start_at >= $3 AND start_at < $4";

/// Money by room, month and method, and what is unpaid: one statement, its rows tagged by
/// what they total. `$5`–`$7` are the months' labels and UTC bounds.
fn money_sql() -> String {
    format!(
        "WITH b AS (
            SELECT room, start_at, status IN ('confirmed', 'pending') AS holds, no_show, price,
                   COALESCE((payment->>'amount')::bigint, 0) AS paid, payment->>'method' AS method
              FROM bookings WHERE {STARTING})
         SELECT 'room', room, count(*) FILTER (WHERE holds),
                COALESCE(sum(price) FILTER (WHERE holds), 0)::bigint, COALESCE(sum(paid), 0)::bigint
           FROM b GROUP BY room
         UNION ALL
         SELECT 'month', m.month, 0, COALESCE(sum(b.price) FILTER (WHERE b.holds), 0)::bigint,
                COALESCE(sum(b.paid), 0)::bigint
           FROM unnest($5::text[], $6::timestamptz[], $7::timestamptz[]) AS m (month, lo, hi)
           JOIN b ON b.start_at >= m.lo AND b.start_at < m.hi
          GROUP BY m.month
         UNION ALL
         SELECT 'method', method, 0, 0, COALESCE(sum(paid), 0)::bigint
           FROM b WHERE method IS NOT NULL GROUP BY method
         UNION ALL
         SELECT 'unpaid', '', count(*), COALESCE(sum(price - paid), 0)::bigint, 0
           FROM b WHERE holds AND NOT no_show AND price IS NOT NULL AND paid < price"
    )
}

/// The counts of the customers report.
fn counts_sql() -> String {
    format!(
        "SELECT count(*), count(*) FILTER (WHERE status = 'cancelled'),
                count(*) FILTER (WHERE status <> 'cancelled' AND no_show),
                count(*) FILTER (WHERE status <> 'cancelled' AND series IS NOT NULL)
           FROM bookings WHERE {STARTING}"
    )
}

/// The top customers: bookings that hold time, under the record they count for (a merged
/// record under the one it was merged into), most bookings first, then most minutes, then
/// by id; with that record's name.
fn top_sql() -> String {
    format!(
        "WITH t AS (
            SELECT COALESCE(m.merged_into, b.customer_id) AS customer, count(*) AS bookings,
                   sum(extract(epoch FROM b.end_at - b.start_at))::bigint / 60 AS minutes
              FROM bookings b
              JOIN customers m ON m.studio = b.studio AND m.id = b.customer_id
             WHERE b.{} AND b.status IN ('confirmed', 'pending')
             GROUP BY 1)
         SELECT t.customer, c.name, t.bookings, t.minutes
           FROM t JOIN customers c ON c.studio = $1 AND c.id = t.customer
          ORDER BY t.bookings DESC, t.minutes DESC, t.customer
          LIMIT $5",
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

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl PgStorage {
    /// See `Store::money_report`.
    pub(super) fn money(&self, period: &ReportPeriod) -> Result<MoneyReport, StorageError> {
        let (from, to) = bounds(self, period)?;
        let months = months(&self.studio.calendar, period)?;
        let labels: Vec<&str> = months.iter().map(|m| m.month.as_str()).collect();
        let lows: Vec<DateTime<Utc>> = months.iter().map(|m| m.from).collect();
        let highs: Vec<DateTime<Utc>> = months.iter().map(|m| m.to).collect();
        let rows = self.reader()?.query(
            &money_sql(),
            &[
                &self.studio_id,
                &period.rooms,
                &from,
                &to,
                &labels,
                &lows,
                &highs,
            ],
        )?;
        let mut report = MoneyReport {
            from: period.from,
            to: period.to,
            currency: self.studio.currency.clone(),
            by_room: period
                .rooms
                .iter()
                .map(|room| RoomMoney {
                    room: room.clone(),
                    bookings: 0,
                    billed: 0,
                    paid: 0,
                })
                .collect(),
            by_month: labels
                .iter()
                .map(|month| MonthMoney {
                    month: (*month).to_owned(),
                    billed: 0,
                    paid: 0,
                })
                .collect(),
            by_method: [PaymentMethod::Cash, PaymentMethod::Card]
                .map(|method| MethodMoney { method, paid: 0 })
                .to_vec(),
            unpaid: Unpaid {
                bookings: 0,
                amount: 0,
            },
        };
        for row in rows {
            let kind: &str = row.try_get(0)?;
            let key: Option<&str> = row.try_get(1)?;
            let key = key.unwrap_or_default();
            let (n, billed, paid) = (
                count(row.try_get(2)?),
                count(row.try_get(3)?),
                count(row.try_get(4)?),
            );
            match kind {
                "room" => {
                    if let Some(r) = report.by_room.iter_mut().find(|r| r.room == key) {
                        (r.bookings, r.billed, r.paid) = (n, billed, paid);
                    }
                }
                "month" => {
                    if let Some(m) = report.by_month.iter_mut().find(|m| m.month == key) {
                        (m.billed, m.paid) = (billed, paid);
                    }
                }
                "method" => {
                    let method = frontdesk_protocol::PaymentMethod::parse(key);
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
                        bookings: n,
                        amount: billed,
                    }
                }
            }
        }
        Ok(report)
    }

    /// See `Store::customers_report`.
    pub(super) fn customers(&self, period: &ReportPeriod) -> Result<CustomersReport, StorageError> {
        let (from, to) = bounds(self, period)?;
        let mut conn = self.reader()?;
        let params = [
            &self.studio_id as _,
            &period.rooms as _,
            &from as _,
            &to as _,
        ];
        let counts = conn.query_opt(&counts_sql(), &params)?;
        let limit = i64::try_from(TOP_CUSTOMERS).unwrap_or(i64::MAX);
        let top = conn
            .query(
                &top_sql(),
                &[&self.studio_id, &period.rooms, &from, &to, &limit],
            )?
            .iter()
            .map(|row| {
                Ok(TopCustomer {
                    customer: row.try_get(0)?,
                    name: row.try_get(1)?,
                    bookings: count(row.try_get(2)?),
                    minutes: count(row.try_get(3)?),
                })
            })
            .collect::<Result<Vec<_>, StorageError>>()?;
        let get = |i: usize| -> Result<u64, StorageError> {
            Ok(match &counts {
                Some(row) => count(row.try_get(i)?),
                None => 0,
            })
        };
        Ok(CustomersReport {
            from: period.from,
            to: period.to,
            bookings: get(0)?,
            cancelled: get(1)?,
            no_shows: get(2)?,
            series: get(3)?,
            top,
        })
    }

    /// See `Store::occupancy_report`: the masks of the period's dates from its confirmed
    /// bookings (one query), then the engine's report.
    pub(super) fn occupancy(&self, period: &ReportPeriod) -> Result<OccupancyReport, StorageError> {
        let window = bounds(self, period)?;
        let calendar = &self.studio.calendar;
        let rooms: Vec<&str> = period.rooms.iter().map(String::as_str).collect();
        let occupancy = booked(
            &mut *self.reader()?,
            &self.studio_id,
            calendar,
            &rooms,
            window,
            None,
        )?;
        Ok(occupancy_of(&self.studio, period, &occupancy)?)
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
    ) -> Result<frontdesk_protocol::PaymentsReport, StorageError> {
        self.payments(period)
    }
}
