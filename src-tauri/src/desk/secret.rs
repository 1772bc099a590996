//! Where the desk keeps its token: in the OS's credential store (macOS Keychain, Windows
//! Credential Manager, the Secret Service on Linux) where one answers, else in a file that
//! only the desk's user can read (0600) beside the desk's SQLite file — never in the SQLite
//! file itself, so a copied desk file carries no token.
//!
//! `FRONTDESK_SECRET_STORE` chooses: `system`, `file`, or `auto` (the default: the system's
//! store if it answers, the file otherwise — a headless machine without a Secret Service,
//! as in CI, gets the file). With the system's store, a token found only in the file (kept
//! there on a start when the store did not answer) is still read, and keeping a new token
//! in the system's store removes the file.
//!
//! The token's entry is named after the desk file's absolute path, so two desks on one
//! machine (tests, a second data dir) keep two tokens, and a copy of the file elsewhere
//! finds none.

use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// The service name of the desk's entries in the system's credential store.
const SERVICE: &str = "app.frontdesk.desk";

#[derive(Debug, Error)]
pub enum SecretError {
    #[error("the system's credential store failed: {0}")]
    System(String),
    #[error("the token file {path} failed: {source}")]
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("FRONTDESK_SECRET_STORE={0:?} is none of system, file, auto")]
    Mode(String),
}

/// What `FRONTDESK_SECRET_STORE` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretMode {
    System,
    File,
    Auto,
}

impl SecretMode {
    /// `FRONTDESK_SECRET_STORE`'s value (unset or empty: auto).
    pub fn parse(value: Option<&str>) -> Result<SecretMode, SecretError> {
        match value.map(str::trim).unwrap_or("") {
            "" | "auto" => Ok(SecretMode::Auto),
            "system" => Ok(SecretMode::System),
            "file" => Ok(SecretMode::File),
            other => Err(SecretError::Mode(other.to_owned())),
        }
    }

    pub fn from_env() -> Result<SecretMode, SecretError> {
        SecretMode::parse(std::env::var("FRONTDESK_SECRET_STORE").ok().as_deref())
    }
}

/// Where this desk's token is kept.
#[derive(Debug, Clone)]
pub enum SecretStore {
    /// The OS's credential store, under this entry name; `fallback` is the file a token
    /// kept while the system's store did not answer (auto mode) may still be in.
    System { user: String, fallback: PathBuf },
    /// A 0600 file.
    File { path: PathBuf },
}

impl SecretStore {
    /// The store for the desk file `db` chosen by `mode`; `system_answers` tells whether the
    /// system's store can be used (asked only for `auto`).
    pub fn choose(
        mode: SecretMode,
        db: &Path,
        system_answers: impl FnOnce(&str) -> bool,
    ) -> SecretStore {
        let absolute = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
        let user = format!("desk-token:{}", absolute.display());
        let path = token_file(db);
        match mode {
            SecretMode::File => SecretStore::File { path },
            SecretMode::Auto if !system_answers(&user) => SecretStore::File { path },
            SecretMode::System | SecretMode::Auto => SecretStore::System {
                user,
                fallback: path,
            },
        }
    }

    /// The store for the desk file `db` as `FRONTDESK_SECRET_STORE` says (auto: asks the
    /// system's store once).
    pub fn for_desk_file(db: &Path) -> Result<SecretStore, SecretError> {
        let store = SecretStore::choose(SecretMode::from_env()?, db, system_answers);
        tracing::info!(store = store.kind(), "the desk token's store");
        Ok(store)
    }

    /// A 0600 file beside the desk file `db` (tests, and machines without a system store).
    pub fn file_for(db: &Path) -> SecretStore {
        SecretStore::File {
            path: token_file(db),
        }
    }

    /// "system" or "file", for logs.
    pub fn kind(&self) -> &'static str {
        match self {
            SecretStore::System { .. } => "system",
            SecretStore::File { .. } => "file",
        }
    }

    /// The token kept, if any. The system's store first; without an entry there (or when
    /// it does not answer now), the file a token was kept in while it did not answer.
    pub fn get(&self) -> Result<Option<String>, SecretError> {
        match self {
            SecretStore::System { user, fallback } => {
                let system = entry(user).and_then(|e| match e.get_password() {
                    Ok(token) => Ok(Some(token)),
                    Err(keyring::Error::NoEntry) => Ok(None),
                    Err(e) => Err(SecretError::System(e.to_string())),
                });
                match system {
                    Ok(Some(token)) => Ok(Some(token)),
                    Ok(None) => read_file(fallback),
                    Err(e) => match read_file(fallback)? {
                        Some(token) => Ok(Some(token)),
                        None => Err(e),
                    },
                }
            }
            SecretStore::File { path } => read_file(path),
        }
    }

    /// Keeps `token` (replacing the one kept); an empty one deletes it.
    pub fn set(&self, token: &str) -> Result<(), SecretError> {
        if token.is_empty() {
            return self.delete();
        }
        match self {
            SecretStore::System { user, fallback } => {
                entry(user)?
                    .set_password(token)
                    .map_err(|e| SecretError::System(e.to_string()))?;
                remove_file(fallback)
            }
            SecretStore::File { path } => {
                write_private(path, token).map_err(|source| SecretError::File {
                    path: path.clone(),
                    source,
                })
            }
        }
    }

    pub fn delete(&self) -> Result<(), SecretError> {
        match self {
            SecretStore::System { user, fallback } => {
                match entry(user)?.delete_credential() {
                    Ok(()) | Err(keyring::Error::NoEntry) => {}
                    Err(e) => return Err(SecretError::System(e.to_string())),
                }
                remove_file(fallback)
            }
            SecretStore::File { path } => remove_file(path),
        }
    }
}

