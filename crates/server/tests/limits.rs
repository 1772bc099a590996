//! Limits of the real server over HTTP: every text a client sends has a cap (422 naming the
//! field, nothing written), pull pages are bounded in bytes, and rate limits answer 429 with
//! `Retry-After` — a burst over a token's limit and a flood of bad tokens from one address
//! are cut off, 500 desks heartbeating every 5 s never are. The text and pull tests run on
//! SQLite and PostgreSQL (`name::sqlite`, `name::postgres`), a chain's routes on PostgreSQL
//! (where chains live); the rate limits do not touch the database and run on SQLite. The
//! limiters' clock is moved by hand: no test sleeps.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Client, Method, ServerSettings, StatusCode};
use frontdesk_protocol::limits::{NAME_MAX, NOTE_MAX};
use frontdesk_server::limits::{LimitClock, RateLimits};
use frontdesk_server::{start, Database, ManualClock, RunningServer, ServerOptions};
use frontdesk_testkit::backend::Backend;
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::on_both_databases;
use frontdesk_testkit::postgres::fresh_database;
use frontdesk_testkit::server::any_port;
use frontdesk_testkit::studio::{klangraum, StudioToml};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use uuid::Uuid;

const A: &str = "token-a";
const ADMIN: &str = "token-admin";

on_both_databases!(
    oversized_texts_are_refused_naming_the_field_and_change_nothing,
    a_pull_page_is_bounded_in_bytes,
);

struct Harness {
    server: Option<RunningServer>,
    _clock: Arc<ManualClock>,
    url: String,
    _dir: tempfile::TempDir,
}

fn berlin(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, m, d, h, min)
}

fn rfc(t: DateTime<Utc>) -> String {
    t.with_timezone(&Berlin).to_rfc3339()
}

impl Harness {
    async fn start(db: Backend, studio: StudioToml, limits: RateLimits) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let database = db.fresh(dir.path());
        Self::start_on(database, dir, studio, limits).await
    }

    async fn start_on(
        database: Database,
        dir: tempfile::TempDir,
        studio: StudioToml,
        limits: RateLimits,
    ) -> Harness {
        let clock = pinned(berlin(6, 1, 7, 0));
        let server = start(ServerOptions {
            dev_tokens: true,
            limits,
            ..ServerOptions::new(
                studio.all_week(r#"["00:00", "24:00"]"#).config(),
                database,
                any_port(),
                clock.clone(),
            )
        })
        .await
        .unwrap();
        Harness {
            url: server.url(),
            server: Some(server),
            _clock: clock,
            _dir: dir,
        }
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let client = Client::new(ServerSettings {
            url: self.url.clone(),
            token: token.into(),
        })
        .unwrap();
        let body = body.map(|b| serde_json::to_vec(&b).unwrap());
        let (status, bytes) = client.send(method, path, body).await.unwrap();
        let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, value)
    }

    /// A bare `GET path` on a fresh connection: the status and the `Retry-After` header.
    async fn bare_get(&self, path: &str, token: Option<&str>) -> (u16, Option<String>) {
        self.bare("GET", path, token, None).await
    }

    /// A bare request on a fresh connection (cheaper than a client per desk).
    async fn bare(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> (u16, Option<String>) {
        let addr = self.url.trim_start_matches("http://");
        let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
        let auth = token.map_or(String::new(), |t| format!("authorization: Bearer {t}\r\n"));
        let body = body.map_or(String::new(), Value::to_string);
        let request = format!(
            "{method} {path} HTTP/1.1\r\nhost: {addr}\r\n{auth}content-type: application/json\r\n\
             content-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        conn.write_all(request.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        conn.read_to_end(&mut answer).await.unwrap();
        let text = String::from_utf8_lossy(&answer);
        let status = text[9..12].parse().unwrap();
        let retry = text
            .lines()
            .take_while(|l| !l.is_empty())
            .find_map(|l| l.strip_prefix("retry-after: "))
            .map(str::to_owned);
        (status, retry)
    }

    /// The change log's head and every booking, as a desk would pull them from the start.
    async fn everything(&self) -> (i64, Value) {
        let (status, page) = self
            .call(Method::GET, "/v1/sync/pull?since=0&limit=5000", A, None)
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        (page["cursor"].as_i64().unwrap(), page["changes"].clone())
    }

    async fn stop(mut self) {
        if let Some(s) = self.server.take() {
            s.stop().await;
        }
    }
}

fn booking(id: Uuid, start: DateTime<Utc>, name: &str, note: &str) -> Value {
    json!({"id": id, "room": "studio-a", "start": rfc(start), "end": rfc(start + Duration::hours(1)),
        "customer": {"name": name, "phone": "+49 30 1234", "email": "ada@example.com"}, "note": note})
}

/// Asserts a 422 `invalid` whose message names `field` and its cap.
fn refused(answer: (StatusCode, Value), field: &str, what: &str) {
    let (status, body) = answer;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}: {body}");
    assert_eq!(body["error"], "invalid", "{what}");
    let message = body["message"].as_str().unwrap();
    assert!(
        message.starts_with(&format!("{field}: at most ")),
        "{what}: {message}"
    );
}

