//! [`StaffAuth`] on PostgreSQL: every row names its studio, and every query is scoped by
//! the storage's studio (a session of one studio is no session in another).

use chrono::{DateTime, Utc};
use frontdesk_store::staff_auth::PinTries;
use uuid::Uuid;

use super::sql::Sql;
use super::storage::PgStorage;
use crate::storage::{StaffAuth, StorageError};

fn tries(row: Option<postgres::Row>) -> Result<PinTries, StorageError> {
    Ok(match row {
        Some(row) => PinTries {
            wrong: u32::try_from(row.try_get::<_, i32>(0)?).unwrap_or(0),
            locked_until: row.try_get(1)?,
        },
        None => PinTries::default(),
    })
}

const TRIES: &str = "SELECT wrong, locked_until FROM pin_lockouts WHERE studio = $1 AND staff = $2";

impl StaffAuth for PgStorage {
    fn pin_tries(&self, staff: Uuid) -> Result<PinTries, StorageError> {
        tries(
            self.reader()?
                .query_opt(TRIES, &[&self.studio_id, &staff])?,
        )
    }
    fn record_pin_try(
        &mut self,
        staff: Uuid,
        right: bool,
        now: DateTime<Utc>,
    ) -> Result<PinTries, StorageError> {
        self.in_transaction(|tx, studio, _| {
            if right {
                tx.execute(
                    "DELETE FROM pin_lockouts WHERE studio = $1 AND staff = $2",
                    &[&studio, &staff],
                )?;
                return Ok(PinTries::default());
            }
            // Two instances counting at once: the row lock orders them.
            tx.execute(
                "INSERT INTO pin_lockouts (studio, staff, wrong) VALUES ($1, $2, 0)
                 ON CONFLICT (studio, staff) DO NOTHING",
                &[&studio, &staff],
            )?;
            let before = tries(tx.query_opt(
                "SELECT wrong, locked_until FROM pin_lockouts
                  WHERE studio = $1 AND staff = $2 FOR UPDATE",
                &[&studio, &staff],
            )?)?;
            let after = before.after_wrong(now);
            let wrong = i32::try_from(after.wrong).unwrap_or(i32::MAX);
            tx.execute(
                "UPDATE pin_lockouts SET wrong = $3, locked_until = $4
                  WHERE studio = $1 AND staff = $2",
                &[&studio, &staff, &wrong, &after.locked_until],
            )?;
            Ok(after)
        })
    }
    fn open_staff_session(
        &mut self,
        hash: &str,
        staff: Uuid,
        desk: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.in_transaction(|tx, studio, _| {
            tx.execute(
                "DELETE FROM staff_sessions WHERE studio = $1 AND expires_at <= $2",
                &[&studio, &now],
            )?;
            tx.execute(
                "INSERT INTO staff_sessions (session_hash, studio, staff, desk, expires_at)
                 VALUES ($1, $2, $3, $4, $5)",
                &[&hash, &studio, &staff, &desk, &expires_at],
            )?;
            Ok(())
        })
    }
    fn staff_session(
        &self,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(Uuid, String)>, StorageError> {
        let row = self.reader()?.query_opt(
            "SELECT staff, desk FROM staff_sessions
              WHERE session_hash = $1 AND studio = $2 AND expires_at > $3",
            &[&hash, &self.studio_id, &now],
        )?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
    }
    fn close_staff_session(&mut self, hash: &str, desk: &str) -> Result<bool, StorageError> {
        self.in_transaction(|tx, studio, _| {
            Ok(tx.execute(
                "DELETE FROM staff_sessions WHERE session_hash = $1 AND studio = $2 AND desk = $3",
                &[&hash, &studio, &desk],
            )? > 0)
        })
    }
    fn staff_left_at(&self, staff: Uuid) -> Result<Option<(DateTime<Utc>, String)>, StorageError> {
        let row = self.reader()?.query_opt(
            "SELECT left_at, name FROM staff_departures WHERE studio = $1 AND staff = $2",
            &[&self.studio_id, &staff],
        )?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
    }
}
