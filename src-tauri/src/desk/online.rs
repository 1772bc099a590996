//! The studio's online booking settings (what its public page offers), for an admin at a
//! desk connected to the server. The page and its settings live on the server: a standalone
//! desk has no page and says so.

use frontdesk_protocol::OnlineBookingDto;

use super::{Desk, DeskError};

/// What only the server has, as a standalone desk names it.
const PAGE: &str = "the online booking page and its settings";

impl Desk {
    pub async fn online_booking(&self) -> Result<OnlineBookingDto, DeskError> {
        self.on_server(PAGE, |c| async move { c.online_booking().await })
            .await
    }

    /// Saves the settings made to their `version`; the answer has the new version.
    pub async fn save_online_booking(
        &self,
        settings: OnlineBookingDto,
    ) -> Result<OnlineBookingDto, DeskError> {
        self.on_server(
            PAGE,
            |c| async move { c.save_online_booking(&settings).await },
        )
        .await
    }
}
