//! Calendar feeds at the desk: an admin makes, lists and revokes the studio's secret
//! iCalendar addresses. Feeds live on the studio's server (a standalone desk has no address
//! others could subscribe to), so every call goes there and nowhere else: a standalone desk
//! answers `server_required`, an unreachable server `unreachable` (the desk goes offline).
//! An admin must be signed in at the desk (where the studio has staff); the server also
//! refuses a desk token that is not an admin's (`forbidden`).

use frontdesk_protocol::{CreateFeedRequest, FeedDto};
use uuid::Uuid;

use super::{Desk, DeskError};

/// What only the server has, as a standalone desk names it.
const FEEDS: &str = "calendar feeds";

impl Desk {
    /// The studio's feeds, oldest first, without their secrets.
    pub async fn feeds(&self) -> Result<Vec<FeedDto>, DeskError> {
        let list = self
            .on_server(FEEDS, |c| async move { c.feeds().await })
            .await?;
        Ok(list.feeds)
    }

    /// Makes a feed; its `url` — the full address, shown this once — is in the answer.
    pub async fn create_feed(&self, request: &CreateFeedRequest) -> Result<FeedDto, DeskError> {
        let request = CreateFeedRequest {
            room: request.room.clone().filter(|r| !r.trim().is_empty()),
            detail: request.detail,
            label: request
                .label
                .as_deref()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned),
        };
        self.on_server(FEEDS, |c| async move { c.create_feed(&request).await })
            .await
    }

    /// Revokes a feed: its address answers "not found" from now on.
    pub async fn revoke_feed(&self, id: Uuid) -> Result<(), DeskError> {
        self.on_server(FEEDS, |c| async move { c.revoke_feed(id).await })
            .await
    }
}
