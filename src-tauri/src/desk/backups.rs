//! The desk's daily backups: while it runs, the desk copies its file into `backups/` beside
//! it once a day (SQLite's online backup, through a read-only connection of its own, so the
//! desk's writes go on meanwhile), checks the copy, and keeps the newest [`KEEP`]. A
//! standalone desk's file is the studio's only record: one failed disk then loses at most a
//! day. The day is the injected clock's, read from the backups' names (not the files'
//! times), so tests pin it.
//!
//! An admin restores one from Settings after a preview (when, bookings, customers): the
//! store closes its file, the backup takes its place (the replaced file kept beside it) and
//! the store opens again. A connected desk then pulls what the server has after the
//! backup's cursor and pushes its waiting work again, which the server takes once.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use frontdesk_clock::SharedClock;
use frontdesk_protocol::{ErrorCode, StaffRole};
use frontdesk_store::backup::{backup_file, inspect, BackupSummary};
use frontdesk_store::StoreError;
use serde::Serialize;
use tokio::sync::watch;

use super::staff::refused;
use super::{Desk, DeskError, DB_FILE};
use crate::events::DeskEvent;

/// Backups kept: a week of days.
pub const KEEP: usize = 7;
/// The folder beside the desk's file.
pub const FOLDER: &str = "backups";
/// How old the newest backup may get before the next is made.
const EVERY: chrono::Duration = chrono::Duration::hours(24);
/// `frontdesk-2026-12-03T0815Z.sqlite`: sorts by time.
const NAME_FORMAT: &str = "frontdesk-%Y-%m-%dT%H%MZ.sqlite";

/// The backups in `dir`'s backup folder, newest first, with when each was made.
pub fn backups(dir: &Path) -> Result<Vec<(DateTime<Utc>, PathBuf)>, StoreError> {
    let folder = dir.join(FOLDER);
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Ok(Vec::new());
    };
    let mut found: Vec<(DateTime<Utc>, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let at = NaiveDateTime::parse_from_str(&name, NAME_FORMAT).ok()?;
            Some((at.and_utc(), e.path()))
        })
        .collect();
    found.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    Ok(found)
}

/// Backs up the desk's file in `dir` if the newest backup is a day old (or there is none),
/// then keeps the newest [`KEEP`]; the backup made, if one was due.
pub fn back_up_if_due(
    dir: &Path,
    now: DateTime<Utc>,
) -> Result<Option<(PathBuf, BackupSummary)>, StoreError> {
    back_up_file_if_due(&dir.join(DB_FILE), now)
}

/// [`back_up_if_due`] of the desk file `file`, its backups in the folder beside it.
pub fn back_up_file_if_due(
    file: &Path,
    now: DateTime<Utc>,
) -> Result<Option<(PathBuf, BackupSummary)>, StoreError> {
    let dir = file.parent().unwrap_or(Path::new("."));
    let existing = backups(dir)?;
    if existing.first().is_some_and(|(at, _)| now - *at < EVERY) {
        return Ok(None);
    }
    let folder = dir.join(FOLDER);
    std::fs::create_dir_all(&folder)
        .map_err(|e| StoreError::Corrupt(format!("{}: cannot be made: {e}", folder.display())))?;
    let to = folder.join(now.format(NAME_FORMAT).to_string());
    let summary = backup_file(file, &to)?;
    for (_, old) in backups(dir)?.iter().skip(KEEP) {
        if let Err(e) = std::fs::remove_file(old) {
            tracing::warn!(path = %old.display(), error = %e, "an old backup could not be removed");
        }
    }
    Ok(Some((to, summary)))
}

/// How often the running desk looks whether a backup is due (at start, then hourly).
const LOOK_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Runs until `stop`: at start and every hour, a backup of the desk's file in `dir` if one
/// is due. A failure is logged and tried again at the next look.
pub async fn run(dir: PathBuf, clock: SharedClock, mut stop: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(LOOK_EVERY);
    loop {
        tokio::select! {
            _ = tick.tick() => {
                let (dir, now) = (dir.clone(), clock.now());
                match tokio::task::spawn_blocking(move || back_up_if_due(&dir, now)).await {
                    Ok(Ok(Some((path, summary)))) => {
                        tracing::info!(path = %path.display(), %summary, "backed up the desk's file");
                    }
                    Ok(Ok(None)) => {}
                    Ok(Err(e)) => tracing::warn!(error = %e, "the daily backup failed; trying again in an hour"),
                    Err(e) => tracing::warn!(error = %e, "the daily backup stopped"),
                }
            }
            _ = stop.changed() => break,
        }
    }
}

