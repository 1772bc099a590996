//! Desks (the app's library, no window) against the real server on 127.0.0.1 port 0.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_app::desk::views::BookingState;
use frontdesk_app::desk::Desk;
use frontdesk_app::events::{ChannelEvents, DeskEvent};
use frontdesk_client::{Client, ServerEvent, ServerSettings};
use frontdesk_protocol::{CreateBookingRequest, CustomerDto, HoldSpan};
use frontdesk_server::RunningServer;
use frontdesk_store::{BookingStatus, Durability, Store};
use frontdesk_testkit::clock::{berlin, pinned, ManualClock, SharedClock};
use frontdesk_testkit::proxy::CountingProxy;
use frontdesk_testkit::server::{any_port, serve, ServerProcess};
use frontdesk_testkit::studio::{klangraum, StudioToml};
use futures_util::StreamExt;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::sync::watch;
use uuid::Uuid;

/// Two rooms open around the clock; desks `reception` (token-a) and `bar` (token-b).
fn studio() -> StudioToml {
    klangraum()
}

/// Every desk and server of these tests reads this instant as now: 2027-01-04 08:00 in
/// Berlin, before every date they book on.
fn clock() -> Arc<ManualClock> {
    pinned(berlin(2027, 1, 4, 8, 0))
}

fn at(m: u32, d: u32, h: u32) -> DateTime<Utc> {
    berlin(2027, m, d, h, 0)
}

fn wire(t: DateTime<Utc>) -> DateTime<chrono::FixedOffset> {
    frontdesk_protocol::in_zone(t, Berlin)
}

fn walk_in(room: &str, start: DateTime<Utc>, hours: i64, name: &str) -> CreateBookingRequest {
    frontdesk_testkit::booking::walk_in_request(room, start, start + Duration::hours(hours), name)
}

async fn server(db: &Path, listen: std::net::SocketAddr) -> RunningServer {
    serve(studio().config(), db, listen, clock()).await
}

struct TestDesk {
    desk: Desk,
    events: UnboundedReceiver<DeskEvent>,
    stop: Option<watch::Sender<bool>>,
}

impl TestDesk {
    fn open(dir: &Path, name: &str, url: &str, token: &str) -> TestDesk {
        Self::open_with(dir, name, &studio(), Some((url, token)), clock())
    }

