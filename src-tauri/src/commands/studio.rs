//! The studio and its rooms.

use frontdesk_protocol::{RoomInfo, StudioInfo};
use frontdesk_store::Store;

use super::CommandError;
use crate::desk::Desk;

/// The studio this desk books for (the demo studio when no server was ever configured).
#[tauri::command]
pub fn studio(desk: tauri::State<'_, Desk>) -> Result<StudioInfo, CommandError> {
    Ok(studio_info(&desk.store()))
}

pub fn studio_info(store: &Store) -> StudioInfo {
    let studio = store.studio();
    StudioInfo {
        name: studio.name.clone(),
        timezone: studio.calendar.timezone().name().to_owned(),
        quantum_minutes: frontdesk_core::QUANTUM_MINUTES as u32,
        hold_ttl_seconds: studio.hold_ttl.num_seconds().unsigned_abs(),
        rooms: studio
            .rooms
            .iter()
            .map(|r| RoomInfo {
                id: r.id.to_string(),
                name: r.name.clone(),
                durations: r.durations.clone(),
                interval: r.interval,
            })
            .collect(),
    }
}