fn read_file(path: &Path) -> Result<Option<String>, SecretError> {
    match std::fs::read_to_string(path) {
        Ok(token) => Ok(Some(token.trim().to_owned()).filter(|t| !t.is_empty())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(SecretError::File {
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn remove_file(path: &Path) -> Result<(), SecretError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(SecretError::File {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// `frontdesk.sqlite` → `frontdesk.sqlite.token`, in the same folder.
fn token_file(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".token");
    db.with_file_name(name)
}

fn entry(user: &str) -> Result<keyring::Entry, SecretError> {
    keyring::Entry::new(SERVICE, user).map_err(|e| SecretError::System(e.to_string()))
}

/// Whether the system's credential store answers: reading an entry either finds it or
/// finds none; anything else (no Secret Service, no D-Bus, a locked store) does not count.
fn system_answers(user: &str) -> bool {
    match entry(user).map(|e| e.get_password()) {
        Ok(Ok(_)) | Ok(Err(keyring::Error::NoEntry)) => true,
        Ok(Err(e)) => {
            tracing::info!(error = %e, "no system credential store: the token goes to a file");
            false
        }
        Err(e) => {
            tracing::info!(error = %e, "no system credential store: the token goes to a file");
            false
        }
    }
}

/// Writes `text` to `path` readable by this user only: a new file created 0600 (on Unix)
/// and renamed over the old one, so no moment shows the token to others.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    let temp = path.with_extension("token-new");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&temp)?;
    #[cfg(unix)]
    {
        // An existing temp file keeps its mode through open(): set it again.
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temp, path)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_mode_comes_from_one_variable_and_defaults_to_auto() {
        assert_eq!(SecretMode::parse(None).unwrap(), SecretMode::Auto);
        assert_eq!(SecretMode::parse(Some("")).unwrap(), SecretMode::Auto);
        assert_eq!(SecretMode::parse(Some("file")).unwrap(), SecretMode::File);
        assert_eq!(
            SecretMode::parse(Some(" system ")).unwrap(),
            SecretMode::System
        );
        assert!(SecretMode::parse(Some("keychain")).is_err());
    }

    #[test]
    fn auto_takes_the_system_store_only_when_it_answers() {
        let db = Path::new("/data/frontdesk.sqlite");
        let headless = SecretStore::choose(SecretMode::Auto, db, |_| false);
        assert_eq!(headless.kind(), "file");
        let desktop = SecretStore::choose(SecretMode::Auto, db, |_| true);
        assert_eq!(desktop.kind(), "system");
        // Explicit choices do not ask.
        let asked = std::cell::Cell::new(false);
        let forced = SecretStore::choose(SecretMode::File, db, |_| {
            asked.set(true);
            true
        });
        assert_eq!(forced.kind(), "file");
        assert!(!asked.get());
        match SecretStore::choose(SecretMode::System, db, |_| false) {
            SecretStore::System { user, fallback } => {
                assert_eq!(user, "desk-token:/data/frontdesk.sqlite");
                assert_eq!(fallback, Path::new("/data/frontdesk.sqlite.token"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_file_is_the_users_alone_and_goes_with_the_token() {
        let dir = tempfile::tempdir().unwrap();
        let store = SecretStore::file_for(&dir.path().join("frontdesk.sqlite"));
        assert_eq!(store.get().unwrap(), None);
        store.set("first").unwrap();
        store.set("second").unwrap();
        assert_eq!(store.get().unwrap().as_deref(), Some("second"));
        let path = dir.path().join("frontdesk.sqlite.token");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        store.set("").unwrap();
        assert!(!path.exists());
        assert_eq!(store.get().unwrap(), None);
        store.delete().unwrap();
    }

    /// Without a Secret Service (this test process has no D-Bus session), `auto` falls back
    /// to the file by itself.
    #[test]
    fn auto_without_a_secret_service_uses_the_file() {
        if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
            return; // a desktop session may have a real store: not this test's case
        }
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("frontdesk.sqlite");
        let store = SecretStore::choose(SecretMode::Auto, &db, system_answers);
        assert_eq!(store.kind(), "file");
    }
}
