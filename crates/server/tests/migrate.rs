//! `frontdesk-server migrate`: a studio used for a while on its SQLite server file (bookings
//! made, moved, cancelled, a series, customers edited, a push, staff added, a desk token
//! made with `desk add`) is moved into a fresh PostgreSQL database with the real binary;
//! a server on PostgreSQL then answers exactly what the SQLite server answered.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Client, Method, ServerSettings};
use frontdesk_server::{Database, RunningServer};
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::postgres::fresh_database;
use frontdesk_testkit::server::{any_port, enrol, serve_database};
use frontdesk_testkit::studio::klangraum;
use serde_json::{json, Value};
use uuid::Uuid;

const A: &str = "token-a";
const ADMIN: &str = "token-admin";

fn berlin(d: u32, h: u32) -> DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, 6, d, h, 0)
}

fn rfc(t: DateTime<Utc>) -> String {
    t.with_timezone(&Berlin).to_rfc3339()
}

async fn call(url: &str, token: &str, method: Method, path: &str, body: Option<Value>) -> Value {
    let client = Client::new(ServerSettings {
        url: url.into(),
        token: token.into(),
    })
    .unwrap();
    let body = body.map(|b| serde_json::to_vec(&b).unwrap());
    let (status, bytes) = client.send(method.clone(), path, body).await.unwrap();
    let value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    assert!(status.is_success(), "{method} {path}: {status} {value}");
    value
}

