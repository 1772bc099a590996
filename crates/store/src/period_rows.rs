//! The rows the desk's CSV exports read from this file: the bookings that start in a period
//! (every status, so the export shows cancelled ones as such), and the customers of those
//! that hold time, with how many each — of a checked report period (its local dates and
//! rooms; bounds as the reports take them, [`crate::reports::period_bounds`]).

use frontdesk_protocol::ReportPeriod;
use rusqlite::params;

use crate::booking_rows::query;
use crate::customers::{query_customers, CustomerRecord};
use crate::reports::period_bounds;
use crate::{BookingRecord, Store, StoreError};

/// The bookings that start in `[?1, ?2)` and hold time in it (confirmed or pending), in
/// the rooms of a JSON array (`?3`), with the customer they count for (a merged record
/// counts under the one it was merged into).
const BOOKED: &str = "SELECT COALESCE(m.merged_into, b.customer_id) AS customer
       FROM bookings b LEFT JOIN customers m ON m.id = b.customer_id
      WHERE b.start_utc >= ?1 AND b.start_utc < ?2
        AND b.status IN ('confirmed', 'pending')
        AND b.customer_id IS NOT NULL
        AND b.room IN (SELECT value FROM json_each(?3))";

/// The period's UTC bounds in seconds and its rooms as a JSON array.
fn bounds(store: &Store, period: &ReportPeriod) -> Result<(i64, i64, String), StoreError> {
    let (from, to) = period_bounds(&store.studio().calendar, period)?;
    let rooms = serde_json::to_string(&period.rooms)
        .map_err(|e| StoreError::Corrupt(format!("room ids: {e}")))?;
    Ok((from.timestamp(), to.timestamp(), rooms))
}

impl Store {
    /// Bookings of every status that start in the period in its rooms, in start order
    /// (then room, then id).
    pub fn bookings_starting(
        &self,
        period: &ReportPeriod,
    ) -> Result<Vec<BookingRecord>, StoreError> {
        let (from, to, rooms) = bounds(self, period)?;
        query(
            &self.conn,
            "WHERE start_utc >= ?1 AND start_utc < ?2
               AND room IN (SELECT value FROM json_each(?3))
             ORDER BY start_utc, room, id",
            params![from, to, rooms],
        )
    }

    /// The customers of the bookings that start in the period in its rooms and hold time
    /// (confirmed or pending), each with how many of those bookings are theirs; by name,
    /// then id. Bookings without a customer record are not counted.
    pub fn customers_booked(
        &self,
        period: &ReportPeriod,
    ) -> Result<Vec<(CustomerRecord, u64)>, StoreError> {
        let (from, to, rooms) = bounds(self, period)?;
        let bounds = params![from, to, rooms];
        // One read transaction: the records and their counts see the same bookings.
        let tx = self.conn.unchecked_transaction()?;
        let records = query_customers(
            &tx,
            &format!("WHERE id IN ({BOOKED}) ORDER BY name, id"),
            bounds,
        )?;
        let mut counts = std::collections::HashMap::<String, u64>::new();
        {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT customer, COUNT(*) FROM ({BOOKED}) GROUP BY customer"
            ))?;
            let mut rows = stmt.query(bounds)?;
            while let Some(row) = rows.next()? {
                let count: i64 = row.get(1)?;
                counts.insert(row.get(0)?, u64::try_from(count).unwrap_or(0));
            }
        }
        tx.commit()?;
        Ok(records
            .into_iter()
            .map(|c| {
                let n = counts.get(&c.id.to_string()).copied().unwrap_or(0);
                (c, n)
            })
            .collect())
    }
}