    fn open_with(
        dir: &Path,
        name: &str,
        studio: &StudioToml,
        server: Option<(&str, &str)>,
        clock: SharedClock,
    ) -> TestDesk {
        let studio = studio.config().studio;
        let store = Store::open_with_studio(
            &dir.join(format!("{name}.sqlite")),
            name,
            Durability::Full,
            studio,
        )
        .unwrap();
        let (tx, events) = tokio::sync::mpsc::unbounded_channel();
        let settings = server.map(|(url, token)| ServerSettings {
            url: url.into(),
            token: token.into(),
        });
        let desk =
            Desk::with_store(store, name, settings, Arc::new(ChannelEvents(tx)), clock).unwrap();
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
    let srv = server(&dir.path().join("server.sqlite"), any_port()).await;
    let mut a = TestDesk::open(dir.path(), "a", &srv.url(), "token-a");
    let mut b = TestDesk::open(dir.path(), "b", &srv.url(), "token-b");
    b.start_worker();
    b.wait_live().await;

    let request = walk_in("studio-a", at(1, 11, 10), 2, "Ada");
    let booked = a.desk.create_booking(request.clone()).await.unwrap();
    assert_eq!(booked.status, BookingState::Confirmed);
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
    let srv = server(&dir.path().join("server.sqlite"), any_port()).await;
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
    let srv = server(&db, any_port()).await;
    let addr = srv.addr;
    let (mut a, mut b) = two_live_desks(dir.path(), &srv).await;
    srv.stop().await;

    let mut ids = Vec::new();
    for k in 0..3 {
        let request = walk_in("studio-b", at(1, 13, 9 + 2 * k), 1, &format!("Walk-in {k}"));
        ids.push(request.id);
        let booked = a.desk.create_booking(request).await.unwrap();
        assert_eq!(booked.status, BookingState::Pending);
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
    let srv = server(&db, any_port()).await;
    let addr = srv.addr;
    let url = srv.url();
    srv.stop().await;
    let a = TestDesk::open(dir.path(), "a", &url, "token-a");
    let b = TestDesk::open(dir.path(), "b", &url, "token-b");
    let first = walk_in("studio-a", at(1, 14, 15), 2, "Band A");
    let second = walk_in("studio-a", at(1, 14, 16), 2, "Band B");
    assert_eq!(
        a.desk.create_booking(first.clone()).await.unwrap().status,
        BookingState::Pending
    );
    assert_eq!(
        b.desk.create_booking(second.clone()).await.unwrap().status,
        BookingState::Pending
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_cut_by_a_killed_server_is_retried_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("studio.toml");
    std::fs::write(&config, studio().toml()).unwrap();
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
        assert_eq!(booked.status, BookingState::Pending);
    }

    let mut first = ServerProcess::spawn(&config, &db);
    a.desk
        .set_server(Some(ServerSettings {
            url: first.url().into(),
            token: "token-a".into(),
        }))
        .unwrap();
    // Watch the server's event stream; kill it with SIGKILL after 20 accepted writes.
    let watcher = Client::new(ServerSettings {
        url: first.url().into(),
        token: "token-b".into(),
    })
    .unwrap();
    let mut stream = std::pin::pin!(watcher.events().await.unwrap());
    let pusher = {
        let desk = a.desk.clone();
        tokio::spawn(async move { desk.sync_once().await })
    };
    let mut changes = 0;
    while changes < 20 {
        if let ServerEvent::Change(_) = stream.next().await.unwrap().unwrap() {
            changes += 1;
        }
    }
    first.kill();
    assert!(
        pusher.await.unwrap().is_err(),
        "the push should have been cut"
    );
    assert!(a.desk.store().outbox_len().unwrap() > 0);

    let second = ServerProcess::spawn(&config, &db);
    a.desk
        .set_server(Some(ServerSettings {
            url: second.url().into(),
            token: "token-a".into(),
        }))
        .unwrap();
    a.desk.sync_once().await.unwrap();
    assert_eq!(a.desk.store().outbox_len().unwrap(), 0);
    assert_eq!(a.desk.sync_status().unwrap().pending, 0);
    // The server holds each walk-in exactly once.
    let reader = Client::new(ServerSettings {
        url: second.url().into(),
        token: "token-b".into(),
    })
    .unwrap();
    let pulled = reader.pull(0, 5000).await.unwrap();
    let mut ids: Vec<Uuid> = pulled.changes.iter().map(|c| c.booking.id).collect();
    let total = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!((total, ids.len()), (walk_ins as usize, walk_ins as usize));
}

/// A standalone desk expires other sessions' local holds and tells the UI where, so a start
/// nobody holds any more shows as free without anyone asking.
#[tokio::test]
async fn a_standalone_desk_announces_expired_local_holds() {
    let dir = tempfile::tempdir().unwrap();
    let clock = clock();
    let mut solo = TestDesk::open_with(dir.path(), "solo", &studio(), None, clock.clone());
    let desk = solo.desk.clone();
    let events = &mut solo.events;
    // Two days after the pinned now, 10:00.
    let start = berlin(2027, 1, 6, 10, 0);
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
    desk.sweep_holds();
    assert!(events.try_recv().is_err());

    // The ttl (10 s) after the last heartbeat: gone, and the UI hears of that room-day.
    clock.advance(Duration::seconds(11));
    desk.sweep_holds();
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

/// Online, the day board asks the server for the other desks' holds of every room in one
/// request, however many rooms the studio has (it used to send one per room).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_day_board_of_twenty_rooms_costs_one_request_online() {
    let dir = tempfile::tempdir().unwrap();
    let big = StudioToml::new("Big Studios")
        .numbered_rooms(20, &[60])
        .desk("reception", "token-a")
        .desk("bar", "token-b");
    let srv = serve(
        big.config(),
        &dir.path().join("server.sqlite"),
        any_port(),
        clock(),
    )
    .await;
    let proxy = CountingProxy::start(&srv.url()).await;
    let a = TestDesk::open_with(
        dir.path(),
        "a",
        &big,
        Some((&proxy.url(), "token-a")),
        clock(),
    );
    // The bar holds an hour in three rooms.
    let bar = Client::new(ServerSettings {
        url: srv.url(),
        token: "token-b".into(),
    })
    .unwrap();
    let date = NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
    let held = ["r0", "r7", "r19"];
    let spans = held
        .iter()
        .map(|room| HoldSpan {
            room: (*room).into(),
            start: wire(at(1, 15, 10)),
            end: wire(at(1, 15, 11)),
        })
        .collect();
    bar.set_holds(
        Uuid::new_v4(),
        &frontdesk_protocol::SetHoldsRequest { holds: spans },
    )
    .await
    .unwrap();

    proxy.clear();
    let board = a.desk.day_board(date).await.unwrap();
    assert_eq!(
        proxy.requests(),
        vec!["GET /v1/holds".to_owned()],
        "one request for 20 rooms"
    );
    assert_eq!(board.rooms.len(), 20);
    for room in &board.rooms {
        let want = usize::from(held.contains(&room.id.as_str()));
        assert_eq!(room.holds.len(), want, "{}", room.id);
        if want == 1 {
            assert_eq!(room.holds[0].desk, "bar");
            assert_eq!(room.holds[0].start, wire(at(1, 15, 10)));
        }
    }
    srv.stop().await;
}

/// An admin changes the opening hours and adds staff; another desk takes the new studio
/// over within a second (its start times follow, its staff can sign in), keeps it in its
/// file, and uses it offline after a restart without the server: hours and PINs alike.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_studio_change_reaches_the_other_desk_and_stays_for_offline_work() {
    let dir = tempfile::tempdir().unwrap();
    let srv = server(&dir.path().join("server.sqlite"), any_port()).await;
    let mut b = TestDesk::open(dir.path(), "b", &srv.url(), "token-b");
    b.start_worker();
    b.wait_live().await;
    let admin = Client::new(ServerSettings {
        url: srv.url(),
        token: "token-admin".into(),
    })
    .unwrap();
    let info = admin.studio().await.unwrap();
    let mut hours = info.hours.clone().unwrap();
    let friday = vec![
        ["10:00".to_owned(), "12:00".to_owned()],
        ["18:00".to_owned(), "20:00".to_owned()],
    ];
    hours.weekly.insert("fri".into(), friday);
    let change = frontdesk_protocol::StudioUpdate {
        hours,
        staff: Some(vec![
            frontdesk_testkit::staff::admin("Mia", "471100"),
            frontdesk_testkit::staff::staff("Jo", "123456"),
        ]),
        ..frontdesk_testkit::studio::editing(&info)
    };
    let saved = admin.change_studio(&change).await.unwrap();
    assert_eq!(saved.staff.len(), 2);
    // No PIN hash reaches a desk: verifiers bound to the asking desk's token.
    assert!(saved.staff.iter().all(|m| m.pin_hash.is_empty()
        && m.pin_verifier
            .as_deref()
            .is_some_and(|v| v.starts_with("fdv1$"))));
    let seen = b
        .wait_for(StdDuration::from_secs(1), |e| {
            matches!(e, DeskEvent::StudioChanged)
        })
        .await;
    assert!(seen, "desk B did not take the new studio over within 1 s");
    // 2027-01-08 is a Friday: 10, 11, 18 and 19 o'clock only.
    let friday = NaiveDate::from_ymd_opt(2027, 1, 8).unwrap();
    let starts = |slots: &frontdesk_protocol::DaySlotsResponse| -> Vec<u32> {
        slots
            .slots
            .iter()
            .map(|s| chrono::Timelike::hour(&s.start))
            .collect()
    };
    let online = b
        .desk
        .day_slots("studio-b", friday, 60, None)
        .await
        .unwrap();
    assert_eq!(starts(&online), [10, 11, 18, 19]);
    assert_eq!(b.desk.store().studio_version(), info.version + 1);

    // The server goes away; desk B starts again from its file alone.
    drop(b);
    srv.stop().await;
    let store = Store::open(&dir.path().join("b.sqlite"), "b", Durability::Full).unwrap();
    let (tx, _events) = tokio::sync::mpsc::unbounded_channel();
    let settings = ServerSettings {
        url: "http://127.0.0.1:9".into(),
        token: "token-b".into(),
    };
    let restarted = Desk::with_store(
        store,
        "b",
        Some(settings),
        Arc::new(ChannelEvents(tx)),
        clock(),
    )
    .unwrap();
    let offline = restarted
        .day_slots("studio-b", friday, 60, None)
        .await
        .unwrap();
    assert_eq!(starts(&offline), [10, 11, 18, 19]);
    assert!(!restarted.sync_status().unwrap().online);

    // Jo signs in without the server, and the offline booking names Jo.
    let jo = restarted
        .staff_members()
        .unwrap()
        .into_iter()
        .find(|m| m.name == "Jo")
        .unwrap();
    let late = walk_in("studio-b", at(1, 13, 10), 1, "Offline band");
    let refused = restarted.create_booking(late.clone()).await.unwrap_err();
    assert_eq!(
        refused.code(),
        frontdesk_protocol::ErrorCode::SignInRequired
    );
    assert_eq!(
        restarted.sign_in(jo.id, "999999").await.unwrap_err().code(),
        frontdesk_protocol::ErrorCode::WrongPin
    );
    restarted.sign_in(jo.id, "123456").await.unwrap();
    let booked = restarted.create_booking(late).await.unwrap();
    assert_eq!(booked.status, BookingState::Pending);
    let log = restarted
        .activity(&frontdesk_protocol::ActivityQuery::default())
        .await
        .unwrap();
    assert_eq!(log[0].staff.as_deref(), Some("Jo"));
    assert_eq!(log[0].action, "create");
    // Queued as made after an offline sign-in: the server checks Jo at sync.
    let queued = restarted.store().outbox_peek(10).unwrap();
    let payload = &queued.last().unwrap().entry.payload;
    assert!(payload.contains(r#""offline":true"#), "{payload}");

    // Three wrong PINs lock Mia out at this desk, and a restart of the desk does not end it.
    let mia = restarted
        .staff_members()
        .unwrap()
        .into_iter()
        .find(|m| m.name == "Mia")
        .unwrap();
    for _ in 0..3 {
        assert_eq!(
            restarted
                .sign_in(mia.id, "000000")
                .await
                .unwrap_err()
                .code(),
            frontdesk_protocol::ErrorCode::WrongPin
        );
    }
    drop(restarted);
    let store = Store::open(&dir.path().join("b.sqlite"), "b", Durability::Full).unwrap();
    let (tx, _events) = tokio::sync::mpsc::unbounded_channel();
    let again = Desk::with_store(
        store,
        "b",
        Some(ServerSettings {
            url: "http://127.0.0.1:9".into(),
            token: "token-b".into(),
        }),
        Arc::new(ChannelEvents(tx)),
        clock(),
    )
    .unwrap();
    let locked = again.sign_in(mia.id, "471100").await.unwrap_err();
    assert_eq!(locked.code(), frontdesk_protocol::ErrorCode::PinLocked);
    assert!(locked.to_string().contains("try again in 30 s"), "{locked}");
}

/// A desk that worked standalone and is then connected pushes what it booked alone as
/// offline work: what the server can take is confirmed, what another desk took meanwhile
/// comes back as a conflict, kept with the reason.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_standalone_desk_connected_later_pushes_its_bookings() {
    let dir = tempfile::tempdir().unwrap();
    let srv = server(&dir.path().join("server.sqlite"), any_port()).await;
    let solo = TestDesk::open_with(dir.path(), "solo", &studio(), None, clock());
    let free = walk_in("studio-a", at(1, 20, 10), 1, "Alone 1");
    let taken = walk_in("studio-b", at(1, 20, 12), 1, "Alone 2");
    for request in [&free, &taken] {
        let booked = solo.desk.create_booking(request.clone()).await.unwrap();
        assert_eq!(booked.status, BookingState::Confirmed);
    }
    assert_eq!(
        solo.desk.store().outbox_len().unwrap(),
        0,
        "standalone: nothing queued"
    );
    // Meanwhile another desk books Studio B at 12:00 on the server.
    let bar = TestDesk::open(dir.path(), "bar", &srv.url(), "token-b");
    bar.desk
        .create_booking(walk_in("studio-b", at(1, 20, 12), 1, "Band"))
        .await
        .unwrap();

    solo.desk
        .set_server(Some(ServerSettings {
            url: srv.url(),
            token: "token-a".into(),
        }))
        .unwrap();
    assert_eq!(solo.desk.sync_status().unwrap().pending, 2);
    solo.desk.sync_once().await.unwrap();
    assert_eq!(solo.status_of(free.id), Some(BookingStatus::Confirmed));
    let kept = solo.desk.store().booking(taken.id).unwrap().unwrap();
    assert_eq!(kept.status, BookingStatus::Conflict);
    assert!(kept.status_reason.is_some());
    assert_eq!(solo.desk.store().outbox_len().unwrap(), 0);
    // The server has the free one; connecting again queues nothing twice.
    bar.desk.sync_once().await.unwrap();
    assert_eq!(bar.status_of(free.id), Some(BookingStatus::Confirmed));
    solo.desk
        .set_server(Some(ServerSettings {
            url: srv.url(),
            token: "token-a".into(),
        }))
        .unwrap();
    assert_eq!(solo.desk.store().outbox_len().unwrap(), 0);
    assert!(solo.desk.store().consistency_check().unwrap().is_empty());
    srv.stop().await;
}

/// Desks `a` and `b` of the server, each with its sync worker following the event stream.
async fn two_live_desks(dir: &Path, srv: &RunningServer) -> (TestDesk, TestDesk) {
    let mut a = TestDesk::open(dir, "a", &srv.url(), "token-a");
    let mut b = TestDesk::open(dir, "b", &srv.url(), "token-b");
    a.start_worker();
    b.start_worker();
    a.wait_live().await;
    b.wait_live().await;
    (a, b)
}

/// The span change of a booking to `room` from `start` for `minutes`.
fn new_span(room: &str, start: DateTime<Utc>, minutes: i64) -> frontdesk_protocol::BookingChange {
    frontdesk_protocol::BookingChange::Span {
        room: room.into(),
        start: wire(start),
        end: wire(start + Duration::minutes(minutes)),
        session: None,
    }
}

/// Desk A edits a booking while it cannot reach the server; meanwhile desk B moves it
/// online. A's change comes back refused and is kept beside the server's version (which A
/// now shows); staff make their change again on it, and both desks end with the same
/// booking.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offline_change_to_a_newer_booking_comes_back_for_staff_to_choose() {
    let dir = tempfile::tempdir().unwrap();
    let srv = server(&dir.path().join("server.sqlite"), any_port()).await;
    let real = ServerSettings {
        url: srv.url(),
        token: "token-a".into(),
    };
    let (mut a, mut b) = two_live_desks(dir.path(), &srv).await;
    let request = walk_in("studio-a", at(1, 13, 10), 2, "Band");
    let id = request.id;
    b.desk.create_booking(request).await.unwrap();
    let arrived = a
        .wait_for(StdDuration::from_secs(5), |e| {
            matches!(e, DeskEvent::BookingsChanged)
        })
        .await;
    assert!(arrived && a.status_of(id) == Some(BookingStatus::Confirmed));

    // A loses the server and edits the phone number; B moves the booking an hour later.
    a.desk
        .set_server(Some(ServerSettings {
            url: "http://127.0.0.1:9".into(),
            token: "token-a".into(),
        }))
        .unwrap();
    let details = frontdesk_protocol::BookingChange::Details {
        customer: CustomerDto {
            name: "Band".into(),
            phone: Some("0170 999".into()),
            email: None,
        },
        note: None,
    };
    let edited = a.desk.change_booking(id, details.clone()).await.unwrap();
    assert_eq!(edited.version, 2);
    assert_eq!(a.desk.store().outbox_len().unwrap(), 1);
    let moved = b
        .desk
        .change_booking(id, new_span("studio-a", at(1, 13, 11), 120))
        .await
        .unwrap();
    assert_eq!(moved.version, 2);

    // A is back: its change is refused, kept with both versions, and A shows B's move.
    a.desk.set_server(Some(real)).unwrap();
    let refused = tokio::time::timeout(StdDuration::from_secs(10), async {
        loop {
            a.desk.sync_soon();
            let refused = a.desk.refused_changes().unwrap();
            if !refused.is_empty() {
                return refused;
            }
            a.events.recv().await;
        }
    })
    .await
    .expect("desk A's change never came back");
    assert_eq!(refused[0].change, details);
    assert_eq!(refused[0].mine.customer.phone.as_deref(), Some("0170 999"));
    let current = refused[0].current.clone().unwrap();
    assert_eq!(current.start, wire(at(1, 13, 11)));
    assert_eq!(current.customer.phone, None);
    assert!(
        refused[0].reason.contains("changed meanwhile"),
        "{}",
        refused[0].reason
    );
    assert_eq!(a.desk.store().outbox_len().unwrap(), 0);
    assert!(a.desk.sync_status().unwrap().conflicts >= 1);

    // Staff make their change again, on the moved booking: both desks agree.
    let applied = a
        .desk
        .resolve_refused_change(refused[0].mutation, true)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            applied.version,
            applied.start,
            applied.customer.phone.as_deref()
        ),
        (3, wire(at(1, 13, 11)), Some("0170 999"))
    );
    assert!(a.desk.refused_changes().unwrap().is_empty());
    let agreed = tokio::time::timeout(StdDuration::from_secs(5), async {
        loop {
            let seen = b.desk.store().booking(id).unwrap().unwrap();
            if seen.version == 3 {
                return seen;
            }
            b.events.recv().await;
        }
    })
    .await
    .expect("desk B never saw the change");
    assert_eq!(seen_phone(&agreed), Some("0170 999"));
    assert_eq!(agreed.span.start(), at(1, 13, 11));
    srv.stop().await;
}

