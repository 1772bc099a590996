//! Server settings of the desk, with a connection test.

use frontdesk_protocol::{StudioInfo, StudioUpdate};
use serde::Serialize;

use super::CommandError;
use crate::desk::{self, Desk};
use frontdesk_client::ServerSettings;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Empty when the desk works standalone.
    pub server_url: String,
    /// Whether a token is saved (the token itself is not sent back to the window).
    pub has_token: bool,
    /// The app starts in full screen (kiosk).
    pub start_fullscreen: bool,
    /// A new desk that is not set up yet: the UI shows the welcome screen.
    pub first_run: bool,
}

#[tauri::command]
pub fn get_settings(desk: tauri::State<'_, Desk>) -> Result<Settings, CommandError> {
    let saved = desk.saved_server()?;
    Ok(Settings {
        server_url: saved.as_ref().map(|s| s.url.clone()).unwrap_or_default(),
        has_token: saved.is_some_and(|s| !s.token.is_empty()),
        start_fullscreen: desk.start_fullscreen()?,
        first_run: desk.first_run()?,
    })
}

/// First run: work with the demo studio.
#[tauri::command]
pub fn choose_demo(desk: tauri::State<'_, Desk>) -> Result<StudioInfo, CommandError> {
    desk.choose_demo()?;
    Ok(super::studio::studio_info(&desk.store()))
}

/// First run: set up this standalone desk's own studio.
#[tauri::command]
pub fn setup_studio(
    desk: tauri::State<'_, Desk>,
    update: StudioUpdate,
) -> Result<StudioInfo, CommandError> {
    desk.setup_studio(&update)?;
    Ok(super::studio::studio_info(&desk.store()))
}

/// Connects this desk with a one-time enrolment code from the server at `server_url`
/// (`POST /v1/enrol`): the desk's token is kept in the OS's credential store (or a 0600
/// file), never shown. Needs an admin signed in unless this is the desk's first run.
#[tauri::command]
pub async fn enrol_desk(
    desk: tauri::State<'_, Desk>,
    server_url: String,
    code: String,
) -> Result<EnrolView, CommandError> {
    let enrolled = desk.enrol(&server_url, &code).await?;
    Ok(EnrolView {
        studio_name: enrolled.studio_name,
        desk: enrolled.desk,
        admin: enrolled.admin,
        settings: get_settings(desk)?,
    })
}

/// What connecting by a code gave: the studio joined, this desk's name on the server, and
/// the settings now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct EnrolView {
    pub studio_name: String,
    pub desk: String,
    pub admin: bool,
    pub settings: Settings,
}

/// Saves the server address with a desk token (for development: the normal way is
/// `enrol_desk`), or with an empty address makes the desk standalone. Needs an admin signed
/// in (unless first run); a new address always needs its token: none is kept from before.
#[tauri::command]
pub fn save_settings(
    desk: tauri::State<'_, Desk>,
    server_url: String,
    token: String,
) -> Result<Settings, CommandError> {
    let url = server_url.trim().to_owned();
    let token = token.trim().to_owned();
    let settings = (!url.is_empty()).then_some(ServerSettings { url, token });
    desk.save_server(settings)?;
    get_settings(desk)
}

/// Whether the app starts in full screen from now on.
#[tauri::command]
pub fn set_start_fullscreen(
    desk: tauri::State<'_, Desk>,
    on: bool,
) -> Result<Settings, CommandError> {
    desk.save_start_fullscreen(on)?;
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

/// The desk's backups, newest first, with what each holds (admins only).
#[tauri::command]
pub fn list_backups(
    desk: tauri::State<'_, Desk>,
) -> Result<Vec<desk::backups::BackupView>, CommandError> {
    Ok(desk.backups()?)
}

/// Restores one of the desk's backups as its file (admins only).
#[tauri::command]
pub fn restore_backup(
    desk: tauri::State<'_, Desk>,
    name: String,
) -> Result<desk::backups::RestoredView, CommandError> {
    Ok(desk.restore_backup(&name)?)
}
