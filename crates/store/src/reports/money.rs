//! The money report, aggregated in SQL over the bookings that start in the period: one
//! statement grouped by month, room and payment method. The months are a `VALUES` list of
//! their UTC bounds, computed from the studio's calendar (together they are the period).
//!
//! Two statements in one snapshot: the pass over every booking of the period as if none had
//! a fee, then a correction from the few with one (a partial index holds them).
//!
//! A booking "holds time" when it is confirmed (or, on a desk, pending). `billed` sums what
//! each booking owes (its receipt's figure): its fee if a late cancellation or a no-show
//! recorded one (nothing once waived), nothing if cancelled without one, else its price;
//! `fees` sums the fees alone. `paid` sums what was received for every booking of the
//! period, cancelled ones too. Unpaid are bookings with a fee paid less than it, and
//! bookings without a fee that hold time, are no no-show, have a price, and of which less
//! than the price was paid.

use frontdesk_protocol::{MoneyReport, PaymentMethod, ReportPeriod};
use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::{figure, months, rooms_json};
use crate::{Store, StoreError};

/// The statement, for `months` months: `?1` the rooms, then each month's label and UTC
/// bounds. One pass over the period's bookings (by the start index, a month at a time),
/// grouped by month, room and payment method; the rows are summed up by room, month and
/// method in Rust (at most months × rooms × 3 rows). It counts every booking as if it had
/// no fee; [`fees_sql`] then corrects the few that have one.
fn money_sql(months: usize) -> String {
    format!(
        "WITH months (month, lo, hi) AS (VALUES {}),
         b AS (
            SELECT start_utc, room, payment_method AS method, paid_amount AS paid, price,
                   status IN ('confirmed', 'pending') AS holds, no_show
              FROM bookings
             WHERE +room IN (SELECT value FROM json_each(?1)))
         SELECT m.month, b.room, b.method, sum(b.holds),
                COALESCE(sum(CASE WHEN b.holds THEN b.price END), 0), sum(b.paid),
                COALESCE(sum(b.holds AND NOT b.no_show AND b.paid < b.price), 0),
                COALESCE(sum(CASE WHEN b.holds AND NOT b.no_show AND b.paid < b.price
                                  THEN b.price - b.paid END), 0),
                0
           FROM months m JOIN b ON b.start_utc >= m.lo AND b.start_utc < m.hi
          GROUP BY m.month, b.room, b.method",
        month_values(months)
    )
}

/// The correction for bookings with a recorded fee (by the partial index of them: a few in
/// a year), in the same columns as [`money_sql`]'s. A fee is recorded only by a
/// cancellation or a no-show, so such a booking is cancelled (billed nothing there) or a
/// no-show (billed its price there, never unpaid there): here its price comes off, its
/// unwaived fee goes on, and a fee paid less than in full is unpaid.
fn fees_sql(months: usize) -> String {
    format!(
        "WITH months (month, lo, hi) AS (VALUES {}),
         b AS (
            SELECT start_utc, room, payment_method AS method, paid_amount AS paid,
                   CASE WHEN status IN ('confirmed', 'pending') THEN COALESCE(price, 0)
                        ELSE 0 END AS counted,
                   CASE WHEN fee_waived_at IS NULL THEN fee_amount ELSE 0 END AS fee
              FROM bookings
             WHERE fee_amount IS NOT NULL AND +room IN (SELECT value FROM json_each(?1)))
         SELECT m.month, b.room, b.method, 0, sum(b.fee - b.counted), 0,
                sum(b.paid < b.fee), COALESCE(sum(CASE WHEN b.paid < b.fee THEN b.fee - b.paid END), 0),
                sum(b.fee)
           FROM months m JOIN b ON b.start_utc >= m.lo AND b.start_utc < m.hi
          GROUP BY m.month, b.room, b.method",
        month_values(months)
    )
}

/// The months' `VALUES` rows: `?2, ?3, ?4` (label, from, to) for the first, and so on.
fn month_values(months: usize) -> String {
    let values: Vec<String> = (0..months)
        .map(|i| format!("(?{}, ?{}, ?{})", 2 + 3 * i, 3 + 3 * i, 4 + 3 * i))
        .collect();
    values.join(", ")
}

/// One group's sums (bookings of one month, room and payment method).
struct Group {
    month: String,
    room: String,
    method: Option<PaymentMethod>,
    bookings: u64,
    /// Below 0 in a fee correction: a no-show's price off, its smaller fee on.
    billed: i64,
    fees: u64,
    paid: u64,
    unpaid_bookings: u64,
    unpaid_amount: u64,
}

/// One group's sums into the report's rows.
fn add(report: &mut MoneyReport, g: &Group) {
    if let Some(r) = report.by_room.iter_mut().find(|r| r.room == g.room) {
        r.bookings += g.bookings;
        r.billed = r.billed.saturating_add_signed(g.billed);
        r.fees += g.fees;
        r.paid += g.paid;
    }
    if let Some(m) = report.by_month.iter_mut().find(|m| m.month == g.month) {
        m.billed = m.billed.saturating_add_signed(g.billed);
        m.fees += g.fees;
        m.paid += g.paid;
    }
    if let Some(m) = report
        .by_method
        .iter_mut()
        .find(|m| Some(m.method) == g.method)
    {
        m.paid += g.paid;
    }
    report.unpaid.bookings += g.unpaid_bookings;
    report.unpaid.amount += g.unpaid_amount;
}

impl Store {
    /// What the bookings starting in the period cost and brought in, by room, month and
    /// payment method, and what of it is unpaid.
    pub fn money_report(&self, period: &ReportPeriod) -> Result<MoneyReport, StoreError> {
        let months = months(&self.studio.calendar, period)?;
        let mut params = vec![Value::Text(rooms_json(period)?)];
        for m in &months {
            params.push(Value::Text(m.month.clone()));
            params.push(Value::Integer(m.from.timestamp()));
            params.push(Value::Integer(m.to.timestamp()));
        }
        let mut report = MoneyReport::zero(
            period,
            &self.studio.currency,
            months.iter().map(|m| m.month.clone()),
        );
        self.snapshot(|tx| {
            for sql in [money_sql(months.len()), fees_sql(months.len())] {
                let mut stmt = tx.prepare(&sql)?;
                let mut rows = stmt.query(params_from_iter(&params))?;
                while let Some(row) = rows.next()? {
                    let method: Option<String> = row.get(2)?;
                    let method = match method {
                        None => None,
                        Some(m) => Some(PaymentMethod::parse(&m).ok_or_else(|| {
                            StoreError::Corrupt(format!("payment method \"{m}\""))
                        })?),
                    };
                    add(
                        &mut report,
                        &Group {
                            month: row.get(0)?,
                            room: row.get(1)?,
                            method,
                            bookings: figure(row.get(3)?),
                            billed: row.get(4)?,
                            fees: figure(row.get(8)?),
                            paid: figure(row.get(5)?),
                            unpaid_bookings: figure(row.get(6)?),
                            unpaid_amount: figure(row.get(7)?),
                        },
                    );
                }
            }
            Ok(())
        })?;
        Ok(report)
    }
}
