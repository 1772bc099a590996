//! Customer rows on PostgreSQL ↔ records, and what a pull carries. Making, editing and
//! merging them are the engine's (`frontdesk_store::engine::customers`, through
//! `ledger`); finding them as staff type: `customer_lookup`.

use frontdesk_core::phone::Country;
use frontdesk_store::customers::{phone_key, stored_phone, CustomerRecord};
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

/// Schema step 7: every studio without a country gets its timezone's (where the tz
/// database names one), and every customer's phone is kept as the studio's numbers are
/// now kept (E.164, or as typed when it does not parse) and keyed again, in the
/// migration's transaction. Ids and change-log positions stay: desks migrate their own
/// copies by the same rule.
pub(super) fn rekey_phones(tx: &mut postgres::Transaction<'_>) -> Result<(), StorageError> {
    for studio in tx.query(
        "SELECT id, info->>'timezone', info->>'country' FROM studios",
        &[],
    )? {
        let id: String = studio.try_get(0)?;
        let zone: Option<String> = studio.try_get(1)?;
        let stored: Option<String> = studio.try_get(2)?;
        let country = match stored {
            Some(code) => code.parse().ok(),
            None => {
                let derived = zone.as_deref().and_then(Country::of_zone);
                if let Some(code) = derived {
                    tx.execute(
                        "UPDATE studios SET info = jsonb_set(info, '{country}', to_jsonb($2::text))
                         WHERE id = $1",
                        &[&id, &code.to_string()],
                    )?;
                }
                derived
            }
        };
        let phones = tx.query(
            "SELECT id, phone FROM customers WHERE studio = $1 AND phone IS NOT NULL",
            &[&id],
        )?;
        for row in phones {
            let customer: Uuid = row.try_get(0)?;
            let typed: String = row.try_get(1)?;
            let phone = stored_phone(Some(&typed), country);
            tx.execute(
                "UPDATE customers SET phone = $3, phone_key = $4 WHERE studio = $1 AND id = $2",
                &[&id, &customer, &phone, &phone_key(phone.as_deref())],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
