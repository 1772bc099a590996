//! A desk and its real server (127.0.0.1 port 0): staff sign in with the server when it
//! answers, so the server's audit names the member it verified; without the server they
//! sign in against the desk's verifier, and what they queue reaches the server as an
//! offline sign-in; once the server answers again they sign in anew.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use frontdesk_app::desk::views::BookingState;
use frontdesk_app::desk::Desk;
use frontdesk_app::events::ChannelEvents;
use frontdesk_client::{Client, ServerSettings};
use frontdesk_protocol::{ActivityQuery, CreateBookingRequest, ErrorCode};
use frontdesk_store::{Durability, Store};
use frontdesk_testkit::clock::{berlin, pinned};
use frontdesk_testkit::server::{any_port, serve};
use frontdesk_testkit::studio::klangraum;

fn walk_in(hour: u32, name: &str) -> CreateBookingRequest {
    let start: DateTime<Utc> = berlin(2027, 1, 5, hour, 0);
    frontdesk_testkit::booking::walk_in_request("studio-a", start, start + Duration::hours(1), name)
}

/// The staff names of the server's audit log, newest first, bookings only.
async fn audited(url: &str) -> Vec<Option<String>> {
    let client = Client::new(ServerSettings {
        url: url.into(),
        token: "token-admin".into(),
    })
    .unwrap();
    client
        .activity(&ActivityQuery::default())
        .await
        .unwrap()
        .entries
        .into_iter()
        .filter(|e| e.action == "create")
        .map(|e| match e.staff_offline {
            true => e.staff.map(|name| format!("{name} (offline sign-in)")),
            false => e.staff,
        })
        .collect()
}

/// The admin desk replaces the server's staff with `staff`.
async fn set_staff(url: &str, staff: Vec<frontdesk_protocol::StaffUpdate>) {
    let admin = Client::new(ServerSettings {
        url: url.into(),
        token: "token-admin".into(),
    })
    .unwrap();
    let info = admin.studio().await.unwrap();
    let change = frontdesk_protocol::StudioUpdate {
        staff: Some(staff),
        ..frontdesk_testkit::studio::editing(&info)
    };
    admin.change_studio(&change).await.unwrap();
}

/// The desk `reception` (token-a) of the server at `url`, on its own file in `dir`.
fn open_desk(
    dir: &std::path::Path,
    url: &str,
    config: &frontdesk_store::StudioConfig,
    clock: frontdesk_testkit::clock::SharedClock,
) -> Desk {
    let store = Store::open_with_studio(
        &dir.join("reception.sqlite"),
        "reception",
        Durability::Full,
        config.studio.clone(),
    )
    .unwrap();
    let (tx, _events) = tokio::sync::mpsc::unbounded_channel();
    let settings = ServerSettings {
        url: url.into(),
        token: "token-a".into(),
    };
    Desk::with_store(
        store,
        "reception",
        Some(settings),
        Arc::new(ChannelEvents(tx)),
        clock,
    )
    .unwrap()
}

