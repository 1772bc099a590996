//! The studio's online booking settings (what its public page offers): any desk reads them,
//! an admin's token saves them (made to the version read; an older one is refused `stale`).

use frontdesk_protocol::OnlineBookingDto;

use crate::{Client, ClientError, Method};

impl Client {
    /// The settings; `page` is the full address of the studio's page on this server.
    pub async fn online_booking(&self) -> Result<OnlineBookingDto, ClientError> {
        let mut dto: OnlineBookingDto = self
            .json(Method::GET, "/v1/online-booking", None::<&()>)
            .await?;
        dto.page = dto.page.map(|path| self.url(&path));
        Ok(dto)
    }

    /// Saves `settings` (made to its `version`); the answer carries the new version.
    pub async fn save_online_booking(
        &self,
        settings: &OnlineBookingDto,
    ) -> Result<OnlineBookingDto, ClientError> {
        let mut dto: OnlineBookingDto = self
            .json(Method::PUT, "/v1/online-booking", Some(settings))
            .await?;
        dto.page = dto.page.map(|path| self.url(&path));
        Ok(dto)
    }
}
