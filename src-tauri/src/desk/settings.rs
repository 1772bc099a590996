//! The desk's own settings, kept in its file: the server it works with and whether the
//! kiosk starts in full screen.

use frontdesk_client::{Client, ServerSettings};

use super::{Desk, DeskError};

const SERVER_URL: &str = "server_url";
const SERVER_TOKEN: &str = "server_token";
const START_FULLSCREEN: &str = "start_fullscreen";

impl Desk {
    /// The saved server settings, if any.
    pub fn saved_server(&self) -> Result<Option<ServerSettings>, DeskError> {
        let (url, token) =
            self.local(|s| Ok((s.sync_value(SERVER_URL)?, s.sync_value(SERVER_TOKEN)?)))?;
        Ok(match (url, token) {
            (Some(url), Some(token)) if !url.is_empty() => Some(ServerSettings { url, token }),
            _ => None,
        })
    }

    /// Whether the app starts in full screen (the kiosk setting).
    pub fn start_fullscreen(&self) -> Result<bool, DeskError> {
        Ok(self.local(|s| s.sync_value(START_FULLSCREEN))?.as_deref() == Some("1"))
    }

    pub fn save_start_fullscreen(&self, on: bool) -> Result<(), DeskError> {
        self.local(|s| s.set_sync_value(START_FULLSCREEN, if on { "1" } else { "0" }))
    }

    /// Saves the server settings (None: standalone) and uses them at once.
    pub fn save_server(&self, settings: Option<ServerSettings>) -> Result<(), DeskError> {
        if let Some(s) = &settings {
            check_address(&s.url)?;
        }
        let url = settings.as_ref().map_or("", |s| s.url.as_str());
        let token = settings.as_ref().map_or("", |s| s.token.as_str());
        self.local(|s| {
            s.set_sync_value(SERVER_URL, url)?;
            s.set_sync_value(SERVER_TOKEN, token)
        })?;
        self.set_server(settings)
    }
}

fn check_address(url: &str) -> Result<(), DeskError> {
    if url.starts_with("http://") || url.starts_with("https://") {
        Ok(())
    } else {
        Err(DeskError::invalid(format!(
            "\"{url}\" is not a server address: it starts with http:// or https://"
        )))
    }
}

/// Checks a server address and token: the studio's name, or why not.
pub async fn test_connection(settings: ServerSettings) -> Result<String, DeskError> {
    check_address(&settings.url)?;
    let client = Client::new(settings)?;
    Ok(client.studio().await?.name)
}
