//! Where the desk keeps its file and which server it uses, from the environment:
//! `FRONTDESK_DATA_DIR`, `FRONTDESK_SERVER`, `FRONTDESK_TOKEN`, `FRONTDESK_DESK`. Tests,
//! demos and kiosk provisioning set them; nothing then touches a real user's data.

use std::path::PathBuf;

use thiserror::Error;

use crate::remote::ServerSettings;

#[derive(Debug, Error)]
pub enum StartError {
    #[error("no folder for Frontdesk's data: set FRONTDESK_DATA_DIR")]
    NoDataDir,
    #[error("cannot create the data folder {path}: {source}")]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// `FRONTDESK_DATA_DIR` if set, else the platform's app data dir; created if missing.
pub fn data_dir(platform: Option<PathBuf>) -> Result<PathBuf, StartError> {
    let dir = std::env::var_os("FRONTDESK_DATA_DIR")
        .map(PathBuf::from)
        .or(platform)
        .ok_or(StartError::NoDataDir)?;
    std::fs::create_dir_all(&dir).map_err(|source| StartError::DataDir {
        path: dir.clone(),
        source,
    })?;
    Ok(dir)
}

/// `FRONTDESK_SERVER` (+ `FRONTDESK_TOKEN`), overriding saved settings.
pub fn server_from_env() -> Option<ServerSettings> {
    let url = std::env::var("FRONTDESK_SERVER")
        .ok()
        .filter(|u| !u.trim().is_empty())?;
    Some(ServerSettings {
        url: url.trim().to_owned(),
        token: std::env::var("FRONTDESK_TOKEN").unwrap_or_default(),
    })
}

/// This desk's name in its own records (`FRONTDESK_DESK`, default "desk").
pub fn desk_id() -> String {
    std::env::var("FRONTDESK_DESK")
        .ok()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| "desk".into())
}
