//! An operator's first hour (issue 26, item 7), as an operator runs it: the real binary for
//! the command line, a real server for HTTP, the test cluster for PostgreSQL.
//!
//! The password tests need a PostgreSQL that asks for a password, and the shared test
//! cluster trusts every local connection (its `pg_hba.conf` is not this test's to edit).
//! So one test speaks to a small stand-in on a loopback port that asks for a password in
//! PostgreSQL's wire protocol, records exactly what it was sent, and refuses it as a real
//! server refuses a wrong one (SQLSTATE 28P01); another runs `deploy/check-pg-password.sh`,
//! which starts a cluster of its own that asks a role for a scram-sha-256 password and
//! checks that the binary connects with it from `PGPASSWORD`, `PGPASSFILE` and
//! `?passfile=`. Neither message ever holds the password.
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Method, StatusCode};
use frontdesk_server::Database;
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::http::{call, ok};
use frontdesk_testkit::postgres::{cluster, fresh_database};
use frontdesk_testkit::server::{any_port, serve, serve_database, server_binary};
use frontdesk_testkit::studio::klangraum;
use serde_json::{json, Value};
use uuid::Uuid;

const A: &str = "token-a";

fn berlin(d: u32, h: u32) -> DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, 3, d, h, 0)
}

/// The binary with these arguments and environment (no PostgreSQL variables of the test
/// runner's, and a `HOME` without `.pgpass`).
fn run(args: &[&str], env: &[(&str, &str)], home: &Path) -> Output {
    let mut command = Command::new(server_binary());
    command
        .args(args)
        .env_remove("PGPASSWORD")
        .env_remove("PGPASSFILE")
        .env("HOME", home)
        .env("RUST_LOG", "warn");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A loopback stand-in for PostgreSQL that asks for a cleartext password, records it and
/// refuses it as a wrong password (see the module's notes); `None` recorded when the client
/// hung up without sending one. Serves until the test process ends.
fn password_asker() -> (u16, Arc<Mutex<Vec<Option<String>>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let password = ask(stream);
            record.lock().unwrap().push(password);
        }
    });
    (port, seen)
}

fn ask(mut stream: TcpStream) -> Option<String> {
    let read_exact = |stream: &mut TcpStream, n: usize| -> Option<Vec<u8>> {
        let mut buf = vec![0; n];
        stream.read_exact(&mut buf).ok().map(|()| buf)
    };
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
    // The startup message: its length, then the rest (sslmode=disable: no TLS request).
    let len = be(&read_exact(&mut stream, 4)?);
    read_exact(&mut stream, len - 4)?;
    // AuthenticationCleartextPassword.
    stream.write_all(&[b'R', 0, 0, 0, 8, 0, 0, 0, 3]).ok()?;
    let head = read_exact(&mut stream, 5)?;
    if head[0] != b'p' {
        return None;
    }
    let body = read_exact(&mut stream, be(&head[1..]) - 4)?;
    let password = String::from_utf8_lossy(body.strip_suffix(&[0]).unwrap_or(&body)).into_owned();
    let mut fields = Vec::new();
    for (tag, value) in [
        (b'S', "FATAL"),
        (b'V', "FATAL"),
        (b'C', "28P01"),
        (
            b'M',
            "password authentication failed for user \"frontdesk\"",
        ),
    ] {
        fields.push(tag);
        fields.extend_from_slice(value.as_bytes());
        fields.push(0);
    }
    fields.push(0);
    let mut error = vec![b'E'];
    error.extend_from_slice(&(fields.len() as u32 + 4).to_be_bytes());
    error.extend_from_slice(&fields);
    let _ = stream.write_all(&error);
    Some(password)
}

/// What `desk list` on `database` says when it fails (it must fail).
fn refusal(config: &str, database: &str, home: &Path) -> String {
    let out = run(
        &["desk", "list", "--config", config, "--database", database],
        &[],
        home,
    );
    assert!(!out.status.success(), "{out:?}");
    text(&out.stderr)
}

fn studio_toml(dir: &Path) -> String {
    let file = dir.join("studio.toml");
    std::fs::write(&file, klangraum().toml()).unwrap();
    file.display().to_string()
}