fn seen_phone(b: &frontdesk_store::BookingRecord) -> Option<&str> {
    b.customer.phone.as_deref()
}

/// Two desks extend two neighbouring bookings into the same quarter hour at once: exactly
/// one wins, the other is refused as a conflict and keeps its old end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_desks_extending_into_the_same_quarter_hour_leave_exactly_one() {
    let dir = tempfile::tempdir().unwrap();
    let srv = server(&dir.path().join("server.sqlite"), any_port()).await;
    let a = TestDesk::open(dir.path(), "a", &srv.url(), "token-a");
    let b = TestDesk::open(dir.path(), "b", &srv.url(), "token-b");
    let first = walk_in("studio-a", at(1, 13, 10), 1, "First");
    let second = CreateBookingRequest {
        start: wire(at(1, 13, 11) + Duration::minutes(15)),
        end: wire(at(1, 13, 12)),
        ..walk_in("studio-a", at(1, 13, 11), 1, "Second")
    };
    a.desk.create_booking(first.clone()).await.unwrap();
    b.desk.create_booking(second.clone()).await.unwrap();
    // A extends the first to 11:15; B moves the second's start to 11:00.
    let (x, y) = tokio::join!(
        a.desk
            .change_booking(first.id, new_span("studio-a", at(1, 13, 10), 75)),
        b.desk
            .change_booking(second.id, new_span("studio-a", at(1, 13, 11), 60)),
    );
    assert_eq!(
        u8::from(x.is_ok()) + u8::from(y.is_ok()),
        1,
        "exactly one wins: {x:?} {y:?}"
    );
    let loser = x.err().or(y.err()).unwrap();
    assert_eq!(loser.code(), frontdesk_protocol::ErrorCode::Conflict);
    let client = Client::new(ServerSettings {
        url: srv.url(),
        token: "token-a".into(),
    })
    .unwrap();
    let (f, s) = (
        client.booking(first.id).await.unwrap(),
        client.booking(second.id).await.unwrap(),
    );
    assert!(f.end <= s.start, "the bookings overlap: {f:?} {s:?}");
    srv.stop().await;
}

