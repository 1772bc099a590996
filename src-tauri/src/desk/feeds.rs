//! Calendar feeds at the desk: an admin makes, lists and revokes the studio's secret
//! iCalendar addresses. Feeds live on the studio's server (a standalone desk has no address
//! others could subscribe to), so every call goes there and nowhere else: a standalone desk
//! answers `server_required`, an unreachable server `unreachable` (the desk goes offline).
//! An admin must be signed in at the desk (where the studio has staff); the server also
//! refuses a desk token that is not an admin's (`forbidden`).

use std::future::Future;

use frontdesk_client::{Client, ClientError};
use frontdesk_protocol::{CreateFeedRequest, ErrorBody, ErrorCode, FeedDto, StaffRole};
use uuid::Uuid;

use super::{Desk, DeskError};

/// What a standalone desk answers.
const NEEDS_SERVER: &str = "calendar feeds live on the studio's server, and this desk works \
     standalone: connect it to the server in Settings first";

impl Desk {
    /// The studio's feeds, oldest first, without their secrets.
    pub async fn feeds(&self) -> Result<Vec<FeedDto>, DeskError> {
        let list = self.on_server(|c| async move { c.feeds().await }).await?;
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
        self.on_server(|c| async move { c.create_feed(&request).await })
            .await
    }

    /// Revokes a feed: its address answers "not found" from now on.
    pub async fn revoke_feed(&self, id: Uuid) -> Result<(), DeskError> {
        self.on_server(|c| async move { c.revoke_feed(id).await })
            .await
    }

    /// An admin's call to the server, online or offline (it may be back); never local.
    async fn on_server<T, F, Fut>(&self, call: F) -> Result<T, DeskError>
    where
        F: FnOnce(Client) -> Fut,
        Fut: Future<Output = Result<T, ClientError>>,
    {
        let Some(client) = self.connection().client().cloned() else {
            return Err(DeskError::Refused(ErrorBody::new(
                ErrorCode::ServerRequired,
                NEEDS_SERVER,
            )));
        };
        self.acting(StaffRole::Admin)?;
        let client = client.with_staff_session(self.server_staff_session().as_deref());
        match call(client).await.map_err(DeskError::from) {
            Err(DeskError::Unreachable(why)) => {
                self.record_reach(Err(format!("the server cannot be reached: {why}")));
                Err(DeskError::Unreachable(why))
            }
            answer => {
                self.record_reach(Ok(()));
                answer
            }
        }
    }
}
