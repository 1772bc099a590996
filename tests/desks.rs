//! Desks (the app's library, no window) against the real server on 127.0.0.1 port 0.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_app::desk::Desk;
use frontdesk_app::events::{ChannelEvents, DeskEvent};
use frontdesk_app::remote::ServerSettings;
use frontdesk_protocol::{CreateBookingRequest, CustomerDto, HoldSpan};
use frontdesk_server::{start, RunningServer, ServerOptions, SystemClock};
use frontdesk_store::{BookingStatus, Durability, Store, StudioConfig};
use futures_util::StreamExt;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::sync::watch;
use uuid::Uuid;

const STUDIO: &str = r#"
[studio]
name = "Klangraum Studios"
timezone = "Europe/Berlin"
[studio.hours]
mon = ["00:00", "24:00"]
tue = ["00:00", "24:00"]
wed = ["00:00", "24:00"]
thu = ["00:00", "24:00"]
fri = ["00:00", "24:00"]
sat = ["00:00", "24:00"]
sun = ["00:00", "24:00"]
[[rooms]]
id = "studio-a"
name = "Studio A"
durations = [60, 120]
interval = 60
[[rooms]]
id = "studio-b"
name = "Studio B"
durations = [60]
interval = 60
[[desks]]
id = "reception"
token = "token-a"
[[desks]]
id = "bar"
token = "token-b"
"#;

