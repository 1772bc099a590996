//! The payments report: the audit rows of payment changes recorded in the period's local
//! dates (whatever the booking's date), of bookings in the rooms asked for. A payment
//! change's detail is `{"from": payment, "to": payment}`; it counts the difference it made
//! (`to.amount − from.amount`, a refund below zero) with the method it was made with (the
//! new one; the old one when the new payment has none, as when all is refunded). A change
//! that moved no money (the same amount) is left out. The cash-up is made from a one-day
//! report by [`frontdesk_protocol::CashUp::of`].
//!
//! One page at a time, in (at, audit id) order, after a cursor; the first page also carries
//! the whole period's totals, summed by a second query.

use chrono::DateTime;
use frontdesk_protocol::{
    PaymentEntry, PaymentMethod, PaymentTotals, PaymentsCursor, PaymentsPage, PaymentsReport,
    ReportPeriod,
};
use rusqlite::{params, Transaction};
use uuid::Uuid;

use super::{figure, period_bounds, rooms_json};
use crate::{Store, StoreError};

/// The amount a payment change made (a refund below zero) and the method it was made with,
/// as the partial index `audit_payments` (schema) holds them, with the room of its booking
/// that triggers keep on the change (schema, the step after the fees'): the index alone
/// answers for the audit rows, in the order recorded.
const AMOUNT_METHOD: &str = "
               COALESCE(json_extract(a.detail, '$.to.amount'), 0)
                 - COALESCE(json_extract(a.detail, '$.from.amount'), 0) AS amount,
               COALESCE(json_extract(a.detail, '$.to.method'),
                        json_extract(a.detail, '$.from.method')) AS method";

/// Of the payment changes: before ?2 (the period's end), in the rooms of ?3 (a JSON
/// array); the start, ?1, is the caller's.
const OF_PERIOD: &str = "
         WHERE a.action = 'payment' AND a.at < ?2
           AND a.room IN (SELECT value FROM json_each(?3))";

/// A page: the changes after (?1 at, ?4 id), at most ?5 of them, each with its booking's
/// customer. The row value is the index range's only start, so a page deep in a year starts
/// where it begins (with `at >= period start` beside it, SQLite began every page at the
/// period's start).
fn page_sql() -> String {
    format!(
        "SELECT id, at, booking, room, name, method, amount, staff, desk FROM (
            SELECT a.id, a.at, a.booking_id AS booking, a.room, b.customer_name AS name,
                   a.desk, a.staff_name AS staff, {AMOUNT_METHOD}
              FROM audit a INDEXED BY audit_payments JOIN bookings b ON b.id = a.booking_id
              {OF_PERIOD} AND (a.at, a.id) > (?1, ?4))
          WHERE amount <> 0 AND method IS NOT NULL
          ORDER BY at, id LIMIT ?5"
    )
}

/// Received and refunded of every change of the period, by method: from the index alone,
/// no booking read.
fn totals_sql() -> String {
    format!(
        "SELECT method, SUM(MAX(amount, 0)), SUM(MAX(-amount, 0)) FROM (
            SELECT {AMOUNT_METHOD} FROM audit a INDEXED BY audit_payments
              {OF_PERIOD} AND a.at >= ?1)
          WHERE amount <> 0 AND method IS NOT NULL
          GROUP BY method"
    )
}

impl Store {
    /// One page of the payment changes recorded in the period, in the order recorded (the
    /// first page with the period's totals).
    pub fn payments_report(
        &self,
        period: &ReportPeriod,
        page: &PaymentsPage,
    ) -> Result<PaymentsReport, StoreError> {
        let (from, to) = period_bounds(&self.studio.calendar, period)?;
        let rooms = rooms_json(period)?;
        let bounds = (from.timestamp(), to.timestamp(), rooms.as_str());
        let (payments, next, totals) = self.snapshot(|tx| {
            let (payments, next) = self.payments_page(tx, bounds, page)?;
            let totals = match page.after {
                None => Some(payments_totals(tx, bounds)?),
                Some(_) => None,
            };
            Ok((payments, next, totals))
        })?;
        Ok(PaymentsReport {
            from: period.from,
            to: period.to,
            currency: self.studio.currency.clone(),
            totals,
            payments,
            next: next.map(|c| c.encode()),
        })
    }