#[test]
fn the_password_comes_from_pgpassword_or_a_password_file_and_a_refusal_says_what_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let config = studio_toml(dir.path());
    let (port, seen) = password_asker();
    let url = format!("postgres://frontdesk@127.0.0.1:{port}/frontdesk?sslmode=disable");
    let desk_list = ["desk", "list", "--config", &config, "--database", &url];

    let out = run(&desk_list, &[("PGPASSWORD", "from-the-env")], dir.path());
    let said = text(&out.stderr);
    assert!(!out.status.success());
    assert!(
        said.contains(&format!(
            "PostgreSQL at 127.0.0.1:{port}: authentication failed for user \"frontdesk\": check the password"
        )) && said.contains("PGPASSWORD"),
        "{said}"
    );
    assert!(!said.contains("from-the-env"), "{said}");

    let file = dir.path().join("pgpass");
    std::fs::write(
        &file,
        format!("127.0.0.1:{port}:frontdesk:frontdesk:from-the-file\n"),
    )
    .unwrap();
    set_private(&file);
    let file = file.display().to_string();
    let out = run(&desk_list, &[("PGPASSFILE", &file)], dir.path());
    assert!(
        text(&out.stderr).contains("authentication failed"),
        "{out:?}"
    );
    let by_option = format!("{url}&passfile={}", file.replace('/', "%2F"));
    let out = run(
        &[
            "desk",
            "list",
            "--config",
            &config,
            "--database",
            &by_option,
        ],
        &[],
        dir.path(),
    );
    assert!(
        text(&out.stderr).contains("authentication failed"),
        "{out:?}"
    );

    // None anywhere: said as such, before any is sent.
    let out = run(&desk_list, &[], dir.path());
    let said = text(&out.stderr);
    assert!(
        said.contains("asks user \"frontdesk\" for a password and none was given"),
        "{said}"
    );
    let seen = seen.lock().unwrap().clone();
    assert_eq!(
        seen,
        vec![
            Some("from-the-env".to_owned()),
            Some("from-the-file".to_owned()),
            Some("from-the-file".to_owned()),
            None
        ]
    );
}

/// The same against a real PostgreSQL that asks for a password (scram-sha-256): a cluster
/// of its own with a pg_hba.conf line for that, started and removed by the script.
#[test]
fn a_real_postgresql_gets_the_password_from_the_environment_or_a_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new("bash")
        .arg(root.join("deploy/check-pg-password.sh"))
        .arg(server_binary())
        .env_remove("FRONTDESK_TEST_PG")
        .env_remove("FRONTDESK_TEST_PG_CA")
        .output()
        .unwrap();
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    println!("{said}");
    assert!(out.status.success(), "{said}");
    for step in [
        "PGPASSWORD: connected",
        "PGPASSFILE: connected",
        "?passfile= in the URL: connected",
        "/v1/ready 200",
    ] {
        assert!(said.contains(step), "{step}: {said}");
    }
}

