//! Messages under `kill -9`: two server processes on one PostgreSQL database send the
//! customers' confirmations to a real SMTP server (`frontdesk_testkit::smtp`), and one
//! instance is killed with SIGKILL while it is sending. Each booking's confirmation still
//! reaches the SMTP server, and as one message: the survivor sends what the killed one had
//! claimed once its lease runs out (2 s here, `serve --smtp-lease-seconds`), and a copy sent
//! twice — killed after the SMTP server accepted it, before it was marked sent, the one
//! window docs/server.md names — carries the same Message-ID.
//!
//! The processes run on the real clock (a process has no pinned clock), so reminders, due
//! a day before the start, are not reached here; they are claimed, leased and sent by the
//! same code as the confirmations (the in-process tests of `messages.rs` move a pinned clock
//! to them).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, DurationRound, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Client, Method, ServerSettings, StatusCode};
use frontdesk_testkit::server::ServerProcess;
use frontdesk_testkit::smtp::Sink;
use frontdesk_testkit::studio::klangraum;
use serde_json::json;
use uuid::Uuid;

const BOOKINGS: usize = 30;

fn spawn(config: &std::path::Path, database: &str, smtp: &str) -> ServerProcess {
    let args = [
        "--database",
        database,
        "--smtp-url",
        smtp,
        "--smtp-from",
        "desk@klangraum.example",
        "--smtp-lease-seconds",
        "2",
    ];
    ServerProcess::spawn_on(config, args.iter().map(std::ffi::OsStr::new))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instance_killed_while_sending_loses_no_confirmation_and_doubles_none() {
    // 150 ms a message: the instances' senders are still at it when one is killed.
    let sink = Sink::slow(StdDuration::from_millis(150));
    let database = frontdesk_testkit::postgres::fresh_database();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("studio.toml");
    std::fs::write(
        &config,
        klangraum().all_week(r#"["00:00", "24:00"]"#).toml(),
    )
    .unwrap();
    let mut killed = spawn(&config, &database, &sink.url());
    let survivor = spawn(&config, &database, &sink.url());

    // Bookings through the instance that will be killed, a day and more ahead.
    let client = Client::new(ServerSettings {
        url: killed.url().to_owned(),
        token: "token-a".into(),
    })
    .unwrap();
    let first = (Utc::now() + Duration::days(2))
        .duration_trunc(Duration::hours(1))
        .unwrap();
    let mut bookings = Vec::new();
    for i in 0..BOOKINGS {
        let id = Uuid::new_v4();
        let start = first + Duration::hours(i as i64);
        let body = json!({"id": id, "room": "studio-a",
            "start": start.with_timezone(&Berlin).to_rfc3339(),
            "end": (start + Duration::hours(1)).with_timezone(&Berlin).to_rfc3339(),
            "customer": {"name": format!("Guest {i}"), "email": format!("guest{i}@example.com")}});
        let (status, answer) = client
            .send(
                Method::POST,
                "/v1/bookings",
                Some(serde_json::to_vec(&body).unwrap()),
            )
            .await
            .unwrap();
        assert_eq!(
            status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&answer)
        );
        bookings.push(id);
    }
    // Killed while its sender works through them (wherever that is: before, during or
    // after an SMTP conversation — every case must end the same).
    killed.kill();
    let before_kill = sink.mails().len();
    assert!(
        before_kill < BOOKINGS,
        "the kill came after every confirmation was sent: it tests nothing"
    );

    // Every booking's confirmation reaches the SMTP server; the survivor takes over what the
    // killed instance had claimed when the lease runs out.
    let deadline = Instant::now() + StdDuration::from_secs(60);
    let by_recipient = loop {
        let mut by_recipient: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for mail in sink.mails() {
            let to = mail["to"][0].as_str().unwrap().to_owned();
            by_recipient
                .entry(to)
                .or_default()
                .push(mail["messageId"].as_str().unwrap().to_owned());
        }
        if by_recipient.len() == BOOKINGS {
            break by_recipient;
        }
        assert!(
            Instant::now() < deadline,
            "after 60 s only {} of {BOOKINGS} customers had their confirmation",
            by_recipient.len()
        );
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    };
    // One message each: a second copy, if any, is the same message (the same Message-ID).
    for (to, ids) in &by_recipient {
        assert!(
            ids.iter().all(|id| id == &ids[0]),
            "{to} got different messages: {ids:?}"
        );
    }
    let copies: usize = by_recipient.values().map(|ids| ids.len() - 1).sum();
    println!(
        "# {BOOKINGS} confirmations, {before_kill} received before the kill, \
         {copies} sent twice with the same Message-ID"
    );

    // And the survivor's list says each was sent once.
    let survivor_client = Client::new(ServerSettings {
        url: survivor.url().to_owned(),
        token: "token-a".into(),
    })
    .unwrap();
    for id in &bookings {
        let (status, body) = survivor_client
            .send(Method::GET, &format!("/v1/bookings/{id}/messages"), None)
            .await
            .unwrap();
        assert_eq!(status, StatusCode::OK);
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let confirmations: Vec<_> = body["messages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["kind"] == "confirmation")
            .collect();
        assert_eq!(confirmations.len(), 1, "{body}");
        assert_eq!(confirmations[0]["state"], "sent", "{body}");
    }
}
