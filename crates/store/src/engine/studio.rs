//! An administrator's change of the studio and its staff, over a [`Ledger`]: made to the
//! version it was edited from, the timezone only while there are no bookings, no room with
//! bookings ahead removed (the refusal lists them), new PINs hashed and members left out
//! noted as gone. Bookings are never touched, even where they now lie outside the hours.

use chrono::{DateTime, Utc};
use frontdesk_core::Studio;
use frontdesk_protocol::{StaffDto, StaffUpdate};
use serde_json::json;

use super::Ledger;
use crate::audit::Who;
use crate::staff::merged;
use crate::studio_edit::refuse_if_booked;
use crate::StoreError;

/// The studio as stored, locked against other edits until the transaction ends.
#[derive(Debug, Clone)]
pub struct StoredStudio {
    pub version: i64,
    pub studio: Studio,
    pub staff: Vec<StaffDto>,
}

/// Makes `studio` the studio, and `staff` (if given) its staff, if it is still at `edited`
/// (else [`StoreError::StaleStudio`], nothing saved); with an audit row naming desk and
/// staff member. Answers the new version and the staff as saved.
pub fn change<L: Ledger>(
    l: &mut L,
    studio: &Studio,
    staff: Option<&[StaffUpdate]>,
    edited: i64,
    who: Who<'_>,
    now: DateTime<Utc>,
) -> Result<(i64, Vec<StaffDto>), L::Error> {
    crate::text_caps::studio(studio, staff).map_err(StoreError::from)?;
    let stored = l.stored_studio()?;
    if stored.version != edited {
        return Err(StoreError::StaleStudio {
            current: stored.version,
            edited,
        }
        .into());
    }
    let tz = stored.studio.calendar.timezone();
    if studio.calendar.timezone() != tz {
        let bookings = l.count_bookings()?;
        if bookings > 0 {
            return Err(StoreError::TimezoneLocked { bookings }.into());
        }
    }
    for room in &stored.studio.rooms {
        if !studio.rooms.iter().any(|r| r.id == room.id) {
            let ahead = l.bookings_ahead(&room.id, now)?;
            refuse_if_booked(room.id.as_str(), tz, &ahead)?;
        }
    }
    let members = match staff {
        Some(changes) => {
            let members = merged(&stored.staff, changes)?;
            l.note_departures(&stored.staff, &members, now)?;
            Some(members)
        }
        None => None,
    };
    let next = stored.version + 1;
    l.save_studio(studio, members.as_deref(), next)?;
    l.audit(now, who, "studio", None, &json!({ "version": next }))?;
    Ok((next, members.unwrap_or(stored.staff)))
}