/// A move and an extension made at desk A reach desk B within a second each (the event
/// stream wakes B's pull).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_move_and_an_extension_reach_the_other_desk_within_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let srv = server(&dir.path().join("server.sqlite"), any_port()).await;
    let (a, mut b) = two_live_desks(dir.path(), &srv).await;
    let request = walk_in("studio-a", at(1, 13, 10), 1, "Mover");
    let id = request.id;
    a.desk.create_booking(request).await.unwrap();
    let seen = |b: &TestDesk| {
        b.desk
            .store()
            .booking(id)
            .unwrap()
            .map(|r| (r.room.to_string(), r.span))
    };
    let arrived = tokio::time::timeout(StdDuration::from_secs(5), async {
        while seen(&b).is_none() {
            b.events.recv().await;
        }
    })
    .await;
    assert!(arrived.is_ok(), "desk B never saw the booking");

    for (change, room, start, minutes) in [
        (
            new_span("studio-b", at(1, 13, 12), 60),
            "studio-b",
            at(1, 13, 12),
            60,
        ),
        (
            new_span("studio-b", at(1, 13, 12), 120),
            "studio-b",
            at(1, 13, 12),
            120,
        ),
    ] {
        let sent = std::time::Instant::now();
        a.desk.change_booking(id, change).await.unwrap();
        let want = (
            room.to_owned(),
            frontdesk_core::Span::new(start, start + Duration::minutes(minutes)).unwrap(),
        );
        let reached = tokio::time::timeout(StdDuration::from_secs(1), async {
            while seen(&b) != Some(want.clone()) {
                b.events.recv().await;
            }
        })
        .await;
        assert!(
            reached.is_ok(),
            "desk B did not follow within 1 s: {:?}",
            seen(&b)
        );
        assert!(sent.elapsed() < StdDuration::from_secs(1));
    }
    srv.stop().await;
}

