//! The answers the server gave to sync mutations, so that a replayed mutation id is
//! answered `duplicate` and changes nothing.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

use crate::{Store, StoreError};

/// A mutation answered before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushRecord {
    /// `applied`, `conflict` or `invalid`: what the first answer was.
    pub status: String,
    pub booking_id: Option<Uuid>,
    pub message: Option<String>,
}

/// The push-log row of an applied mutation, inside the caller's transaction.
pub(crate) fn record_applied(
    conn: &rusqlite::Connection,
    mutation_id: Uuid,
    booking_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO push_log (mutation_id, status, booking_id, message, at) VALUES (?1, 'applied', ?2, NULL, ?3)
         ON CONFLICT (mutation_id) DO NOTHING",
    )?
    .execute(params![mutation_id.to_string(), booking_id.to_string(), now.timestamp()])?;
    Ok(())
}

/// Whether a mutation was applied before (inside the caller's transaction).
pub(crate) fn was_applied(
    conn: &rusqlite::Connection,
    mutation_id: Uuid,
) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM push_log WHERE mutation_id = ?1 AND status = 'applied'")?
        .query_row([mutation_id.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

impl Store {
    pub fn push_record(&self, mutation_id: Uuid) -> Result<Option<PushRecord>, StoreError> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT status, booking_id, message FROM push_log WHERE mutation_id = ?1",
            )?
            .query_row([mutation_id.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })
            .optional()?;
        row.map(|(status, booking, message)| {
            let booking_id = booking
                .map(|b| {
                    Uuid::parse_str(&b)
                        .map_err(|_| StoreError::Corrupt(format!("push log booking {b}")))
                })
                .transpose()?;
            Ok(PushRecord {
                status,
                booking_id,
                message,
            })
        })
        .transpose()
    }

    /// Remembers the first answer to a mutation (a later one for the same id is ignored).
    pub fn record_push(
        &mut self,
        mutation_id: Uuid,
        record: &PushRecord,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO push_log (mutation_id, status, booking_id, message, at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (mutation_id) DO NOTHING",
            )?
            .execute(params![
                mutation_id.to_string(),
                record.status,
                record.booking_id.map(|b| b.to_string()),
                record.message,
                now.timestamp()
            ])?;
        Ok(())
    }
}
