//! Staff at the desk: who can sign in, signing in and out with a PIN, the idle sign-out
//! time, and the activity screen's audit log.

use uuid::Uuid;

use super::CommandError;
use crate::desk::staff::{SignInState, StaffMember};
use crate::desk::Desk;
use frontdesk_protocol::{ActivityEntry, ActivityQuery};

#[tauri::command]
pub fn staff_members(desk: tauri::State<'_, Desk>) -> Result<Vec<StaffMember>, CommandError> {
    Ok(desk.staff_members()?)
}

#[tauri::command]
pub fn sign_in_state(desk: tauri::State<'_, Desk>) -> Result<SignInState, CommandError> {
    Ok(desk.sign_in_state()?)
}

#[tauri::command]
pub async fn sign_in(
    desk: tauri::State<'_, Desk>,
    id: Uuid,
    pin: String,
) -> Result<SignInState, CommandError> {
    Ok(desk.sign_in(id, &pin).await?)
}

#[tauri::command]
pub async fn sign_out(desk: tauri::State<'_, Desk>) -> Result<SignInState, CommandError> {
    desk.sign_out().await;
    Ok(desk.sign_in_state()?)
}

/// Staff are at the desk (a tap or a key): the idle sign-out starts again.
#[tauri::command]
pub fn touch(desk: tauri::State<'_, Desk>) -> Result<SignInState, CommandError> {
    Ok(desk.touch()?)
}

#[tauri::command]
pub fn set_sign_out_minutes(
    desk: tauri::State<'_, Desk>,
    minutes: u32,
) -> Result<SignInState, CommandError> {
    desk.save_sign_out_minutes(minutes)?;
    Ok(desk.sign_in_state()?)
}

#[tauri::command]
pub async fn activity(
    desk: tauri::State<'_, Desk>,
    query: ActivityQuery,
) -> Result<Vec<ActivityEntry>, CommandError> {
    Ok(desk.activity(&query).await?)
}
