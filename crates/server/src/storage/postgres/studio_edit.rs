//! An admin's change of the studio on PostgreSQL: one transaction against the stored
//! version, with the same rules as the desk's file (`frontdesk_store::studio_edit`,
//! `frontdesk_store::staff`): the timezone only while there are no bookings, no room with
//! bookings ahead removed, new PINs hashed. Bookings are never touched.

use super::sql::{Sql, Tx};
use chrono::{DateTime, Utc};
use frontdesk_core::Studio;
use frontdesk_protocol::{StaffUpdate, StudioInfo};
use frontdesk_store::audit::Who;
use frontdesk_store::staff::merged;
use frontdesk_store::studio_edit::{outside, refuse_if_booked};
use frontdesk_store::{BookingRecord, StoreError};
use serde_json::json;

use super::rows;
use crate::storage::StorageError;

/// Saves `studio` (and `staff`, if given) if the stored studio is still at `edited`;
/// answers what is stored now.
#[allow(clippy::too_many_arguments)]
pub fn change(
    tx: &mut Tx<'_>,
    studio_id: &str,
    studio: Studio,
    staff: Option<&[StaffUpdate]>,
    edited: i64,
    who: Who<'_>,
    now: DateTime<Utc>,
) -> Result<(Studio, StudioInfo), StorageError> {
    let row = tx
        .query_opt(
            "SELECT info, version FROM studios WHERE id = $1 FOR UPDATE",
            &[&studio_id],
        )?
        .ok_or_else(|| StorageError::NoStudio(studio_id.to_owned()))?;
    let current: i64 = row.try_get(1)?;
    if current != edited {
        return Err(StoreError::StaleStudio { current, edited }.into());
    }
    let stored: StudioInfo = serde_json::from_value(row.try_get(0)?)
        .map_err(|e| StorageError::Corrupt(format!("studio {studio_id}: {e}")))?;
    let old = stored
        .to_studio()
        .map_err(|e| StorageError::Corrupt(format!("studio {studio_id}: {e}")))?;
    let tz = old.calendar.timezone();
    if studio.calendar.timezone() != tz {
        let bookings: i64 = tx
            .query_opt(
                "SELECT count(*) FROM bookings WHERE studio = $1",
                &[&studio_id],
            )?
            .map_or(Ok(0), |row| row.try_get(0))?;
        if bookings > 0 {
            let bookings = u64::try_from(bookings).unwrap_or(0);
            return Err(StoreError::TimezoneLocked { bookings }.into());
        }
    }
    for room in &old.rooms {
        if !studio.rooms.iter().any(|r| r.id == room.id) {
            let ahead = rows::bookings(
                tx,
                "WHERE studio = $1 AND room = $2 AND end_at > $3 AND status = 'confirmed'
                 ORDER BY start_at",
                &[&studio_id, &room.id.as_str(), &now],
            )?;
            refuse_if_booked(room.id.as_str(), tz, &ahead)?;
        }
    }
    let staff = match staff {
        Some(changes) => {
            let members = merged(&stored.staff, changes)?;
            note_departures(tx, studio_id, &stored.staff, &members, now)?;
            members
        }
        None => stored.staff,
    };
    let next = current + 1;
    let info = StudioInfo {
        staff,
        ..StudioInfo::from_studio(&studio, next)
    };
    let value = serde_json::to_value(&info).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    tx.execute(
        "UPDATE studios SET info = $2, version = $3 WHERE id = $1",
        &[&studio_id, &value, &next],
    )?;
    rows::audit(
        tx,
        studio_id,
        now,
        who,
        "studio",
        None,
        &json!({ "version": next }),
    )?;
    Ok((studio, info))
}

/// Notes the members `after` leaves out as gone at `now` (one who comes back is no longer).
fn note_departures(
    tx: &mut Tx<'_>,
    studio_id: &str,
    before: &[frontdesk_protocol::StaffDto],
    after: &[frontdesk_protocol::StaffDto],
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    for gone in frontdesk_store::staff::departed(before, after) {
        tx.execute(
            "INSERT INTO staff_departures (studio, staff, name, left_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (studio, staff) DO UPDATE SET name = $3, left_at = $4",
            &[&studio_id, &gone.id, &gone.name, &now],
        )?;
    }
    let present: Vec<uuid::Uuid> = after.iter().map(|m| m.id).collect();
    tx.execute(
        "DELETE FROM staff_departures WHERE studio = $1 AND staff = ANY($2)",
        &[&studio_id, &present],
    )?;
    Ok(())
}

/// The bookings ending after `from` that `studio` would leave outside its hours or rooms.
pub fn bookings_outside(
    client: &mut impl Sql,
    studio_id: &str,
    studio: &Studio,
    from: DateTime<Utc>,
) -> Result<Vec<BookingRecord>, StorageError> {
    let ahead = rows::bookings(
        client,
        "WHERE studio = $1 AND end_at > $2 AND status = 'confirmed' ORDER BY start_at, room",
        &[&studio_id, &from],
    )?;
    Ok(outside(studio, ahead)?)
}
