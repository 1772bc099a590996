//! Measured report of the desk backend against the real server (in-process, loopback):
//! - a batched hold of 8 slots through the command layer (Tauri mock runtime), standalone
//!   and online, beside holding the 8 slots one command each;
//! - the day board for 20 rooms, standalone and online;
//! - pushing a backlog of 10,000 offline bookings (target ≤ 5 s);
//! - a fresh desk pulling 100,000 changes (target ≤ 10 s).
//!
//! `cargo bench -p frontdesk --bench desk` (add `-- --quick` for 1,000 / 10,000).
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_app::desk::Desk;
use frontdesk_app::events::NoEvents;
use frontdesk_app::remote::ServerSettings;
use frontdesk_protocol::{CreateBookingRequest, CustomerDto};
use frontdesk_server::{start, ServerOptions, SystemClock};
use frontdesk_store::{BookingStatus, Durability, NewBooking, Store, StudioConfig, WriteContext};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use uuid::Uuid;

fn studio_toml(rooms: usize) -> String {
    let mut s =
        String::from("[studio]\nname = \"Bench\"\ntimezone = \"Europe/Berlin\"\n[studio.hours]\n");
    for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        s.push_str(&format!("{d} = [\"00:00\", \"24:00\"]\n"));
    }
    for i in 0..rooms {
        s.push_str(&format!(
            "[[rooms]]\nid = \"r{i}\"\nname = \"Room {i}\"\ndurations = [60]\ninterval = 60\n"
        ));
    }
    s.push_str("[[desks]]\nid = \"bench\"\ntoken = \"bench-token\"\n");
    s
}

fn at(day: i64, hour: i64) -> DateTime<Utc> {
    Berlin
        .with_ymd_and_hms(2027, 3, 1, 0, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
        + Duration::days(day)
        + Duration::hours(hour)
}

fn wire(t: DateTime<Utc>) -> DateTime<chrono::FixedOffset> {
    t.with_timezone(&Berlin).fixed_offset()
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
    let studio = StudioConfig::parse(&studio_toml(rooms)).unwrap().studio;
    let store = Store::open_with_studio(
        &dir.join(format!("{name}.sqlite")),
        name,
        durability,
        studio,
    )
    .unwrap();
    Desk::with_store(store, name, server, Arc::new(NoEvents)).unwrap()
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
    let app = mock_builder()
        .manage(desk)
        .invoke_handler(frontdesk_app::desk_commands!())
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let invoke = |cmd: &str, args: Value| {
        get_ipc_response(
            &webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .unwrap()
    };
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
        "  {label:<11} set_holds, 8 slots in one call: {:>8.3} ms   8 calls of 1 slot: {:>8.3} ms   ratio {:>5.1}×   day_board 20 rooms: {:>8.3} ms",
        ms(batched),
        ms(one_by_one),
        one_by_one.as_secs_f64() / batched.as_secs_f64(),
        ms(board)
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
    let config = StudioConfig::parse(&studio_toml(20)).unwrap();
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

    let server = runtime
        .block_on(start(ServerOptions {
            config: config.clone(),
            db,
            listen: "127.0.0.1:0".parse().unwrap(),
            clock: Arc::new(SystemClock),
        }))
        .unwrap();
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
        };
        let booked = runtime.block_on(offline.create_booking(request)).unwrap();
        assert_eq!(booked.status, "pending");
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
