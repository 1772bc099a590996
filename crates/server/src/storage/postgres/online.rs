//! [`Online`] on PostgreSQL: one row of settings per studio (jsonb, versioned; a save made
//! to an older version is refused under the row's lock) and one manage-link key per studio,
//! made once by whichever instance asks first.

use frontdesk_protocol::OnlineBooking;
use frontdesk_store::online_booking::LINK_KEY_LEN;
use frontdesk_store::StoreError;

use super::sql::Sql;
use super::storage::PgStorage;
use crate::storage::{Online, StorageError};

fn corrupt(e: impl std::fmt::Display) -> StorageError {
    StorageError::Corrupt(format!("online booking settings: {e}"))
}

/// Studio `studio`'s settings and their version (off at 0 before a save), read on `sql`
/// (a write's transaction too).
pub(super) fn read_settings(
    sql: &mut impl Sql,
    studio: &str,
) -> Result<(OnlineBooking, i64), StorageError> {
    let row = sql.query_opt(
        "SELECT settings, version FROM online_booking WHERE studio = $1",
        &[&studio],
    )?;
    match row {
        None => Ok((OnlineBooking::default(), 0)),
        Some(row) => {
            let json: serde_json::Value = row.try_get(0)?;
            Ok((
                serde_json::from_value(json).map_err(corrupt)?,
                row.try_get(1)?,
            ))
        }
    }
}

impl Online for PgStorage {
    fn online_booking(&self) -> Result<(OnlineBooking, i64), StorageError> {
        read_settings(&mut *self.reader()?, &self.studio_id)
    }

    fn set_online_booking(
        &mut self,
        settings: &OnlineBooking,
        edited: i64,
    ) -> Result<i64, StorageError> {
        let json = serde_json::to_value(settings).map_err(corrupt)?;
        self.in_transaction(|tx, studio, _| {
            // The studio's row is the lock: two saves made to one version take turns, and the
            // second finds the version moved on.
            tx.execute("SELECT 1 FROM studios WHERE id = $1 FOR UPDATE", &[&studio])?;
            let current: i64 = tx
                .query_opt(
                    "SELECT version FROM online_booking WHERE studio = $1",
                    &[&studio],
                )?
                .map(|row| row.try_get(0))
                .transpose()?
                .unwrap_or(0);
            if current != edited {
                return Err(StoreError::StaleOnlineBooking { current, edited }.into());
            }
            tx.execute(
                "INSERT INTO online_booking (studio, settings, version) VALUES ($1, $2, $3)
                 ON CONFLICT (studio) DO UPDATE
                 SET settings = excluded.settings, version = excluded.version",
                &[
                    &studio as &(dyn postgres::types::ToSql + Sync),
                    &json,
                    &(current + 1),
                ],
            )?;
            Ok(current + 1)
        })
    }

    fn link_key(&mut self, fresh: [u8; LINK_KEY_LEN]) -> Result<[u8; LINK_KEY_LEN], StorageError> {
        self.in_transaction(|tx, studio, _| {
            tx.execute(
                "INSERT INTO link_keys (studio, key) VALUES ($1, $2) ON CONFLICT (studio) DO NOTHING",
                &[&studio as &(dyn postgres::types::ToSql + Sync), &fresh.as_slice()],
            )?;
            let key: Vec<u8> = tx
                .query_opt("SELECT key FROM link_keys WHERE studio = $1", &[&studio])?
                .ok_or_else(|| StorageError::Corrupt("the manage-link key went away".into()))?
                .try_get(0)?;
            key.try_into()
                .map_err(|_| StorageError::Corrupt("the manage-link key is not 32 bytes".into()))
        })
    }
}
