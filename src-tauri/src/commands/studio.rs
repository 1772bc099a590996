//! The studio and its rooms.

use frontdesk_protocol::{StudioInfo, StudioUpdate};
use frontdesk_store::Store;

use super::CommandError;
use crate::desk::views::BookingView;
use crate::desk::Desk;

/// The studio this desk books for (the demo studio when no server was ever configured).
#[tauri::command]
pub fn studio(desk: tauri::State<'_, Desk>) -> Result<StudioInfo, CommandError> {
    Ok(studio_info(&desk.store()))
}

/// The studio as the window sees it: without the staff (their PIN hashes stay in the
/// backend; the window lists staff through `staff_members`).
pub fn studio_info(store: &Store) -> StudioInfo {
    StudioInfo::from_studio(store.studio(), store.studio_version())
}

/// The bookings ahead that `update` would leave outside its hours or rooms (admin).
#[tauri::command]
pub async fn check_studio(
    desk: tauri::State<'_, Desk>,
    update: StudioUpdate,
) -> Result<Vec<BookingView>, CommandError> {
    Ok(desk.check_studio(&update).await?)
}

/// Saves the studio's settings (admin): on the server when connected, here when standalone.
#[tauri::command]
pub async fn change_studio(
    desk: tauri::State<'_, Desk>,
    update: StudioUpdate,
) -> Result<StudioInfo, CommandError> {
    desk.change_studio(&update).await?;
    Ok(studio_info(&desk.store()))
}
