//! The messages a booking sent its customer, seen at the desk as staff see them on the
//! booking: a connected desk shows the server's list, and an e-mail that could not be sent
//! (the studio's SMTP server refuses: nothing listens on its port) shows with the reason;
//! a standalone desk says it sends none; with the server gone the desk says it cannot know.
#![allow(clippy::unwrap_used)]

mod support;

use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use frontdesk_app::desk::messages::{MessagesSource, MessagesView};
use frontdesk_app::desk::Desk;
use frontdesk_server::messages::SmtpSettings;
use frontdesk_server::{start, Database, ServerOptions};
use frontdesk_testkit::booking::walk_in_request;
use frontdesk_testkit::clock::{berlin, pinned};
use frontdesk_testkit::server::any_port;
use frontdesk_testkit::studio::klangraum;
use support::open_desk;
use uuid::Uuid;

/// A loopback port nothing listens on.
fn dead_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The desk's view of booking `id`'s messages once `done` holds (the server's sender works
/// in the background; 20 s at most, checked every 50 ms).
async fn messages_once(
    desk: &Desk,
    id: Uuid,
    done: impl Fn(&MessagesView) -> bool,
) -> MessagesView {
    let deadline = Instant::now() + StdDuration::from_secs(20);
    loop {
        let view = desk.booking_messages(id).await.unwrap();
        if done(&view) {
            return view;
        }
        assert!(Instant::now() < deadline, "waited 20 s: {view:?}");
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_email_that_was_not_sent_shows_at_the_desk_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let clock = pinned(berlin(2027, 1, 4, 9, 0));
    let config = klangraum().config();
    let server = start(ServerOptions {
        dev_tokens: true,
        smtp: Some(SmtpSettings {
            url: format!("smtp://127.0.0.1:{}", dead_port()),
            from: "desk@klangraum.example".into(),
            public_url: None,
            lease: frontdesk_server::messages::LEASE,
        }),
        ..ServerOptions::new(
            config.clone(),
            Database::Sqlite(dir.path().join("server.sqlite")),
            any_port(),
            clock.clone(),
        )
    })
    .await
    .unwrap();
    let url = server.url();
    let desk = open_desk(
        dir.path(),
        "reception",
        Some((&url, "token-a")),
        &config,
        clock.clone(),
    );
    let start_at = berlin(2027, 1, 11, 10, 0);
    let mut request = walk_in_request("studio-a", start_at, start_at + Duration::hours(1), "Ada");
    request.customer.email = Some("ada@example.com".into());
    let booked = desk.create_booking(request).await.unwrap();

    let view = messages_once(&desk, booked.id, |v| {
        v.messages.first().is_some_and(|m| m.attempts >= 1)
    })
    .await;
    assert_eq!(view.source, MessagesSource::Server);
    let confirmation = &view.messages[0];
    assert_eq!(confirmation.kind, "confirmation");
    assert_eq!(confirmation.recipient, "ada@example.com");
    // Tried, refused, to be tried again: staff see why it has not gone out.
    assert_eq!(confirmation.state, "queued", "{confirmation:?}");
    assert!(
        confirmation
            .last_error
            .as_deref()
            .is_some_and(|e| !e.is_empty()),
        "{confirmation:?}"
    );

    // A booking without an e-mail address sent nothing.
    let plain = walk_in_request(
        "studio-a",
        start_at + Duration::hours(2),
        start_at + Duration::hours(3),
        "Ben",
    );
    let plain = desk.create_booking(plain).await.unwrap();
    let view = desk.booking_messages(plain.id).await.unwrap();
    assert_eq!(
        (view.source, view.messages.len()),
        (MessagesSource::Server, 0)
    );

    // The server gone: the desk cannot know what was sent, and says so.
    server.stop().await;
    let view = desk.booking_messages(booked.id).await.unwrap();
    assert_eq!(
        (view.source, view.messages.len()),
        (MessagesSource::Offline, 0)
    );

    // A standalone desk sends no messages, and says so without asking anyone.
    let standalone = open_desk(dir.path(), "solo", None, &config, clock);
    let view = standalone.booking_messages(booked.id).await.unwrap();
    assert_eq!(
        (view.source, view.messages.len()),
        (MessagesSource::Standalone, 0)
    );
}
