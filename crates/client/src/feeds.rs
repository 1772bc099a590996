//! Calendar feeds (an admin token's right): made, listed and revoked. The server answers a
//! new feed's secret as a path; it is joined here to the address this client uses, so the
//! admin is shown an address that works from where they are.

use uuid::Uuid;

use crate::{Client, ClientError, Method};

impl Client {
    /// Makes a feed; its `url` (shown once) is the full address on this server.
    pub async fn create_feed(
        &self,
        body: &frontdesk_protocol::CreateFeedRequest,
    ) -> Result<frontdesk_protocol::FeedDto, ClientError> {
        let mut feed: frontdesk_protocol::FeedDto =
            self.json(Method::POST, "/v1/feeds", Some(body)).await?;
        feed.url = feed.url.map(|path| self.url(&path));
        Ok(feed)
    }

    /// The studio's feeds, without their secrets.
    pub async fn feeds(&self) -> Result<frontdesk_protocol::FeedList, ClientError> {
        self.json(Method::GET, "/v1/feeds", None::<&()>).await
    }

    /// Revokes a feed: its address answers 404 from then on.
    pub async fn revoke_feed(&self, id: Uuid) -> Result<(), ClientError> {
        self.call::<serde_json::Value>(Method::DELETE, &format!("/v1/feeds/{id}"), None::<&()>)
            .await
            .map(|_| ())
    }
}
