//! The change log's stamp on PostgreSQL, with the rows of the write it ends: the head of
//! the studio's log is raised, the booking or customer stamped with it and answered, and the
//! write's audit and push-log rows inserted — one statement, one round trip, last in the
//! transaction, so the head's row stays locked only for the commit that follows and the
//! next writer gets the next number only after this one is visible.

use chrono::{DateTime, Utc};
use postgres::types::ToSql;
use postgres::Row;
use serde_json::Value;
use uuid::Uuid;

use super::rows;
use super::sql::{Sql, Tx};
use crate::storage::StorageError;

/// The audit and push-log rows of the write in hand, until its stamp.
#[derive(Default)]
pub struct Pending {
    pub audit: Option<AuditRow>,
    /// (mutation, record, at)
    pub applied: Option<(Uuid, Uuid, DateTime<Utc>)>,
}

pub struct AuditRow {
    pub at: DateTime<Utc>,
    pub desk: String,
    pub staff: Option<Value>,
    pub action: String,
    pub booking: Option<Uuid>,
    pub detail: Value,
}

impl Pending {
    /// Writes the rows still pending.
    pub fn flush(&mut self, tx: &mut Tx<'_>, studio: &str) -> Result<(), StorageError> {
        if let Some(a) = self.audit.take() {
            tx.execute(
                "INSERT INTO audit (studio, at, desk, staff, action, booking, detail)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[
                    &studio, &a.at, &a.desk, &a.staff, &a.action, &a.booking, &a.detail,
                ],
            )?;
        }
        if let Some((mutation, id, at)) = self.applied.take() {
            rows::applied(tx, studio, Some(mutation), id, at)?;
        }
        Ok(())
    }

    /// Raises the change log's head, stamps row `id` of `table` with it and answers the
    /// row's `columns` — with the pending audit and push-log rows, in one statement.
    pub fn stamp(
        &mut self,
        tx: &mut Tx<'_>,
        studio: &str,
        table: &str,
        columns: &str,
        id: Uuid,
    ) -> Result<Row, StorageError> {
        let pending = std::mem::take(self);
        let mut sql = String::from("WITH ");
        let mut params: Vec<&(dyn ToSql + Sync)> = vec![&studio, &id];
        if let Some(a) = &pending.audit {
            let n = params.len();
            sql += &format!(
                "a AS (INSERT INTO audit (studio, at, desk, staff, action, booking, detail)
                       VALUES ($1, ${}, ${}, ${}, ${}, ${}, ${})), ",
                n + 1,
                n + 2,
                n + 3,
                n + 4,
                n + 5,
                n + 6
            );
            let row: [&(dyn ToSql + Sync); 6] =
                [&a.at, &a.desk, &a.staff, &a.action, &a.booking, &a.detail];
            params.extend(row);
        }
        if let Some((mutation, record, at)) = &pending.applied {
            let n = params.len();
            sql += &format!(
                "p AS (INSERT INTO push_log (mutation, studio, status, booking, message, at)
                       VALUES (${}, $1, 'applied', ${}, NULL, ${})
                       ON CONFLICT (studio, mutation) DO NOTHING), ",
                n + 1,
                n + 2,
                n + 3
            );
            let row: [&(dyn ToSql + Sync); 3] = [mutation, record, at];
            params.extend(row);
        }
        sql += &format!(
            "h AS (UPDATE heads SET head = head + 1 WHERE studio = $1 RETURNING head)
             UPDATE {table} SET seq = (SELECT head FROM h) WHERE studio = $1 AND id = $2
             RETURNING {columns}"
        );
        tx.query_opt(&sql, &params)?
            .ok_or_else(|| StorageError::Corrupt(format!("{table} {id} vanished before its stamp")))
    }
}
