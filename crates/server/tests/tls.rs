//! The server reaches PostgreSQL over verified TLS: the test cluster (scripts/pg-test-cluster.sh)
//! speaks TLS with a certificate for 127.0.0.1 and localhost signed by a throwaway CA, whose
//! certificate it exports as `FRONTDESK_TEST_PG_CA` (`frontdesk_testkit::postgres::ca`).
//!
//! - A server with `sslmode=require&sslrootcert=<the CA>` starts, takes a booking, and every
//!   connection it holds to its database is TLS (as PostgreSQL's `pg_stat_ssl` sees them).
//! - The real binary refuses to start, naming why, with another CA as the root, with a host
//!   name the certificate does not name, and with `require` but no root (the system's roots
//!   do not know the test CA: `require` is never "encrypted but unchecked").
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Client, Method, ServerSettings, StatusCode};
use frontdesk_server::Database;
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::postgres::{fresh_database, query_i64};
use frontdesk_testkit::server::{any_port, serve_database, server_binary};
use frontdesk_testkit::studio::klangraum;
use serde_json::{json, Value};
use uuid::Uuid;

fn berlin(d: u32, h: u32) -> DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, 6, d, h, 0)
}

/// The test cluster's CA certificate (`FRONTDESK_TEST_PG_CA`, or the one of the cluster the
/// test kit started).
fn test_ca() -> PathBuf {
    frontdesk_testkit::postgres::ca().unwrap_or_else(|| {
        panic!(
            "the test cluster runs without TLS (FRONTDESK_TEST_PG_CA is not set): start it with \
             the current scripts/pg-test-cluster.sh (it needs openssl, which Debian's \
             postgresql package installs)"
        )
    })
}

/// `db` (the test cluster's plain address of one database) with these query options.
fn with(db: &str, options: &str) -> String {
    format!("{db}?{options}")
}

/// `db` with its host replaced by `host`, still reached at 127.0.0.1 (`hostaddr`).
fn as_host(db: &str, host: &str, options: &str) -> String {
    let rest = db.strip_prefix("postgres://postgres@127.0.0.1").unwrap();
    format!("postgres://postgres@{host}{rest}?hostaddr=127.0.0.1&{options}")
}

fn sslrootcert(path: &Path) -> String {
    format!("sslrootcert={}", path.display())
}

