//! The desk's state: one SQLite file in the app data dir (or `FRONTDESK_DATA_DIR`), opened
//! with the studio it last saw, or the demo studio on first start without a server.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use frontdesk_store::{Durability, Store, StoreError, StudioConfig};
use thiserror::Error;

/// The desk database's file name inside the data dir.
pub const DB_FILE: &str = "frontdesk.sqlite";

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
    #[error("cannot open the desk database: {0}")]
    Store(#[from] StoreError),
    #[error("the built-in demo studio is invalid: {0}")]
    Demo(#[from] frontdesk_store::ConfigError),
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

/// The desk's store behind one lock: holds and booking writes are checked under it.
#[derive(Debug)]
pub struct DeskState {
    store: Mutex<Store>,
}

impl DeskState {
    /// Opens `dir/frontdesk.sqlite`; a new file starts with the demo studio.
    pub fn open(dir: &Path) -> Result<DeskState, StartError> {
        let path = dir.join(DB_FILE);
        let desk = "this-desk";
        let store = match Store::open(&path, desk, Durability::Full) {
            Ok(store) => store,
            Err(StoreError::NoStudio) => {
                let demo = StudioConfig::demo()?;
                Store::open_with_studio(&path, desk, Durability::Full, demo.studio)?
            }
            Err(other) => return Err(other.into()),
        };
        Ok(DeskState {
            store: Mutex::new(store),
        })
    }

    /// The store. A panic while it was held cannot leave SQLite half-written (every write is
    /// one transaction), so a poisoned lock is taken over.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
