//! Restoring a desk's backup from Settings, with real SQLite files and a real server on
//! 127.0.0.1 port 0 behind a relay the test cuts: the restored file is the backup's, the
//! replaced one is kept, and a connected desk re-syncs without duplicates or conflicts —
//! the work it had waiting at the backup is pushed again and taken once, and what the
//! server got after the backup comes back by pull.
#![allow(clippy::unwrap_used)]

mod support;

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use frontdesk_app::desk::backups::back_up_file_if_due;
use frontdesk_app::desk::views::BookingState;
use frontdesk_protocol::{CreateBookingRequest, ErrorCode};
use frontdesk_store::BookingStatus;
use frontdesk_testkit::clock::{berlin, pinned};
use frontdesk_testkit::server::{any_port, serve};
use frontdesk_testkit::studio::klangraum;
use frontdesk_testkit::tcp_relay::{through, TcpRelay};
use support::{open_desk, refusal};
use uuid::Uuid;

fn at(d: u32, h: u32) -> DateTime<Utc> {
    berlin(2027, 1, d, h, 0)
}

fn walk_in(room: &str, start: DateTime<Utc>, name: &str) -> CreateBookingRequest {
    frontdesk_testkit::booking::walk_in_request(room, start, start + Duration::hours(1), name)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restored_connected_desk_resyncs_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let now = berlin(2027, 1, 4, 8, 0);
    let clock = pinned(now);
    let config = klangraum().config();
    let server = serve(
        config.clone(),
        &dir.path().join("server.sqlite"),
        any_port(),
        clock.clone(),
    )
    .await;
    let relay = TcpRelay::start(frontdesk_testkit::tcp_relay::address_of(&server.url())).await;
    let url = through(&server.url(), &relay);
    let desk = open_desk(
        dir.path(),
        "desk",
        Some((&url, "token-a")),
        &config,
        clock.clone(),
    );
    let file = dir.path().join("desk.sqlite");

    // Ada is booked online; Cem while the server is out of reach (waiting to sync).
    let ada = walk_in("studio-a", at(11, 9), "Ada");
    desk.create_booking(ada.clone()).await.unwrap();
    relay.cut();
    let cem = walk_in("studio-b", at(11, 10), "Cem");
    assert_eq!(
        desk.create_booking(cem.clone()).await.unwrap().status,
        BookingState::Pending
    );
    assert_eq!(desk.store().outbox_len().unwrap(), 1);

    // The daily backup holds both, Cem still waiting.
    let (backup, summary) = back_up_file_if_due(&file, now).unwrap().unwrap();
    assert_eq!(summary.bookings, 2);

    // The server comes back: Cem goes through; then Bo is booked online.
    relay.restore();
    desk.sync_once().await.unwrap();
    assert_eq!(desk.store().outbox_len().unwrap(), 0);
    let bo = walk_in("studio-a", at(12, 9), "Bo");
    desk.create_booking(bo.clone()).await.unwrap();

    // The preview lists the backup with what it holds.
    let offered = desk.backups().unwrap();
    assert_eq!(offered.len(), 1);
    let name = backup.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(offered[0].name, name);
    assert_eq!(
        (offered[0].bookings, offered[0].customers),
        (2, summary.customers)
    );
    assert_eq!(offered[0].made_at, now);

    let restored = desk.restore_backup(&name).unwrap();
    assert_eq!(restored.backup, offered[0]);
    let kept = std::path::PathBuf::from(restored.kept.unwrap());
    assert!(
        kept.exists(),
        "the replaced file is kept at {}",
        kept.display()
    );
    // The desk's file is the backup's: Bo is gone, Cem waits again.
    let status = |id: Uuid| desk.store().booking(id).unwrap().map(|b| b.status);
    assert_eq!(status(bo.id), None);
    assert_eq!(status(cem.id), Some(BookingStatus::Pending));
    assert_eq!(desk.store().outbox_len().unwrap(), 1);

    // One sync: Cem's booking is pushed again and taken once, Bo comes back by pull.
    desk.sync_once().await.unwrap();
    assert_eq!(desk.store().outbox_len().unwrap(), 0);
    for id in [ada.id, bo.id, cem.id] {
        assert_eq!(status(id), Some(BookingStatus::Confirmed));
    }
    assert!(
        desk.store().refused_changes().unwrap().is_empty(),
        "a re-push was refused"
    );
    let on_desk = desk
        .store()
        .bookings_between(None, at(10, 0), at(13, 0))
        .unwrap();
    assert_eq!(on_desk.len(), 3);
    let pulled = frontdesk_client::Client::new(frontdesk_client::ServerSettings {
        url: server.url(),
        token: "token-b".into(),
    })
    .unwrap()
    .pull(0, 500)
    .await
    .unwrap();
    let ids: BTreeSet<Uuid> = pulled.changes.iter().map(|c| c.booking.id).collect();
    assert_eq!(ids, BTreeSet::from([ada.id, bo.id, cem.id]));
    assert!(desk.store().consistency_check().unwrap().is_empty());
}

#[test]
fn a_standalone_desk_restores_a_backup_and_refuses_what_is_not_one() {
    let dir = tempfile::tempdir().unwrap();
    let now = berlin(2027, 1, 4, 8, 0);
    let clock = pinned(now);
    let config = klangraum().config();
    let desk = open_desk(dir.path(), "desk", None, &config, clock.clone());
    let file = dir.path().join("desk.sqlite");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let ada = walk_in("studio-a", at(11, 9), "Ada");
    rt.block_on(desk.create_booking(ada.clone())).unwrap();
    let (backup, _) = back_up_file_if_due(&file, now).unwrap().unwrap();
    let bo = walk_in("studio-a", at(12, 9), "Bo");
    rt.block_on(desk.create_booking(bo.clone())).unwrap();

    // A file in the folder that is not a Frontdesk file is not offered, nor restorable.
    let junk = dir.path().join("backups/frontdesk-2027-01-03T0700Z.sqlite");
    std::fs::write(&junk, b"not a database").unwrap();
    let offered = desk.backups().unwrap();
    assert_eq!(offered.len(), 1, "only the real backup is offered");
    let err = desk
        .restore_backup("frontdesk-2027-01-03T0700Z.sqlite")
        .unwrap_err();
    assert_eq!(refusal(err), ErrorCode::Invalid);
    // A name outside the backups (or a path) is refused; nothing changed.
    let err = desk.restore_backup("../desk.sqlite").unwrap_err();
    assert_eq!(refusal(err), ErrorCode::NotFound);
    assert!(desk.store().booking(bo.id).unwrap().is_some());

    let name = backup.file_name().unwrap().to_string_lossy().into_owned();
    desk.restore_backup(&name).unwrap();
    assert!(desk.store().booking(ada.id).unwrap().is_some());
    assert!(desk.store().booking(bo.id).unwrap().is_none());
    // The restored desk goes on working on its file.
    rt.block_on(desk.create_booking(walk_in("studio-b", at(12, 9), "Cy")))
        .unwrap();
    assert!(desk.store().consistency_check().unwrap().is_empty());
}
