//! Calendar feeds (an admin, at a desk connected to the studio's server): list, make (the
//! answer carries the secret address, shown once) and revoke.

use frontdesk_protocol::{CreateFeedRequest, FeedDto};
use uuid::Uuid;

use super::CommandError;
use crate::desk::Desk;

/// The studio's feeds, without their addresses.
#[tauri::command]
pub async fn feeds(desk: tauri::State<'_, Desk>) -> Result<Vec<FeedDto>, CommandError> {
    Ok(desk.feeds().await?)
}

/// Makes a feed of a room or the whole studio; its `url` is the full address.
#[tauri::command]
pub async fn create_feed(
    desk: tauri::State<'_, Desk>,
    request: CreateFeedRequest,
) -> Result<FeedDto, CommandError> {
    Ok(desk.create_feed(&request).await?)
}

/// Revokes a feed: its address answers "not found" from now on.
#[tauri::command]
pub async fn revoke_feed(desk: tauri::State<'_, Desk>, id: Uuid) -> Result<(), CommandError> {
    Ok(desk.revoke_feed(id).await?)
}