    /// Every page of the period's payment changes, appended (the desk's cash-up and export).
    pub fn payments_report_whole(
        &self,
        period: &ReportPeriod,
    ) -> Result<PaymentsReport, StoreError> {
        let mut report = self.payments_report(period, &PaymentsPage::default())?;
        while let Some(after) = report.next.as_deref().and_then(PaymentsCursor::decode) {
            let page = PaymentsPage {
                after: Some(after),
                ..PaymentsPage::default()
            };
            report.append(self.payments_report(period, &page)?);
        }
        Ok(report)
    }

    /// The page's changes and, when more follow, the cursor of its last.
    fn payments_page(
        &self,
        tx: &Transaction<'_>,
        (from, to, rooms): (i64, i64, &str),
        page: &PaymentsPage,
    ) -> Result<(Vec<PaymentEntry>, Option<PaymentsCursor>), StoreError> {
        let tz = self.studio.calendar.timezone();
        // After the cursor, but not before the period (every audit id is above i64::MIN).
        // Audit times are whole seconds here.
        let start = page.after.map_or((from, i64::MIN), |c| {
            (from, i64::MIN).max((c.at_micros.div_euclid(1_000_000), c.id))
        });
        let mut stmt = tx.prepare_cached(&page_sql())?;
        // One more than asked: whether a page follows.
        let wanted = i64::from(page.limit) + 1;
        let mut rows = stmt.query(params![start.0, to, rooms, start.1, wanted])?;
        let mut payments = Vec::new();
        let mut last = None;
        let mut more = false;
        while let Some(row) = rows.next()? {
            if payments.len() == page.limit as usize {
                more = true;
                break;
            }
            let id: i64 = row.get(0)?;
            let at: i64 = row.get(1)?;
            last = Some(PaymentsCursor {
                at_micros: at.saturating_mul(1_000_000),
                id,
            });
            let at = DateTime::from_timestamp(at, 0)
                .ok_or_else(|| StoreError::Corrupt(format!("audit time {at}")))?;
            let booking: String = row.get(2)?;
            let method: String = row.get(5)?;
            payments.push(PaymentEntry {
                at: at.with_timezone(&tz).fixed_offset(),
                booking: Uuid::parse_str(&booking)
                    .map_err(|_| StoreError::Corrupt(format!("booking id \"{booking}\"")))?,
                room: row.get(3)?,
                customer: row.get(4)?,
                method: method_of(&method)?,
                amount: row.get(6)?,
                staff: row.get(7)?,
                desk: row.get(8)?,
            });
        }
        Ok((payments, last.filter(|_| more)))
    }
}

/// The period's totals, summed in SQL.
fn payments_totals(
    tx: &Transaction<'_>,
    (from, to, rooms): (i64, i64, &str),
) -> Result<PaymentTotals, StoreError> {
    let mut stmt = tx.prepare_cached(&totals_sql())?;
    let mut rows = stmt.query(params![from, to, rooms])?;
    let mut totals = PaymentTotals::zero();
    while let Some(row) = rows.next()? {
        let method: String = row.get(0)?;
        let (received, refunded) = (figure(row.get(1)?), figure(row.get(2)?));
        totals.add_sums(method_of(&method)?, received, refunded);
    }
    Ok(totals)
}

fn method_of(method: &str) -> Result<PaymentMethod, StoreError> {
    PaymentMethod::parse(method)
        .ok_or_else(|| StoreError::Corrupt(format!("payment method \"{method}\"")))
}
