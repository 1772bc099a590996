//! A store for unit tests: the demo studio on a fresh file of a server.

use crate::{Durability, Store};

/// The demo studio on a new file in a temporary folder (dropped with the folder).
pub fn demo() -> (tempfile::TempDir, Store) {
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder for the test");
    };
    let studio = match crate::config::StudioConfig::parse(crate::config::DEMO_STUDIO_TOML) {
        Ok(config) => config.studio,
        Err(e) => panic!("the demo studio parses: {e}"),
    };
    match Store::open_or_seed(
        &dir.path().join("s.sqlite"),
        "server",
        Durability::Full,
        studio,
    ) {
        Ok(store) => (dir, store),
        Err(e) => panic!("the test store opens: {e}"),
    }
}
