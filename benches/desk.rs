//! Measured report of the desk backend against the real server (in-process, loopback):
//! - a batched hold of 8 slots through the command layer (Tauri mock runtime), standalone
//!   and online, beside holding the 8 slots one command each;
//! - the day board for 20 rooms, standalone and online, and online the other desks' holds
//!   of all 20 rooms in one request beside the 20 requests (one per room) the desk used to
//!   send;
//! - pushing a backlog of 10,000 offline bookings (target ≤ 5 s);
//! - a fresh desk pulling 100,000 changes (target ≤ 10 s).
//!
//! `cargo bench -p frontdesk --bench desk` (add `-- --quick` for 1,000 / 10,000).
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_app::desk::views::BookingState;
use frontdesk_app::desk::Desk;
use frontdesk_app::events::NoEvents;
use frontdesk_client::{Client, ServerSettings};
use frontdesk_clock::SharedClock;
use frontdesk_protocol::{CreateBookingRequest, CustomerDto};
use frontdesk_store::{BookingStatus, Durability, NewBooking, Store, WriteContext};
use frontdesk_testkit::clock::{berlin, pinned};
use frontdesk_testkit::host;
use frontdesk_testkit::invoke::Invoker;
use frontdesk_testkit::server::{any_port, serve};
use frontdesk_testkit::studio::StudioToml;
use serde_json::{json, Value};
use uuid::Uuid;

fn studio_toml(rooms: usize) -> StudioToml {
    StudioToml::new("Bench")
        .numbered_rooms(rooms, &[60])
        .desk("bench", "bench-token")
}

/// The bench's now: the day before the first date it books on.
fn clock() -> SharedClock {
    pinned(berlin(2027, 2, 28, 12, 0))
}

fn at(day: i64, hour: i64) -> DateTime<Utc> {
    berlin(2027, 3, 1, 0, 0) + Duration::days(day) + Duration::hours(hour)
}

fn wire(t: DateTime<Utc>) -> DateTime<chrono::FixedOffset> {
    frontdesk_protocol::in_zone(t, Berlin)
}

fn desk(dir: &Path, name: &str, rooms: usize, server: Option<ServerSettings>) -> Desk {
    desk_with(dir, name, rooms, server, Durability::Full)
}

fn desk_with(
    dir: &Path,
    name: &str,
    rooms: usize,
    server: Option<ServerSettings>,
    durability: Durability,
) -> Desk {
    let studio = studio_toml(rooms).config().studio;
    let store = Store::open_with_studio(
        &dir.join(format!("{name}.sqlite")),
        name,
        durability,
        studio,
    )
    .unwrap();
    Desk::with_store(store, name, server, Arc::new(NoEvents), clock()).unwrap()
}

