//! The payments report: the audit rows of payment changes recorded in the period's local
//! dates (whatever the booking's date), of bookings in the rooms asked for. A payment
//! change's detail is `{"from": payment, "to": payment}`; it counts the difference it made
//! (`to.amount − from.amount`, a refund below zero) with the method it was made with (the
//! new one; the old one when the new payment has none, as when all is refunded). A change
//! that moved no money (the same amount) is left out. The cash-up is made from a one-day
//! report by [`frontdesk_protocol::CashUp::of`].

use chrono::DateTime;
use frontdesk_protocol::{PaymentEntry, PaymentMethod, PaymentsReport, ReportPeriod};
use rusqlite::params;
use uuid::Uuid;

use super::{period_bounds, rooms_json};
use crate::{Store, StoreError};

/// Read from the partial index `audit_payments` (schema, issue 23's step), whose amount and
/// method are these expressions (of the audit row): the index alone answers for the audit
/// rows, in the order recorded.
const PAYMENTS: &str = "
    SELECT at, booking, room, name, method, amount, staff, desk FROM (
        SELECT a.id, a.at, a.booking_id AS booking, b.room, b.customer_name AS name, a.desk,
               a.staff_name AS staff,
               COALESCE(json_extract(a.detail, '$.to.amount'), 0)
                 - COALESCE(json_extract(a.detail, '$.from.amount'), 0) AS amount,
               COALESCE(json_extract(a.detail, '$.to.method'),
                        json_extract(a.detail, '$.from.method')) AS method
          FROM audit a INDEXED BY audit_payments JOIN bookings b ON b.id = a.booking_id
         WHERE a.action = 'payment' AND a.at >= ?1 AND a.at < ?2
           AND b.room IN (SELECT value FROM json_each(?3)))
     WHERE amount <> 0 AND method IS NOT NULL
     ORDER BY at, id";

impl Store {
    /// Every payment change recorded in the period, in the order recorded.
    pub fn payments_report(&self, period: &ReportPeriod) -> Result<PaymentsReport, StoreError> {
        let (from, to) = period_bounds(&self.studio.calendar, period)?;
        let tz = self.studio.calendar.timezone();
        let rooms = rooms_json(period)?;
        let payments = self.snapshot(|tx| {
            let mut stmt = tx.prepare(PAYMENTS)?;
            let mut rows = stmt.query(params![from.timestamp(), to.timestamp(), rooms])?;
            let mut payments = Vec::new();
            while let Some(row) = rows.next()? {
                let at: i64 = row.get(0)?;
                let at = DateTime::from_timestamp(at, 0)
                    .ok_or_else(|| StoreError::Corrupt(format!("audit time {at}")))?;
                let booking: String = row.get(1)?;
                let method: String = row.get(4)?;
                payments.push(PaymentEntry {
                    at: at.with_timezone(&tz).fixed_offset(),
                    booking: Uuid::parse_str(&booking)
                        .map_err(|_| StoreError::Corrupt(format!("booking id \"{booking}\"")))?,
                    room: row.get(2)?,
                    customer: row.get(3)?,
                    method: PaymentMethod::parse(&method).ok_or_else(|| {
                        StoreError::Corrupt(format!("payment method \"{method}\""))
                    })?,
                    amount: row.get(5)?,
                    staff: row.get(6)?,
                    desk: row.get(7)?,
                });
            }
            Ok(payments)
        })?;
        Ok(PaymentsReport {
            from: period.from,
            to: period.to,
            currency: self.studio.currency.clone(),
            payments,
        })
    }
}
