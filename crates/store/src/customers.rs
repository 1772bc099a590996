//! Customer records: made from the details staff enter with a booking and matched on phone
//! or email, so the same person is one record (edits and merges:
//! [`crate::customer_changes`]). A record's id is derived from what made it (its phone,
//! email, or the booking of a name-only walk-in), so every desk and the server that see
//! the same booking make the same record, offline included.

use chrono::{DateTime, Utc};
use frontdesk_core::phone::{self, Country};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use uuid::Uuid;

use crate::engine::{self, Ledger};
use crate::sqlite_ledger::SqliteLedger;
use crate::StoreError;

/// The namespace of derived customer ids.
const NAMESPACE: Uuid = Uuid::from_u128(0x6b1f_4d0e_9a2c_4f3b_8e57_c0ff_eec0_5703);

/// A stored customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRecord {
    pub id: Uuid,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub notes: Option<String>,
    /// Set when merged into another record: this one is only an alias now.
    pub merged_into: Option<Uuid>,
    pub version: i64,
    /// The change-log sequence of its last change.
    pub seq: i64,
}

/// New details for a customer, made to `version`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerEdit {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub notes: Option<String>,
}

/// The key a stored phone number is matched on: the E.164 number (so `+49 30 555-0199`,
/// `0049 30 5550199` and, in a German studio, `030 5550199` are one number), or the digits
/// of a number kept as typed ([`frontdesk_core::phone::key`]).
pub fn phone_key(phone: Option<&str>) -> Option<String> {
    phone::key(phone)
}

/// A phone number as staff typed it, as it is stored: E.164 when it parses with the
/// studio's `country`, else as typed ([`frontdesk_core::phone::normalize`]).
pub fn stored_phone(typed: Option<&str>, country: Option<Country>) -> Option<String> {
    phone::normalize(typed?, country).map(phone::Phone::into_text)
}

impl CustomerRecord {
    /// Whether the record has a phone number kept as typed (it did not parse).
    pub fn phone_unparsed(&self) -> bool {
        self.phone.as_deref().is_some_and(|p| !phone::is_e164(p))
    }
}

/// An email address compared without case.
pub fn email_key(email: Option<&str>) -> Option<String> {
    let email = email?.trim();
    email.contains('@').then(|| email.to_lowercase())
}

pub fn clean(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

const COLUMNS: &str = "id, name, phone, email, notes, merged_into, version, seq";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, CustomerRecord)> {
    let id: String = r.get(0)?;
    let merged: Option<String> = r.get(5)?;
    Ok((
        id.clone(),
        CustomerRecord {
            id: Uuid::nil(),
            name: r.get(1)?,
            phone: r.get(2)?,
            email: r.get(3)?,
            notes: r.get(4)?,
            merged_into: merged.and_then(|m| Uuid::parse_str(&m).ok()),
            version: r.get(6)?,
            seq: r.get(7)?,
        },
    ))
}

pub(crate) fn query_customers(
    conn: &Connection,
    sql_after_from: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<CustomerRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM customers {sql_after_from}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params, from_row)?;
    let mut out = Vec::new();
    for row in rows {
        let (id, mut record) = row?;
        record.id = Uuid::parse_str(&id)
            .map_err(|_| StoreError::Corrupt(format!("customer id \"{id}\"")))?;
        out.push(record);
    }
    Ok(out)
}

pub(crate) fn get_customer(
    conn: &Connection,
    id: Uuid,
) -> Result<Option<CustomerRecord>, StoreError> {
    Ok(query_customers(conn, "WHERE id = ?1", [id.to_string()])?
        .into_iter()
        .next())
}

/// The id of the record made for a booking with these keys (phone digits, else email,
/// else the booking of a name-only walk-in): the same on every desk and the server.
pub fn derived_id(booking: Uuid, phone_key: Option<&str>, email_key: Option<&str>) -> Uuid {
    let seed = match (phone_key, email_key) {
        (Some(p), _) => format!("phone:{p}"),
        (None, Some(e)) => format!("email:{e}"),
        (None, None) => format!("booking:{booking}"),
    };
    Uuid::new_v5(&NAMESPACE, seed.as_bytes())
}

/// The customer a booking with these details belongs to, made (and stamped) if it does
/// not exist yet (the rule: [`crate::engine::customers::customer_for`]), inside the
/// caller's transaction.
pub(crate) fn customer_for(
    tx: &Connection,
    booking: Uuid,
    name: &str,
    phone: Option<&str>,
    email: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let holds = frontdesk_core::HoldBook::new();
    let mut ledger = SqliteLedger::new(tx, &holds);
    let customer = frontdesk_core::Customer {
        name: name.to_owned(),
        phone: phone.map(str::to_owned),
        email: email.map(str::to_owned),
    };
    let country = studio_country(tx)?;
    let (id, made) =
        engine::customers::customer_for(&mut ledger, booking, &customer, country, now)?;
    if let Some(made) = made {
        ledger.stamp_customer(made, now)?;
    }
    Ok(id)
}

