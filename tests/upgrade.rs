//! Files and databases of the last release open with this code, holding all they held: the
//! fixtures in `tests/fixtures/upgrade/` were written by that release
//! (`scripts/upgrade-fixtures.sh REV`; `RELEASE` names its commit) — a desk's file with work
//! waiting to sync, the server's SQLite file, and the same server moved into PostgreSQL by
//! that release's `migrate`, dumped. Each is opened by the current code (its schema steps
//! run) and read back equal to what that release read from it (`*.json`, the same
//! `upgrade/summary.rs` on both sides); then the desk's waiting work syncs to the upgraded
//! server, once, and both databases answer the same bookings.
#![allow(clippy::unwrap_used)]

#[path = "upgrade/summary.rs"]
mod summary;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use frontdesk_app::desk::Desk;
use frontdesk_app::events::NoEvents;
use frontdesk_client::{Client, ServerSettings};
use frontdesk_protocol::{BookingDto, ReportPeriod};
use frontdesk_server::Database;
use frontdesk_store::{Durability, Store, StudioConfig};
use frontdesk_testkit::clock::{berlin, pinned};
use frontdesk_testkit::server::{any_port, serve, serve_database};
use frontdesk_testkit::studio::klangraum;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/upgrade")
}

/// The fixtures' studio: Klangraum with both rooms at 40.00 an hour.
fn config() -> StudioConfig {
    let toml = klangraum()
        .toml()
        .replace("interval = 60\n", "interval = 60\nprice = 4000\n");
    StudioConfig::parse(&toml).unwrap()
}

/// A copy of fixture `name` in `dir` (the fixture itself stays as the release wrote it).
fn copy(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(fixtures().join(name), &to).unwrap();
    to
}

fn expected(name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(fixtures().join(format!("{name}.json"))).unwrap())
        .unwrap()
}

fn summary_of(path: &Path, id: &str) -> Value {
    let mut store = Store::open(path, id, Durability::Full).unwrap();
    summary::of_file(&mut store).unwrap()
}

/// Every booking the server at `url` has, by id, as the change log gives them.
async fn server_bookings(url: &str) -> Vec<BookingDto> {
    let client = Client::new(ServerSettings {
        url: url.into(),
        token: "token-a".into(),
    })
    .unwrap();
    let pulled = client.pull(0, 1000).await.unwrap();
    assert!(!pulled.more);
    let mut bookings: Vec<BookingDto> = pulled.changes.into_iter().map(|c| c.booking).collect();
    bookings.sort_by_key(|b| b.id);
    bookings
}

#[test]
fn the_last_releases_desk_and_server_files_open_with_all_they_held() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["reception", "server"] {
        let path = copy(dir.path(), &format!("{name}.sqlite"));
        assert_eq!(
            summary_of(&path, name),
            expected(name),
            "{name}.sqlite read by this code"
        );
    }
    // The payment changes kept their rooms through the upgrade's new schema step (the
    // store's `audit.room`, filled from the bookings): Ada's 80.00 in cash counts in
    // Studio A's payments of June, and in no other room's.
    let server = Store::open(
        &dir.path().join("server.sqlite"),
        "server",
        Durability::Full,
    )
    .unwrap();
    let june = |rooms: &[&str]| ReportPeriod {
        from: "2026-06-01".parse().unwrap(),
        to: "2026-06-30".parse().unwrap(),
        rooms: rooms.iter().map(|r| r.to_string()).collect(),
    };
    let received = |store: &Store, rooms: &[&str]| {
        let report = store.payments_report_whole(&june(rooms)).unwrap();
        (report.payments.len(), report.totals.unwrap().total.received)
    };
    assert_eq!(received(&server, &["studio-a"]), (1, 8000));
    assert_eq!(received(&server, &["studio-b"]), (0, 0));
    drop(server);
    // Not an empty pair of answers: the work waiting to sync is there.
    let desk = expected("reception");
    assert_eq!(desk["waitingToSync"], 3, "{desk}");
    assert_eq!(desk["bookings"].as_array().unwrap().len(), 5, "{desk}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_releases_offline_work_syncs_to_the_upgraded_server_once() {
    let dir = tempfile::tempdir().unwrap();
    let server_file = copy(dir.path(), "server.sqlite");
    let desk_file = copy(dir.path(), "reception.sqlite");
    let clock = pinned(berlin(2026, 6, 1, 10, 0));
    let server = serve(config(), &server_file, any_port(), clock.clone()).await;
    let url = server.url();
    let store = Store::open(&desk_file, "reception", Durability::Full).unwrap();
    let settings = ServerSettings {
        url: url.clone(),
        token: "token-a".into(),
    };
    let desk = Desk::with_store(
        store,
        "reception",
        Some(settings),
        Arc::new(NoEvents),
        clock,
    )
    .unwrap();
    desk.sync_once().await.unwrap();
    assert_eq!(
        desk.store().outbox_len().unwrap(),
        0,
        "the waiting work went"
    );
    desk.sync_once().await.unwrap();

    // The server has each of the desk's bookings once, as the desk has them now.
    let on_server = server_bookings(&url).await;
    let at_desk = summary::of_file(&mut desk.store()).unwrap();
    let desk_ids: Vec<String> = at_desk["bookings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap().to_owned())
        .collect();
    let mut server_ids: Vec<String> = on_server.iter().map(|b| b.id.to_string()).collect();
    server_ids.sort();
    assert_eq!(server_ids, desk_ids);
    assert!(at_desk["bookings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|b| b["status"] == "Confirmed" || b["status"] == "Cancelled"));
    let dan = on_server
        .iter()
        .find(|b| b.customer.name == "Dan Dorn")
        .unwrap();
    assert_eq!(dan.payment.amount, 1000, "the offline deposit arrived");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_releases_postgresql_database_opens_with_all_it_held() {
    let url = frontdesk_testkit::postgres::fresh_database();
    let restored = Command::new("psql")
        .args(["-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-f"])
        .arg(fixtures().join("server.pg.sql"))
        .arg(&url)
        .status()
        .expect("psql (Debian's postgresql-client) runs");
    assert!(restored.success(), "the dump restores");
    let server = serve_database(
        config(),
        Database::parse(&url, 2),
        any_port(),
        pinned(berlin(2026, 6, 1, 10, 0)),
    )
    .await;
    let bookings = server_bookings(&server.url()).await;
    let expected = expected("server");
    let wanted = expected["bookings"].as_array().unwrap();
    assert_eq!(bookings.len(), wanted.len());
    for (got, want) in bookings.iter().zip(wanted) {
        assert_eq!(got.id.to_string(), want["id"].as_str().unwrap());
        assert_eq!(got.customer.name, want["customer"].as_str().unwrap());
        assert_eq!(got.room, want["room"].as_str().unwrap());
        assert_eq!(Some(got.payment.amount), want["paid"].as_u64());
        assert_eq!(got.version, want["version"].as_i64().unwrap());
    }
    server.stop().await;
}
