//! A room's calendar feed with a year of bookings (~5,000), served over HTTP by the real
//! server, beside the naive way of reading the same bookings, measured in the same run:
//!
//! - served: `GET /feeds/{token}.ics` from a client on 127.0.0.1 (the one lean query, the
//!   `icalendar` writer, the ETag), median and p95 of 30 requests (target ≤ 50 ms);
//! - the feed's one query (`Store::feed_events`: id, room, times, name, status, version,
//!   stamp) against the naive alternative a feed could be built with from the existing
//!   reads: the ids of the window, then one `Store::booking(id)` per booking (N+1, full rows).
//!   Both read the server's SQLite file in this process while the server runs.
//!
//! `cargo bench -p frontdesk-server --bench feed` (SQLite; `-- --postgres URL` serves from
//! a fresh PostgreSQL database instead, without the in-process comparison). Seeding books
//! through the API with rate limits off. The host's share of the cores ("steal") is printed
//! beside each figure.

use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Client, Method, ServerSettings};
use frontdesk_protocol::{FeedDetail, FEED_DAYS_AHEAD, FEED_DAYS_BACK};
use frontdesk_server::limits::RateLimits;
use frontdesk_server::routes::feeds::FeedCalendar;
use frontdesk_server::{start, Database, ServerOptions};
use frontdesk_store::{Durability, Store};
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::host::{describe, CpuTimes};
use frontdesk_testkit::server::any_port;
use frontdesk_testkit::studio::StudioToml;
use uuid::Uuid;

