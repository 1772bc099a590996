//! The PostgreSQL schema, created or brought up to date at start-up by whichever instance
//! starts first (the others wait on an advisory lock), and the studio seeded once.
//!
//! Every row names its studio, so that one database can later serve several. Holds and
//! their sessions are UNLOGGED: cheap to renew, emptied after a crash of the database
//! (desks set theirs again with the next heartbeat), never replicated; bookings are logged.

use chrono::{DateTime, Utc};
use frontdesk_core::Studio;
use frontdesk_protocol::StudioInfo;
use postgres::Client;

use super::sql::Sql;
use crate::storage::StorageError;

mod steps;

use steps::STEPS;

/// The step after which the phone numbers are migrated.
const PHONE_STEP: usize = 7;

/// Brings the schema up to date, one transaction, one instance at a time.
pub fn migrate(client: &mut Client) -> Result<(), StorageError> {
    migrate_to(client, STEPS.len())
}

/// Applies the steps up to `target` (tests make databases of older versions with it).
pub(super) fn migrate_to(client: &mut Client, target: usize) -> Result<(), StorageError> {
    let mut tx = client.transaction()?;
    // Instances starting together wait here instead of racing on CREATE TABLE.
    tx.execute("SELECT pg_advisory_xact_lock(7242011)", &[])?;
    // "already exists, skipping" is the normal case, not news.
    tx.batch_execute("SET LOCAL client_min_messages = warning")?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS frontdesk_schema (version integer NOT NULL)")?;
    let version: i32 = match tx.query_opt("SELECT version FROM frontdesk_schema", &[])? {
        Some(row) => row.get(0),
        None => {
            tx.execute("INSERT INTO frontdesk_schema (version) VALUES (0)", &[])?;
            0
        }
    };
    let from = usize::try_from(version).unwrap_or(0);
    for (index, step) in STEPS.iter().enumerate().take(target).skip(from) {
        tx.batch_execute(step)?;
        if index + 1 == PHONE_STEP {
            super::customers::rekey_phones(&mut tx)?;
        }
        let reached = i32::try_from(index + 1).unwrap_or(i32::MAX);
        tx.execute("UPDATE frontdesk_schema SET version = $1", &[&reached])?;
    }
    tx.commit()?;
    Ok(())
}

/// Makes `seed` the studio `id` if the database has none yet (afterwards the database is
/// the truth); answers the stored studio and its version.
pub fn seed_studio(
    client: &mut Client,
    id: &str,
    seed: &Studio,
    now: DateTime<Utc>,
) -> Result<(Studio, StudioInfo), StorageError> {
    insert_studio(client, id, seed, now)?;
    load_studio(client, id)
}

/// Adds studio `id` at version 1 unless there is one; whether it was added.
pub fn insert_studio(
    client: &mut impl Sql,
    id: &str,
    studio: &Studio,
    now: DateTime<Utc>,
) -> Result<bool, StorageError> {
    let info = serde_json::to_value(StudioInfo::from_studio(studio, 1))
        .map_err(|e| StorageError::Corrupt(format!("studio {id}: {e}")))?;
    let added = client.execute(
        "INSERT INTO studios (id, info, version, created_at) VALUES ($1, $2, 1, $3)
         ON CONFLICT (id) DO NOTHING",
        &[&id, &info, &now],
    )?;
    if added == 1 {
        client.execute("INSERT INTO heads (studio) VALUES ($1)", &[&id])?;
    }
    Ok(added == 1)
}

/// The stored studio `id` (its staff and version in the wire view).
pub fn load_studio(client: &mut impl Sql, id: &str) -> Result<(Studio, StudioInfo), StorageError> {
    find_studio(client, id)?.ok_or_else(|| StorageError::NoStudio(id.to_owned()))
}

/// The stored studio `id`, if the database has it.
pub fn find_studio(
    client: &mut impl Sql,
    id: &str,
) -> Result<Option<(Studio, StudioInfo)>, StorageError> {
    let row = client.query_opt("SELECT info, version FROM studios WHERE id = $1", &[&id])?;
    row.map(|row| studio_of(id, row.try_get(0)?, row.try_get(1)?))
        .transpose()
}

/// Every stored studio, by id, in one query.
pub fn all_studios(client: &mut impl Sql) -> Result<Vec<(String, StudioInfo)>, StorageError> {
    let rows = client.query("SELECT id, info, version FROM studios ORDER BY id", &[])?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get(0)?;
            let (_, info) = studio_of(&id, row.try_get(1)?, row.try_get(2)?)?;
            Ok((id, info))
        })
        .collect()
}

/// A studio row's `info` and `version` read back; data that breaks a rule names the studio.
fn studio_of(
    id: &str,
    info: serde_json::Value,
    version: i64,
) -> Result<(Studio, StudioInfo), StorageError> {
    let corrupt = |e: &dyn std::fmt::Display| StorageError::Corrupt(format!("studio {id}: {e}"));
    let mut info: StudioInfo = serde_json::from_value(info).map_err(|e| corrupt(&e))?;
    info.version = version;
    let studio = info.to_studio().map_err(|e| corrupt(&e))?;
    Ok((studio, info))
}
