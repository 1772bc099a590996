//! Recurring series: preview, book the free occurrences, cancel one with all that follow.

use frontdesk_protocol::{BookSeriesRequest, OccurrenceDto, PreviewSeriesRequest};
use uuid::Uuid;

use super::CommandError;
use crate::desk::{BookingView, Desk, SeriesOutcome};

/// Every occurrence of a series, free or why not. Nothing is written.
#[tauri::command]
pub async fn preview_series(
    desk: tauri::State<'_, Desk>,
    request: PreviewSeriesRequest,
) -> Result<Vec<OccurrenceDto>, CommandError> {
    Ok(desk.preview_series(request).await?)
}

/// Books every free occurrence; the others come back as skipped with the reason.
#[tauri::command]
pub async fn book_series(
    desk: tauri::State<'_, Desk>,
    request: BookSeriesRequest,
) -> Result<SeriesOutcome, CommandError> {
    Ok(desk.book_series(request).await?)
}

/// Cancels this occurrence and every later one of its series.
#[tauri::command]
pub async fn cancel_following(
    desk: tauri::State<'_, Desk>,
    id: Uuid,
    reason: Option<String>,
) -> Result<Vec<BookingView>, CommandError> {
    Ok(desk.cancel_following(id, reason).await?)
}

/// Moves this occurrence and every later one of its series (room, local start, length).
#[tauri::command]
pub async fn change_following(
    desk: tauri::State<'_, Desk>,
    id: Uuid,
    request: frontdesk_protocol::ChangeFollowingRequest,
) -> Result<Vec<BookingView>, CommandError> {
    Ok(desk.change_following(id, request).await?)
}
