//! Backups of a Frontdesk file while it is written to, checked and restored: a backup holds
//! the bookings of its moment (not later ones), a restore puts them back and keeps the file
//! it replaced beside it, and what is not a whole Frontdesk file is refused with nothing
//! changed.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Utc};
use frontdesk_store::backup::{backup, backup_file, inspect, restore};
use frontdesk_store::{BookingStatus, Durability, Store, WriteContext};
use frontdesk_testkit::booking::walk_in;
use frontdesk_testkit::clock::berlin;
use frontdesk_testkit::studio::two_rooms;

fn at(d: u32, h: u32) -> DateTime<Utc> {
    berlin(2026, 12, d, h, 0)
}

fn open(path: &std::path::Path) -> Store {
    let studio = two_rooms("Backup Studios").config().studio;
    Store::open_with_studio(path, "server", Durability::Full, studio).unwrap()
}

fn book(store: &mut Store, d: u32, name: &str) {
    let new = walk_in("a", at(d, 10), at(d, 11), name);
    let ctx = WriteContext::new("server", at(1, 8));
    store
        .create_booking(&new, BookingStatus::Confirmed, &ctx)
        .unwrap();
}

fn names(path: &std::path::Path) -> Vec<String> {
    let store = Store::open(path, "server", Durability::Full).unwrap();
    let mut names: Vec<String> = store
        .bookings_between(None, at(1, 0), at(31, 0))
        .unwrap()
        .into_iter()
        .map(|b| b.customer.name)
        .collect();
    names.sort();
    names
}

#[test]
fn a_backup_taken_while_the_file_is_written_restores_its_moment() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("server.sqlite");
    let mut store = open(&live);
    book(&mut store, 2, "Before");
    book(&mut store, 3, "Also before");

    // Another connection backs up the file the store still has open (WAL content too).
    let first = dir.path().join("backup-1.sqlite");
    let summary = backup_file(&live, &first).unwrap();
    assert_eq!(
        (summary.studio.as_str(), summary.bookings),
        ("Backup Studios", 2)
    );
    assert_eq!(inspect(&first).unwrap(), summary);
    // The store's own connection backs up too; an existing name is refused untouched.
    let second = dir.path().join("backup-2.sqlite");
    assert_eq!(backup(store.connection(), &second).unwrap().bookings, 2);
    assert!(backup(store.connection(), &second).is_err());
    assert_eq!(inspect(&second).unwrap().bookings, 2);

    book(&mut store, 4, "After");
    drop(store);
    assert_eq!(names(&live), ["After", "Also before", "Before"]);

    let (restored, kept) = restore(&first, &live).unwrap();
    assert_eq!(restored.bookings, 2);
    assert_eq!(names(&live), ["Also before", "Before"]);
    // The file it replaced is kept beside it, whole (the later booking in it).
    let kept = kept.unwrap();
    assert!(
        kept.ends_with("server.sqlite.before-restore-1"),
        "{}",
        kept.display()
    );
    assert_eq!(names(&kept), ["After", "Also before", "Before"]);
    // Restoring again keeps the second file under the next number.
    let (_, again) = restore(&second, &live).unwrap();
    assert!(again.unwrap().ends_with("server.sqlite.before-restore-2"));
    // The restored file is a working store: it takes bookings again.
    let mut store = Store::open(&live, "server", Durability::Full).unwrap();
    book(&mut store, 5, "Later");
    assert_eq!(
        store
            .bookings_between(None, at(1, 0), at(31, 0))
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn what_is_not_a_whole_frontdesk_file_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("server.sqlite");
    let mut store = open(&live);
    book(&mut store, 2, "Kept");
    drop(store);

    let garbage = dir.path().join("garbage.sqlite");
    std::fs::write(
        &garbage,
        b"this is not a database at all, not even its header",
    )
    .unwrap();
    let empty = dir.path().join("empty.sqlite");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 3;")
        .unwrap();
    let missing = dir.path().join("missing.sqlite");
    for (bad, why) in [
        (&garbage, "is not a SQLite database"),
        (&empty, "is not a"),
        (&missing, "there is no such file"),
    ] {
        let error = restore(bad, &live).unwrap_err().to_string();
        assert!(error.contains(why), "{}: {error}", bad.display());
        assert!(error.contains(&bad.display().to_string()), "{error}");
    }
    assert_eq!(names(&live), ["Kept"]);
    assert!(!dir.path().join("server.sqlite.before-restore-1").exists());
    assert!(!dir.path().join("server.sqlite.restoring").exists());
}