async fn oversized_texts_are_refused_naming_the_field_and_change_nothing(db: Backend) {
    let h = Harness::start(db, klangraum(), RateLimits::default()).await;
    let (id, start) = (Uuid::new_v4(), berlin(6, 2, 10, 0));
    let (status, made) = h
        .call(
            Method::POST,
            "/v1/bookings",
            A,
            Some(booking(id, start, "Ada", "fine")),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let customer = made["customerId"].as_str().unwrap().to_owned();
    let before = h.everything().await;

    // The issue's booking: a 3 MiB note and a 500 kB name, each on its own too.
    let long = |n: usize| "x".repeat(n);
    let later = berlin(6, 3, 10, 0);
    for (body, field) in [
        (
            booking(Uuid::new_v4(), later, &long(500_000), &long(3 << 20)),
            "customer.name",
        ),
        (
            booking(Uuid::new_v4(), later, "Ada", &long(3 << 20)),
            "note",
        ),
        (
            booking(Uuid::new_v4(), later, "Ada", &"ü".repeat(NOTE_MAX + 1)),
            "note",
        ),
        (
            booking(Uuid::new_v4(), later, &"Ä".repeat(NAME_MAX + 1), ""),
            "customer.name",
        ),
    ] {
        refused(
            h.call(Method::POST, "/v1/bookings", A, Some(body)).await,
            field,
            "create",
        );
    }
    let mut phone = booking(Uuid::new_v4(), later, "Ada", "");
    phone["customer"]["phone"] = json!(long(41));
    refused(
        h.call(Method::POST, "/v1/bookings", A, Some(phone)).await,
        "customer.phone",
        "phone",
    );
    let mut email = booking(Uuid::new_v4(), later, "Ada", "");
    email["customer"]["email"] = json!(long(255));
    refused(
        h.call(Method::POST, "/v1/bookings", A, Some(email)).await,
        "customer.email",
        "email",
    );

    let path = |tail: &str| format!("/v1/bookings/{id}/{tail}");
    let reason = json!({"reason": long(501)});
    refused(
        h.call(Method::POST, &path("cancel"), A, Some(reason.clone()))
            .await,
        "reason",
        "cancel",
    );
    refused(
        h.call(Method::POST, &path("cancel-following"), A, Some(reason))
            .await,
        "reason",
        "cancel following",
    );
    let details = json!({"version": 1, "change": {"kind": "details",
        "customer": {"name": "Ada"}, "note": long(NOTE_MAX + 1)}});
    refused(
        h.call(Method::POST, &path("changes"), A, Some(details))
            .await,
        "change.note",
        "details",
    );
    let staff = json!({"version": 1, "change": {"kind": "noShow"}, "staff": {"id": Uuid::new_v4(), "name": long(121)}});
    refused(
        h.call(Method::POST, &path("changes"), A, Some(staff)).await,
        "staff.name",
        "staff",
    );
    let edit = json!({"version": 1, "name": "Ada", "notes": long(4_001)});
    let customer_path = format!("/v1/customers/{customer}");
    refused(
        h.call(Method::PUT, &customer_path, A, Some(edit)).await,
        "notes",
        "customer",
    );
    let series = json!({"id": Uuid::new_v4(), "rule": {"room": "studio-a", "first": "2026-07-01",
        "start": "10:00", "minutes": 60, "repeat": "weekly", "times": 3},
        "customer": {"name": long(121)}});
    refused(
        h.call(Method::POST, "/v1/series", A, Some(series)).await,
        "customer.name",
        "series",
    );
    let (_, mut studio) = h.call(Method::GET, "/v1/studio", ADMIN, None).await;
    studio["staff"] = Value::Null;
    for (field, value) in [("name", long(121)), ("currency", long(9))] {
        let mut update = studio.clone();
        update[field] = json!(value);
        refused(
            h.call(Method::PUT, "/v1/studio", ADMIN, Some(update)).await,
            field,
            "studio",
        );
    }
    let mut update = studio.clone();
    update["rooms"][1]["name"] = json!(long(121));
    refused(
        h.call(Method::PUT, "/v1/studio", ADMIN, Some(update)).await,
        "rooms[1].name",
        "room",
    );
    let hold = json!({"holds": [{"room": long(65), "start": rfc(later), "end": rfc(later + Duration::hours(1))}]});
    let hold_path = format!("/v1/holds/{}", Uuid::new_v4());
    refused(
        h.call(Method::PUT, &hold_path, A, Some(hold)).await,
        "holds[0].room",
        "hold",
    );
    let search = format!("/v1/customers?q={}", long(201));
    refused(h.call(Method::GET, &search, A, None).await, "q", "search");
    assert_eq!(h.everything().await, before, "nothing was written");

    // A push: the oversized mutation alone is refused, with the same words.
    let (bad, good) = (Uuid::new_v4(), Uuid::new_v4());
    let push = json!({"mutations": [
        {"id": bad, "kind": "createBooking", "booking": booking(Uuid::new_v4(), later, &long(500_000), "")},
        {"id": good, "kind": "createBooking", "booking": booking(Uuid::new_v4(), later, "Ada", "")},
    ]});
    let (status, answer) = h.call(Method::POST, "/v1/sync/push", A, Some(push)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["results"][0]["status"], "invalid");
    assert_eq!(
        answer["results"][0]["message"],
        "booking.customer.name: at most 120 characters"
    );
    assert_eq!(answer["results"][1]["status"], "applied");
    let (_, changes) = h.everything().await;
    assert_eq!(changes.as_array().unwrap().len(), 2, "the valid one only");
    h.stop().await;
}

async fn a_pull_page_is_bounded_in_bytes(db: Backend) {
    let h = Harness::start(db, klangraum(), RateLimits::default()).await;
    // 300 bookings of about 4.3 kB of JSON each (about 1.3 MB), each of its own customer,
    // then each customer's notes at their cap (about 8 kB each, 2.4 MB): past the 1 MiB
    // bound several times.
    let (note, name) = ("ü".repeat(NOTE_MAX), "Ä".repeat(NAME_MAX));
    let phone = |k: i64| format!("+49 30 {:07}", 1_000_000 + k);
    let mutations: Vec<Value> = (0..300)
        .map(|k| {
            let start = berlin(6, 2, 0, 0) + Duration::hours(k);
            let mut made = booking(Uuid::new_v4(), start, &name, &note);
            made["customer"]["phone"] = json!(phone(k));
            made["customer"]["email"] = Value::Null;
            json!({"id": Uuid::new_v4(), "kind": "createBooking", "booking": made})
        })
        .collect();
    let push = |mutations: Vec<Value>| {
        h.call(
            Method::POST,
            "/v1/sync/push",
            A,
            Some(json!({"mutations": mutations})),
        )
    };
    let (status, answer) = push(mutations).await;
    assert_eq!(status, StatusCode::OK);
    let results = answer["results"].as_array().unwrap();
    assert!(results.iter().all(|r| r["status"] == "applied"));
    let notes = "ü".repeat(frontdesk_protocol::limits::CUSTOMER_NOTES_MAX);
    let edits: Vec<Value> = results
        .iter()
        .zip(0..)
        .map(|(r, k)| {
            json!({"id": Uuid::new_v4(), "kind": "editCustomer",
                "customerId": r["booking"]["customerId"], "request": {"version": 1,
                "name": name, "phone": phone(k), "notes": notes}})
        })
        .collect();
    let (status, answer) = push(edits).await;
    assert_eq!(status, StatusCode::OK);
    let results = answer["results"].as_array().unwrap();
    assert!(
        results.iter().all(|r| r["status"] == "applied"),
        "{:?}",
        results.first()
    );

    let (mut since, mut pages) = (0, Vec::new());
    let (mut bookings, mut customers) = (0, std::collections::BTreeSet::new());
    loop {
        let path = format!("/v1/sync/pull?since={since}&limit=5000");
        let client = Client::new(ServerSettings {
            url: h.url.clone(),
            token: A.into(),
        })
        .unwrap();
        let (status, bytes) = client.send(Method::GET, &path, None).await.unwrap();
        assert_eq!(status, StatusCode::OK);
        let page: Value = serde_json::from_slice(&bytes).unwrap();
        let n = page["changes"].as_array().unwrap().len();
        let listed = page["customers"].as_array().cloned().unwrap_or_default();
        assert!(n + listed.len() >= 1, "a page has at least one change");
        pages.push((n, listed.len(), bytes.len()));
        bookings += n;
        for c in &listed {
            assert_eq!(
                c["notes"].as_str().unwrap().chars().count(),
                notes.chars().count()
            );
            assert!(
                customers.insert(c["id"].as_str().unwrap().to_owned()),
                "once"
            );
        }
        assert!(
            page["cursor"].as_i64().unwrap() > since,
            "the cursor moves on"
        );
        since = page["cursor"].as_i64().unwrap();
        if page["more"] == false {
            break;
        }
    }
    assert_eq!(
        (bookings, customers.len()),
        (300, 300),
        "every change, once: {pages:?}"
    );
    assert!(pages.len() >= 4, "{pages:?}");
    let bound = frontdesk_server::routes::sync::PULL_PAGE_BYTES;
    let largest_change = 9_000;
    assert!(
        pages
            .iter()
            .all(|(_, _, bytes)| *bytes <= bound + largest_change + 4_096),
        "{pages:?}"
    );
    h.stop().await;
}

/// A chain's server (PostgreSQL) with a chain administrator's token made with the binary,
/// as an operator would.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chains_studio_and_desk_names_are_capped_too() {
    let url = fresh_database();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("studio.toml");
    std::fs::write(&file, klangraum().toml()).unwrap();
    let database = Database::parse(&url, 2);
    let h = Harness::start_on(database, dir, klangraum(), RateLimits::default()).await;
    let output = std::process::Command::new(frontdesk_testkit::server::server_binary())
        .args(["chain-admin", "add", "operations", "--config"])
        .arg(&file)
        .args(["--database", &url])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let admin = String::from_utf8(output.stdout).unwrap().trim().to_owned();
    let (status, before) = h.call(Method::GET, "/v1/chain/studios", &admin, None).await;
    assert_eq!(status, StatusCode::OK, "{before}");
    let studio = |id: &str, name: &str| {
        json!({"id": id, "studio": {"version": 0, "name": name, "timezone": "Europe/Lisbon",
            "holdTtlSeconds": 30, "rooms": [{"id": "hall-1", "name": "Hall 1", "durations": [60],
            "interval": 60}], "hours": {"weekly": {"mon": [["08:00", "22:00"]]}, "dates": {}}}})
    };
    let long = |n: usize| "x".repeat(n);
    let add = |body: Value| h.call(Method::POST, "/v1/chain/studios", &admin, Some(body));
    refused(add(studio(&long(65), "Harbour")).await, "id", "studio id");
    refused(
        add(studio("harbour", &long(121))).await,
        "studio.name",
        "studio name",
    );
    let desk = json!({"name": long(121)});
    let path = "/v1/chain/studios/main/desks";
    refused(
        h.call(Method::POST, path, &admin, Some(desk)).await,
        "name",
        "desk name",
    );
    let (_, after) = h.call(Method::GET, "/v1/chain/studios", &admin, None).await;
    assert_eq!(after, before, "no studio was added");
    h.stop().await;
}

