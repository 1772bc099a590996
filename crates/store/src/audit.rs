//! The audit log: who did what to which booking, written in the same transaction.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::StoreError;

/// One audit row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub desk: String,
    pub action: String,
    pub booking_id: Option<Uuid>,
    pub detail: serde_json::Value,
}

pub(crate) fn record(
    conn: &Connection,
    at: DateTime<Utc>,
    desk: &str,
    action: &str,
    booking_id: Uuid,
    detail: &serde_json::Value,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO audit (at, desk, action, booking_id, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        at.timestamp(),
        desk,
        action,
        booking_id.to_string(),
        detail.to_string()
    ])?;
    Ok(())
}

/// The audit rows of one booking, oldest first.
pub fn for_booking(conn: &Connection, booking_id: Uuid) -> Result<Vec<AuditEntry>, StoreError> {
    let mut stmt = conn
        .prepare("SELECT at, desk, action, detail FROM audit WHERE booking_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([booking_id.to_string()], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (at, desk, action, detail) = row?;
        out.push(AuditEntry {
            at: DateTime::from_timestamp(at, 0)
                .ok_or_else(|| StoreError::Corrupt(format!("audit time {at}")))?,
            desk,
            action,
            booking_id: Some(booking_id),
            detail: serde_json::from_str(&detail)
                .map_err(|e| StoreError::Corrupt(format!("audit detail: {e}")))?,
        });
    }
    Ok(out)
}
