//! Where the desk keeps its file and which server it uses, from the environment:
//! `FRONTDESK_DATA_DIR`, `FRONTDESK_SERVER`, `FRONTDESK_TOKEN`, `FRONTDESK_DESK`. Tests,
//! demos and kiosk provisioning set them; nothing then touches a real user's data.

use std::path::PathBuf;

use thiserror::Error;

use frontdesk_client::ServerSettings;

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

/// `FRONTDESK_DEMO=1`: a new desk skips the welcome screen and works with the demo studio
/// (`scripts/run.sh`, the end-to-end tests).
pub fn demo_from_env() -> bool {
    std::env::var("FRONTDESK_DEMO").is_ok_and(|v| v.trim() == "1")
}

/// `FRONTDESK_FULLSCREEN=1`: start in full screen whatever the saved setting (kiosk PCs).
pub fn fullscreen_from_env() -> bool {
    std::env::var("FRONTDESK_FULLSCREEN").is_ok_and(|v| matches!(v.trim(), "1" | "true" | "yes"))
}

/// The single-instance id: the app's identifier, plus the data dir when `FRONTDESK_DATA_DIR`
/// sets one — one window per desk file, so a test desk never hands over to the real one.
pub fn instance_id(identifier: &str) -> String {
    match std::env::var_os("FRONTDESK_DATA_DIR") {
        Some(dir) => format!("{identifier}.dir_{:016x}", fnv1a(dir.as_encoded_bytes())),
        None => identifier.to_owned(),
    }
}

/// FNV-1a, 64 bits: a stable short name for a path (no security role).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// This desk's name in its own records (`FRONTDESK_DESK`, default "desk").
pub fn desk_id() -> String {
    std::env::var("FRONTDESK_DESK")
        .ok()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| "desk".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_ids_are_stable_names() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(fnv1a(b"/tmp/a"), fnv1a(b"/tmp/b"));
    }
}