/// A member signed in with the server who leaves the staff while their work waits: the
/// server no longer takes their session, yet the queue is not held up — their work is
/// checked as an offline sign-in (they were on the staff when they made it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_the_server_no_longer_takes_does_not_hold_up_the_queue() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("server.sqlite");
    let clock = pinned(berlin(2027, 1, 4, 8, 0));
    let config = klangraum().config();
    let srv = serve(config.clone(), &db, any_port(), clock.clone()).await;
    let (addr, url) = (srv.addr, srv.url());
    let (mia, jo) = (
        frontdesk_testkit::staff::admin("Mia", "471100"),
        frontdesk_testkit::staff::staff("Jo", "123456"),
    );
    set_staff(&url, vec![mia.clone(), jo.clone()]).await;
    let desk = open_desk(dir.path(), &url, &config, clock.clone());
    desk.sync_once().await.unwrap();
    desk.sign_in(jo.id, "123456").await.unwrap();

    srv.stop().await;
    let waiting = desk.create_booking(walk_in(10, "Jo's band")).await.unwrap();
    assert_eq!(waiting.status, BookingState::Pending);
    clock.advance(Duration::minutes(5));
    let srv = serve(config, &db, addr, clock.clone()).await;
    set_staff(&url, frontdesk_testkit::staff::keeping_pins(&[mia])).await;

    desk.sync_once().await.unwrap();
    assert_eq!(
        desk.store().outbox_len().unwrap(),
        0,
        "pushed despite the session"
    );
    assert_eq!(
        audited(&url).await,
        [Some("Jo (offline sign-in)".to_owned())]
    );
    srv.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_signs_in_with_its_server_and_offline_work_is_recorded_as_offline() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("server.sqlite");
    let clock = pinned(berlin(2027, 1, 4, 8, 0));
    let config = klangraum().config();
    let srv = serve(config.clone(), &db, any_port(), clock.clone()).await;
    let (addr, url) = (srv.addr, srv.url());

    set_staff(
        &url,
        vec![
            frontdesk_testkit::staff::admin("Mia", "471100"),
            frontdesk_testkit::staff::staff("Jo", "123456"),
        ],
    )
    .await;
    let desk = open_desk(dir.path(), &url, &config, clock.clone());
    desk.sync_once().await.unwrap();
    let member = |name: &str| {
        desk.staff_members()
            .unwrap()
            .into_iter()
            .find(|m| m.name == name)
            .unwrap()
            .id
    };
    let (mia, jo) = (member("Mia"), member("Jo"));
    // The desk's file has no PIN hash of its server's staff, only its own verifiers.
    assert!(desk
        .store()
        .staff()
        .unwrap()
        .iter()
        .all(|m| m.pin_hash.starts_with("fdv1$")));

    // Online: the server checks the PIN (a wrong one is the server's answer) and its audit
    // names the member it verified.
    let wrong = desk.sign_in(jo, "654321").await.unwrap_err();
    assert_eq!(wrong.code(), ErrorCode::WrongPin);
    desk.sign_in(jo, "123456").await.unwrap();
    let booked = desk
        .create_booking(walk_in(10, "Online band"))
        .await
        .unwrap();
    assert_eq!(booked.status, BookingState::Confirmed);
    assert_eq!(audited(&url).await, [Some("Jo".to_owned())]);

    // The server goes away: Mia signs in against the desk's verifier, and her booking waits.
    srv.stop().await;
    desk.sign_out().await;
    desk.sign_in(mia, "471100").await.unwrap();
    let waiting = desk
        .create_booking(walk_in(12, "Offline band"))
        .await
        .unwrap();
    assert_eq!(waiting.status, BookingState::Pending);

    // Back: the push is recorded as an offline sign-in, and Mia signs in anew to go on.
    clock.advance(Duration::minutes(1));
    let srv = serve(config, &db, addr, clock.clone()).await;
    desk.sync_once().await.unwrap();
    assert_eq!(desk.store().outbox_len().unwrap(), 0);
    assert_eq!(
        audited(&url).await,
        [
            Some("Mia (offline sign-in)".to_owned()),
            Some("Jo".to_owned())
        ]
    );
    let again = desk
        .create_booking(walk_in(14, "Later band"))
        .await
        .unwrap_err();
    assert_eq!(again.code(), ErrorCode::SignInRequired);
    desk.sign_in(mia, "471100").await.unwrap();
    desk.create_booking(walk_in(14, "Later band"))
        .await
        .unwrap();
    assert_eq!(audited(&url).await[0], Some("Mia".to_owned()));

    // Busy all day: after 12 hours the server's session has expired, and the desk asks for
    // the PIN again instead of sending a session the server would refuse.
    desk.save_sign_out_minutes(240).unwrap();
    for _ in 0..4 {
        clock.advance(Duration::hours(3));
        desk.touch().unwrap();
    }
    let expired = desk
        .create_booking(walk_in(16, "Night band"))
        .await
        .unwrap_err();
    assert_eq!(expired.code(), ErrorCode::SignInRequired);
    assert!(expired.to_string().contains("expired"), "{expired}");
    srv.stop().await;
}