fn at(m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Berlin
        .with_ymd_and_hms(2027, m, d, h, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn wire(t: DateTime<Utc>) -> DateTime<chrono::FixedOffset> {
    t.with_timezone(&Berlin).fixed_offset()
}

fn walk_in(room: &str, start: DateTime<Utc>, hours: i64, name: &str) -> CreateBookingRequest {
    CreateBookingRequest {
        id: Uuid::new_v4(),
        room: room.into(),
        start: wire(start),
        end: wire(start + Duration::hours(hours)),
        customer: CustomerDto {
            name: name.into(),
            phone: None,
            email: None,
        },
        note: None,
        session: None,
    }
}

async fn server(db: &Path, listen: SocketAddr) -> RunningServer {
    start(ServerOptions {
        config: StudioConfig::parse(STUDIO).unwrap(),
        db: db.to_path_buf(),
        listen,
        clock: Arc::new(SystemClock),
    })
    .await
    .unwrap()
}

struct TestDesk {
    desk: Desk,
    events: UnboundedReceiver<DeskEvent>,
    stop: Option<watch::Sender<bool>>,
}

impl TestDesk {
    fn open(dir: &Path, name: &str, url: &str, token: &str) -> TestDesk {
        let studio = StudioConfig::parse(STUDIO).unwrap().studio;
        let store = Store::open_with_studio(
            &dir.join(format!("{name}.sqlite")),
            name,
            Durability::Full,
            studio,
        )
        .unwrap();
        let (tx, events) = tokio::sync::mpsc::unbounded_channel();
        let settings = ServerSettings {
            url: url.into(),
            token: token.into(),
        };
        let desk =
            Desk::with_store(store, name, Some(settings), Arc::new(ChannelEvents(tx))).unwrap();
        TestDesk {
            desk,
            events,
            stop: None,
        }
    }

    /// Starts the sync worker, as the app does.
    fn start_worker(&mut self) {
        let (stop, stopped) = watch::channel(false);
        tokio::spawn(frontdesk_app::sync::run(self.desk.clone(), stopped));
        self.stop = Some(stop);
    }

    /// Waits (at most `within`) for an event matching `want`.
    async fn wait_for(&mut self, within: StdDuration, want: impl Fn(&DeskEvent) -> bool) -> bool {
        tokio::time::timeout(within, async {
            while let Some(event) = self.events.recv().await {
                if want(&event) {
                    return true;
                }
            }
            false
        })
        .await
        .unwrap_or(false)
    }

    async fn wait_live(&mut self) {
        let live = self
            .wait_for(
                StdDuration::from_secs(10),
                |e| matches!(e, DeskEvent::SyncStatusChanged { status } if status.live),
            )
            .await;
        assert!(live, "the desk never followed the event stream");
    }

    fn status_of(&self, id: Uuid) -> Option<BookingStatus> {
        self.desk.store().booking(id).unwrap().map(|b| b.status)
    }
}

impl Drop for TestDesk {
    fn drop(&mut self) {
        if let Some(stop) = &self.stop {
            let _ = stop.send(true);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_booking_reaches_the_other_desk_through_events_within_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let srv = server(
        &dir.path().join("server.sqlite"),
        "127.0.0.1:0".parse().unwrap(),
    )
    .await;
    let mut a = TestDesk::open(dir.path(), "a", &srv.url(), "token-a");
    let mut b = TestDesk::open(dir.path(), "b", &srv.url(), "token-b");
    b.start_worker();
    b.wait_live().await;

    let request = walk_in("studio-a", at(1, 11, 10), 2, "Ada");
    let booked = a.desk.create_booking(request.clone()).await.unwrap();
    assert_eq!(booked.status, "confirmed");
    assert_eq!(booked.desk, "reception");
    let seen = b
        .wait_for(StdDuration::from_secs(1), |e| {
            matches!(e, DeskEvent::BookingsChanged)
        })
        .await;
    assert!(seen, "desk B was not told within 1 s");
    assert_eq!(b.status_of(request.id), Some(BookingStatus::Confirmed));
    // B's own day slots (from the server) no longer offer that time.
    let date = NaiveDate::from_ymd_opt(2027, 1, 11).unwrap();
    let slots = b.desk.day_slots("studio-a", date, 60, None).await.unwrap();
    assert!(!slots.slots.iter().any(|s| s.start == wire(at(1, 11, 10))));
    // A's local copy is consistent.
    assert!(a.desk.store().consistency_check().unwrap().is_empty());
    drop(b);
    srv.stop().await;
    let _ = &mut a;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hold_at_one_desk_is_reserved_at_the_other_until_released() {
    let dir = tempfile::tempdir().unwrap();
    let srv = server(
        &dir.path().join("server.sqlite"),
        "127.0.0.1:0".parse().unwrap(),
    )
    .await;
    let a = TestDesk::open(dir.path(), "a", &srv.url(), "token-a");
    let b = TestDesk::open(dir.path(), "b", &srv.url(), "token-b");
    let date = NaiveDate::from_ymd_opt(2027, 1, 12).unwrap();
    let (ten, eleven) = (at(1, 12, 10), at(1, 12, 11));
    let session = Uuid::new_v4();
    a.desk
        .set_holds(
            session,
            vec![HoldSpan {
                room: "studio-a".into(),
                start: wire(ten),
                end: wire(eleven),
            }],
        )
        .await
        .unwrap();
    let status_at = |slots: &frontdesk_protocol::DaySlotsResponse| {
        slots
            .slots
            .iter()
            .find(|s| s.start == wire(ten))
            .map(|s| s.status)
    };
    let seen_by_b = b.desk.day_slots("studio-a", date, 60, None).await.unwrap();
    assert_eq!(
        status_at(&seen_by_b),
        Some(frontdesk_protocol::SlotStatusDto::Reserved)
    );
    let seen_by_a = a
        .desk
        .day_slots("studio-a", date, 60, Some(session))
        .await
        .unwrap();
    assert_eq!(
        status_at(&seen_by_a),
        Some(frontdesk_protocol::SlotStatusDto::Available)
    );
    let board = b.desk.day_board(date).await.unwrap();
    assert_eq!(board.rooms[0].holds.len(), 1);
    assert_eq!(board.rooms[0].holds[0].desk, "reception");
    // Desk A calls itself "a", the server knows it as "reception": its own hold is still
    // left off its own board.
    let own_board = a.desk.day_board(date).await.unwrap();
    assert!(
        own_board.rooms[0].holds.is_empty(),
        "{:?}",
        own_board.rooms[0].holds
    );
    a.desk.release_holds(session).await.unwrap();
    let seen_by_b = b.desk.day_slots("studio-a", date, 60, None).await.unwrap();
    assert_eq!(
        status_at(&seen_by_b),
        Some(frontdesk_protocol::SlotStatusDto::Available)
    );
    srv.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn walk_ins_booked_offline_reach_the_server_when_it_returns() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("server.sqlite");
    let srv = server(&db, "127.0.0.1:0".parse().unwrap()).await;
    let addr = srv.addr;
    let mut a = TestDesk::open(dir.path(), "a", &srv.url(), "token-a");
    let mut b = TestDesk::open(dir.path(), "b", &srv.url(), "token-b");
    a.start_worker();
    b.start_worker();
    a.wait_live().await;
    b.wait_live().await;
    srv.stop().await;

    let mut ids = Vec::new();
    for k in 0..3 {
        let request = walk_in("studio-b", at(1, 13, 9 + 2 * k), 1, &format!("Walk-in {k}"));
        ids.push(request.id);
        let booked = a.desk.create_booking(request).await.unwrap();
        assert_eq!(booked.status, "pending");
    }
    let status = a.desk.sync_status().unwrap();
    assert_eq!((status.online, status.pending), (false, 3));
    assert_eq!(a.desk.store().outbox_len().unwrap(), 3);

    let srv = server(&db, addr).await;
    a.desk.sync_soon();
    b.desk.sync_soon();
    let synced = a
        .wait_for(StdDuration::from_secs(20), |e| matches!(e, DeskEvent::SyncStatusChanged { status } if status.online && status.pending == 0))
        .await;
    assert!(synced, "desk A did not push its walk-ins");
    for id in &ids {
        assert_eq!(a.status_of(*id), Some(BookingStatus::Confirmed));
    }
    let seen = tokio::time::timeout(StdDuration::from_secs(20), async {
        loop {
            if ids
                .iter()
                .all(|id| b.status_of(*id) == Some(BookingStatus::Confirmed))
            {
                return true;
            }
            if b.events.recv().await.is_none() {
                return false;
            }
        }
    })
    .await;
    assert_eq!(seen, Ok(true), "desk B did not receive the walk-ins");
    assert_eq!(a.desk.store().outbox_len().unwrap(), 0);
    drop(a);
    drop(b);
    srv.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_offline_desks_booking_the_same_time_end_with_one_confirmed_and_one_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("server.sqlite");
    let srv = server(&db, "127.0.0.1:0".parse().unwrap()).await;
    let addr = srv.addr;
    let url = srv.url();
    srv.stop().await;
    let a = TestDesk::open(dir.path(), "a", &url, "token-a");
    let b = TestDesk::open(dir.path(), "b", &url, "token-b");
    let first = walk_in("studio-a", at(1, 14, 15), 2, "Band A");
    let second = walk_in("studio-a", at(1, 14, 16), 2, "Band B");
    assert_eq!(
        a.desk.create_booking(first.clone()).await.unwrap().status,
        "pending"
    );
    assert_eq!(
        b.desk.create_booking(second.clone()).await.unwrap().status,
        "pending"
    );

    let srv = server(&db, addr).await;
    a.desk.sync_once().await.unwrap();
    b.desk.sync_once().await.unwrap();
    assert_eq!(a.status_of(first.id), Some(BookingStatus::Confirmed));
    let kept = b.desk.store().booking(second.id).unwrap().unwrap();
    assert_eq!(kept.status, BookingStatus::Conflict);
    assert!(
        kept.status_reason
            .as_deref()
            .unwrap_or("")
            .contains("no longer free"),
        "{:?}",
        kept.status_reason
    );
    // B also has A's booking now, and its masks hold A's time, not its own conflict.
    assert_eq!(b.status_of(first.id), Some(BookingStatus::Confirmed));
    assert!(b.desk.store().consistency_check().unwrap().is_empty());
    assert_eq!(b.desk.sync_status().unwrap().conflicts, 1);
    // Staff move the conflict to the other room; it goes through.
    b.desk
        .move_conflict(second.id, "studio-b", at(1, 14, 16), at(1, 14, 18))
        .unwrap();
    b.desk.sync_once().await.unwrap();
    assert_eq!(b.status_of(second.id), Some(BookingStatus::Confirmed));
    assert_eq!(b.desk.sync_status().unwrap().conflicts, 0);
    srv.stop().await;
}

/// The release binary is not needed: the debug one beside this test, built on demand.
fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap().to_path_buf();
    let bin = dir.join("frontdesk-server");
    if !bin.exists() {
        let status = Command::new(env!("CARGO"))
            .args([
                "build",
                "-p",
                "frontdesk-server",
                "--bin",
                "frontdesk-server",
            ])
            .status()
            .unwrap();
        assert!(status.success());
    }
    bin
}

fn spawn_server(config: &Path, db: &Path) -> (Child, String) {
    let mut child = Command::new(server_binary())
        .args([
            "serve",
            "--config",
            config.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (
        child,
        line.trim()
            .strip_prefix("listening on ")
            .unwrap()
            .to_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_cut_by_a_killed_server_is_retried_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("studio.toml");
    std::fs::write(&config, STUDIO).unwrap();
    let db = dir.path().join("server.sqlite");
    // Offline from the start: the address answers nothing.
    let a = TestDesk::open(dir.path(), "a", "http://127.0.0.1:9", "token-a");
    let walk_ins = 300;
    for k in 0..walk_ins {
        let booked = a
            .desk
            .create_booking(walk_in(
                if k % 2 == 0 { "studio-a" } else { "studio-b" },
                at(2, 1, 0) + Duration::hours(k / 2),
                1,
                "Walk-in",
            ))
            .await
            .unwrap();
        assert_eq!(booked.status, "pending");
    }

    let (mut child, url) = spawn_server(&config, &db);
    a.desk
        .set_server(Some(ServerSettings {
            url: url.clone(),
            token: "token-a".into(),
        }))
        .unwrap();
    // Watch the server's event stream; kill it with SIGKILL after 20 accepted writes.
    let client = reqwest::Client::new();
    let mut stream = client
        .get(format!("{url}/v1/events"))
        .bearer_auth("token-b")
        .send()
        .await
        .unwrap()
        .bytes_stream();
    let pusher = {
        let desk = a.desk.clone();
        tokio::spawn(async move { desk.sync_once().await })
    };
    let mut text = String::new();
    while text.matches("event: change").count() < 20 {
        let chunk = stream.next().await.unwrap().unwrap();
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        pusher.await.unwrap().is_err(),
        "the push should have been cut"
    );
    assert!(a.desk.store().outbox_len().unwrap() > 0);

    let (mut child, url) = spawn_server(&config, &db);
    a.desk
        .set_server(Some(ServerSettings {
            url: url.clone(),
            token: "token-a".into(),
        }))
        .unwrap();
    a.desk.sync_once().await.unwrap();
    assert_eq!(a.desk.store().outbox_len().unwrap(), 0);
    assert_eq!(a.desk.sync_status().unwrap().pending, 0);
    // The server holds each walk-in exactly once.
    let pulled: serde_json::Value = client
        .get(format!("{url}/v1/sync/pull?since=0&limit=5000"))
        .bearer_auth("token-b")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut ids: Vec<&str> = pulled["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["booking"]["id"].as_str().unwrap())
        .collect();
    let total = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!((total, ids.len()), (walk_ins as usize, walk_ins as usize));
    child.kill().unwrap();
    child.wait().unwrap();
}

/// A standalone desk expires other sessions' local holds and tells the UI where, so a start
/// nobody holds any more shows as free without anyone asking.
#[tokio::test]
async fn a_standalone_desk_announces_expired_local_holds() {
    let dir = tempfile::tempdir().unwrap();
    let studio = StudioConfig::parse(STUDIO).unwrap().studio;
    let store = Store::open_with_studio(
        &dir.path().join("solo.sqlite"),
        "solo",
        Durability::Full,
        studio,
    )
    .unwrap();
    let (tx, mut events) = tokio::sync::mpsc::unbounded_channel();
    let desk = Desk::with_store(store, "solo", None, Arc::new(ChannelEvents(tx))).unwrap();
    let start = Utc::now() + Duration::days(2);
    let start = Berlin
        .from_utc_datetime(&start.naive_utc())
        .date_naive()
        .and_hms_opt(10, 0, 0)
        .and_then(|t| Berlin.from_local_datetime(&t).single())
        .unwrap()
        .with_timezone(&Utc);
    let date = start.with_timezone(&Berlin).date_naive();
    desk.set_holds(
        Uuid::new_v4(),
        vec![HoldSpan {
            room: "studio-a".into(),
            start: wire(start),
            end: wire(start + Duration::hours(1)),
        }],
    )
    .await
    .unwrap();
    while events.try_recv().is_ok() {}
    let reserved = |slots: &frontdesk_protocol::DaySlotsResponse| {
        slots
            .slots
            .iter()
            .filter(|s| s.status == frontdesk_protocol::SlotStatusDto::Reserved)
            .count()
    };
    let held = desk.day_slots("studio-a", date, 60, None).await.unwrap();
    assert_eq!(reserved(&held), 1, "the 10:00 start is held");

    // Still live: nothing to say.
    desk.sweep_holds(Utc::now());
    assert!(events.try_recv().is_err());

    // The ttl (10 s) after the last heartbeat: gone, and the UI hears of that room-day.
    desk.sweep_holds(Utc::now() + Duration::seconds(11));
    assert_eq!(
        events.try_recv().unwrap(),
        DeskEvent::HoldsChanged {
            room: "studio-a".into(),
            dates: vec![date],
        }
    );
    let freed = desk.day_slots("studio-a", date, 60, None).await.unwrap();
    assert_eq!(reserved(&freed), 0, "the expired hold no longer reserves");
}