/// Gives every booking without a customer (made before customer records existed) its
/// record, in one transaction. Later starts find none (a partial index of the unlinked
/// ones) and take no write lock.
pub(crate) fn link_unlinked(conn: &mut Connection) -> Result<(), StoreError> {
    let any: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM bookings WHERE customer_id IS NULL LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if any.is_none() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    /// id, name, phone, email, updated_at
    type Unlinked = (String, String, Option<String>, Option<String>, i64);
    let unlinked: Vec<Unlinked> = tx
        .prepare(
            "SELECT id, customer_name, customer_phone, customer_email, updated_at FROM bookings
             WHERE customer_id IS NULL ORDER BY created_at",
        )?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?;
    for (id, name, phone, email, at) in unlinked {
        let booking = Uuid::parse_str(&id)
            .map_err(|_| StoreError::Corrupt(format!("booking id \"{id}\"")))?;
        let at = DateTime::from_timestamp(at, 0).unwrap_or_default();
        let customer = customer_for(&tx, booking, &name, phone.as_deref(), email.as_deref(), at)?;
        tx.prepare_cached("UPDATE bookings SET customer_id = ?2 WHERE id = ?1")?
            .execute(params![id, customer.to_string()])?;
    }
    tx.commit()?;
    Ok(())
}

/// The customer of a booking the server sent: its record there (made here from the
/// booking's details, at version 1 as every new record is, until the server's record
/// arrives with the next pull), or one matched here.
pub(crate) fn customer_of_remote(
    tx: &Connection,
    remote: &crate::RemoteBooking,
    now: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let c = &remote.customer;
    let Some(id) = remote.customer_id else {
        return customer_for(
            tx,
            remote.id,
            &c.name,
            c.phone.as_deref(),
            c.email.as_deref(),
            now,
        );
    };
    let phone = stored_phone(c.phone.as_deref(), studio_country(tx)?);
    tx.prepare_cached(
        "INSERT INTO customers (id, name, phone, email, notes, phone_key, email_key, version, seq, updated_at)
         VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6, 1, 0, ?7) ON CONFLICT (id) DO NOTHING",
    )?
    .execute(params![
        id.to_string(),
        c.name,
        phone,
        c.email,
        phone_key(phone.as_deref()),
        email_key(c.email.as_deref()),
        now.timestamp()
    ])?;
    let holds = frontdesk_core::HoldBook::new();
    engine::customers::current(&mut SqliteLedger::new(tx, &holds), id)
}

/// Stores a customer as the server has it (a desk applying the server's record); a record
/// merged there is merged here too, its bookings following.
pub(crate) fn apply_remote_customer(tx: &Connection, c: &CustomerRecord) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO customers (id, name, phone, email, notes, phone_key, email_key, merged_into, version, seq, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, 0)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, phone = excluded.phone,
             email = excluded.email, notes = excluded.notes, phone_key = excluded.phone_key,
             email_key = excluded.email_key, merged_into = excluded.merged_into,
             version = excluded.version",
    )?
    .execute(params![
        c.id.to_string(),
        c.name,
        c.phone,
        c.email,
        c.notes,
        phone_key(c.phone.as_deref()),
        email_key(c.email.as_deref()),
        c.merged_into.map(|m| m.to_string()),
        c.version
    ])?;
    if let Some(keep) = c.merged_into {
        relink(tx, c.id, keep)?;
    }
    Ok(())
}

pub(crate) fn relink(tx: &Connection, gone: Uuid, keep: Uuid) -> Result<(), StoreError> {
    tx.prepare_cached("UPDATE bookings SET customer_id = ?2 WHERE customer_id = ?1")?
        .execute(params![gone.to_string(), keep.to_string()])?;
    Ok(())
}

/// The stored studio's country (none before a studio is stored).
fn studio_country(conn: &Connection) -> Result<Option<Country>, StoreError> {
    let code: Option<Option<String>> = conn
        .prepare_cached("SELECT country FROM studio WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(code.flatten().and_then(|c| c.parse().ok()))
}

/// Schema step 24: the studio gets the country of its timezone (where the tz database
/// names one), and every customer's phone is kept as the studio's numbers are now kept
/// (E.164, or as typed when it does not parse) and keyed again, in the migration's
/// transaction. Records keep their ids and change-log positions: every desk and the
/// server migrate their own copies by the same rule.
pub(crate) fn rekey_phones(tx: &Connection) -> Result<(), StoreError> {
    let zone: Option<String> = tx
        .query_row("SELECT timezone FROM studio WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    let country = zone.as_deref().and_then(Country::of_zone);
    tx.execute(
        "UPDATE studio SET country = ?1 WHERE id = 1",
        [country.map(|c| c.to_string())],
    )?;
    let phones: Vec<(String, String)> = tx
        .prepare("SELECT id, phone FROM customers WHERE phone IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut update = tx.prepare("UPDATE customers SET phone = ?2, phone_key = ?3 WHERE id = ?1")?;
    for (id, typed) in phones {
        let phone = stored_phone(Some(&typed), country);
        update.execute(params![id, phone, phone_key(phone.as_deref())])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
