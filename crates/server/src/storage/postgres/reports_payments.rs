//! The payments report on PostgreSQL: the audit rows of payment changes recorded in the
//! period's local dates (jsonb `detail` `{"from": payment, "to": payment}`), of bookings in
//! the rooms asked for, each with the difference it made — the same definitions as the
//! SQLite store's (`Store::payments_report`).

use chrono::{DateTime, Utc};
use frontdesk_protocol::{PaymentEntry, PaymentMethod, PaymentsReport, ReportPeriod};

use super::reports::bounds;
use super::sql::Sql;
use super::PgStorage;
use crate::storage::StorageError;

/// Each payment change: when, the booking, its room and customer, the amount it added (a
/// refund below zero) and the method it was made with (the new one; the old one when the
/// new payment has none), who and where; in the order recorded. Changes of nothing are
/// left out.
const PAYMENTS: &str = "
    SELECT at, booking, room, name, method, amount, staff, desk FROM (
        SELECT a.id, a.at, a.booking, b.room, b.name, a.desk, a.staff->>'name' AS staff,
               COALESCE((a.detail->'to'->>'amount')::bigint, 0)
                 - COALESCE((a.detail->'from'->>'amount')::bigint, 0) AS amount,
               COALESCE(a.detail->'to'->>'method', a.detail->'from'->>'method') AS method
          FROM audit a
          JOIN bookings b ON b.studio = a.studio AND b.id = a.booking
         WHERE a.studio = $1 AND a.action = 'payment' AND a.at >= $3 AND a.at < $4
           AND b.room = ANY($2)) p
     WHERE amount <> 0 AND method IS NOT NULL
     ORDER BY at, id";

impl PgStorage {
    /// See `Store::payments_report`.
    pub(super) fn payments(&self, period: &ReportPeriod) -> Result<PaymentsReport, StorageError> {
        let (from, to) = bounds(self, period)?;
        let tz = self.studio.calendar.timezone();
        let rows = self
            .reader()?
            .query(PAYMENTS, &[&self.studio_id, &period.rooms, &from, &to])?;
        let payments = rows
            .iter()
            .map(|row| {
                let at: DateTime<Utc> = row.try_get(0)?;
                // Recorded to the second, as the SQLite store keeps it.
                let at = DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at);
                let method: &str = row.try_get(4)?;
                Ok(PaymentEntry {
                    at: at.with_timezone(&tz).fixed_offset(),
                    booking: row.try_get(1)?,
                    room: row.try_get(2)?,
                    customer: row.try_get(3)?,
                    method: PaymentMethod::parse(method).ok_or_else(|| {
                        StorageError::Corrupt(format!("payment method \"{method}\""))
                    })?,
                    amount: row.try_get(5)?,
                    staff: row.try_get(6)?,
                    desk: row.try_get(7)?,
                })
            })
            .collect::<Result<Vec<_>, StorageError>>()?;
        Ok(PaymentsReport {
            from: period.from,
            to: period.to,
            currency: self.studio.currency.clone(),
            payments,
        })
    }
}