/// Bookings a day in the room (14 × 365 ≈ 5,100 in the year).
const PER_DAY: i64 = 14;
const DAYS: i64 = 365;
const ROUNDS: usize = 30;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn main() -> Result<(), BoxError> {
    let postgres = std::env::args().skip_while(|a| a != "--postgres").nth(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(run(postgres))
}

fn percentile(mut took: Vec<StdDuration>, p: f64) -> StdDuration {
    took.sort();
    let at = ((took.len() as f64 - 1.0) * p).round() as usize;
    took.get(at).copied().unwrap_or_default()
}

fn ms(d: StdDuration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

async fn run(postgres: Option<String>) -> Result<(), BoxError> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("feed.sqlite");
    let database = match &postgres {
        Some(url) => Database::parse(url, 4),
        None => Database::Sqlite(file.clone()),
    };
    let studio = StudioToml::new("Feed bench")
        .room("r0", "Room 0", &[60])
        .admin_desk("office", "token-admin");
    let now = Utc
        .with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
        .single()
        .ok_or("a date")?;
    let options = ServerOptions {
        dev_tokens: true,
        limits: RateLimits {
            token_rate: 0,
            address_rate: 0,
            ..RateLimits::default()
        },
        ..ServerOptions::new(studio.config(), database, any_port(), pinned(now))
    };
    let server = start(options).await?;
    let url = server.url();
    let admin = Client::local(
        ServerSettings {
            url: url.clone(),
            token: "token-admin".into(),
        },
        8,
    )?;
    // A year of bookings from tomorrow on, hours 8–22 local, through the API, 4 at a time.
    let seeding = Instant::now();
    let mut bodies = Vec::new();
    for day in 1..=DAYS {
        for slot in 0..PER_DAY {
            let date = (now + Duration::days(day))
                .with_timezone(&Berlin)
                .date_naive();
            let start = date
                .and_hms_opt(8 + u32::try_from(slot)?, 0, 0)
                .ok_or("a time")?
                .and_local_timezone(Berlin)
                .single()
                .ok_or("a local time")?;
            let end = start + Duration::hours(1);
            bodies.push(serde_json::json!({"id": Uuid::new_v4(), "room": "r0",
                "start": start.to_rfc3339(), "end": end.to_rfc3339(),
                "customer": {"name": format!("Customer {day}-{slot}")}}));
        }
    }
    let count = bodies.len();
    for chunk in bodies.chunks(4) {
        let mut sent = Vec::new();
        for body in chunk {
            let (admin, body) = (admin.clone(), serde_json::to_vec(body)?);
            sent.push(tokio::spawn(async move {
                admin.send(Method::POST, "/v1/bookings", Some(body)).await
            }));
        }
        for s in sent {
            let (status, bytes) = s.await??;
            if !status.is_success() {
                return Err(
                    format!("seeding: {status} {}", String::from_utf8_lossy(&bytes)).into(),
                );
            }
        }
    }
    let made = admin
        .send(
            Method::POST,
            "/v1/feeds",
            Some(br#"{"room": "r0", "detail": "name"}"#.to_vec()),
        )
        .await?;
    let feed: serde_json::Value = serde_json::from_slice(&made.1)?;
    let path = feed["url"].as_str().ok_or("a feed url")?.to_owned();
    println!(
        "feed benchmark ({} database, one room, {count} bookings over {DAYS} days, seeded in {:.0} s, 2 cores)",
        if postgres.is_some() { "PostgreSQL" } else { "SQLite" },
        seeding.elapsed().as_secs_f64()
    );

    let anonymous = Client::local(
        ServerSettings {
            url: url.clone(),
            token: String::new(),
        },
        2,
    )?;
    let (_, first) = anonymous.send(Method::GET, &path, None).await?;
    let before = CpuTimes::now();
    let mut took = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let (status, body) = anonymous.send(Method::GET, &path, None).await?;
        took.push(started.elapsed());
        if !status.is_success() || body.len() != first.len() {
            return Err(format!("the feed answered {status}").into());
        }
    }
    let events = String::from_utf8_lossy(&first)
        .matches("BEGIN:VEVENT")
        .count();
    let served = percentile(took.clone(), 0.5);
    println!(
        "  served over HTTP, unchanged since the last request: {events} events, {} KiB: median {}, p95 {} (target ≤ 50 ms) {} — {}",
        first.len() / 1024,
        ms(served),
        ms(percentile(took, 0.95)),
        if served <= StdDuration::from_millis(50) {
            "✓"
        } else {
            "✗"
        },
        describe(before, CpuTimes::now())
    );

    // The first request after each change writes the calendar again (the cache's input
    // changed): a booking renamed, then the feed fetched.
    let renamed = bodies[count / 2]["id"].as_str().ok_or("an id")?.to_owned();
    let mut after_change = Vec::new();
    for round in 0..10_i64 {
        let change = serde_json::json!({"version": round + 1, "change": {"kind": "details",
            "customer": {"name": format!("Renamed {round}")}}});
        let path_change = format!("/v1/bookings/{renamed}/changes");
        let (status, _) = admin
            .send(
                Method::POST,
                &path_change,
                Some(serde_json::to_vec(&change)?),
            )
            .await?;
        if !status.is_success() {
            return Err(format!("renaming: {status}").into());
        }
        let started = Instant::now();
        let (status, _) = anonymous.send(Method::GET, &path, None).await?;
        after_change.push(started.elapsed());
        if !status.is_success() {
            return Err(format!("the feed answered {status}").into());
        }
    }
    let changed = percentile(after_change.clone(), 0.5);
    println!(
        "  served over HTTP, first request after a change (written again): median {}, p95 {} (target ≤ 50 ms) {}",
        ms(changed),
        ms(percentile(after_change, 0.95)),
        if changed <= StdDuration::from_millis(50) { "✓" } else { "✗" },
    );

    if postgres.is_none() {
        let store = Store::open(&file, "bench", Durability::Normal)?;
        let (from, to) = (
            now - Duration::days(FEED_DAYS_BACK),
            now + Duration::days(FEED_DAYS_AHEAD),
        );
        let before = CpuTimes::now();
        let mut lean = Vec::new();
        let mut naive = Vec::new();
        for _ in 0..10 {
            let started = Instant::now();
            let rows = store.feed_events(Some("r0"), from, to)?;
            lean.push(started.elapsed());
            let started = Instant::now();
            let ids = store.bookings_between(Some("r0"), from, to)?;
            let mut full = 0;
            for booking in &ids {
                full += usize::from(store.booking(booking.id)?.is_some());
            }
            naive.push(started.elapsed());
            if full != rows.len() {
                return Err(format!("naive read {full}, lean {}", rows.len()).into());
            }
        }
        let rows = store.feed_events(Some("r0"), from, to)?;
        let calendar = FeedCalendar {
            name: "Feed bench – Room 0".into(),
            room_names: [("r0".to_owned(), "Room 0".to_owned())].into(),
            detail: FeedDetail::Name,
        };
        let mut render = Vec::new();
        for _ in 0..10 {
            let started = Instant::now();
            let text = calendar.write(&rows);
            render.push(started.elapsed());
            if text.matches("BEGIN:VEVENT").count() != rows.len() {
                return Err("the written feed lacks events".into());
            }
        }
        let (lean, naive) = (percentile(lean, 0.5), percentile(naive, 0.5));
        println!(
            "  writing the {} events with the icalendar crate, median of 10: {}",
            rows.len(),
            ms(percentile(render, 0.5))
        );
        println!(
            "  reading the bookings in-process, median of 10: one lean query {}, naive (window + one query per booking) {} — {:.1}× — {}",
            ms(lean),
            ms(naive),
            naive.as_secs_f64() / lean.as_secs_f64().max(1e-9),
            describe(before, CpuTimes::now())
        );
    }
    server.stop().await;
    Ok(())
}
