//! A server on a real network: clients that hang up or time out cannot exhaust it,
//! readiness follows the database, and desks are enrolled once, revoked everywhere.

#![allow(clippy::unwrap_used)]

use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Method, StatusCode};
use frontdesk_server::{start, Database, ManualClock, RunningServer, ServerOptions};
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::http::call;
use frontdesk_testkit::postgres::fresh_database;
use frontdesk_testkit::server::{any_port, enrol};
use frontdesk_testkit::studio::klangraum;
use frontdesk_testkit::tcp_relay::{address_of, through, TcpRelay};
use serde_json::{json, Value};
use std::sync::Arc;
use uuid::Uuid;

const A: &str = "token-a";
const ADMIN: &str = "token-admin";

fn berlin(d: u32, h: u32, min: u32) -> DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, 6, d, h, min)
}

async fn serve(
    database: Database,
    clock: Arc<ManualClock>,
    timeout: StdDuration,
    dev: bool,
) -> RunningServer {
    let config = klangraum().all_week(r#"["00:00", "24:00"]"#).config();
    start(ServerOptions {
        request_timeout: timeout,
        dev_tokens: dev,
        ..ServerOptions::new(config, database, any_port(), clock)
    })
    .await
    .unwrap()
}

/// `count` non-overlapping quarter-hour bookings from `first`, as one push.
fn push(first: usize, count: usize) -> Value {
    let mutations: Vec<Value> = (first..first + count)
        .map(|i| {
            let start = berlin(1, 0, 0) + Duration::minutes(15 * i as i64);
            let id = Uuid::from_u128(0xb00c_0000 + i as u128);
            json!({"id": Uuid::from_u128(0x0a0a_0000 + i as u128), "kind": "createBooking", "booking": {
                "id": id, "room": "studio-a",
                "start": start.with_timezone(&Berlin).to_rfc3339(),
                "end": (start + Duration::minutes(15)).with_timezone(&Berlin).to_rfc3339(),
                "customer": {"name": format!("Guest {i}")}}})
        })
        .collect();
    json!({ "mutations": mutations })
}

/// Locks the `room_days` table in a transaction of its own (every booking write waits
/// for it) until the sender is used.
fn hold_room_days(db: &str) -> std::sync::mpsc::Sender<()> {
    let (release, wait) = std::sync::mpsc::channel::<()>();
    let (locked, is_locked) = std::sync::mpsc::channel::<()>();
    let db = db.to_owned();
    std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&db, postgres::NoTls).unwrap();
        let mut tx = client.transaction().unwrap();
        tx.batch_execute("LOCK TABLE room_days IN EXCLUSIVE MODE")
            .unwrap();
        locked.send(()).unwrap();
        let _ = wait.recv();
        tx.commit().unwrap();
    });
    is_locked.recv().unwrap();
    release
}

async fn ready(url: &str) -> StatusCode {
    call(url, A, Method::GET, "/v1/ready", None).await.0
}

