//! Several server instances on one PostgreSQL database (a fresh one per test in the test
//! run's throwaway cluster, scripts/pg-test-cluster.sh), each on 127.0.0.1 port 0.
#![allow(clippy::unwrap_used)]

use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Client, Method, ServerEvent, ServerSettings, StatusCode};
use frontdesk_protocol::ChangeEvent;
use frontdesk_server::{Database, RunningServer};
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::postgres::{fresh_database, query_i64};
use frontdesk_testkit::server::{any_port, serve_database, ServerProcess};
use frontdesk_testkit::studio::klangraum;
use futures_util::StreamExt;
use serde_json::{json, Value};
use uuid::Uuid;

const A: &str = "token-a";
const B: &str = "token-b";

fn berlin(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, m, d, h, min)
}

fn rfc(t: DateTime<Utc>) -> String {
    t.with_timezone(&Berlin).to_rfc3339()
}

fn client(url: &str, token: &str) -> Client {
    Client::new(ServerSettings {
        url: url.into(),
        token: token.into(),
    })
    .unwrap()
}

async fn call(url: &str, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let body = body.map(|b| serde_json::to_vec(&b).unwrap());
    let (status, bytes) = client(url, A).send(method, path, body).await.unwrap();
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, value)
}

fn booking(id: Uuid, room: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> Value {
    json!({"id": id, "room": room, "start": rfc(start), "end": rfc(end), "customer": {"name": "Two instances"}})
}

/// Two in-process instances on one fresh database, the clock pinned.
async fn two_instances(db: &str) -> (RunningServer, RunningServer) {
    let clock = pinned(berlin(6, 1, 7, 0));
    let config = || klangraum().all_week(r#"["00:00", "24:00"]"#).config();
    let a = serve_database(config(), Database::parse(db, 4), any_port(), clock.clone()).await;
    let b = serve_database(config(), Database::parse(db, 4), any_port(), clock).await;
    (a, b)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_bookings_holds_and_events() {
    let db = fresh_database();
    let (a, b) = two_instances(&db).await;
    let urls = [a.url(), b.url()];

    // 40 overlapping bookings sent at once, alternately to both instances: one is stored.
    let mut tasks = Vec::new();
    for k in 0..40i64 {
        let url = urls[(k % 2) as usize].clone();
        tasks.push(tokio::spawn(async move {
            let start = berlin(6, 2, 10, 0) + Duration::minutes(15 * (k % 8));
            let body = booking(
                Uuid::new_v4(),
                "studio-a",
                start,
                start + Duration::hours(12),
            );
            call(&url, Method::POST, "/v1/bookings", Some(body)).await.0
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((created, refused), (1, 39), "{statuses:?}");
    assert_eq!(
        query_i64(
            &db,
            "SELECT count(*) FROM bookings WHERE status = 'confirmed'"
        ),
        vec![1]
    );

    // A hold set through A blocks the same span through B, for a hold and for a booking.
    let (from, to) = (berlin(6, 3, 10, 0), berlin(6, 3, 11, 0));
    let hold = json!({"holds": [{"room": "studio-b", "start": rfc(from), "end": rfc(to)}]});
    let path = |s: Uuid| format!("/v1/holds/{s}");
    let (status, body) = call(
        &urls[0],
        Method::PUT,
        &path(Uuid::new_v4()),
        Some(hold.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = call(&urls[1], Method::PUT, &path(Uuid::new_v4()), Some(hold)).await;
    assert_eq!(
        (status, body["conflicts"][0]["reason"].as_str()),
        (StatusCode::CONFLICT, Some("held")),
        "{body}"
    );
    let body = booking(Uuid::new_v4(), "studio-b", from, to);
    let (status, body) = call(&urls[1], Method::POST, "/v1/bookings", Some(body)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );

    // A desk streaming events from B hears of a booking made through A within a second.
    let events = client(&urls[1], B).events().await.unwrap();
    let mut events = std::pin::pin!(events);
    let sent = Instant::now();
    let body = booking(
        Uuid::new_v4(),
        "studio-b",
        berlin(6, 4, 9, 0),
        berlin(6, 4, 10, 0),
    );
    let (status, made) = call(&urls[0], Method::POST, "/v1/bookings", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let seq = made["seq"].as_i64().unwrap();
    let heard = tokio::time::timeout(StdDuration::from_secs(1), async {
        while let Some(event) = events.next().await {
            if let Ok(ServerEvent::Change(ChangeEvent { seq: s })) = event {
                if s >= seq {
                    return sent.elapsed();
                }
            }
        }
        StdDuration::MAX
    })
    .await;
    let heard = heard.unwrap_or_else(|_| panic!("B did not announce A's change {seq} within 1 s"));
    assert!(heard < StdDuration::from_secs(1));
    println!("instance B announced a booking made through A after {heard:?}");
    a.stop().await;
    b.stop().await;
}

/// A writer that took the next number and has not committed holds back every later writer
/// until it commits, so a desk pulling meanwhile never moves its cursor past it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_change_log_never_skips_a_late_commit() {
    let db = fresh_database();
    let (a, b) = two_instances(&db).await;
    let body = booking(
        Uuid::new_v4(),
        "studio-a",
        berlin(6, 2, 9, 0),
        berlin(6, 2, 10, 0),
    );
    let (status, first) = call(&a.url(), Method::POST, "/v1/bookings", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let cursor = first["seq"].as_i64().unwrap();

    // The slow writer: the last step of a write (the head raised, its booking stamped),
    // then no commit until told.
    let (commit_tx, commit_rx) = std::sync::mpsc::channel::<()>();
    let (numbered_tx, numbered_rx) = std::sync::mpsc::channel::<i64>();
    let slow_id = Uuid::new_v4();
    let url = db.clone();
    let slow = std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        let mut tx = client.transaction().unwrap();
        let seq: i64 = tx
            .query_one("UPDATE heads SET head = head + 1 RETURNING head", &[])
            .unwrap()
            .get(0);
        tx.execute(
            "INSERT INTO bookings (id, studio, room, start_at, end_at, name, status, desk,
                 created_at, updated_at, seq, payment)
             SELECT $1, 'main', 'studio-a', $2, $3, 'Slow commit', 'confirmed', 'slow', $2, $2,
                 $4, '{\"status\": \"unpaid\", \"amount\": 0}'",
            &[&slow_id, &berlin(6, 5, 9, 0), &berlin(6, 5, 10, 0), &seq],
        )
        .unwrap();
        numbered_tx.send(seq).unwrap();
        commit_rx.recv().unwrap();
        tx.commit().unwrap();
    });
    let slow_seq = tokio::task::spawn_blocking(move || numbered_rx.recv().unwrap())
        .await
        .unwrap();

    // The fast writer, through the other instance, on another room: it waits for the slow one.
    let url_b = b.url();
    let fast = tokio::spawn(async move {
        let body = booking(
            Uuid::new_v4(),
            "studio-b",
            berlin(6, 6, 9, 0),
            berlin(6, 6, 10, 0),
        );
        call(&url_b, Method::POST, "/v1/bookings", Some(body)).await
    });
    let waiting = "SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock'";
    let deadline = Instant::now() + StdDuration::from_secs(10);
    while query_i64(&db, waiting) != vec![1] {
        assert!(Instant::now() < deadline, "the fast writer never waited");
        tokio::time::sleep(StdDuration::from_millis(10)).await;
    }
    let pull = format!("/v1/sync/pull?since={cursor}");
    let (status, page) = call(&a.url(), Method::GET, &pull, None).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(
        page["changes"],
        json!([]),
        "nothing is committed yet: {page}"
    );

    commit_tx.send(()).unwrap();
    slow.join().unwrap();
    let (status, made) = fast.await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{made}");
    // Numbered after the slow writer committed (its customer record took a number too).
    let fast_seq = made["seq"].as_i64().unwrap();
    assert!(fast_seq > slow_seq, "{fast_seq} after {slow_seq}");
    let (_, page) = call(&a.url(), Method::GET, &pull, None).await;
    let seqs: Vec<i64> = page["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs, vec![slow_seq, fast_seq], "{page}");
    a.stop().await;
    b.stop().await;
}

/// Instance A is killed with SIGKILL in the middle of a push; the desk sends the same push
/// to instance B: every mutation is applied exactly once.
#[test]
fn a_push_cut_by_sigkill_is_retried_on_the_other_instance_exactly_once() {
    const COUNT: i64 = 400;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("studio.toml");
    let toml = klangraum().all_week(r#"["00:00", "24:00"]"#).toml();
    std::fs::write(&config, toml).unwrap();
    let db = fresh_database();
    let args = ["--database".as_ref(), db.as_ref()];
    let mut a = ServerProcess::spawn_on(&config, args);
    let b = ServerProcess::spawn_on(&config, args);
    let mutations: Vec<Value> = (0..COUNT)
        .map(|k| {
            let start = berlin(7, 1, 0, 0) + Duration::hours(k);
            let body = booking(
                Uuid::new_v4(),
                "studio-a",
                start,
                start + Duration::hours(1),
            );
            json!({"id": Uuid::new_v4(), "kind": "createBooking", "booking": body})
        })
        .collect();
    let push = json!({ "mutations": mutations });
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let url_a = a.url().to_owned();
    let sent = push.clone();
    // The answer never comes: the connection dies with A.
    let cut = runtime.spawn(async move {
        let body = serde_json::to_vec(&sent).unwrap();
        client(&url_a, A)
            .send(Method::POST, "/v1/sync/push", Some(body))
            .await
            .is_ok()
    });
    let applied = "SELECT count(*) FROM push_log";
    let deadline = Instant::now() + StdDuration::from_secs(20);
    while query_i64(&db, applied)[0] == 0 {
        assert!(
            Instant::now() < deadline,
            "A never started applying the push"
        );
        std::thread::sleep(StdDuration::from_millis(5));
    }
    a.kill(); // SIGKILL
    let before = query_i64(&db, applied)[0];
    assert!(
        before > 0 && before < COUNT,
        "{before} of {COUNT} applied when A died"
    );
    assert!(!runtime.block_on(cut).unwrap(), "A answered the push");

    let (status, body) = runtime.block_on(call(b.url(), Method::POST, "/v1/sync/push", Some(push)));
    assert_eq!(status, StatusCode::OK, "{body}");
    let results = body["results"].as_array().unwrap();
    let count = |s: &str| results.iter().filter(|r| r["status"] == s).count() as i64;
    assert_eq!(
        (count("duplicate"), count("applied")),
        (before, COUNT - before),
        "{body}"
    );
    assert_eq!(query_i64(&db, "SELECT count(*) FROM bookings"), vec![COUNT]);
    assert_eq!(query_i64(&db, applied), vec![COUNT]);
    println!("A applied {before} of {COUNT} before SIGKILL; B applied the rest, none twice");
}

/// A server dropped without `stop` (a test that ends early, a panic) lets its runtime end:
/// the threads that carry events between instances notice that nobody can stop them.
#[test]
fn servers_dropped_without_stop_let_their_runtime_end() {
    let db = fresh_database();
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let (a, b) = two_instances(&db).await;
            let body = booking(
                Uuid::new_v4(),
                "studio-a",
                berlin(6, 2, 9, 0),
                berlin(6, 2, 10, 0),
            );
            let (status, _) = call(&a.url(), Method::POST, "/v1/bookings", Some(body)).await;
            assert_eq!(status, StatusCode::CREATED);
            drop((a, b));
            // Long enough for the servers' tasks to reach their end before the runtime goes.
            tokio::time::sleep(StdDuration::from_millis(300)).await;
        });
        drop(runtime);
        let _ = done_tx.send(());
    });
    assert!(
        done_rx.recv_timeout(StdDuration::from_secs(20)).is_ok(),
        "the runtime never ended: a server's threads outlived it"
    );
}

/// An admin changes the studio through instance A: a desk streaming from B hears of it, and
/// by then B serves the new studio (its rooms, and its refusals of the old ones).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_studio_changed_through_one_instance_is_served_by_the_other() {
    let db = fresh_database();
    let (a, b) = two_instances(&db).await;
    let desk_b = client(&b.url(), B);
    let events = desk_b.events().await.unwrap();
    let mut events = std::pin::pin!(events);
    let all_day = json!([["00:00", "24:00"]]);
    let change = json!({
        "version": 1, "name": "Klangraum Studios", "timezone": "Europe/Berlin", "holdTtlSeconds": 10,
        "rooms": [{"id": "studio-c", "name": "Studio C", "durations": [60], "interval": 60}],
        "hours": {"weekly": {"mon": all_day, "tue": all_day, "wed": all_day, "thu": all_day,
                             "fri": all_day, "sat": all_day, "sun": all_day}, "dates": {}}
    });
    let admin = Client::new(ServerSettings {
        url: a.url(),
        token: "token-admin".into(),
    })
    .unwrap();
    let body = serde_json::to_vec(&change).unwrap();
    let (status, answer) = admin
        .send(Method::PUT, "/v1/studio", Some(body))
        .await
        .unwrap();
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&answer)
    );
    let announced = tokio::time::timeout(StdDuration::from_secs(2), async {
        while let Some(event) = events.next().await {
            if let Ok(ServerEvent::Studio(s)) = event {
                return s.version;
            }
        }
        0
    })
    .await
    .unwrap();
    assert_eq!(announced, 2);
    let studio = desk_b.studio().await.unwrap();
    assert_eq!(
        (studio.version, studio.rooms[0].id.as_str()),
        (2, "studio-c")
    );
    let gone = booking(
        Uuid::new_v4(),
        "studio-a",
        berlin(6, 9, 9, 0),
        berlin(6, 9, 10, 0),
    );
    let (status, body) = call(&b.url(), Method::POST, "/v1/bookings", Some(gone)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_room"))
    );
    let new = booking(
        Uuid::new_v4(),
        "studio-c",
        berlin(6, 9, 9, 0),
        berlin(6, 9, 10, 0),
    );
    let (status, body) = call(&b.url(), Method::POST, "/v1/bookings", Some(new)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    a.stop().await;
    b.stop().await;
}

/// The database drops every connection (a restart, a failover): holds and bookings go on
/// once each pooled connection has noticed and connected again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_dropped_by_the_database_are_made_again() {
    let db = fresh_database();
    let (a, b) = two_instances(&db).await;
    let url = a.url();
    let hold = json!({"holds": [{"room": "studio-a", "start": rfc(berlin(6, 3, 10, 0)), "end": rfc(berlin(6, 3, 11, 0))}]});
    let path = format!("/v1/holds/{}", Uuid::new_v4());
    let (status, body) = call(&url, Method::PUT, &path, Some(hold.clone())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let dropped = query_i64(
        &db,
        "SELECT count(pg_terminate_backend(pid))::bigint FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    assert!(dropped[0] > 0, "{dropped:?}");
    // Each of the instance's 4 connections may fail once, as it finds out; no more.
    let mut answers = Vec::new();
    for _ in 0..10 {
        let (heartbeat, _) = call(&url, Method::PUT, &path, Some(hold.clone())).await;
        answers.push(heartbeat);
        if heartbeat == StatusCode::OK {
            break;
        }
    }
    assert_eq!(answers.last(), Some(&StatusCode::OK), "{answers:?}");
    let body = booking(
        Uuid::new_v4(),
        "studio-b",
        berlin(6, 3, 12, 0),
        berlin(6, 3, 13, 0),
    );
    let (status, made) = call(&url, Method::POST, "/v1/bookings", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    a.stop().await;
    b.stop().await;
}