/// Connections to database `db` other than the asking one: (over TLS, without TLS).
fn tls_connections(db: &str) -> (i64, i64) {
    let name = db.rsplit('/').next().unwrap();
    let count = |ssl: bool| {
        query_i64(
            db,
            &format!(
                "SELECT count(*) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) \
                 WHERE a.datname = '{name}' AND a.pid <> pg_backend_pid() AND s.ssl = {ssl}"
            ),
        )[0]
    };
    (count(true), count(false))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_on_verified_tls_takes_a_booking() {
    let ca = test_ca();
    let db = fresh_database();
    let url = with(&db, &format!("sslmode=require&{}", sslrootcert(&ca)));
    let config = klangraum().all_week(r#"["00:00", "24:00"]"#).config();
    let server = serve_database(
        config,
        Database::parse(&url, 2),
        any_port(),
        pinned(berlin(1, 7)),
    )
    .await;

    let client = Client::new(ServerSettings {
        url: server.url(),
        token: "token-a".into(),
    })
    .unwrap();
    let id = Uuid::new_v4();
    let rfc = |t: DateTime<Utc>| t.with_timezone(&Berlin).to_rfc3339();
    let body = json!({"id": id, "room": "studio-a", "start": rfc(berlin(2, 10)),
                      "end": rfc(berlin(2, 11)), "customer": {"name": "Over TLS"}});
    let (status, bytes) = client
        .send(
            Method::POST,
            "/v1/bookings",
            Some(serde_json::to_vec(&body).unwrap()),
        )
        .await
        .unwrap();
    let answer: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (status, bytes) = client
        .send(Method::GET, &format!("/v1/bookings/{id}"), None)
        .await
        .unwrap();
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );

    // The booking is in the database, and everything the server holds open there is TLS
    // (its connections, and the LISTEN connection once the listener is up).
    let stored = format!("SELECT count(*) FROM bookings WHERE id = '{id}'");
    assert_eq!(query_i64(&db, &stored), vec![1]);
    let (tls, plain) = tls_connections(&db);
    assert!(
        tls >= 1,
        "no TLS connection from the server: {tls} TLS, {plain} plain"
    );
    assert_eq!(plain, 0, "{plain} connections without TLS ({tls} with)");
    server.stop().await;
}

#[test]
fn the_binary_refuses_a_database_whose_certificate_it_cannot_verify() {
    let ca = test_ca();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("studio.toml");
    std::fs::write(&config, klangraum().toml()).unwrap();
    let db = fresh_database();
    let port = db
        .strip_prefix("postgres://postgres@127.0.0.1:")
        .and_then(|rest| rest.split('/').next())
        .unwrap();

    // The certificate's host names (localhost here) are checked, not only its chain.
    let verified = as_host(
        &db,
        "localhost",
        &format!("sslmode=verify-full&{}", sslrootcert(&ca)),
    );
    let out = run_serve(&config, &verified, true);
    assert!(out.contains("listening on"), "{out}");

    // Another CA as the root: the chain does not end there.
    let wrong = make_ca(dir.path(), "wrong");
    let error = run_serve(
        &config,
        &with(&db, &format!("sslmode=require&{}", sslrootcert(&wrong))),
        false,
    );
    for expected in [
        &format!("no TLS connection to PostgreSQL at 127.0.0.1:{port}"),
        &format!("checked against the root certificate {}", wrong.display()),
        "certificate verify failed",
    ] {
        assert!(error.contains(expected), "{expected:?} not in: {error}");
    }

    // The right CA, but a host name the certificate does not name.
    let error = run_serve(
        &config,
        &as_host(
            &db,
            "db.example",
            &format!("sslmode=verify-full&{}", sslrootcert(&ca)),
        ),
        false,
    );
    for expected in [
        &format!("no TLS connection to PostgreSQL at db.example:{port}"),
        "hostname mismatch",
    ] {
        assert!(error.contains(expected), "{expected:?} not in: {error}");
    }

    // `require` without a root: the system's roots, which do not know the test CA.
    let error = run_serve(&config, &with(&db, "sslmode=require"), false);
    for expected in [
        "the system's root certificates",
        "certificate verify failed",
    ] {
        assert!(error.contains(expected), "{expected:?} not in: {error}");
    }

    // A root file that is not a certificate is named as such.
    let junk = dir.path().join("junk.pem");
    std::fs::write(&junk, "no certificate here").unwrap();
    let error = run_serve(&config, &with(&db, &sslrootcert(&junk)), false);
    assert!(
        error.contains(&format!("sslrootcert {}", junk.display())),
        "{error}"
    );
}

/// `frontdesk-server serve` on `url`: with `starts`, waits until it listens and stops it
/// (its first line); else waits for it to fail and returns what it said on stderr.
fn run_serve(config: &Path, url: &str, starts: bool) -> String {
    let mut child = Command::new(server_binary())
        .arg("serve")
        .arg("--config")
        .arg(config)
        .args(["--database", url, "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if starts {
        use std::io::BufRead;
        let mut line = String::new();
        let out = child.stdout.take().unwrap();
        std::io::BufReader::new(out).read_line(&mut line).unwrap();
        let _ = child.kill();
        let output = child.wait_with_output().unwrap();
        return line + &String::from_utf8_lossy(&output.stderr);
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let output = child.wait_with_output().unwrap();
            let said = String::from_utf8_lossy(&output.stderr).into_owned();
            assert!(!status.success(), "the server started on {url}: {said}");
            return said;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the server neither started nor failed on {url} within 30 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A self-signed CA certificate (its key thrown away) in `dir`.
fn make_ca(dir: &Path, name: &str) -> PathBuf {
    let cert = dir.join(format!("{name}-ca.crt"));
    let status = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ec", "-pkeyopt"])
        .args(["ec_paramgen_curve:prime256v1", "-nodes", "-days", "36500"])
        .args(["-subj", &format!("/CN={name} CA"), "-keyout"])
        .arg(dir.join(format!("{name}-ca.key")))
        .arg("-out")
        .arg(&cert)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "openssl made no CA");
    cert
}
