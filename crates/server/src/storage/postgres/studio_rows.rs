//! The studio's row on PostgreSQL as the write engine's studio change reads and writes it:
//! its wire info (rooms, hours, staff) and version, locked for the change, and the staff
//! departures a change notes.

use chrono::{DateTime, Utc};
use frontdesk_core::Studio;
use frontdesk_protocol::{StaffDto, StudioInfo};
use frontdesk_store::engine::studio::StoredStudio;
use uuid::Uuid;

use super::sql::{Sql, Tx};
use crate::storage::StorageError;

/// The studio as stored, its row locked until the transaction ends.
pub fn stored(tx: &mut Tx<'_>, studio_id: &str) -> Result<StoredStudio, StorageError> {
    let row = tx
        .query_opt(
            "SELECT info, version FROM studios WHERE id = $1 FOR UPDATE",
            &[&studio_id],
        )?
        .ok_or_else(|| StorageError::NoStudio(studio_id.to_owned()))?;
    let corrupt = |e: String| StorageError::Corrupt(format!("studio {studio_id}: {e}"));
    let info: StudioInfo =
        serde_json::from_value(row.try_get(0)?).map_err(|e| corrupt(e.to_string()))?;
    Ok(StoredStudio {
        version: row.try_get(1)?,
        studio: info.to_studio().map_err(|e| corrupt(e.to_string()))?,
        staff: info.staff,
    })
}

/// How many bookings the studio has, of any status.
pub fn count_bookings(tx: &mut Tx<'_>, studio_id: &str) -> Result<u64, StorageError> {
    let row = tx.query_opt(
        "SELECT count(*) FROM bookings WHERE studio = $1",
        &[&studio_id],
    )?;
    let count: i64 = row.map_or(Ok(0), |row| row.try_get(0))?;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// Saves `studio` (and `staff`; the stored staff when `None`) at `version`.
pub fn save(
    tx: &mut Tx<'_>,
    studio_id: &str,
    studio: &Studio,
    staff: Option<&[StaffDto]>,
    version: i64,
) -> Result<(), StorageError> {
    let staff = match staff {
        Some(staff) => staff.to_vec(),
        None => stored(tx, studio_id)?.staff,
    };
    let info = StudioInfo {
        staff,
        ..StudioInfo::from_studio(studio, version)
    };
    let value = serde_json::to_value(&info).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    tx.execute(
        "UPDATE studios SET info = $2, version = $3 WHERE id = $1",
        &[&studio_id, &value, &version],
    )?;
    Ok(())
}

/// Notes the members of `before` that `after` leaves out as gone at `now` (one who comes
/// back is no longer).
pub fn note_departures(
    tx: &mut Tx<'_>,
    studio_id: &str,
    before: &[StaffDto],
    after: &[StaffDto],
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    for gone in frontdesk_store::staff::departed(before, after) {
        tx.execute(
            "INSERT INTO staff_departures (studio, staff, name, left_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (studio, staff) DO UPDATE SET name = $3, left_at = $4",
            &[&studio_id, &gone.id, &gone.name, &now],
        )?;
    }
    let present: Vec<Uuid> = after.iter().map(|m| m.id).collect();
    tx.execute(
        "DELETE FROM staff_departures WHERE studio = $1 AND staff = ANY($2)",
        &[&studio_id, &present],
    )?;
    Ok(())
}