/// A backup as an admin chooses one: when it was made and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BackupView {
    /// The backup's file name in the backup folder: what a restore names.
    pub name: String,
    pub made_at: DateTime<Utc>,
    pub studio: String,
    pub bookings: u64,
    pub customers: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RestoredView {
    pub backup: BackupView,
    /// Where the file it replaced is kept.
    pub kept: Option<String>,
}

impl Desk {
    /// The desk file's folder (backups live in `backups/` inside it).
    fn file(&self) -> Result<PathBuf, DeskError> {
        self.store()
            .connection()
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .ok_or_else(|| refused(ErrorCode::NotFound, "this desk keeps no file: no backups"))
    }

    /// The desk's backups, newest first, each checked and summarised (admins only). A
    /// damaged one is left out of the list.
    pub fn backups(&self) -> Result<Vec<BackupView>, DeskError> {
        self.acting(StaffRole::Admin)?;
        let file = self.file()?;
        let tz = self.tz();
        let found = backups(file.parent().unwrap_or(Path::new(".")))
            .map_err(|e| DeskError::local(e, tz))?;
        Ok(found
            .into_iter()
            .filter_map(|(made_at, path)| match inspect(&path) {
                Ok(summary) => Some(view(&path, made_at, summary)),
                Err(e) => {
                    tracing::warn!(path = %path.display(), error = %e, "a damaged backup is not offered");
                    None
                }
            })
            .collect())
    }

    /// Restores the backup `name` (one of [`Desk::backups`]) as the desk's file (admins
    /// only); the UI shows everything anew and a connected desk syncs at once.
    pub fn restore_backup(&self, name: &str) -> Result<RestoredView, DeskError> {
        self.acting(StaffRole::Admin)?;
        let file = self.file()?;
        let tz = self.tz();
        let (made_at, path) = backups(file.parent().unwrap_or(Path::new(".")))
            .map_err(|e| DeskError::local(e, tz))?
            .into_iter()
            .find(|(_, path)| path.file_name().is_some_and(|n| n == name))
            .ok_or_else(|| {
                refused(
                    ErrorCode::NotFound,
                    format!("backup: there is no backup named \"{name}\" in this desk's backups"),
                )
            })?;
        inspect(&path)
            .map_err(|e| DeskError::invalid(format!("backup: {e}; nothing was changed")))?;
        let (summary, kept) = self.local(|store| store.restore_backup(&path))?;
        tracing::info!(backup = %path.display(), %summary, "restored the desk's file from a backup");
        self.emit(DeskEvent::StudioChanged);
        self.emit(DeskEvent::BookingsChanged);
        self.sync_soon();
        Ok(RestoredView {
            backup: view(&path, made_at, summary),
            kept: kept.map(|k| k.display().to_string()),
        })
    }
}

fn view(path: &Path, made_at: DateTime<Utc>, summary: BackupSummary) -> BackupView {
    BackupView {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        made_at,
        studio: summary.studio,
        bookings: summary.bookings,
        customers: summary.customers,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::Duration;
    use frontdesk_store::{Durability, Store};

    #[test]
    fn a_backup_a_day_while_running_and_the_newest_week_kept() {
        let dir = tempfile::tempdir().unwrap();
        let studio = frontdesk_store::StudioConfig::parse(frontdesk_store::DEMO_STUDIO_TOML)
            .unwrap()
            .studio;
        // The desk's own connection stays open throughout, as in the running app.
        let _desk =
            Store::open_with_studio(&dir.path().join(DB_FILE), "desk", Durability::Full, studio)
                .unwrap();
        let start = frontdesk_testkit::clock::berlin(2026, 12, 1, 8, 15);
        let (first, summary) = back_up_if_due(dir.path(), start).unwrap().unwrap();
        assert!(
            first.ends_with("backups/frontdesk-2026-12-01T0715Z.sqlite"),
            "{}",
            first.display()
        );
        assert_eq!(inspect(&first).unwrap(), summary);
        // Later the same day, and just under a day later: nothing due.
        assert!(back_up_if_due(dir.path(), start + Duration::hours(3))
            .unwrap()
            .is_none());
        assert!(
            back_up_if_due(dir.path(), start + Duration::minutes(24 * 60 - 1))
                .unwrap()
                .is_none()
        );
        // Ten days of running: one a day, the newest seven kept.
        for day in 1..=10 {
            assert!(back_up_if_due(dir.path(), start + Duration::days(day))
                .unwrap()
                .is_some());
        }
        let kept = backups(dir.path()).unwrap();
        assert_eq!(kept.len(), KEEP);
        assert_eq!(kept[0].0, start + Duration::days(10));
        assert_eq!(kept[KEEP - 1].0, start + Duration::days(4));
        assert!(!first.exists());
    }
}