fn strict(clock: &LimitClock) -> RateLimits {
    RateLimits {
        token_rate: 1,
        token_burst: 5,
        clock: clock.clone(),
        ..RateLimits::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_over_a_tokens_limit_is_answered_429_with_retry_after() {
    let clock = LimitClock::manual();
    let h = Harness::start(Backend::Sqlite, klangraum(), strict(&clock)).await;
    for _ in 0..5 {
        assert_eq!(h.bare_get("/v1/studio", Some(A)).await, (200, None));
    }
    assert_eq!(
        h.bare_get("/v1/studio", Some(A)).await,
        (429, Some("1".to_owned()))
    );
    let (status, body) = h.call(Method::GET, "/v1/studio", A, None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["error"], "rate_limited");
    // Another desk's token has its own limit; probes are never limited.
    assert_eq!(h.bare_get("/v1/studio", Some("token-b")).await, (200, None));
    assert_eq!(h.bare_get("/v1/health", Some(A)).await.0, 200);
    clock.advance(std::time::Duration::from_secs(1));
    assert_eq!(h.bare_get("/v1/studio", Some(A)).await, (200, None));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_bad_tokens_from_one_address_is_cut_off_and_desks_go_on() {
    let clock = LimitClock::manual();
    let limits = RateLimits {
        clock: clock.clone(),
        ..RateLimits::default()
    };
    let h = Harness::start(Backend::Sqlite, klangraum(), limits).await;
    let burst = frontdesk_server::limits::ADDRESS_BURST;
    for k in 0..burst {
        let token = format!("guess-{k}");
        assert_eq!(h.bare_get("/v1/studio", Some(&token)).await.0, 401);
    }
    let (status, retry) = h.bare_get("/v1/studio", Some("guess-more")).await;
    assert_eq!(status, 429);
    assert!(retry.is_some());
    assert_eq!(
        h.bare_get("/v1/studio", None).await.0,
        429,
        "no token either"
    );
    let guess = json!({"code": "ABCDEFGHJK"});
    let (status, _) = h.bare("POST", "/v1/enrol", None, Some(&guess)).await;
    assert_eq!(status, 429, "nor enrolment codes");
    // A desk at the same address is counted by its own token.
    assert_eq!(h.bare_get("/v1/studio", Some(A)).await, (200, None));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_desks_heartbeating_every_5_s_never_see_429() {
    let clock = LimitClock::manual();
    let limits = RateLimits {
        clock: clock.clone(),
        ..RateLimits::default()
    };
    let mut studio = klangraum();
    for k in 0..500 {
        studio = studio.desk(&format!("desk-{k}"), &format!("token-{k}"));
    }
    let h = Harness::start(Backend::Sqlite, studio, limits).await;
    let start = berlin(6, 20, 0, 0);
    let bodies: Vec<(String, Value)> = (0..500i64)
        .map(|k| {
            let at = start + Duration::minutes(15 * k);
            let hold = json!({"holds": [{"room": "studio-b", "start": rfc(at), "end": rfc(at + Duration::minutes(15))}]});
            (format!("/v1/holds/{}", Uuid::new_v4()), hold)
        })
        .collect();
    // Three heartbeats each, 5 s apart, and what a desk asks besides (its studio, a pull);
    // all of them from this one address.
    for round in 0..3 {
        for (k, (path, hold)) in bodies.iter().enumerate() {
            let token = format!("token-{k}");
            let (status, _) = h.bare("PUT", path, Some(&token), Some(hold)).await;
            assert_eq!(status, 200, "round {round}, desk {k}");
            if round == 0 {
                for path in ["/v1/studio", "/v1/sync/pull?since=0"] {
                    let (status, _) = h.bare_get(path, Some(&token)).await;
                    assert_eq!(status, 200, "desk {k}: {path}");
                }
            }
        }
        clock.advance(std::time::Duration::from_secs(5));
    }
    h.stop().await;
}
