//! Calendar feeds made at a desk, as an admin would in Settings: the admin desk of a real
//! server (127.0.0.1 port 0) makes a room's feed, whose address (joined to the server
//! address the desk uses) serves the room's bookings as iCalendar; the list shows it
//! without the address; revoking it makes the address answer 404. A desk token that is not
//! an admin's is refused by the server, and a standalone desk answers `server_required`
//! without asking anyone.
#![allow(clippy::unwrap_used)]

mod support;

use chrono::Duration;
use frontdesk_client::{Client, Method, ServerSettings, StatusCode};
use frontdesk_protocol::{CreateFeedRequest, ErrorCode, FeedDetail};
use frontdesk_testkit::booking::walk_in_request;
use frontdesk_testkit::clock::{berlin, pinned};
use frontdesk_testkit::server::{any_port, serve};
use frontdesk_testkit::studio::klangraum;
use support::{open_desk, refusal};

/// What the feed's address answers, fetched as a calendar app would (no token).
async fn fetch(server: &str, address: &str) -> (StatusCode, String) {
    let path = address
        .strip_prefix(server)
        .unwrap_or_else(|| panic!("{address} is not on {server}"));
    let client = Client::new(ServerSettings {
        url: server.into(),
        token: String::new(),
    })
    .unwrap();
    let (status, body) = client.send(Method::GET, path, None).await.unwrap();
    (status, String::from_utf8(body).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_desk_makes_a_feed_that_serves_the_room_and_revokes_it() {
    let dir = tempfile::tempdir().unwrap();
    let clock = pinned(berlin(2027, 1, 4, 9, 0));
    let config = klangraum().config();
    let srv = serve(
        config.clone(),
        &dir.path().join("server.sqlite"),
        any_port(),
        clock.clone(),
    )
    .await;
    let url = srv.url();
    let office = open_desk(
        dir.path(),
        "office",
        Some((&url, "token-admin")),
        &config,
        clock.clone(),
    );
    let start = berlin(2027, 1, 11, 10, 0);
    let booked = office
        .create_booking(walk_in_request(
            "studio-a",
            start,
            start + Duration::hours(2),
            "Jörg Zimmermann",
        ))
        .await
        .unwrap();

    // The label is trimmed and a blank room is the whole studio's feed, as the form sends them.
    let made = office
        .create_feed(&CreateFeedRequest {
            room: Some("studio-a".into()),
            detail: FeedDetail::Booked,
            label: Some("  Door screen ".into()),
        })
        .await
        .unwrap();
    assert_eq!(made.label.as_deref(), Some("Door screen"));
    let address = made.url.clone().expect("the new feed's address, this once");
    assert!(address.starts_with(&format!("{url}/feeds/")), "{address}");
    assert!(address.ends_with(".ics"), "{address}");

    let (status, calendar) = fetch(&url, &address).await;
    assert_eq!(status, StatusCode::OK);
    assert!(calendar.starts_with("BEGIN:VCALENDAR"), "{calendar}");
    assert!(calendar.contains(&booked.id.to_string()), "{calendar}");
    assert!(calendar.contains("SUMMARY:Booked"), "{calendar}");
    // "Just Booked": the customer's name is not in the feed.
    assert!(!calendar.contains("Zimmermann"), "{calendar}");

    // Listed without its address.
    let list = office.feeds().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].id, list[0].url.as_deref()), (made.id, None));

    office.revoke_feed(made.id).await.unwrap();
    let (status, body) = fetch(&url, &address).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        !body.contains("revoked"),
        "a revoked feed tells nothing: {body}"
    );
    assert!(office.feeds().await.unwrap().is_empty());

    // Not an admin's desk token: the server refuses, nothing is made.
    let reception = open_desk(
        dir.path(),
        "reception",
        Some((&url, "token-a")),
        &config,
        clock.clone(),
    );
    let refused = reception
        .create_feed(&CreateFeedRequest {
            room: None,
            detail: FeedDetail::Name,
            label: None,
        })
        .await
        .unwrap_err();
    assert_eq!(refusal(refused), ErrorCode::Forbidden);
    assert!(office.feeds().await.unwrap().is_empty());

    // A standalone desk has no feeds and says why.
    let standalone = open_desk(dir.path(), "alone", None, &config, clock);
    assert_eq!(
        refusal(standalone.feeds().await.unwrap_err()),
        ErrorCode::ServerRequired
    );
}
