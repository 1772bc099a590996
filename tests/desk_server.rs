//! The desk's server and its token, with real SQLite files and real servers on 127.0.0.1
//! port 0: switching servers keeps the work waiting to sync and reads the new server's log
//! from its start; enrolment by a one-time code; the token never in the desk's file.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use frontdesk_app::desk::views::BookingState;
use frontdesk_app::desk::{Desk, SecretStore, DB_FILE};
use frontdesk_app::events::NoEvents;
use frontdesk_client::{Client, ServerSettings};
use frontdesk_protocol::{AddDeskRequest, CreateBookingRequest, ErrorCode};
use frontdesk_store::{BookingStatus, Durability, Store};
use frontdesk_testkit::clock::{berlin, pinned, ManualClock};
use frontdesk_testkit::server::{any_port, serve};
use frontdesk_testkit::studio::klangraum;
use uuid::Uuid;

/// 2027-01-04 08:00 in Berlin, before every date booked here.
fn clock() -> Arc<ManualClock> {
    pinned(berlin(2027, 1, 4, 8, 0))
}

fn at(d: u32, h: u32) -> DateTime<Utc> {
    berlin(2027, 1, d, h, 0)
}

fn walk_in(room: &str, start: DateTime<Utc>, hours: i64, name: &str) -> CreateBookingRequest {
    frontdesk_testkit::booking::walk_in_request(room, start, start + Duration::hours(hours), name)
}

fn client(url: &str, token: &str) -> Client {
    Client::new(ServerSettings {
        url: url.into(),
        token: token.into(),
    })
    .unwrap()
}

/// A desk on its own SQLite file in `dir` with the tests' studio (no staff), its token in
/// a 0600 file beside it.
fn desk_in(dir: &Path) -> Desk {
    let file = dir.join(DB_FILE);
    let store =
        Store::open_with_studio(&file, "desk", Durability::Full, klangraum().config().studio)
            .unwrap();
    Desk::with_store_and_secrets(
        store,
        "desk",
        None,
        SecretStore::file_for(&file),
        Arc::new(NoEvents),
        clock(),
    )
    .unwrap()
}

fn status(desk: &Desk, id: Uuid) -> Option<BookingStatus> {
    desk.store().booking(id).unwrap().map(|b| b.status)
}

