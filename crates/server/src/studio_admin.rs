//! The studio and the chain from the command line: `frontdesk-server reseed` (the
//! studio.toml becomes the database's studio) and `chain-admin add`.

use std::path::Path;

use frontdesk_core::Studio;

use crate::{auth, Clock, Database, SystemClock};

/// Makes `studio` (read from `config`) the database's studio, as a new version.
pub fn reseed(studio: Studio, config: &Path, database: &Database) -> Result<(), String> {
    let mut store = database
        .open_one(studio.clone(), SystemClock.now())
        .map_err(|e| e.to_string())?;
    let edited = store.studio_version();
    let version = store
        .change_studio(
            studio,
            None,
            edited,
            frontdesk_store::audit::Who::desk("reseed"),
            SystemClock.now(),
        )
        .map_err(|e| e.to_string())?;
    eprintln!(
        "the studio of {} is now version {version}",
        config.display()
    );
    Ok(())
}

/// Adds a chain administrator and prints its token, once.
pub fn add_chain_admin(name: &str, seed: Studio, database: &Database) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("the administrator needs a name".into());
    }
    let mut store = database
        .open_one(seed, SystemClock.now())
        .map_err(|e| e.to_string())?;
    let token = auth::new_token();
    store
        .add_chain_admin(name.trim(), &auth::token_hash(&token), SystemClock.now())
        .map_err(|e| e.to_string())?;
    println!("{token}");
    eprintln!(
        "chain administrator \"{}\" added: the token above lists and adds studios (it is not stored and cannot be shown again)",
        name.trim()
    );
    Ok(())
}
