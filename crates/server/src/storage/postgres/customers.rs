//! Customer rows on PostgreSQL ↔ records, and what a pull carries. Making, editing and
//! merging them are the engine's (`frontdesk_store::engine::customers`, through
//! `ledger`); finding them as staff type: `customer_lookup`.

use frontdesk_store::customers::CustomerRecord;
use postgres::types::ToSql;
use postgres::Row;
use uuid::Uuid;

use super::sql::Sql;
use crate::storage::StorageError;

pub(super) const COLUMNS: &str = "id, name, phone, email, notes, merged_into, version, seq";

pub(super) fn record(row: &Row) -> Result<CustomerRecord, StorageError> {
    Ok(CustomerRecord {
        id: row.try_get(0)?,
        name: row.try_get(1)?,
        phone: row.try_get(2)?,
        email: row.try_get(3)?,
        notes: row.try_get(4)?,
        merged_into: row.try_get(5)?,
        version: row.try_get(6)?,
        seq: row.try_get(7)?,
    })
}

pub(super) fn customers(
    client: &mut impl Sql,
    tail: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Vec<CustomerRecord>, StorageError> {
    let sql = format!("SELECT {COLUMNS} FROM customers {tail}");
    client.query(&sql, params)?.iter().map(record).collect()
}

pub(super) fn customer(
    client: &mut impl Sql,
    studio: &str,
    id: Uuid,
) -> Result<Option<CustomerRecord>, StorageError> {
    let found = customers(client, "WHERE studio = $1 AND id = $2", &[&studio, &id])?;
    Ok(found.into_iter().next())
}

/// Customers changed after `since`, up to `upto` (the head when `None`).
pub fn changed(
    client: &mut impl Sql,
    studio: &str,
    since: i64,
    upto: Option<i64>,
) -> Result<Vec<CustomerRecord>, StorageError> {
    customers(
        client,
        "WHERE studio = $1 AND seq > $2 AND ($3::bigint IS NULL OR seq <= $3) ORDER BY seq",
        &[&studio, &since, &upto],
    )
}
