//! `frontdesk-server backup` while the server runs, and `restore` after it stopped, through
//! the real binary: the restored server answers the bookings of the backup's moment, the
//! replaced file is kept, and a file that is no backup is refused with nothing changed.
#![allow(clippy::unwrap_used)]

use std::process::Command;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::Method;
use frontdesk_server::Database;
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::http;
use frontdesk_testkit::server::{any_port, serve_database};
use frontdesk_testkit::studio::klangraum;
use serde_json::json;
use uuid::Uuid;

const DESK: &str = "token-a";

fn at(d: u32, h: u32) -> DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, 6, d, h, 0)
}

fn run(args: &[&str]) -> (bool, String) {
    frontdesk_testkit::server::run_server(args)
}

async fn book(url: &str, d: u32, name: &str) {
    let body = json!({"id": Uuid::new_v4(), "room": "studio-a",
        "start": at(d, 10).with_timezone(&Berlin).to_rfc3339(),
        "end": at(d, 11).with_timezone(&Berlin).to_rfc3339(), "customer": {"name": name}});
    http::ok(url, DESK, Method::POST, "/v1/bookings", Some(body)).await;
}

async fn names(url: &str) -> Vec<String> {
    let path = "/v1/bookings?from=2026-06-01T00:00:00%2B02:00&to=2026-07-01T00:00:00%2B02:00";
    let body = http::ok(url, DESK, Method::GET, path, None).await;
    let mut names: Vec<String> = body["bookings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["customer"]["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_serving_is_restored_after_a_stop() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("server.sqlite");
    let serve = || {
        serve_database(
            klangraum().config(),
            Database::Sqlite(file.clone()),
            any_port(),
            pinned(at(1, 9)),
        )
    };
    let server = serve().await;
    let url = server.url();
    book(&url, 2, "Before").await;

    // While it serves.
    let copy = dir.path().join("nightly.sqlite");
    let (ok, out) = run(&[
        "backup",
        "--db",
        file.to_str().unwrap(),
        "--to",
        copy.to_str().unwrap(),
    ]);
    assert!(ok, "{out}");
    assert!(
        out.contains("1 bookings") && out.contains("checked"),
        "{out}"
    );
    let (ok, again) = run(&[
        "backup",
        "--db",
        file.to_str().unwrap(),
        "--to",
        copy.to_str().unwrap(),
    ]);
    assert!(!ok && again.contains("exists already"), "{again}");
    book(&url, 3, "After").await;
    assert_eq!(names(&url).await, ["After", "Before"]);
    server.stop().await;

    // Something that is no backup: refused, the file untouched.
    let junk = dir.path().join("junk.sqlite");
    std::fs::write(&junk, b"not a database").unwrap();
    let (ok, refused) = run(&[
        "restore",
        "--from",
        junk.to_str().unwrap(),
        "--db",
        file.to_str().unwrap(),
    ]);
    assert!(!ok && refused.contains("junk.sqlite"), "{refused}");

    let (ok, out) = run(&[
        "restore",
        "--from",
        copy.to_str().unwrap(),
        "--db",
        file.to_str().unwrap(),
    ]);
    assert!(ok, "{out}");
    assert!(
        out.contains("before-restore-1") && out.contains("Next:"),
        "{out}"
    );
    let server = serve().await;
    assert_eq!(names(&server.url()).await, ["Before"]);
    server.stop().await;
    assert!(dir.path().join("server.sqlite.before-restore-1").exists());
}

/// `deploy/pg-backup.sh` while a server runs on PostgreSQL, `deploy/pg-restore.sh` into a
/// new database: a server on it answers the bookings of the dump; a database that is not
/// empty is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgresql_dump_restores_into_a_new_database() {
    let source = frontdesk_testkit::postgres::fresh_database();
    let serve = |url: &str| {
        serve_database(
            klangraum().config(),
            Database::parse(url, 2),
            any_port(),
            pinned(at(1, 9)),
        )
    };
    let server = serve(&source).await;
    book(&server.url(), 2, "Dumped").await;
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("frontdesk.dump");
    let script = |name: &str| {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../deploy")
            .join(name)
    };
    let run_script = |name: &str, args: &[&str]| {
        let output = Command::new("bash")
            .arg(script(name))
            .args(args)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.success(), text)
    };
    let (ok, out) = run_script("pg-backup.sh", &[&source, dump.to_str().unwrap()]);
    assert!(ok, "{out}");
    book(&server.url(), 3, "After the dump").await;
    server.stop().await;

    let (ok, refused) = run_script("pg-restore.sh", &[dump.to_str().unwrap(), &source]);
    assert!(!ok && refused.contains("not empty"), "{refused}");
    let target = frontdesk_testkit::postgres::fresh_database();
    let (ok, out) = run_script("pg-restore.sh", &[dump.to_str().unwrap(), &target]);
    assert!(ok, "{out}");
    let server = serve(&target).await;
    assert_eq!(names(&server.url()).await, ["Dumped"]);
    server.stop().await;
}