fn file_holds(dir: &Path, needle: &str) -> bool {
    [DB_FILE.to_owned(), format!("{DB_FILE}-wal")]
        .iter()
        .filter_map(|name| std::fs::read(dir.join(name)).ok())
        .any(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_server_gets_the_waiting_work_and_is_read_from_its_start() {
    let dir = tempfile::tempdir().unwrap();
    let old = serve(
        klangraum().config(),
        &dir.path().join("old.sqlite"),
        any_port(),
        clock(),
    )
    .await;
    let new = serve(
        klangraum().config(),
        &dir.path().join("new.sqlite"),
        any_port(),
        clock(),
    )
    .await;
    // The old server has three bookings of another desk, the new one a single one: its
    // change numbers are lower than the cursor the desk reaches on the old one.
    let mut mirrored = Vec::new();
    for k in 0..3 {
        let request = walk_in("studio-a", at(11, 9 + 2 * k), 1, &format!("Old {k}"));
        client(&old.url(), "token-b")
            .create_booking(&request)
            .await
            .unwrap();
        mirrored.push(request.id);
    }
    let zoe = walk_in("studio-a", at(12, 10), 2, "Zoe");
    client(&new.url(), "token-b")
        .create_booking(&zoe)
        .await
        .unwrap();

    let desk_dir = dir.path().join("desk");
    std::fs::create_dir_all(&desk_dir).unwrap();
    let desk = desk_in(&desk_dir);
    desk.save_server(Some(ServerSettings {
        url: old.url(),
        token: "token-a".into(),
    }))
    .unwrap();
    desk.sync_once().await.unwrap();
    assert!(desk.store().sync_cursor().unwrap() >= 3);
    for id in &mirrored {
        assert_eq!(status(&desk, *id), Some(BookingStatus::Confirmed));
    }

    // The old server goes away; the desk books offline: one booking the new server will
    // take, one that collides with Zoe there.
    old.stop().await;
    let yan = walk_in("studio-b", at(13, 10), 1, "Yan");
    let yuki = walk_in("studio-a", at(12, 10), 1, "Yuki");
    for request in [&yan, &yuki] {
        let booked = desk.create_booking(request.clone()).await.unwrap();
        assert_eq!(booked.status, BookingState::Pending);
    }
    // And cancels one of the old server's bookings: that queued change names it.
    desk.cancel_booking(mirrored[0], Some("called off".into()))
        .await
        .unwrap();
    assert_eq!(desk.store().outbox_len().unwrap(), 3);

    // An admin moves the desk to the new server.
    desk.save_server(Some(ServerSettings {
        url: new.url(),
        token: "token-a".into(),
    }))
    .unwrap();
    assert_eq!(desk.store().sync_cursor().unwrap(), 0);
    // Mirrors go, except the one a queued change of this desk names.
    assert!(status(&desk, mirrored[0]).is_some());
    for id in &mirrored[1..] {
        assert_eq!(
            status(&desk, *id),
            None,
            "a mirror of the old server stayed"
        );
    }
    assert_eq!(status(&desk, yan.id), Some(BookingStatus::Pending));
    assert_eq!(status(&desk, yuki.id), Some(BookingStatus::Pending));
    assert_eq!(desk.store().outbox_len().unwrap(), 3);
    assert!(desk.store().consistency_check().unwrap().is_empty());

    desk.sync_once().await.unwrap();
    assert_eq!(desk.store().outbox_len().unwrap(), 0);
    assert_eq!(status(&desk, yan.id), Some(BookingStatus::Confirmed));
    assert_eq!(status(&desk, yuki.id), Some(BookingStatus::Conflict));
    // Zoe, change number 1 on the new server, was not skipped.
    assert_eq!(status(&desk, zoe.id), Some(BookingStatus::Confirmed));
    for id in &mirrored[1..] {
        assert_eq!(status(&desk, *id), None);
    }
    // The cancellation of a booking the new server never had is refused there: nothing is
    // dropped silently — the activity log records the refusal, and the booking stays here
    // as this desk cancelled it (it holds no time).
    assert_eq!(status(&desk, mirrored[0]), Some(BookingStatus::Cancelled));
    let refusals: i64 = desk
        .store()
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'refused'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(refusals, 1);
    let moves: i64 = desk
        .store()
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'server_changed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // Connecting the standalone desk to the old server, then moving it to the new one.
    assert_eq!(moves, 2);
    let on_new = client(&new.url(), "token-b");
    assert_eq!(on_new.booking(yan.id).await.unwrap().id, yan.id);
    assert!(on_new.booking(mirrored[0]).await.is_err());
    assert!(desk.store().consistency_check().unwrap().is_empty());
    new.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_enrols_with_a_one_time_code_and_its_token_stays_out_of_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let srv = serve(
        klangraum().config(),
        &dir.path().join("server.sqlite"),
        any_port(),
        clock(),
    )
    .await;
    let code = client(&srv.url(), "token-admin")
        .add_desk(&AddDeskRequest {
            name: "lobby".into(),
            admin: false,
        })
        .await
        .unwrap();
    let desk_dir = dir.path().join("desk");
    std::fs::create_dir_all(&desk_dir).unwrap();
    let desk = desk_in(&desk_dir);
    // Typed in lower case with spaces: the code is read all the same.
    let typed = format!(" {} ", code.code.to_lowercase());
    let enrolled = desk.enrol(&srv.url(), &typed).await.unwrap();
    assert_eq!(enrolled.desk, "lobby");
    assert!(!enrolled.admin);
    let saved = desk.saved_server().unwrap().unwrap();
    assert_eq!(saved.url, srv.url());
    assert!(!saved.token.is_empty());
    desk.sync_once().await.unwrap();
    assert!(!file_holds(&desk_dir, &saved.token));

    // Used once: refused, and the desk keeps its token.
    let again = desk.enrol(&srv.url(), &code.code).await.unwrap_err();
    assert_eq!(again.code(), ErrorCode::Unauthorized);
    assert_eq!(desk.saved_server().unwrap().unwrap().token, saved.token);
    let unknown = desk.enrol(&srv.url(), "AAAA-BBBBBB").await.unwrap_err();
    assert_eq!(unknown.code(), ErrorCode::Unauthorized);
    srv.stop().await;
}

#[test]
fn an_old_files_token_moves_out_and_a_copied_file_carries_none() {
    let dir = tempfile::tempdir().unwrap();
    let open = |dir: &Path| {
        Desk::open_with_secrets(
            dir,
            "desk",
            None,
            SecretStore::file_for(&dir.join(DB_FILE)),
            Arc::new(NoEvents),
            clock(),
        )
        .unwrap()
    };
    // A file as an older version left it: the token in its sync values.
    let desk = open(dir.path());
    desk.store()
        .set_sync_value("server_url", "http://127.0.0.1:9")
        .unwrap();
    desk.store()
        .set_sync_value("server_token", "legacy-token-4f1c9a")
        .unwrap();
    drop(desk);
    assert!(file_holds(dir.path(), "legacy-token-4f1c9a"));

    let desk = open(dir.path());
    let saved = desk.saved_server().unwrap().unwrap();
    assert_eq!(saved.token, "legacy-token-4f1c9a");
    assert_eq!(desk.store().sync_value("server_token").unwrap(), None);
    drop(desk);
    assert!(!file_holds(dir.path(), "legacy-token-4f1c9a"));

    // The desk file copied to another machine (another folder): no token comes along.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::copy(dir.path().join(DB_FILE), elsewhere.path().join(DB_FILE)).unwrap();
    let copy = open(elsewhere.path());
    let there = copy.saved_server().unwrap().unwrap();
    assert_eq!(there.url, "http://127.0.0.1:9");
    assert_eq!(there.token, "");
}
