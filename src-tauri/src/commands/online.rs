//! The studio's online booking settings (an admin, at a desk connected to the studio's
//! server): read and save.

use frontdesk_protocol::OnlineBookingDto;

use super::CommandError;
use crate::desk::Desk;

/// What the public page offers, and the settings' version.
#[tauri::command]
pub async fn online_booking(
    desk: tauri::State<'_, Desk>,
) -> Result<OnlineBookingDto, CommandError> {
    Ok(desk.online_booking().await?)
}

/// Saves the settings made to their `version`; refused `stale` if saved meanwhile.
#[tauri::command]
pub async fn save_online_booking(
    desk: tauri::State<'_, Desk>,
    settings: OnlineBookingDto,
) -> Result<OnlineBookingDto, CommandError> {
    Ok(desk.save_online_booking(settings).await?)
}