async fn start(database: Database) -> RunningServer {
    let mut config = klangraum().all_week(r#"["00:00", "24:00"]"#).config();
    for room in &mut config.studio.rooms {
        room.pricing.per_hour = 4000;
    }
    serve_database(config, database, any_port(), pinned(berlin(1, 7))).await
}

/// Everything a desk reads, as the server answers it.
async fn answers(url: &str, token: &str, bookings: &[Uuid], customer: Uuid) -> Vec<Value> {
    let mut out = vec![
        call(url, token, Method::GET, "/v1/sync/pull?since=0", None).await,
        call(url, token, Method::GET, "/v1/studio", None).await,
        call(
            url,
            token,
            Method::GET,
            &format!("/v1/customers/{customer}"),
            None,
        )
        .await,
        call(url, token, Method::GET, "/v1/customers?q=Ada", None).await,
    ];
    for id in bookings {
        out.push(call(url, token, Method::GET, &format!("/v1/bookings/{id}"), None).await);
    }
    out
}

fn run(args: &[&str]) -> (bool, String) {
    frontdesk_testkit::server::run_server(args)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_studio_moves_from_its_sqlite_file_into_postgresql_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("server.sqlite");
    let server = start(Database::Sqlite(file.clone())).await;
    let url = server.url();
    let (b1, b2, b3) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let booking = |id: Uuid, d: u32, name: &str| json!({"id": id, "room": "studio-a", "start": rfc(berlin(d, 10)), "end": rfc(berlin(d, 12)), "customer": {"name": name, "phone": "+49 30 555 0199"}});
    let made = call(
        &url,
        A,
        Method::POST,
        "/v1/bookings",
        Some(booking(b1, 2, "Ada Lovelace")),
    )
    .await;
    call(
        &url,
        A,
        Method::POST,
        "/v1/bookings",
        Some(booking(b2, 3, "Ada Lovelace")),
    )
    .await;
    let push = json!({"mutations": [{"id": Uuid::new_v4(), "kind": "createBooking", "booking": booking(b3, 4, "Ada L.")}]});
    call(&url, A, Method::POST, "/v1/sync/push", Some(push)).await;
    let moved = json!({"version": 1, "change": {"kind": "span", "room": "studio-b", "start": rfc(berlin(2, 14)), "end": rfc(berlin(2, 16))}});
    call(
        &url,
        A,
        Method::POST,
        &format!("/v1/bookings/{b1}/changes"),
        Some(moved),
    )
    .await;
    // Cancellation terms, then b2 cancelled 48 hours before its start: a fee of half its
    // price is owed on it, and moves with it.
    let studio = call(&url, ADMIN, Method::GET, "/v1/studio", None).await;
    let all_day = json!([["00:00", "24:00"]]);
    let terms = json!({
        "version": studio["version"], "name": studio["name"], "timezone": "Europe/Berlin",
        "holdTtlSeconds": studio["holdTtlSeconds"], "rooms": studio["rooms"],
        "currency": studio["currency"], "staff": studio["staff"],
        "hours": {"weekly": {"mon": all_day, "tue": all_day, "wed": all_day,
            "thu": all_day, "fri": all_day, "sat": all_day, "sun": all_day}},
        "cancellationTerms": {"freeHoursBefore": 72, "noShowPercent": 100,
            "tiers": [{"hoursBefore": 72, "percent": 50}]},
    });
    call(&url, ADMIN, Method::PUT, "/v1/studio", Some(terms)).await;
    let cancelled = call(
        &url,
        A,
        Method::POST,
        &format!("/v1/bookings/{b2}/cancel"),
        Some(json!({"reason": "ill"})),
    )
    .await;
    assert_eq!(cancelled["fee"]["amount"], 4000, "{cancelled}");
    let customer: Uuid = serde_json::from_value(made["customerId"].clone()).unwrap();
    let edit = json!({"version": 1, "name": "Ada Lovelace", "phone": "+49 30 555 0199", "notes": "Brings her own cables"});
    call(
        &url,
        A,
        Method::PUT,
        &format!("/v1/customers/{customer}"),
        Some(edit),
    )
    .await;
    let series = json!({"id": Uuid::new_v4(), "rule": {"room": "studio-a", "first": "2026-06-08", "start": "19:00", "minutes": 60, "repeat": "weekly", "times": 3}, "customer": {"name": "The Band"}});
    let booked = call(&url, A, Method::POST, "/v1/series", Some(series)).await;
    let mut ids = vec![b1, b2, b3];
    for b in booked["booked"].as_array().unwrap() {
        ids.push(serde_json::from_value(b["id"].clone()).unwrap());
    }
    assert_eq!(ids.len(), 6, "{booked}");
    // The public page on, and a customer's booking there: its manage link is signed with
    // the file's key, which moves with the studio.
    let on = json!({"version": 0, "enabled": true, "rooms": [{"room": "studio-a", "durations": [60]}],
        "leadMinutes": 120, "daysAhead": 60, "cancelHours": 24});
    call(&url, ADMIN, Method::PUT, "/v1/online-booking", Some(on)).await;
    let (online_booking, manage) = book_online(&url, berlin(20, 10)).await;
    // A calendar feed subscribed to, and the online booking's messages (no SMTP server:
    // its confirmation and reminder are queued): both move, the feed's address with them.
    let feed = call(
        &url,
        ADMIN,
        Method::POST,
        "/v1/feeds",
        Some(json!({"room": "studio-a", "detail": "booked", "label": "Owner's phone"})),
    )
    .await;
    let feed_path = feed["url"].as_str().unwrap().to_owned();
    let calendar = public_text(&format!("{url}{feed_path}")).await;
    let messages_path = format!("/v1/bookings/{online_booking}/messages");
    let messages = call(&url, A, Method::GET, &messages_path, None).await;
    assert_eq!(
        messages["messages"].as_array().map(Vec::len),
        Some(2),
        "{messages}"
    );
    let before = answers(&url, A, &ids, customer).await;
    server.stop().await;

    let (ok, out) = run(&[
        "desk",
        "add",
        "evening",
        "--config",
        "/dev/null",
        "--db",
        path(&file),
    ]);
    assert!(!ok, "a config that is no studio is refused: {out}");
    let config = dir.path().join("studio.toml");
    std::fs::write(
        &config,
        klangraum().all_week(r#"["00:00", "24:00"]"#).toml(),
    )
    .unwrap();
    let (ok, token) = run(&[
        "desk",
        "add",
        "evening",
        "--config",
        path(&config),
        "--db",
        path(&file),
    ]);
    assert!(ok, "{token}");
    // The desk types its code once: the file then holds its token.
    let code = token.lines().next().unwrap().trim().to_owned();
    let server = start(Database::Sqlite(file.clone())).await;
    let token = enrol(&server.url(), &code).await;
    server.stop().await;

    let database = fresh_database();
    let (ok, out) = run(&["migrate", "--from", path(&file), "--to", &database]);
    assert!(ok, "{out}");
    assert!(
        out.contains("7 bookings")
            && out.contains("1 calendar feeds, 2 messages")
            && out.contains("1 reminder choices")
            && out.contains("read back equal"),
        "{out}"
    );
    println!("{out}");
    // Moving it again is refused and writes nothing: the studio is there, and as another
    // studio its desk's token would be two desks'.
    let (ok, again) = run(&["migrate", "--from", path(&file), "--to", &database]);
    assert!(!ok && again.contains("already"), "{again}");
    let (ok, twice) = run(&[
        "migrate",
        "--from",
        path(&file),
        "--to",
        &database,
        "--studio",
        "copy",
    ]);
    assert!(!ok && twice.contains("same token"), "{twice}");
    // Another studio's file moves in beside it.
    let other = dir.path().join("harbour.sqlite");
    let server = start(Database::Sqlite(other.clone())).await;
    let id = Uuid::new_v4();
    call(
        &server.url(),
        A,
        Method::POST,
        "/v1/bookings",
        Some(booking(id, 9, "Harbour guest")),
    )
    .await;
    server.stop().await;
    let (ok, out) = run(&[
        "migrate",
        "--from",
        path(&other),
        "--to",
        &database,
        "--studio",
        "harbour",
    ]);
    assert!(ok && out.contains("as \"harbour\": 1 bookings"), "{out}");

    let server = start(Database::parse(&database, 2)).await;
    let url = server.url();
    assert_eq!(answers(&url, A, &ids, customer).await, before);
    // The token made for the file works on PostgreSQL; the admin's studio edits go on.
    call(&url, &token, Method::GET, "/v1/studio", None).await;
    let studio = call(&url, ADMIN, Method::GET, "/v1/studio", None).await;
    assert_eq!(studio["version"], before[1]["version"]);
    // The page is on as it was, and the customer's link still opens the booking.
    let online = call(&url, A, Method::GET, "/v1/online-booking", None).await;
    assert_eq!(
        (online["version"].as_i64(), online["enabled"].as_bool()),
        (Some(1), Some(true))
    );
    let view = public_get(&format!("{url}/public/v1/manage/{manage}")).await;
    assert_eq!(view["booking"]["status"], "confirmed", "{view}");
    // The feed's address answers the same calendar; the queued messages wait to be sent.
    assert_eq!(public_text(&format!("{url}{feed_path}")).await, calendar);
    assert_eq!(
        call(&url, A, Method::GET, &messages_path, None).await,
        messages
    );
    server.stop().await;
}

/// A booking on the public page as a customer makes it: its id and its manage link's token.
async fn book_online(url: &str, start: DateTime<Utc>) -> (Uuid, String) {
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let session = Uuid::new_v4();
    let span = json!({"room": "studio-a", "start": rfc(start), "end": rfc(start + chrono::Duration::hours(1))});
    let held = http
        .put(format!("{url}/public/v1/studios/main/holds/{session}"))
        .json(&span)
        .send()
        .await
        .unwrap();
    assert_eq!(held.status(), 200);
    let mut body = span;
    body["session"] = json!(session);
    body["name"] = json!("Grace Hopper");
    body["email"] = json!("grace@example.com");
    // The customer's consent to reminders, recorded with the booking, moves too.
    body["reminders"] = json!(true);
    let booked: Value = http
        .post(format!("{url}/public/v1/studios/main/bookings"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let manage = booked["manage"].as_str().unwrap();
    let id = serde_json::from_value(booked["id"].clone()).unwrap();
    (id, manage.strip_prefix("/book/manage/").unwrap().to_owned())
}

async fn public_get(url: &str) -> Value {
    serde_json::from_str(&public_text(url).await).unwrap()
}

/// What `url` answers without a token (200 asked).
async fn public_text(url: &str) -> String {
    let answer = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(url)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200, "{url}");
    answer.text().await.unwrap()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}
