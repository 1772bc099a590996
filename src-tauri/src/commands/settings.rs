//! Server settings of the desk, with a connection test.

use serde::Serialize;

use super::CommandError;
use crate::desk::{self, Desk};
use crate::remote::ServerSettings;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Empty when the desk works standalone.
    pub server_url: String,
    /// Whether a token is saved (the token itself is not sent back to the window).
    pub has_token: bool,
}

#[tauri::command]
pub fn get_settings(desk: tauri::State<'_, Desk>) -> Result<Settings, CommandError> {
    let saved = desk.saved_server()?;
    Ok(Settings {
        server_url: saved.as_ref().map(|s| s.url.clone()).unwrap_or_default(),
        has_token: saved.is_some_and(|s| !s.token.is_empty()),
    })
}

/// Saves the server address and desk token (an empty address: work standalone).
#[tauri::command]
pub fn save_settings(
    desk: tauri::State<'_, Desk>,
    server_url: String,
    token: String,
) -> Result<Settings, CommandError> {
    let url = server_url.trim().to_owned();
    let settings = (!url.is_empty()).then(|| ServerSettings {
        url,
        token: token.trim().to_owned(),
    });
    desk.save_server(settings)?;
    get_settings(desk)
}

/// Tries an address and token; answers the studio's name.
#[tauri::command]
pub async fn test_connection(server_url: String, token: String) -> Result<String, CommandError> {
    Ok(desk::test_connection(ServerSettings {
        url: server_url.trim().to_owned(),
        token: token.trim().to_owned(),
    })
    .await?)
}
