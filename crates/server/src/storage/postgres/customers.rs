//! Customer records on PostgreSQL, with the desk's rules (`frontdesk_store::customers`,
//! `frontdesk_store::customer_changes`): matched on phone digits or email, ids derived
//! from what made them (so desks offline and the server make the same record), edits to a
//! version, merges. Finding them: `customer_lookup`.

use chrono::{DateTime, Utc};
use frontdesk_store::audit::Who;
use frontdesk_store::customer_changes::{check_merge, merged_notes};
use frontdesk_store::customers::{
    clean, derived_id, email_key, phone_key, CustomerEdit, CustomerRecord,
};
use frontdesk_store::push_log::PushRecord;
use frontdesk_store::{StoreError, WriteOutcome};
use postgres::types::ToSql;
use postgres::Row;

use super::sql::{Sql, Tx};
use serde_json::json;
use uuid::Uuid;

use super::rows;
use crate::storage::StorageError;

const COLUMNS: &str = "id, name, phone, email, notes, merged_into, version, seq";

fn record(row: &Row) -> Result<CustomerRecord, StorageError> {
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

/// The record a merged one points to (following a chain of merges), or itself.
fn current(client: &mut impl Sql, studio: &str, id: Uuid) -> Result<Uuid, StorageError> {
    let mut id = id;
    for _ in 0..16 {
        match customer(client, studio, id)?.and_then(|c| c.merged_into) {
            Some(next) => id = next,
            None => return Ok(id),
        }
    }
    Ok(id)
}

/// Raises the change log's head and stamps the customer with it (see `rows::stamp`).
fn stamp(tx: &mut Tx<'_>, studio: &str, id: Uuid) -> Result<i64, StorageError> {
    rows::stamp_row(tx, "customers", studio, id)
}

/// The customer a booking with these details belongs to, made if it does not exist yet
/// (and then to be stamped: the second value).
pub fn customer_for(
    tx: &mut Tx<'_>,
    studio: &str,
    booking: Uuid,
    name: &str,
    phone: Option<&str>,
    email: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(Uuid, Option<Uuid>), StorageError> {
    let (pk, ek) = (phone_key(phone), email_key(email));
    for (column, key) in [("phone_key", &pk), ("email_key", &ek)] {
        let Some(key) = key else { continue };
        let sql = format!(
            "SELECT id FROM customers WHERE studio = $1 AND {column} = $2
              ORDER BY merged_into IS NOT NULL LIMIT 1"
        );
        if let Some(row) = tx.query_opt(&sql, &[&studio, key])? {
            return Ok((current(tx, studio, row.try_get(0)?)?, None));
        }
    }
    let id = derived_id(booking, pk.as_deref(), ek.as_deref());
    let made = tx.execute(
        "INSERT INTO customers (studio, id, name, phone, email, phone_key, email_key, seq, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8) ON CONFLICT DO NOTHING",
        &[&studio, &id, &name.trim(), &clean(phone), &clean(email), &pk, &ek, &now],
    )?;
    if made == 1 {
        return Ok((id, Some(id)));
    }
    Ok((current(tx, studio, id)?, None))
}

/// Stamps a customer made by [`customer_for`], last in its transaction.
pub fn stamp_made(tx: &mut Tx<'_>, studio: &str, made: Option<Uuid>) -> Result<(), StorageError> {
    if let Some(id) = made {
        stamp(tx, studio, id)?;
    }
    Ok(())
}

/// A mutation applied before is answered as a duplicate.
fn was_applied(
    tx: &mut Tx<'_>,
    studio: &str,
    mutation: Option<Uuid>,
) -> Result<bool, StorageError> {
    Ok(match mutation {
        Some(m) => {
            rows::push_record(tx, studio, m)?.is_some_and(|r: PushRecord| r.status == "applied")
        }
        None => false,
    })
}

#[allow(clippy::too_many_arguments)]
pub fn edit(
    tx: &mut Tx<'_>,
    studio: &str,
    id: Uuid,
    version: i64,
    edit: &CustomerEdit,
    who: Who<'_>,
    mutation: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(CustomerRecord, WriteOutcome), StorageError> {
    let (name, phone, email, notes) = edit.checked()?;
    let old = customers(
        tx,
        "WHERE studio = $1 AND id = $2 FOR UPDATE",
        &[&studio, &id],
    )?
    .pop()
    .ok_or(StoreError::NoCustomer(id))?;
    if was_applied(tx, studio, mutation)? {
        return Ok((old, WriteOutcome::Duplicate));
    }
    if old.version != version {
        return Err(StoreError::StaleCustomer {
            id,
            current: old.version,
            expected: version,
        }
        .into());
    }
    tx.execute(
        "UPDATE customers SET name = $3, phone = $4, email = $5, notes = $6, phone_key = $7,
             email_key = $8, version = version + 1, updated_at = $9
         WHERE studio = $1 AND id = $2",
        &[
            &studio,
            &id,
            &name,
            &phone,
            &email,
            &notes,
            &phone_key(phone.as_deref()),
            &email_key(email.as_deref()),
            &now,
        ],
    )?;
    rows::audit(
        tx,
        studio,
        now,
        who,
        "customer",
        None,
        &json!({"customer": id, "name": name}),
    )?;
    rows::applied(tx, studio, mutation, id, now)?;
    let mut record = customer(tx, studio, id)?.ok_or(StoreError::NoCustomer(id))?;
    record.seq = stamp(tx, studio, id)?;
    Ok((record, WriteOutcome::Applied))
}

#[allow(clippy::too_many_arguments)]
pub fn merge(
    tx: &mut Tx<'_>,
    studio: &str,
    keep: Uuid,
    gone: Uuid,
    who: Who<'_>,
    mutation: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(CustomerRecord, WriteOutcome), StorageError> {
    check_merge(keep, gone)?;
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    let locked = customers(
        tx,
        "WHERE studio = $1 AND id IN ($2, $3) ORDER BY id FOR UPDATE",
        &[&studio, &keep, &gone],
    )?;
    let find = |id: Uuid| {
        locked
            .iter()
            .find(|c| c.id == id)
            .cloned()
            .ok_or(StoreError::NoCustomer(id))
    };
    let (kept, old) = (find(keep)?, find(gone)?);
    if old.merged_into == Some(keep) {
        return Ok((kept, WriteOutcome::Duplicate));
    }
    let notes = merged_notes(&kept, &old)?;
    tx.execute(
        "UPDATE customers SET notes = $3, phone = COALESCE(phone, $4), email = COALESCE(email, $5),
             phone_key = COALESCE(phone_key, $6), email_key = COALESCE(email_key, $7),
             version = version + 1, updated_at = $8
         WHERE studio = $1 AND id = $2",
        &[
            &studio,
            &keep,
            &notes,
            &old.phone,
            &old.email,
            &phone_key(old.phone.as_deref()),
            &email_key(old.email.as_deref()),
            &now,
        ],
    )?;
    tx.execute(
        "UPDATE customers SET merged_into = $3, version = version + 1, updated_at = $4
         WHERE studio = $1 AND id = $2",
        &[&studio, &gone, &keep, &now],
    )?;
    tx.execute(
        "UPDATE bookings SET customer_id = $3 WHERE studio = $1 AND customer_id = $2",
        &[&studio, &gone, &keep],
    )?;
    rows::audit(
        tx,
        studio,
        now,
        who,
        "merge",
        None,
        &json!({"keep": keep, "gone": gone, "name": kept.name}),
    )?;
    rows::applied(tx, studio, mutation, keep, now)?;
    let mut record = customer(tx, studio, keep)?.ok_or(StoreError::NoCustomer(keep))?;
    record.seq = stamp(tx, studio, keep)?;
    stamp(tx, studio, gone)?;
    Ok((record, WriteOutcome::Applied))
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
