//! What a flood of requests with bad tokens does to the desks' bookings: the p99 of bookings
//! made by several desks at once, without and then with 2,000 bad-token requests sent over
//! 5 s from one address, measured in the same run on the same server, with the share of the
//! cores the host took beside each phase.
//!
//! `cargo bench -p frontdesk-server --bench flood` (SQLite; `-- --postgres URL` for a fresh
//! PostgreSQL database instead). The server runs in this process on 127.0.0.1 with its
//! default rate limits; the flood is answered 401 until the address's burst is spent, then
//! 429, neither touching the database.

use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, TimeZone, Utc};
use frontdesk_client::{Client, Method, ServerSettings, StatusCode};
use frontdesk_server::{start, Database, ServerOptions};
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::host::{describe, CpuTimes};
use frontdesk_testkit::server::any_port;
use frontdesk_testkit::studio::StudioToml;
use uuid::Uuid;

/// Desks booking at once, each in a room of its own.
const DESKS: usize = 8;
/// How long each phase books.
const PHASE: StdDuration = StdDuration::from_secs(5);
/// Bad-token requests of the flood, spread over the phase.
const FLOOD: usize = 2000;
/// Each desk books every this often (20 a second: far more than staff do, and within the
/// per-token rate limit).
const PACE: StdDuration = StdDuration::from_millis(50);

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn main() -> Result<(), BoxError> {
    let postgres = std::env::args().skip_while(|a| a != "--postgres").nth(1);
    // The server has a runtime of its own, as it would in its own process; the desks and
    // the flood each another (on the same 2 cores).
    let server_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let desks_runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    desks_runtime.block_on(run(postgres, server_runtime.handle().clone()))
}

async fn run(
    postgres: Option<String>,
    server_runtime: tokio::runtime::Handle,
) -> Result<(), BoxError> {
    let dir = tempfile::tempdir()?;
    let mut studio = StudioToml::new("Flood").all_week(r#"["00:00", "24:00"]"#);
    for desk in 0..DESKS {
        studio = studio
            .room(&format!("room-{desk}"), &format!("Room {desk}"), &[60])
            .desk(&format!("desk-{desk}"), &format!("token-{desk}"));
    }
    let database = match &postgres {
        Some(url) => Database::parse(url, 8),
        None => Database::Sqlite(dir.path().join("flood.sqlite")),
    };
    let start_at = Utc
        .with_ymd_and_hms(2026, 6, 1, 0, 0, 0)
        .single()
        .ok_or("a date")?;
    let options = ServerOptions {
        dev_tokens: true,
        ..ServerOptions::new(studio.config(), database, any_port(), pinned(start_at))
    };
    let server = server_runtime.spawn(start(options)).await??;
    let url = server.url();
    println!(
        "flood benchmark ({} database, {DESKS} desks each booking every {} ms for {} s per phase, 2 cores)",
        if postgres.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        PACE.as_millis(),
        PHASE.as_secs()
    );
    let quiet = phase(&url, 0, false).await?;
    let flooded = phase(&url, 1, true).await?;
    let ratio = flooded.p99.as_secs_f64() / quiet.p99.as_secs_f64().max(1e-9);
    println!(
        "  p99 of bookings with the flood / without: {ratio:.2}× (target ≤ 2×) {}",
        if ratio <= 2.0 { "✓" } else { "✗" }
    );
    server_runtime.spawn(server.stop()).await?;
    Ok(())
}

struct Phase {
    p99: StdDuration,
}

/// Books for [`PHASE`] from every desk at once (phase `n` books its own hours), with or
/// without the flood beside it.
async fn phase(url: &str, n: i64, flood: bool) -> Result<Phase, BoxError> {
    let before = CpuTimes::now();
    let started = Instant::now();
    let flooder = flood.then(|| {
        let url = url.to_owned();
        std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(BoxError::from)?
                .block_on(send_flood(url))
        })
    });
    let mut desks = Vec::new();
    for desk in 0..DESKS {
        let client = Client::new(ServerSettings {
            url: url.to_owned(),
            token: format!("token-{desk}"),
        })?;
        desks.push(tokio::spawn(async move {
            let mut took = Vec::new();
            let mut hour = 0i64;
            let mut pace = tokio::time::interval(PACE);
            while started.elapsed() < PHASE {
                pace.tick().await;
                let at = Utc
                    .with_ymd_and_hms(2026, 6, 2, 0, 0, 0)
                    .single()
                    .unwrap_or_default()
                    + Duration::days(400 * n)
                    + Duration::hours(hour);
                hour += 1;
                let body = serde_json::json!({
                    "id": Uuid::new_v4(), "room": format!("room-{desk}"),
                    "start": at.to_rfc3339(), "end": (at + Duration::hours(1)).to_rfc3339(),
                    "customer": {"name": format!("Desk {desk} guest {hour}")}});
                let sent = Instant::now();
                let (status, _) = client
                    .send(
                        Method::POST,
                        "/v1/bookings",
                        Some(serde_json::to_vec(&body)?),
                    )
                    .await?;
                took.push(sent.elapsed());
                if status != StatusCode::CREATED {
                    return Err(format!("a booking answered {status}").into());
                }
            }
            Ok::<_, BoxError>(took)
        }));
    }
    let mut took = Vec::new();
    for desk in desks {
        took.extend(desk.await??);
    }
    let answered = match flooder {
        Some(flooder) => Some(flooder.join().map_err(|_| "the flood panicked")??),
        None => None,
    };
    let cores = describe(before, CpuTimes::now());
    took.sort_unstable();
    let at = |q: f64| took[((took.len() as f64 * q) as usize).min(took.len() - 1)];
    let (p50, p99) = (at(0.50), at(0.99));
    let flood_text = match answered {
        Some((unauthorized, limited, other, took)) => format!(
            " — flood of {FLOOD} in {:.1} s: {unauthorized} answered 401, {limited} answered 429, {other} other",
            took.as_secs_f64()
        ),
        None => String::new(),
    };
    println!(
        "  {:<16} {} bookings, p50 {:.2} ms, p99 {:.2} ms{flood_text}; cores: {cores}",
        if answered.is_some() {
            "with the flood"
        } else {
            "without"
        },
        took.len(),
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
    );
    Ok(Phase { p99 })
}

/// [`FLOOD`] requests with bad tokens (one random token per sender), evenly over
/// [`PHASE`], 16 senders at a time; how many were answered 401, 429 and anything else, and
/// how long the flood took.
async fn send_flood(url: String) -> Result<(usize, usize, usize, StdDuration), BoxError> {
    let senders = 16;
    let each = FLOOD / senders;
    let gap = PHASE / u32::try_from(each)?;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..senders {
        let client = Client::new(ServerSettings {
            url: url.clone(),
            token: format!("fd_{}", Uuid::new_v4().simple()),
        })?;
        tasks.push(tokio::spawn(async move {
            let mut counts = (0, 0, 0);
            let mut tick = tokio::time::interval(gap);
            for _ in 0..each {
                tick.tick().await;
                match client
                    .send(Method::GET, "/v1/sync/pull?since=0", None)
                    .await?
                    .0
                {
                    StatusCode::UNAUTHORIZED => counts.0 += 1,
                    StatusCode::TOO_MANY_REQUESTS => counts.1 += 1,
                    _ => counts.2 += 1,
                }
            }
            Ok::<_, BoxError>(counts)
        }));
    }
    let mut total = (0, 0, 0);
    for task in tasks {
        let (a, b, c) = task.await??;
        total = (total.0 + a, total.1 + b, total.2 + c);
    }
    Ok((total.0, total.1, total.2, started.elapsed()))
}
