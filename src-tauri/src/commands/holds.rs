//! Holds of a booking session: one call sets and renews all spans, all or nothing.

use frontdesk_protocol::HoldSpan;
use uuid::Uuid;

use super::CommandError;
use crate::desk::Desk;

/// Sets (or renews: call again with the same spans) every hold of the session. Returns
/// when they expire (RFC 3339).
#[tauri::command]
pub async fn set_holds(
    desk: tauri::State<'_, Desk>,
    session: Uuid,
    holds: Vec<HoldSpan>,
) -> Result<String, CommandError> {
    Ok(desk.set_holds(session, holds).await?.to_rfc3339())
}

/// Frees every hold of the session (Back, or the booking is done).
#[tauri::command]
pub async fn release_holds(
    desk: tauri::State<'_, Desk>,
    session: Uuid,
) -> Result<(), CommandError> {
    Ok(desk.release_holds(session).await?)
}
