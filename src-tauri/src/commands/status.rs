//! Room status for many rooms in one call.

use std::collections::BTreeMap;

use super::CommandError;
use crate::desk::{Desk, RoomStatusView};

#[tauri::command]
pub async fn rooms_status(
    desk: tauri::State<'_, Desk>,
    rooms: Vec<String>,
) -> Result<BTreeMap<String, RoomStatusView>, CommandError> {
    Ok(desk.rooms_status(rooms).await?)
}
