//! The studio and its rooms.

use frontdesk_protocol::{RoomInfo, StudioInfo};
use frontdesk_store::Store;

use super::CommandError;
use crate::state::DeskState;

/// The studio this desk books for (the demo studio when no server was ever configured).
#[tauri::command]
pub fn studio(state: tauri::State<'_, DeskState>) -> Result<StudioInfo, CommandError> {
    Ok(studio_info(&state.store()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_desk_starts_with_the_demo_studio() {
        let dir = tempfile::tempdir().unwrap();
        let state = DeskState::open(dir.path()).unwrap();
        let info = studio_info(&state.store());
        assert_eq!(info.timezone, "Europe/Berlin");
        assert_eq!(info.rooms.len(), 4);
        assert!(dir.path().join(crate::state::DB_FILE).exists());
        // Reopening keeps the same file and studio.
        drop(state);
        let again = DeskState::open(dir.path()).unwrap();
        assert_eq!(studio_info(&again.store()), info);
    }
}