fn ms(d: StdDuration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Mean time of `runs` calls of `f`, after 10 warm-up calls.
fn mean(runs: u32, mut f: impl FnMut()) -> StdDuration {
    for _ in 0..10 {
        f();
    }
    let t = Instant::now();
    for _ in 0..runs {
        f();
    }
    t.elapsed() / runs
}

fn command_layer(desk: Desk, label: &str) {
    let invoker = Invoker::new(|b| {
        b.manage(desk)
            .invoke_handler(frontdesk_app::desk_commands!())
    });
    let invoke = |cmd: &str, args: Value| invoker.invoke(cmd, args).unwrap();
    let cpu = host::CpuTimes::now();
    let spans: Vec<Value> = (0..8)
        .map(|k| json!({"room": format!("r{}", k % 4), "start": wire(at(1, 10 + k)), "end": wire(at(1, 11 + k))}))
        .collect();
    let session = Uuid::new_v4();
    let batched = mean(200, || {
        invoke("set_holds", json!({"session": session, "holds": spans}));
    });
    invoke("release_holds", json!({"session": session}));
    let sessions: Vec<Uuid> = (0..8).map(|_| Uuid::new_v4()).collect();
    let one_by_one = mean(100, || {
        for (s, span) in sessions.iter().zip(&spans) {
            invoke("set_holds", json!({"session": s, "holds": [span]}));
        }
    });
    let board = mean(100, || {
        invoke("day_board", json!({"date": "2027-03-02"}));
    });
    for s in &sessions {
        invoke("release_holds", json!({"session": s}));
    }
    println!(
        "  {label:<11} set_holds, 8 slots in one call: {:>8.3} ms   8 calls of 1 slot: {:>8.3} ms   ratio {:>5.1}×   day_board 20 rooms: {:>8.3} ms   cores: {}",
        ms(batched),
        ms(one_by_one),
        one_by_one.as_secs_f64() / batched.as_secs_f64(),
        ms(board),
        host::describe(cpu, host::CpuTimes::now())
    );
}

/// Other desks' holds of every room of a date: `GET /v1/holds?date=` once, beside the 20
/// `GET /v1/holds?room=&date=` the day board used to send (all at once, as it did).
fn holds_requests(runtime: &tokio::runtime::Runtime, settings: &ServerSettings, rooms: usize) {
    let client = Client::new(settings.clone()).unwrap();
    let date = NaiveDate::from_ymd_opt(2027, 3, 2).unwrap();
    let ids: Vec<String> = (0..rooms).map(|i| format!("r{i}")).collect();
    // Some holds to list: one session holding an hour in each room.
    let spans = ids
        .iter()
        .map(|r| frontdesk_protocol::HoldSpan {
            room: r.clone(),
            start: wire(at(1, 10)),
            end: wire(at(1, 11)),
        })
        .collect();
    let session = Uuid::new_v4();
    runtime
        .block_on(client.set_holds(
            session,
            &frontdesk_protocol::SetHoldsRequest { holds: spans },
        ))
        .unwrap();
    let cpu = host::CpuTimes::now();
    let one = mean(200, || {
        let all = runtime.block_on(client.holds(None, date)).unwrap();
        assert_eq!(all.holds.len(), rooms);
    });
    let per_room = mean(50, || {
        let answers = runtime.block_on(futures_util::future::join_all(
            ids.iter().map(|r| client.holds(Some(r), date)),
        ));
        assert!(answers.iter().all(Result::is_ok));
    });
    runtime.block_on(client.release_holds(session)).unwrap();
    let cores = host::describe(cpu, host::CpuTimes::now());
    println!(
        "  board holds {rooms} rooms online: 1 request {:>8.3} ms   {rooms} requests (one per room) {:>8.3} ms   ratio {:>5.1}×   cores: {cores}",
        ms(one),
        ms(per_room),
        per_room.as_secs_f64() / one.as_secs_f64()
    );
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (backlog, history) = if quick {
        (1_000, 10_000)
    } else {
        (10_000, 100_000)
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = studio_toml(20).config();
    println!(
        "desk benchmarks (2 cores, debug={}, server in-process on 127.0.0.1)",
        cfg!(debug_assertions)
    );

    // History for the pull: written straight into the server's file before it starts.
    let db = dir.path().join("server.sqlite");
    let t = Instant::now();
    {
        let mut store =
            Store::open_with_studio(&db, "server", Durability::Normal, config.studio.clone())
                .unwrap();
        for i in 0..history as i64 {
            let start = at(400 + i / (20 * 24), i % 24);
            let new = NewBooking {
                id: Uuid::new_v4(),
                room: format!("r{}", (i / 24) % 20),
                start,
                end: start + Duration::hours(1),
                name: "History".into(),
                phone: None,
                email: None,
                note: None,
                session: None,
                series: None,
            };
            store
                .create_booking(
                    &new,
                    BookingStatus::Confirmed,
                    &WriteContext::new("bench", start),
                )
                .unwrap();
        }
    }
    println!(
        "  (setup: {history} bookings written into the server's file in {:.1} s)",
        t.elapsed().as_secs_f64()
    );

    let server = runtime.block_on(serve(config.clone(), &db, any_port(), clock()));
    let settings = ServerSettings {
        url: server.url(),
        token: "bench-token".into(),
    };

    // The command layer, standalone and online. Commands run on Tauri's own runtime.
    command_layer(desk(dir.path(), "alone", 20, None), "standalone");
    command_layer(
        desk(dir.path(), "online", 20, Some(settings.clone())),
        "online",
    );

    // The day board's holds online: one request for every room, beside one per room.
    holds_requests(&runtime, &settings, 20);

    // A fresh desk pulls the whole change log.
    // synchronous=NORMAL on this desk only so that the 10,000 offline walk-ins of the push
    // set-up below do not take minutes of fsyncs; the pull and the push commit a page per
    // transaction, and the server keeps FULL.
    let fresh = desk_with(
        dir.path(),
        "fresh",
        20,
        Some(settings.clone()),
        Durability::Normal,
    );
    let t = Instant::now();
    runtime.block_on(fresh.sync_once()).unwrap();
    let pulled = t.elapsed();
    let count: i64 = fresh
        .store()
        .connection()
        .query_row("SELECT COUNT(*) FROM bookings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, history as i64);
    assert!(fresh.store().consistency_check().unwrap().is_empty());
    println!(
        "  pull        a fresh desk pulls {history} changes: {:.2} s ({:.0} changes/s; target ≤ 10 s for 100,000)",
        pulled.as_secs_f64(),
        history as f64 / pulled.as_secs_f64()
    );

    // The same desk, now in sync, loses the server and books a backlog of walk-ins; the
    // push is measured when the server is back (it also pulls the changes it caused).
    let offline = fresh;
    offline
        .set_server(Some(ServerSettings {
            url: "http://127.0.0.1:9".into(),
            token: "bench-token".into(),
        }))
        .unwrap();
    let t = Instant::now();
    for i in 0..backlog as i64 {
        let start = at(2 + i / (20 * 24), i % 24);
        let request = CreateBookingRequest {
            id: Uuid::new_v4(),
            room: format!("r{}", (i / 24) % 20),
            start: wire(start),
            end: wire(start + Duration::hours(1)),
            customer: CustomerDto {
                name: "Walk-in".into(),
                phone: None,
                email: None,
            },
            note: None,
            session: None,
            staff: None,
            series: None,
        };
        let booked = runtime.block_on(offline.create_booking(request)).unwrap();
        assert_eq!(booked.status, BookingState::Pending);
    }
    println!(
        "  (setup: {backlog} offline bookings committed at the desk in {:.1} s)",
        t.elapsed().as_secs_f64()
    );
    offline.set_server(Some(settings)).unwrap();
    let t = Instant::now();
    runtime.block_on(offline.sync_once()).unwrap();
    let pushed = t.elapsed();
    assert_eq!(offline.store().outbox_len().unwrap(), 0);
    assert_eq!(offline.sync_status().unwrap().pending, 0);
    assert!(offline.store().consistency_check().unwrap().is_empty());
    println!(
        "  push        a backlog of {backlog} offline bookings pushed and confirmed: {:.2} s ({:.0} bookings/s; target ≤ 5 s for 10,000)",
        pushed.as_secs_f64(),
        backlog as f64 / pushed.as_secs_f64()
    );
    runtime.block_on(server.stop());
}