/// A server's file, address and URL, the server itself stopped (desks start offline).
async fn server_gone(dir: &Path) -> (std::path::PathBuf, std::net::SocketAddr, String) {
    let db = dir.join("server.sqlite");
    let srv = server(&db, any_port()).await;
    let (addr, url) = (srv.addr, srv.url());
    srv.stop().await;
    (db, addr, url)
}

/// Desk A books a weekly series while the server is down; meanwhile desk B books two of
/// its dates online. When A pushes, the server confirms the other occurrences and refuses
/// those two, which A keeps as conflicts for staff, each still knowing its series.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_booked_offline_keeps_the_occurrences_taken_meanwhile_as_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let (db, addr, url) = server_gone(dir.path()).await;
    let a = TestDesk::open(dir.path(), "a", &url, "token-a");
    let b = TestDesk::open(dir.path(), "b", &url, "token-b");
    // Six Mondays at 19:00 from 11 January 2027.
    let series = Uuid::new_v4();
    let request = frontdesk_protocol::BookSeriesRequest {
        id: series,
        rule: frontdesk_protocol::SeriesRuleDto {
            room: "studio-a".into(),
            first: at(1, 11, 19).date_naive(),
            start: "19:00".into(),
            minutes: 120,
            repeat: frontdesk_protocol::RepeatDto::Weekly,
            every_weeks: 1,
            until: None,
            times: Some(6),
        },
        customer: CustomerDto {
            name: "The Weekly Band".into(),
            phone: Some("+49 30 555 0199".into()),
            email: None,
        },
        note: None,
        session: None,
        staff: None,
    };
    let offline = a.desk.book_series(request).await.unwrap();
    assert_eq!(offline.booked.len(), 6);
    assert!(offline
        .booked
        .iter()
        .all(|b| b.status == BookingState::Pending && b.series == Some(series)));
    assert_eq!(a.desk.store().outbox_len().unwrap(), 6);

    let srv = server(&db, addr).await;
    for day in [18, 1] {
        let month = if day == 1 { 2 } else { 1 };
        let taken = walk_in("studio-a", at(month, day, 20), 1, "Someone else");
        let made = b.desk.create_booking(taken).await.unwrap();
        assert_eq!(made.status, BookingState::Confirmed);
    }
    a.desk.sync_once().await.unwrap();
    let mine = a.desk.store().series_bookings(series).unwrap();
    let states: Vec<(u32, BookingStatus)> = mine
        .iter()
        .map(|b| (b.span.start().with_timezone(&Berlin).day(), b.status))
        .collect();
    use BookingStatus::{Confirmed, Conflict};
    assert_eq!(
        states,
        vec![
            (11, Confirmed),
            (18, Conflict),
            (25, Confirmed),
            (1, Conflict),
            (8, Confirmed),
            (15, Confirmed)
        ]
    );
    assert_eq!(a.desk.sync_status().unwrap().conflicts, 2);
    assert_eq!(a.desk.store().outbox_len().unwrap(), 0);
    assert!(a.desk.store().consistency_check().unwrap().is_empty());
    // The server has the four, each knowing its series; desk B hears of them.
    b.desk.sync_once().await.unwrap();
    let at_b = b.desk.store().series_bookings(series).unwrap();
    assert_eq!(at_b.len(), 4);
    assert!(at_b.iter().all(|b| b.status == Confirmed));
    srv.stop().await;
}

