//! Finding customers as staff type — any part of the name, three or more digits of the
//! phone number, or the email — through a trigram index, and what the desk shows of one:
//! their bookings, no-shows and what is still unpaid.

use chrono::{DateTime, Utc};
use frontdesk_core::phone;
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use uuid::Uuid;

use crate::booking_rows::query;
use crate::customers::{query_customers, CustomerRecord};
use crate::{BookingRecord, Store, StoreError};

/// A customer with what staff want to know at a glance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerSummary {
    pub customer: CustomerRecord,
    /// Bookings not cancelled.
    pub bookings: u32,
    pub no_shows: u32,
    /// Minor units still to pay for bookings that have begun.
    pub unpaid: u64,
    /// The start of their latest booking.
    pub last: Option<DateTime<Utc>>,
}

/// An FTS5 string literal of `text`.
fn literal(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

impl Store {
    /// Up to `limit` customers matching `text` (not merged ones), by name: three or more
    /// characters use the trigram index (digits typed alone search phone numbers), fewer
    /// match the start of the name.
    pub fn find_customers(
        &self,
        text: &str,
        limit: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<CustomerSummary>, StoreError> {
        // Control characters (a NUL ends SQLite's reading of the search string) are never
        // part of a name, number or address.
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        let text = text.trim();
        if text.is_empty() {
            return Ok(Vec::new());
        }
        let found = if let Some(digits) = phone::search_digits(text) {
            self.search(&format!("phone_key : {}", literal(&digits)), limit)?
        } else if text.chars().count() >= 3 {
            self.search(&literal(text), limit)?
        } else {
            let prefix = format!(
                "{}%",
                text.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            query_customers(
                &self.conn,
                "WHERE name LIKE ?1 ESCAPE '\\' AND merged_into IS NULL ORDER BY name, id LIMIT ?2",
                rusqlite::params![prefix, limit],
            )?
        };
        self.summaries(found, now)
    }

    fn search(&self, matching: &str, limit: u32) -> Result<Vec<CustomerRecord>, StoreError> {
        let mut found = query_customers(
            &self.conn,
            "WHERE rowid IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?1)
               AND merged_into IS NULL LIMIT ?2",
            rusqlite::params![matching, limit],
        )?;
        found.sort_by_key(|c| c.name.to_lowercase());
        Ok(found)
    }

    /// One customer with their counts, following a merge to the record kept.
    pub fn customer_summary(
        &self,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Option<CustomerSummary>, StoreError> {
        let Some(mut record) = self.customer(id)? else {
            return Ok(None);
        };
        if let Some(kept) = record.merged_into {
            record = self.customer(kept)?.ok_or(StoreError::NoCustomer(kept))?;
        }
        Ok(self.summaries(vec![record], now)?.pop())
    }

    /// A customer's bookings, newest first (cancelled ones included).
    pub fn customer_bookings(&self, id: Uuid) -> Result<Vec<BookingRecord>, StoreError> {
        query(
            &self.conn,
            "WHERE customer_id = ?1 ORDER BY start_utc DESC, id LIMIT 500",
            [id.to_string()],
        )
    }

    /// The counts of each customer, in one query.
    fn summaries(
        &self,
        customers: Vec<CustomerRecord>,
        now: DateTime<Utc>,
    ) -> Result<Vec<CustomerSummary>, StoreError> {
        if customers.is_empty() {
            return Ok(Vec::new());
        }
        // `now` is the first parameter, the ids follow: one statement text per number of
        // ids, so the statement cache keeps at most `limit` of them.
        let marks = vec!["?"; customers.len()].join(", ");
        let sql = format!(
            "SELECT customer_id, COUNT(*), SUM(no_show),
                 SUM(CASE WHEN start_utc <= ?1 AND payment_status != 'paid'
                          THEN MAX(COALESCE(price, 0) - paid_amount, 0) ELSE 0 END),
                 MAX(start_utc)
             FROM bookings WHERE status != 'cancelled' AND customer_id IN ({marks})
             GROUP BY customer_id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let ids = customers.iter().map(|c| Value::Text(c.id.to_string()));
        let values = std::iter::once(Value::Integer(now.timestamp())).chain(ids);
        let mut counts = std::collections::HashMap::new();
        let mut rows = stmt.query(params_from_iter(values))?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let row: (i64, i64, i64, Option<i64>) = (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            counts.insert(id, row);
        }
        Ok(customers
            .into_iter()
            .map(|customer| {
                let (bookings, no_shows, unpaid, last) = counts
                    .get(&customer.id.to_string())
                    .copied()
                    .unwrap_or((0, 0, 0, None));
                CustomerSummary {
                    customer,
                    bookings: u32::try_from(bookings).unwrap_or(u32::MAX),
                    no_shows: u32::try_from(no_shows).unwrap_or(u32::MAX),
                    unpaid: u64::try_from(unpaid).unwrap_or(0),
                    last: last.and_then(|t| DateTime::from_timestamp(t, 0)),
                }
            })
            .collect())
    }
}
