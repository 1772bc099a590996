//! The money report, aggregated in SQL over the bookings that start in the period: one
//! statement whose rows are tagged by what they total (room, month, method, unpaid). The
//! months are a `VALUES` list of their UTC bounds, computed from the studio's calendar.
//!
//! A booking "holds time" when it is confirmed (or, on a desk, pending). `billed` sums the
//! prices of bookings that hold time; `paid` sums what was received for every booking of
//! the period, cancelled ones too; unpaid are bookings that hold time, are no no-show, have
//! a price, and of which less than the price was paid.

use frontdesk_protocol::{
    MethodMoney, MoneyReport, MonthMoney, PaymentMethod, ReportPeriod, RoomMoney, Unpaid,
};
use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::{figure, months, period_bounds, rooms_json, MonthBounds};
use crate::{Store, StoreError};

/// The statement, for `months` months: `?1`–`?3` the period's bounds and rooms, then each
/// month's label and bounds.
fn money_sql(months: usize) -> String {
    let values: Vec<String> = (0..months)
        .map(|i| format!("(?{}, ?{}, ?{})", 4 + 3 * i, 5 + 3 * i, 6 + 3 * i))
        .collect();
    format!(
        "WITH b AS (
            SELECT room, start_utc, status IN ('confirmed', 'pending') AS holds, no_show, price,
                   paid_amount AS paid, payment_method AS method
              FROM bookings
             WHERE start_utc >= ?1 AND start_utc < ?2
               AND room IN (SELECT value FROM json_each(?3))),
         months (month, lo, hi) AS (VALUES {})
         SELECT 'room', room, sum(holds), COALESCE(sum(CASE WHEN holds THEN price END), 0),
                sum(paid)
           FROM b GROUP BY room
         UNION ALL
         SELECT 'month', m.month, 0, COALESCE(sum(CASE WHEN b.holds THEN b.price END), 0),
                sum(b.paid)
           FROM months m JOIN b ON b.start_utc >= m.lo AND b.start_utc < m.hi
          GROUP BY m.month
         UNION ALL
         SELECT 'method', method, 0, 0, sum(paid) FROM b WHERE method IS NOT NULL GROUP BY method
         UNION ALL
         SELECT 'unpaid', '', count(*), COALESCE(sum(price - paid), 0), 0
           FROM b WHERE holds AND NOT no_show AND price IS NOT NULL AND paid < price",
        values.join(", ")
    )
}

/// The report with every room, month and method at zero.
fn empty(period: &ReportPeriod, currency: &str, months: &[MonthBounds]) -> MoneyReport {
    MoneyReport {
        from: period.from,
        to: period.to,
        currency: currency.to_owned(),
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
        by_month: months
            .iter()
            .map(|m| MonthMoney {
                month: m.month.clone(),
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
    }
}

/// One tagged row into the report.
fn add(report: &mut MoneyReport, kind: &str, key: &str, n: u64, billed: u64, paid: u64) {
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
            let method = PaymentMethod::parse(key);
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

impl Store {
    /// What the bookings starting in the period cost and brought in, by room, month and
    /// payment method, and what of it is unpaid.
    pub fn money_report(&self, period: &ReportPeriod) -> Result<MoneyReport, StoreError> {
        let calendar = &self.studio.calendar;
        let (from, to) = period_bounds(calendar, period)?;
        let months = months(calendar, period)?;
        let mut params = vec![
            Value::Integer(from.timestamp()),
            Value::Integer(to.timestamp()),
            Value::Text(rooms_json(period)?),
        ];
        for m in &months {
            params.push(Value::Text(m.month.clone()));
            params.push(Value::Integer(m.from.timestamp()));
            params.push(Value::Integer(m.to.timestamp()));
        }
        let mut report = empty(period, &self.studio.currency, &months);
        self.snapshot(|tx| {
            let mut stmt = tx.prepare(&money_sql(months.len()))?;
            let mut rows = stmt.query(params_from_iter(params))?;
            while let Some(row) = rows.next()? {
                let kind: String = row.get(0)?;
                let key: Option<String> = row.get(1)?;
                let whole = |i: usize| -> Result<u64, StoreError> { Ok(figure(row.get(i)?)) };
                add(
                    &mut report,
                    &kind,
                    key.as_deref().unwrap_or_default(),
                    whole(2)?,
                    whole(3)?,
                    whole(4)?,
                );
            }
            Ok(())
        })?;
        Ok(report)
    }
}