/// Desk A, offline, books for a new customer; once that booking reached the server, desk B
/// edits the customer. Both desks end with one record for her, with B's notes, and A's
/// next booking with her number written another way lands on the same record.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_made_offline_and_edited_at_another_desk_is_one_record() {
    let dir = tempfile::tempdir().unwrap();
    let (db, addr, url) = server_gone(dir.path()).await;
    let a = TestDesk::open(dir.path(), "a", &url, "token-a");
    let mut first = walk_in("studio-a", at(1, 12, 10), 2, "Mia Muster");
    first.customer.phone = Some("0170 1234567".into());
    let made = a.desk.create_booking(first).await.unwrap();
    assert_eq!(made.status, BookingState::Pending);
    let mia = a.desk.find_customers("1234").unwrap();
    assert_eq!(mia.len(), 1);
    let id = mia[0].customer.id;

    let srv = server(&db, addr).await;
    a.desk.sync_once().await.unwrap();
    let b = TestDesk::open(dir.path(), "b", &url, "token-b");
    b.desk.sync_once().await.unwrap();
    let seen = b.desk.find_customers("Mia").unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].customer.id, id);
    let edit = frontdesk_protocol::EditCustomerRequest {
        version: seen[0].customer.version,
        name: "Mia Muster".into(),
        phone: Some("0170 1234567".into()),
        email: None,
        notes: Some("Brings her own microphone".into()),
        staff: None,
    };
    b.desk.edit_customer(id, edit).await.unwrap();

    a.desk.sync_once().await.unwrap();
    let page = a.desk.customer_page(id).unwrap();
    assert_eq!(
        page.summary.customer.notes.as_deref(),
        Some("Brings her own microphone")
    );
    assert_eq!(page.bookings.len(), 1);
    let mut again = walk_in("studio-b", at(1, 19, 10), 1, "Mia");
    again.customer.phone = Some("+49 170 1234567".into());
    let second = a.desk.create_booking(again).await.unwrap();
    assert_eq!(second.customer_id, Some(id));
    for desk in [&a, &b] {
        desk.desk.sync_once().await.unwrap();
        let found = desk.desk.find_customers("Mia").unwrap();
        assert_eq!(found.len(), 1, "one record for Mia");
        assert_eq!((found[0].customer.id, found[0].bookings), (id, 2));
    }
    srv.stop().await;
}