/// Polls `ready` until it answers `want`, for at most 15 s.
async fn until_ready_is(url: &str, want: StatusCode) {
    let deadline = Instant::now() + StdDuration::from_secs(15);
    loop {
        let got = ready(url).await;
        if got == want {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "readiness stayed {got}, expected {want}"
        );
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hung_up_and_timed_out_requests_leave_the_instance_whole() {
    let db = fresh_database();
    let relay = TcpRelay::start(address_of(&db)).await;
    // Two connections and a one-second request timeout: what once left the instance
    // answering 500 to every database request for good.
    let server = serve(
        Database::parse(&through(&db, &relay), 2),
        pinned(berlin(1, 7, 0)),
        StdDuration::from_secs(1),
        true,
    )
    .await;
    let url = server.url();
    assert_eq!(ready(&url).await, StatusCode::OK);

    // Another transaction holds every room-day, so the pushes below stall on their first
    // write, holding both connections: two clients hang up after 300 ms, a third waits
    // and is told the server stopped waiting (the outcome is unknown).
    let release = hold_room_days(&db);
    let (n, size) = (3, 150);
    let mut hung_up = Vec::new();
    for k in 0..2 {
        let url = url.clone();
        hung_up.push(tokio::spawn(async move {
            let body = push(k * size, size);
            tokio::time::timeout(
                StdDuration::from_millis(300),
                call(&url, A, Method::POST, "/v1/sync/push", Some(body)),
            )
            .await
            .is_err()
        }));
    }
    let (status, body) = call(
        &url,
        A,
        Method::POST,
        "/v1/sync/push",
        Some(push(2 * size, size)),
    )
    .await;
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT, "{body}");
    assert_eq!(body["error"], "timeout");
    assert!(
        body["message"].as_str().unwrap().contains("unknown"),
        "{body}"
    );
    for client in hung_up {
        assert!(
            client.await.unwrap(),
            "the client hung up before the answer"
        );
    }
    release.send(()).unwrap();

    // Afterwards every kind of request is answered normally, on the same two connections.
    until_ready_is(&url, StatusCode::OK).await;
    let id = Uuid::new_v4();
    let walk_in = json!({"id": id, "room": "studio-b", "start": berlin(20, 10, 0).with_timezone(&Berlin).to_rfc3339(), "end": berlin(20, 11, 0).with_timezone(&Berlin).to_rfc3339(), "customer": {"name": "After the storm"}});
    let probes: Vec<(Method, String, Option<Value>, StatusCode)> = vec![
        (
            Method::POST,
            "/v1/bookings".into(),
            Some(walk_in),
            StatusCode::CREATED,
        ),
        (
            Method::GET,
            format!("/v1/bookings/{id}"),
            None,
            StatusCode::OK,
        ),
        (Method::GET, "/v1/studio".into(), None, StatusCode::OK),
        (
            Method::PUT,
            format!("/v1/holds/{}", Uuid::new_v4()),
            Some(
                json!({"holds": [{"room": "studio-a", "start": berlin(21, 10, 0).with_timezone(&Berlin).to_rfc3339(), "end": berlin(21, 11, 0).with_timezone(&Berlin).to_rfc3339()}]}),
            ),
            StatusCode::OK,
        ),
        (
            Method::GET,
            "/v1/holds?date=2026-06-21".into(),
            None,
            StatusCode::OK,
        ),
        (
            Method::GET,
            "/v1/availability/day?room=studio-a&date=2026-06-21&duration=60".into(),
            None,
            StatusCode::OK,
        ),
        (
            Method::GET,
            "/v1/availability/month?room=studio-a&month=2026-06&duration=60".into(),
            None,
            StatusCode::OK,
        ),
        (
            Method::POST,
            "/v1/rooms/status".into(),
            Some(json!({"rooms": ["studio-a", "studio-b"]})),
            StatusCode::OK,
        ),
        (
            Method::GET,
            "/v1/customers?q=storm".into(),
            None,
            StatusCode::OK,
        ),
        (Method::GET, "/v1/activity".into(), None, StatusCode::OK),
        (
            Method::GET,
            "/v1/sync/pull?since=0".into(),
            None,
            StatusCode::OK,
        ),
    ];
    for round in 0..3 {
        for (method, path, body, want) in &probes {
            let want = if round > 0 && *want == StatusCode::CREATED {
                StatusCode::OK
            } else {
                *want
            };
            let (status, answer) = call(&url, A, method.clone(), path, body.clone()).await;
            assert_eq!(status, want, "round {round}: {method} {path}: {answer}");
        }
    }

    // Sending the cut pushes again with the same ids is safe: in smaller pieces, every
    // booking exists exactly once, whatever the first attempts had committed.
    // A piece that times out again is simply sent again, as the desk's outbox does.
    for first in (0..n * size).step_by(50) {
        let mut attempts = 0;
        let answer = loop {
            attempts += 1;
            let body = Some(push(first, 50));
            let (status, answer) = call(&url, A, Method::POST, "/v1/sync/push", body).await;
            if status == StatusCode::OK {
                break answer;
            }
            assert_eq!(status, StatusCode::REQUEST_TIMEOUT, "{answer}");
            assert!(attempts < 20, "piece {first} timed out {attempts} times");
        };
        for result in answer["results"].as_array().unwrap() {
            let status = result["status"].as_str().unwrap();
            assert!(status == "applied" || status == "duplicate", "{result}");
        }
    }
    let (_, pulled) = call(
        &url,
        A,
        Method::GET,
        "/v1/bookings?from=2026-05-31T00:00:00Z&to=2026-08-01T00:00:00Z&room=studio-a",
        None,
    )
    .await;
    let mut ids: Vec<&str> = pulled["bookings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!((all, ids.len()), (n * size, n * size));

    // Readiness fails while the database is down, and only then.
    relay.cut();
    until_ready_is(&url, StatusCode::SERVICE_UNAVAILABLE).await;
    let (status, body) = call(&url, A, Method::GET, "/v1/studio", None).await;
    assert!(
        status.is_success(),
        "the studio is served from memory: {status} {body}"
    );
    let (status, body) = call(&url, A, Method::GET, "/v1/sync/pull?since=0", None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["error"], "unavailable");
    relay.restore();
    until_ready_is(&url, StatusCode::OK).await;
    let (status, _) = call(&url, A, Method::GET, "/v1/sync/pull?since=0", None).await;
    assert_eq!(status, StatusCode::OK);
    server.stop().await;
}

/// Polls until `token` gets `want` from `/v1/studio`; how long that took.
async fn until_answered(url: &str, token: &str, want: StatusCode) -> StdDuration {
    let started = Instant::now();
    loop {
        let (status, _) = call(url, token, Method::GET, "/v1/studio", None).await;
        if status == want {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < StdDuration::from_secs(10),
            "{token} still {status}"
        );
        tokio::time::sleep(StdDuration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_or_replaced_token_is_refused_by_both_instances_within_5_s() {
    let db = fresh_database();
    let clock = pinned(berlin(1, 7, 0));
    let timeout = StdDuration::from_secs(30);
    let a = serve(Database::parse(&db, 2), clock.clone(), timeout, true).await;
    let b = serve(Database::parse(&db, 2), clock, timeout, true).await;
    let (ua, ub) = (a.url(), b.url());

    // An admin desk issues a code on A; the laptop enrols on B; both instances accept it.
    let issue = |name: &'static str| {
        let ua = ua.clone();
        async move {
            let (status, code) = call(
                &ua,
                ADMIN,
                Method::POST,
                "/v1/desks",
                Some(json!({"name": name})),
            )
            .await;
            assert_eq!(status, StatusCode::CREATED, "{code}");
            code["code"].as_str().unwrap().to_owned()
        }
    };
    let first = enrol(&ub, &issue("laptop").await).await;
    for url in [&ua, &ub] {
        until_answered(url, &first, StatusCode::OK).await;
    }
    let (_, desks) = call(&ua, ADMIN, Method::GET, "/v1/desks", None).await;
    assert_eq!(desks["desks"][0]["name"], "laptop", "{desks}");
    assert_eq!(desks["desks"][0]["appVersion"], "test", "{desks}");

    // Re-keyed: the new token works, the old one is refused on both within 5 s.
    let second = enrol(&ua, &issue("laptop").await).await;
    for url in [&ua, &ub] {
        let took = until_answered(url, &first, StatusCode::UNAUTHORIZED).await;
        assert!(
            took < StdDuration::from_secs(5),
            "replaced token refused after {took:?}"
        );
        until_answered(url, &second, StatusCode::OK).await;
    }

    // Revoked on B (the laptop was stolen): refused on both within 5 s.
    let (status, _) = call(&ub, ADMIN, Method::DELETE, "/v1/desks/laptop", None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    for url in [&ua, &ub] {
        let took = until_answered(url, &second, StatusCode::UNAUTHORIZED).await;
        assert!(
            took < StdDuration::from_secs(5),
            "revoked token refused after {took:?}"
        );
    }
    let (_, desks) = call(&ua, ADMIN, Method::GET, "/v1/desks", None).await;
    assert_eq!(desks["desks"], json!([]), "{desks}");
    a.stop().await;
    b.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_enrolment_code_works_once_and_only_for_ten_minutes() {
    for database in [
        Database::Sqlite(tempfile::tempdir().unwrap().keep().join("s.sqlite")),
        Database::parse(&fresh_database(), 2),
    ] {
        let clock = pinned(berlin(1, 7, 0));
        let server = serve(database, clock.clone(), StdDuration::from_secs(30), true).await;
        let url = server.url();
        let code = |name: &'static str| {
            let url = url.clone();
            async move {
                let (status, code) = call(
                    &url,
                    ADMIN,
                    Method::POST,
                    "/v1/desks",
                    Some(json!({"name": name, "admin": false})),
                )
                .await;
                assert_eq!(status, StatusCode::CREATED, "{code}");
                code["code"].as_str().unwrap().to_owned()
            }
        };
        let refused = |code: String| {
            let url = url.clone();
            async move {
                let (status, body) = call(
                    &url,
                    "",
                    Method::POST,
                    "/v1/enrol",
                    Some(json!({"code": code})),
                )
                .await;
                assert_eq!(
                    (status, body["error"].as_str()),
                    (StatusCode::UNAUTHORIZED, Some("unauthorized")),
                    "{body}"
                );
            }
        };
        // Used once; typed in lower case with spaces the first time.
        let once = code("bar-2").await;
        let token = enrol(&url, &once.to_lowercase().replace('-', " ")).await;
        assert_eq!(
            call(&url, &token, Method::GET, "/v1/studio", None).await.0,
            StatusCode::OK
        );
        refused(once).await;
        // Expired after ten minutes.
        let late = code("bar-3").await;
        clock.set(berlin(1, 7, 10) + Duration::seconds(1));
        refused(late).await;
        // Made up, or not a code at all.
        refused("ABCD-EFGHJK".into()).await;
        refused("x".repeat(20)).await;
        let (status, body) = call(
            &url,
            "",
            Method::POST,
            "/v1/enrol",
            Some(json!({"code": "x".repeat(200)})),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        // A staff desk manages no desks; a desk needs a proper name.
        let (status, _) = call(
            &url,
            A,
            Method::POST,
            "/v1/desks",
            Some(json!({"name": "mine"})),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = call(&url, A, Method::GET, "/v1/desks", None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, body) = call(
            &url,
            ADMIN,
            Method::POST,
            "/v1/desks",
            Some(json!({"name": "Front Desk!"})),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body["message"].as_str().unwrap().starts_with("name:"),
            "{body}"
        );
        server.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tokens_of_studio_toml_need_the_development_flag() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(
        Database::Sqlite(dir.path().join("s.sqlite")),
        pinned(berlin(1, 7, 0)),
        StdDuration::from_secs(30),
        false,
    )
    .await;
    for token in [A, ADMIN, "", "not-a-token"] {
        let (status, body) = call(&server.url(), token, Method::GET, "/v1/studio", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{token}: {body}");
    }
    assert_eq!(ready(&server.url()).await, StatusCode::OK);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_retried_while_its_first_attempt_runs_is_answered_with_the_booking() {
    let db = fresh_database();
    let server = serve(
        Database::parse(&db, 4),
        pinned(berlin(1, 7, 0)),
        StdDuration::from_secs(30),
        true,
    )
    .await;
    let url = server.url();
    let id = Uuid::new_v4();
    let body = json!({"id": id, "room": "studio-a",
        "start": berlin(9, 10, 0).with_timezone(&Berlin).to_rfc3339(),
        "end": berlin(9, 11, 0).with_timezone(&Berlin).to_rfc3339(),
        "customer": {"name": "Impatient client"}});
    // Both attempts pass their first id check and wait for the room-day; the first commits,
    // then the retry finds its booking made.
    let release = hold_room_days(&db);
    let waiting = |n: i64| {
        let db = db.clone();
        async move {
            let deadline = Instant::now() + StdDuration::from_secs(10);
            let sql = "SELECT count(*) FROM pg_stat_activity \
                       WHERE datname = current_database() AND wait_event_type = 'Lock'";
            while frontdesk_testkit::postgres::query_i64(&db, sql)[0] < n {
                assert!(Instant::now() < deadline, "{n} writers never waited");
                tokio::time::sleep(StdDuration::from_millis(20)).await;
            }
        }
    };
    let first = {
        let (url, body) = (url.clone(), body.clone());
        tokio::spawn(async move { call(&url, A, Method::POST, "/v1/bookings", Some(body)).await })
    };
    waiting(1).await;
    let retry = {
        let (url, body) = (url.clone(), body.clone());
        tokio::spawn(async move { call(&url, A, Method::POST, "/v1/bookings", Some(body)).await })
    };
    waiting(2).await;
    release.send(()).unwrap();
    let (first, retry) = (first.await.unwrap(), retry.await.unwrap());
    // Both wait on the same row-days once the table lock goes: either may make it.
    let mut statuses = [first.0, retry.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::CREATED],
        "{} {} / {} {}",
        first.0,
        first.1,
        retry.0,
        retry.1
    );
    assert_eq!(retry.1["id"], first.1["id"]);
    assert_eq!(retry.1["version"], first.1["version"]);
    server.stop().await;
}
