//! Finding customers on PostgreSQL as staff type (any part of the name, three or more
//! phone digits, the email: substring matches through trigram indexes, as the desk's FTS5
//! trigram index answers them), and a customer's page with their counts.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use frontdesk_core::phone;
use frontdesk_store::customer_search::CustomerSummary;
use frontdesk_store::customers::CustomerRecord;
use frontdesk_store::{BookingRecord, StoreError};
use uuid::Uuid;

use super::customers::{customer, customers};
use super::rows;
use super::sql::Sql;
use crate::storage::StorageError;

/// A LIKE pattern matching `text` literally.
fn escaped(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Up to `limit` customers matching `text` (see `Store::find_customers`).
pub fn find(
    client: &mut impl Sql,
    studio: &str,
    text: &str,
    limit: u32,
    now: DateTime<Utc>,
) -> Result<Vec<CustomerSummary>, StorageError> {
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let limit = i64::from(limit);
    let mut found = if let Some(digits) = phone::search_digits(text) {
        let pattern = format!("%{digits}%");
        customers(
            client,
            "WHERE studio = $1 AND phone_key LIKE $2 AND merged_into IS NULL LIMIT $3",
            &[&studio, &pattern, &limit],
        )?
    } else if text.chars().count() >= 3 {
        let pattern = format!("%{}%", escaped(text));
        customers(
            client,
            "WHERE studio = $1 AND merged_into IS NULL
               AND (name ILIKE $2 OR phone_key ILIKE $2 OR email_key ILIKE $2) LIMIT $3",
            &[&studio, &pattern, &limit],
        )?
    } else {
        let pattern = format!("{}%", escaped(text));
        customers(
            client,
            "WHERE studio = $1 AND name ILIKE $2 AND merged_into IS NULL ORDER BY name, id LIMIT $3",
            &[&studio, &pattern, &limit],
        )?
    };
    found.sort_by_key(|c| c.name.to_lowercase());
    summaries(client, studio, found, now)
}

/// A customer (following a merge) with their counts, and their bookings newest first.
pub fn page(
    client: &mut impl Sql,
    studio: &str,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<(CustomerSummary, Vec<BookingRecord>)>, StorageError> {
    let Some(mut found) = customer(client, studio, id)? else {
        return Ok(None);
    };
    if let Some(kept) = found.merged_into {
        found = customer(client, studio, kept)?.ok_or(StoreError::NoCustomer(kept))?;
    }
    let id = found.id;
    let Some(summary) = summaries(client, studio, vec![found], now)?.pop() else {
        return Ok(None);
    };
    let bookings = rows::bookings(
        client,
        "WHERE studio = $1 AND customer_id = $2 ORDER BY start_at DESC, id LIMIT 500",
        &[&studio, &id],
    )?;
    Ok(Some((summary, bookings)))
}

/// Bookings, no-shows, minor units unpaid, the latest start.
type Counts = (i64, i64, i64, Option<DateTime<Utc>>);

/// The counts of each customer, in one query.
fn summaries(
    client: &mut impl Sql,
    studio: &str,
    customers: Vec<CustomerRecord>,
    now: DateTime<Utc>,
) -> Result<Vec<CustomerSummary>, StorageError> {
    if customers.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = customers.iter().map(|c| c.id).collect();
    let rows = client.query(
        "SELECT customer_id, count(*), count(*) FILTER (WHERE no_show),
             COALESCE(sum(CASE WHEN start_at <= $3 AND payment->>'status' <> 'paid'
                 THEN GREATEST(COALESCE(price, 0) - (payment->>'amount')::bigint, 0) ELSE 0 END), 0)::bigint,
             max(start_at)
           FROM bookings WHERE studio = $1 AND status <> 'cancelled' AND customer_id = ANY($2)
          GROUP BY customer_id",
        &[&studio, &ids, &now],
    )?;
    let mut counts: HashMap<Uuid, Counts> = HashMap::new();
    for row in rows {
        counts.insert(
            row.try_get(0)?,
            (
                row.try_get(1)?,
                row.try_get(2)?,
                row.try_get(3)?,
                row.try_get(4)?,
            ),
        );
    }
    Ok(customers
        .into_iter()
        .map(|customer| {
            let (bookings, no_shows, unpaid, last) =
                counts.get(&customer.id).copied().unwrap_or((0, 0, 0, None));
            CustomerSummary {
                customer,
                bookings: u32::try_from(bookings).unwrap_or(u32::MAX),
                no_shows: u32::try_from(no_shows).unwrap_or(u32::MAX),
                unpaid: u64::try_from(unpaid).unwrap_or(0),
                last,
            }
        })
        .collect())
}