/// Desk A edits a customer while it cannot reach the server; meanwhile desk B edits her
/// online. A's edit comes back refused (made to an older version): A shows B's record, its
/// activity log names the refusal with the reason, and the edit waits for staff, who make
/// it again on B's version — nothing is overwritten silently.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offline_customer_edit_to_an_older_version_is_refused_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let srv = server(&dir.path().join("server.sqlite"), any_port()).await;
    let real = ServerSettings {
        url: srv.url(),
        token: "token-a".into(),
    };
    let (a, b) = (
        TestDesk::open(dir.path(), "a", &srv.url(), "token-a"),
        TestDesk::open(dir.path(), "b", &srv.url(), "token-b"),
    );
    let mut first = walk_in("studio-a", at(1, 12, 10), 2, "Mia Muster");
    first.customer.phone = Some("0170 1234567".into());
    a.desk.create_booking(first).await.unwrap();
    b.desk.sync_once().await.unwrap();
    let id = b.desk.find_customers("Mia").unwrap()[0].customer.id;
    let edit = |notes: &str| frontdesk_protocol::EditCustomerRequest {
        version: 1,
        name: "Mia Muster".into(),
        phone: Some("0170 1234567".into()),
        email: None,
        notes: Some(notes.into()),
        staff: None,
    };
    a.desk
        .set_server(Some(ServerSettings {
            url: "http://127.0.0.1:9".into(),
            token: "token-a".into(),
        }))
        .unwrap();
    a.desk.edit_customer(id, edit("A's note")).await.unwrap();
    assert_eq!(a.desk.store().outbox_len().unwrap(), 1);
    b.desk.edit_customer(id, edit("B's note")).await.unwrap();

    a.desk.set_server(Some(real)).unwrap();
    a.desk.sync_once().await.unwrap();
    let page = a.desk.customer_page(id).unwrap();
    assert_eq!(page.summary.customer.notes.as_deref(), Some("B's note"));
    assert_eq!(a.desk.store().outbox_len().unwrap(), 0);
    let query = frontdesk_protocol::ActivityQuery {
        date: None,
        staff: None,
        room: None,
        booking: None,
    };
    let log = a.desk.store().activity_for(&query).unwrap();
    let refused = log
        .iter()
        .find(|e| e.action == "refused")
        .expect("the refusal is logged");
    assert_eq!(refused.desk, "a");
    // Kept for staff beside the server's record; they make their edit again on top of it.
    let kept = a.desk.refused_customer_edits().unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].mine.notes.as_deref(), Some("A's note"));
    let current = kept[0].current.clone().unwrap();
    assert_eq!(
        (current.notes.as_deref(), current.version),
        (Some("B's note"), 2)
    );
    let again = a
        .desk
        .resolve_refused_customer_edit(kept[0].mutation, true)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (again.notes.as_deref(), again.version),
        (Some("A's note"), 3)
    );
    assert!(a.desk.refused_customer_edits().unwrap().is_empty());
    b.desk.sync_once().await.unwrap();
    let at_b = b.desk.customer_page(id).unwrap();
    assert_eq!(at_b.summary.customer.notes.as_deref(), Some("A's note"));
    srv.stop().await;
}