#[test]
fn an_unreachable_port_a_missing_database_and_an_unknown_role_say_what_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let config = studio_toml(dir.path());
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("postgres://frontdesk:secret-pw@127.0.0.1:{closed}/frontdesk");
    let said = refusal(&config, &url, dir.path());
    assert!(
        said.contains(&format!("could not reach PostgreSQL at 127.0.0.1:{closed}"))
            && said.contains("is it running"),
        "{said}"
    );
    assert!(!said.contains("secret-pw"), "{said}");

    // The test cluster, a database it does not have.
    let base = cluster();
    let (server, _) = base.rsplit_once('/').unwrap();
    let missing = format!("{server}/no_such_db_{}", Uuid::new_v4().simple());
    let said = refusal(&config, &missing, dir.path());
    assert!(said.contains("has no database \"no_such_db_"), "{said}");
    assert!(said.contains("createdb"), "{said}");
    // A role the cluster does not have (refused before any password, SQLSTATE 28000).
    let (scheme, rest) = base.split_once("://").unwrap();
    let (_, host_and_db) = rest.split_once('@').unwrap();
    let stranger = format!("{scheme}://no_such_role@{host_and_db}");
    let said = refusal(&config, &stranger, dir.path());
    assert!(
        said.contains("refused user \"no_such_role\"") && said.contains("pg_hba.conf"),
        "{said}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bookings_without_from_are_a_422_naming_it_and_an_unencoded_plus_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let config = klangraum().all_week(r#"["00:00", "24:00"]"#).config();
    let server = serve(
        config,
        &dir.path().join("s.sqlite"),
        any_port(),
        pinned(berlin(1, 7)),
    )
    .await;
    let url = server.url();
    let rfc = |t: DateTime<Utc>| t.with_timezone(&Berlin).to_rfc3339();
    let booking = json!({"id": Uuid::new_v4(), "room": "studio-a", "start": rfc(berlin(2, 10)),
        "end": rfc(berlin(2, 11)), "customer": {"name": "Ada Lovelace"}});
    ok(&url, A, Method::POST, "/v1/bookings", Some(booking)).await;

    for (query, said) in [
        ("to=2026-03-03T00:00:00Z", "from: required"),
        (
            "from=tomorrow&to=2026-03-03T00:00:00Z",
            "from: \"tomorrow\" is not",
        ),
        ("from=2026-03-02T00:00:00Z", "to: required"),
    ] {
        let path = format!("/v1/bookings?{query}");
        let (status, body) = call(&url, A, Method::GET, &path, None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {body}");
        assert_eq!(body["error"], "invalid", "{query}");
        let message = body["message"].as_str().unwrap_or_default();
        assert!(message.starts_with(said), "{query}: {message}");
    }

    // As the docs write it (`+` unencoded, read by the query's decoding as a space), and
    // encoded: the same booking.
    let as_written = "/v1/bookings?from=2026-03-02T00:00:00+01:00&to=2026-03-03T00:00:00+01:00";
    let encoded = as_written.replace('+', "%2B");
    let plain: Value = ok(&url, A, Method::GET, as_written, None).await;
    assert_eq!(
        plain["bookings"].as_array().map(Vec::len),
        Some(1),
        "{plain}"
    );
    assert_eq!(plain, ok(&url, A, Method::GET, &encoded, None).await);
    // The desk's client with the address as an operator may type it, ending in /v1.
    let typed = format!("{url}/v1/");
    assert_eq!(plain, ok(&typed, A, Method::GET, as_written, None).await);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_chain_studio_needs_no_version() {
    let database = fresh_database();
    let dir = tempfile::tempdir().unwrap();
    let config = studio_toml(dir.path());
    let out = run(
        &[
            "chain-admin",
            "add",
            "operations",
            "--config",
            &config,
            "--database",
            &database,
        ],
        &[],
        dir.path(),
    );
    assert!(out.status.success(), "{out:?}");
    let operator = text(&out.stdout).trim().to_owned();
    let server = serve_database(
        klangraum().config(),
        Database::parse(&database, 2),
        any_port(),
        pinned(berlin(1, 7)),
    )
    .await;
    let day = json!([["09:00", "18:00"]]);
    let harbour = json!({"id": "harbour", "studio": {
        "name": "Harbour Rooms", "timezone": "Europe/Lisbon", "holdTtlSeconds": 30,
        "rooms": [{"id": "hall", "name": "Hall", "durations": [60], "interval": 60}],
        "hours": {"weekly": {"mon": day, "tue": day, "wed": day, "thu": day, "fri": day,
                  "sat": day, "sun": day}, "dates": {}}}});
    let (status, info) = call(
        &server.url(),
        &operator,
        Method::POST,
        "/v1/chain/studios",
        Some(harbour),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{info}");
    assert_eq!(
        (info["name"].as_str(), info["version"].as_i64()),
        (Some("Harbour Rooms"), Some(1))
    );
    server.stop().await;
}

#[test]
fn migrate_says_what_the_desks_need_next() {
    let dir = tempfile::tempdir().unwrap();
    let config = studio_toml(dir.path());
    let file = dir.path().join("studio.sqlite").display().to_string();
    let out = run(
        &[
            "desk",
            "add",
            "reception",
            "--config",
            &config,
            "--db",
            &file,
        ],
        &[],
        dir.path(),
    );
    assert!(out.status.success(), "{out:?}");
    let database = fresh_database();
    let out = run(
        &["migrate", "--from", &file, "--to", &database],
        &[],
        dir.path(),
    );
    let said = text(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(
        said.contains("Next:") && said.contains("new server address"),
        "{said}"
    );
    assert!(
        said.contains("desk add NAME --config STUDIO.toml --database URL --studio main"),
        "{said}"
    );
}

/// What `serve` with these extra arguments writes to its log (stderr, a file here) from
/// its start to its end on SIGTERM.
fn served_log(extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let config = studio_toml(dir.path());
    let log = dir.path().join("server.log");
    let mut child = Command::new(server_binary())
        .args(["serve", "--config", &config, "--listen", "127.0.0.1:0"])
        .args(extra)
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let mut first = [0u8; 9];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    assert_eq!(&first, b"listening");
    // SIGTERM: the server logs that it shuts down, then ends.
    let pid = child.id().to_string();
    let term = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(term.success());
    assert!(child.wait().unwrap().success());
    std::fs::read_to_string(&log).unwrap()
}

#[test]
fn a_log_written_to_a_file_has_no_colour_codes() {
    let written = served_log(&[]);
    assert!(written.contains("shutting down"), "{written}");
    assert!(!written.contains('\u{1b}'), "{written:?}");
}

#[test]
fn the_log_can_be_json_one_object_a_line() {
    let written = served_log(&["--log-format", "json"]);
    let lines: Vec<Value> = written
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    let last = lines.last().unwrap();
    assert_eq!(last["level"], "INFO", "{last}");
    assert_eq!(last["fields"]["message"], "shutting down", "{last}");
    assert!(last["timestamp"].is_string(), "{last}");
}

fn set_private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}
