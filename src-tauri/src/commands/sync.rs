//! Sync status and conflict resolution.

use chrono::{DateTime, FixedOffset, Utc};
use uuid::Uuid;

use super::CommandError;
use crate::desk::{BookingView, Desk};
use crate::events::SyncStatus;

#[tauri::command]
pub fn sync_status(desk: tauri::State<'_, Desk>) -> Result<SyncStatus, CommandError> {
    Ok(desk.sync_status()?)
}

/// Pushes and pulls now.
#[tauri::command]
pub async fn sync_now(desk: tauri::State<'_, Desk>) -> Result<SyncStatus, CommandError> {
    desk.sync_once().await?;
    Ok(desk.sync_status()?)
}

/// Bookings the server refused, to move or cancel.
#[tauri::command]
pub fn conflicts(desk: tauri::State<'_, Desk>) -> Result<Vec<BookingView>, CommandError> {
    Ok(desk.conflicts()?)
}

/// Moves a booking in conflict to another room or time (it is pending again).
#[tauri::command]
pub fn move_conflict(
    desk: tauri::State<'_, Desk>,
    id: Uuid,
    room: String,
    start: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
) -> Result<BookingView, CommandError> {
    Ok(desk.move_conflict(
        id,
        &room,
        start.with_timezone(&Utc),
        end.with_timezone(&Utc),
    )?)
}

/// Changes made here offline that the server refused, with both versions.
#[tauri::command]
pub fn refused_changes(
    desk: tauri::State<'_, Desk>,
) -> Result<Vec<crate::desk::refused::RefusedChangeView>, CommandError> {
    Ok(desk.refused_changes()?)
}

/// Staff chose for a refused change: apply it again (`apply_mine`), or keep the server's.
#[tauri::command]
pub async fn resolve_refused_change(
    desk: tauri::State<'_, Desk>,
    mutation: uuid::Uuid,
    apply_mine: bool,
) -> Result<Option<BookingView>, CommandError> {
    Ok(desk.resolve_refused_change(mutation, apply_mine).await?)
}

/// Customer edits made offline that the server refused, with the record as it is now.
#[tauri::command]
pub fn refused_customer_edits(
    desk: tauri::State<'_, Desk>,
) -> Result<Vec<crate::desk::refused::RefusedCustomerEditView>, CommandError> {
    Ok(desk.refused_customer_edits()?)
}

/// Staff chose for a refused customer edit: make it again (`apply_mine`), or keep the
/// server's record.
#[tauri::command]
pub async fn resolve_refused_customer_edit(
    desk: tauri::State<'_, Desk>,
    mutation: uuid::Uuid,
    apply_mine: bool,
) -> Result<Option<frontdesk_protocol::CustomerRecordDto>, CommandError> {
    Ok(desk
        .resolve_refused_customer_edit(mutation, apply_mine)
        .await?)
}
