//! Backups of a Frontdesk file, made while it is in use, and restoring one.
//!
//! A backup is SQLite's online backup of the file into a new one: a consistent copy of one
//! moment, taken page by page while the server or desk goes on writing (each step waits
//! briefly for the writer), then checked (`PRAGMA integrity_check`, the schema, the studio)
//! before it counts as made. Restoring checks the backup the same way, copies it beside
//! the file, keeps the file it replaces as `NAME.before-restore-N` (with its WAL), and only
//! then renames the copy into place: a restore that fails leaves the file as it was.
//! Nothing serves the file during a restore: stop the server (or close the desk) first.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::StoreError;

/// What a backup holds, for a person choosing one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    pub studio: String,
    /// The schema version the file was written with.
    pub schema: usize,
    pub bookings: u64,
    pub customers: u64,
    /// The change log's head: the last change the file holds.
    pub head: i64,
}

impl std::fmt::Display for BackupSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "studio \"{}\": {} bookings, {} customers, change log at {} (schema {})",
            self.studio, self.bookings, self.customers, self.head, self.schema
        )
    }
}

/// Pages copied per step of the online backup; between steps the writer may go on.
const PAGES_PER_STEP: std::os::raw::c_int = 256;
const PAUSE: Duration = Duration::from_millis(5);

fn refused(path: &Path, why: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{}: {why}", path.display()))
}

/// The summary of a Frontdesk file, read without changing it; refused (naming why) if it
/// is not a whole Frontdesk file of this version or an older one.
pub fn inspect(path: &Path) -> Result<BackupSummary, StoreError> {
    if !path.is_file() {
        return Err(refused(path, "there is no such file"));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| refused(path, format!("cannot be opened: {e}")))?;
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| refused(path, format!("is not a SQLite database ({e})")))?;
    if integrity != "ok" {
        return Err(refused(path, format!("is damaged: {integrity}")));
    }
    let schema: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if schema == 0 || schema > crate::schema::VERSION {
        return Err(refused(
            path,
            format!(
                "is not a Frontdesk file this version can open (schema {schema}, this version writes {})",
                crate::schema::VERSION
            ),
        ));
    }
    let count = |sql: &str| -> Result<u64, StoreError> {
        conn.query_row(sql, [], |r| r.get::<_, i64>(0))
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(|e| refused(path, format!("is not a whole Frontdesk file ({e})")))
    };
    let studio: Option<String> = conn
        .query_row("SELECT name FROM studio WHERE id = 1", [], |r| r.get(0))
        .optional()
        .map_err(|e| refused(path, format!("is not a Frontdesk file ({e})")))?;
    let studio = studio.ok_or_else(|| refused(path, "holds no studio"))?;
    let head: i64 = conn
        .query_row("SELECT COALESCE(MAX(seq), 0) FROM changes", [], |r| {
            r.get(0)
        })
        .map_err(|e| refused(path, format!("is not a whole Frontdesk file ({e})")))?;
    Ok(BackupSummary {
        studio,
        schema,
        bookings: count("SELECT COUNT(*) FROM bookings")?,
        // Files from before customer records have none.
        customers: if has_table(&conn, "customers")? {
            count("SELECT COUNT(*) FROM customers")?
        } else {
            0
        },
        head,
    })
}

fn has_table(conn: &Connection, name: &str) -> Result<bool, StoreError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [name],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Copies the database of `from` into the new file `to` with SQLite's online backup.
fn copy(from: &Connection, to: &Path) -> Result<(), StoreError> {
    let mut target = Connection::open(to)?;
    {
        let backup = Backup::new(from, &mut target)?;
        backup.run_to_completion(PAGES_PER_STEP, PAUSE, None)?;
    }
    // The copy is durable before it is named a backup (or renamed into place).
    target.pragma_update(None, "journal_mode", "DELETE")?;
    target.pragma_update(None, "synchronous", "FULL")?;
    drop(target);
    Ok(())
}

/// Backs up the open database `conn` into `to`, a file that must not exist yet; the
/// backup's summary once it is checked. A backup that fails its check is removed.
pub fn backup(conn: &Connection, to: &Path) -> Result<BackupSummary, StoreError> {
    if to.exists() {
        return Err(refused(
            to,
            "exists already: choose a new name, nothing was written",
        ));
    }
    let partial = with_suffix(to, ".partial");
    let _ = std::fs::remove_file(&partial);
    let made = copy(conn, &partial).and_then(|()| inspect(&partial));
    match made {
        Ok(summary) => {
            std::fs::rename(&partial, to)
                .map_err(|e| refused(to, format!("cannot be written: {e}")))?;
            Ok(summary)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

/// Backs up the Frontdesk file at `from` (which may be in use) into the new file `to`.
pub fn backup_file(from: &Path, to: &Path) -> Result<BackupSummary, StoreError> {
    inspect(from)?;
    let conn = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    backup(&conn, to)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Where a restore keeps the file it replaces: `NAME.before-restore-N`, N the first free.
fn kept_name(path: &Path) -> PathBuf {
    (1..)
        .map(|n| with_suffix(path, &format!(".before-restore-{n}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| with_suffix(path, ".before-restore"))
}

/// Restores the backup `from` as the file `into` (nothing may serve it meanwhile). The
/// file it replaces, if any, is kept beside it; its name is in the answer.
pub fn restore(from: &Path, into: &Path) -> Result<(BackupSummary, Option<PathBuf>), StoreError> {
    let summary = inspect(from)?;
    let incoming = with_suffix(into, ".restoring");
    let _ = std::fs::remove_file(&incoming);
    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    if let Err(e) = copy(&source, &incoming).and_then(|()| inspect(&incoming).map(|_| ())) {
        let _ = std::fs::remove_file(&incoming);
        return Err(e);
    }
    let kept = if into.exists() {
        let kept = kept_name(into);
        std::fs::rename(into, &kept)
            .map_err(|e| refused(into, format!("cannot be moved aside: {e}")))?;
        for part in ["-wal", "-shm"] {
            let old = with_suffix(into, part);
            if old.exists() {
                std::fs::rename(&old, with_suffix(&kept, part))
                    .map_err(|e| refused(&old, format!("cannot be moved aside: {e}")))?;
            }
        }
        Some(kept)
    } else {
        None
    };
    std::fs::rename(&incoming, into)
        .map_err(|e| refused(into, format!("cannot be written: {e}")))?;
    Ok((summary, kept))
}

impl crate::Store {
    /// Restores the backup `from` as this store's own file while the store is open (a
    /// desk's restore from its Settings): the connection is closed, the file restored with
    /// [`restore`] (the replaced file kept beside it, its name in the answer), and the
    /// store opened again on it (migrated if the backup is older), its studio and holds
    /// read anew. A backup that fails its check changes nothing; if anything fails after
    /// that, the store is opened again on whatever file is in place.
    pub fn restore_backup(
        &mut self,
        from: &Path,
    ) -> Result<(BackupSummary, Option<PathBuf>), StoreError> {
        let path = self
            .conn
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .ok_or_else(|| {
                StoreError::Corrupt("an in-memory store has no file to restore".into())
            })?;
        inspect(from)?;
        // Closing the only read-write connection checkpoints the WAL into the file.
        let closed = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        closed.close().map_err(|(_, e)| e)?;
        let restored = restore(from, &path);
        *self = crate::Store::open(&path, &self.desk, self.durability)?;
        restored
    }
}
