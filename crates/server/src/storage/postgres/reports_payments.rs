//! The payments report on PostgreSQL: the audit rows of payment changes recorded in the
//! period's local dates (jsonb `detail` `{"from": payment, "to": payment}`), of bookings in
//! the rooms asked for, each with the difference it made — the same definitions as the
//! SQLite store's (`Store::payments_report`). One page at a time in (at, id) order, read
//! along the partial index `audit_payments` (studio, at, id) from the cursor on; the first
//! page's totals of the whole period summed in SQL in the same snapshot.

use chrono::{DateTime, Utc};
use frontdesk_protocol::{
    PaymentEntry, PaymentMethod, PaymentTotals, PaymentsCursor, PaymentsPage, PaymentsReport,
    ReportPeriod,
};

use super::reports::{bounds, count};
use super::sql::Sql;
use super::PgStorage;
use crate::storage::StorageError;

/// Of the period's payment changes (`$1` the studio, `$2` the rooms, before `$4`, the
/// period's end; the start, `$3`, is the caller's): each change keeps the amount it added
/// (a refund below zero), the method it was made with (the new one; the old one when the
/// new payment has none) and its booking's room now (schema, issue 23's totals step), all
/// in the payments index. Changes of nothing are left out.
const OF_PERIOD: &str = "
         WHERE a.studio = $1 AND a.action = 'payment' AND a.at < $4
           AND a.room = ANY($2) AND a.pay_amount <> 0 AND a.pay_method IS NOT NULL";

/// A page: the changes after (`$3` at, `$5` id), at most `$6` of them, each with its
/// booking's customer, who and where; the row value is the index range's only start.
fn page_sql() -> String {
    format!(
        "SELECT a.id, a.at, a.booking, a.room, b.name, a.pay_method, a.pay_amount,
                a.staff->>'name', a.desk
           FROM audit a JOIN bookings b ON b.studio = a.studio AND b.id = a.booking
           {OF_PERIOD} AND (a.at, a.id) > ($3, $5)
          ORDER BY a.at, a.id LIMIT $6"
    )
}

/// Received and refunded of every change of the period, by method: from the index alone.
fn totals_sql() -> String {
    format!(
        "SELECT a.pay_method, sum(GREATEST(a.pay_amount, 0))::bigint,
                sum(GREATEST(-a.pay_amount, 0))::bigint
           FROM audit a {OF_PERIOD} AND a.at >= $3
          GROUP BY a.pay_method"
    )
}

impl PgStorage {
    /// See `Store::payments_report`.
    pub(super) fn payments(
        &self,
        period: &ReportPeriod,
        page: &PaymentsPage,
    ) -> Result<PaymentsReport, StorageError> {
        let (from, to) = bounds(self, period)?;
        let tz = self.studio.calendar.timezone();
        // After the cursor, but not before the period (every audit id is above i64::MIN).
        let start = page.after.map_or((from, i64::MIN), |c| {
            let at = DateTime::from_timestamp_micros(c.at_micros).unwrap_or(from);
            (from, i64::MIN).max((at, c.id))
        });
        let wanted = i64::from(page.limit) + 1;
        let mut conn = self.reader()?;
        let mut tx = conn.transaction()?;
        tx.execute(
            "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY",
            &[],
        )?;
        let rows = tx.query(
            &page_sql(),
            &[
                &self.studio_id,
                &period.rooms,
                &start.0,
                &to,
                &start.1,
                &wanted,
            ],
        )?;
        let totals = match page.after {
            None => Some(self.payments_totals(&mut tx, period, (from, to))?),
            Some(_) => None,
        };
        tx.commit()?;
        let more = rows.len() > page.limit as usize;
        let mut payments = Vec::with_capacity(rows.len().min(page.limit as usize));
        let mut last = None;
        for row in rows.iter().take(page.limit as usize) {
            let at: DateTime<Utc> = row.try_get(1)?;
            last = Some(PaymentsCursor {
                at_micros: at.timestamp_micros(),
                id: row.try_get(0)?,
            });
            // Recorded to the second, as the SQLite store keeps it.
            let at = DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at);
            let method: &str = row.try_get(5)?;
            payments.push(PaymentEntry {
                at: at.with_timezone(&tz).fixed_offset(),
                booking: row.try_get(2)?,
                room: row.try_get(3)?,
                customer: row.try_get(4)?,
                method: method_of(method)?,
                amount: row.try_get(6)?,
                staff: row.try_get(7)?,
                desk: row.try_get(8)?,
            });
        }
        Ok(PaymentsReport {
            from: period.from,
            to: period.to,
            currency: self.studio.currency.clone(),
            totals,
            payments,
            next: last.filter(|_| more).map(|c| c.encode()),
        })
    }

    /// The period's totals, summed in SQL.
    fn payments_totals(
        &self,
        tx: &mut impl Sql,
        period: &ReportPeriod,
        (from, to): (DateTime<Utc>, DateTime<Utc>),
    ) -> Result<PaymentTotals, StorageError> {
        let rows = tx.query(&totals_sql(), &[&self.studio_id, &period.rooms, &from, &to])?;
        let mut totals = PaymentTotals::zero();
        for row in rows {
            let sum = |i| -> Result<u64, StorageError> { Ok(count(row.try_get(i)?)) };
            totals.add_sums(method_of(row.try_get(0)?)?, sum(1)?, sum(2)?);
        }
        Ok(totals)
    }
}

fn method_of(method: &str) -> Result<PaymentMethod, StorageError> {
    PaymentMethod::parse(method)
        .ok_or_else(|| StorageError::Corrupt(format!("payment method \"{method}\"")))
}
