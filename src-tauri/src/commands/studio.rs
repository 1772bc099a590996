//! The studio and its rooms.

use frontdesk_protocol::StudioInfo;
use frontdesk_store::Store;

use super::CommandError;
use crate::desk::Desk;

/// The studio this desk books for (the demo studio when no server was ever configured).
#[tauri::command]
pub fn studio(desk: tauri::State<'_, Desk>) -> Result<StudioInfo, CommandError> {
    Ok(studio_info(&desk.store()))
}

pub fn studio_info(store: &Store) -> StudioInfo {
    StudioInfo::from_studio(store.studio(), store.studio_version())
}
