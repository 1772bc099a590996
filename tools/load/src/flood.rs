//! Phase 6 (`--page-flood RATE`): desks book at a steady rate (open loop, each booking
//! timed from its scheduled send), first alone, then while the public page's endpoints are
//! flooded at RATE requests a second in all from [`CONNECTIONS`] connections (offer, start
//! times, a hold and its release, a booking with a malformed e-mail address, in turn; open
//! loop, one request in flight per connection). The flood comes from 127.0.0.1 without a
//! token, so the server counts it against that one address: with its default limits most
//! of it is answered 429. Then the desks book alone once more, to show how much the
//! machine drifted meanwhile (other work on the same cores). The figure the issue asks for: desk booking p99 with the flood
//! over p99 without it.

use std::time::{Duration, Instant};

use chrono::{Duration as ChronoDuration, NaiveDate};
use chrono_tz::Tz;
use frontdesk_client::StatusCode;
use serde_json::json;
use tokio::sync::watch;
use uuid::Uuid;

use crate::api::Api;
use crate::bookings;
use crate::http1::public_request;
use crate::latency::Latencies;
use crate::page::{slots_path, start_at, MINUTES, STUDIO};
use crate::server_proc::ServerProc;
use crate::BoxError;

/// Connections the flood comes from.
pub const CONNECTIONS: usize = 64;

/// Desk bookings over one stretch (alone or under the flood).
#[derive(Debug)]
pub struct Stretch {
    pub latencies: Latencies,
    pub created: u64,
    pub failed: u64,
    pub elapsed: Duration,
    pub server_cpu: Duration,
    pub cores: String,
}

/// What the flood was answered.
#[derive(Debug, Default, Clone, Copy)]
pub struct FloodCounts {
    pub ok: u64,
    pub limited: u64,
    /// 4xx other than 429 (the malformed bookings' 422, conflicts, …).
    pub refused: u64,
    pub server_errors: u64,
    /// Failed exchanges (the connection is opened again).
    pub io_errors: u64,
}

impl FloodCounts {
    pub fn total(&self) -> u64 {
        self.ok + self.limited + self.refused + self.server_errors + self.io_errors
    }

    fn add(&mut self, other: FloodCounts) {
        self.ok += other.ok;
        self.limited += other.limited;
        self.refused += other.refused;
        self.server_errors += other.server_errors;
        self.io_errors += other.io_errors;
    }

    fn count(&mut self, status: u16) {
        match status {
            200..=299 => self.ok += 1,
            429 => self.limited += 1,
            400..=499 => self.refused += 1,
            _ => self.server_errors += 1,
        }
    }
}

#[derive(Debug)]
pub struct FloodReport {
    pub booking_rate: u64,
    pub alone: Stretch,
    pub flooded: Stretch,
    /// Alone again after the flood: how much the machine drifted meanwhile.
    pub after: Stretch,
    pub flood: FloodCounts,
}

/// What a flood connection sends as its `j`th request.
fn flood_request(
    host: &str,
    room: &str,
    date: NaiveDate,
    tz: Tz,
    session: Uuid,
    j: usize,
) -> Result<Vec<u8>, BoxError> {
    let start = start_at(tz, date, 8 + (j % 12) as u32)?;
    let end = start + ChronoDuration::minutes(MINUTES);
    let base = format!("/public/v1/studios/{STUDIO}");
    Ok(match j % 5 {
        0 => public_request("GET", host, &format!("{base}/offer"), None),
        1 => public_request("GET", host, &slots_path(room, date, session), None),
        2 => {
            let body = json!({"room": room, "start": start, "end": end});
            public_request(
                "PUT",
                host,
                &format!("{base}/holds/{session}"),
                Some(&serde_json::to_vec(&body)?),
            )
        }
        3 => public_request("DELETE", host, &format!("{base}/holds/{session}"), None),
        _ => {
            let body = json!({"session": session, "room": room, "start": start, "end": end,
                "name": "Flood", "email": "not-an-e-mail", "language": "en", "website": ""});
            public_request(
                "POST",
                host,
                &format!("{base}/bookings"),
                Some(&serde_json::to_vec(&body)?),
            )
        }
    })
}

/// Flood connection `c` of `CONNECTIONS`: its share of `rate`, until told to stop.
#[allow(clippy::too_many_arguments)]
async fn flood_connection(
    api: Api,
    c: usize,
    rate: u64,
    room: String,
    date: NaiveDate,
    tz: Tz,
    started: Instant,
    mut stop: watch::Receiver<bool>,
) -> Result<FloodCounts, BoxError> {
    let mut counts = FloodCounts::default();
    let session = Uuid::new_v4();
    let mut conn = None;
    let mut j = c;
    loop {
        let due = started + Duration::from_secs_f64(j as f64 / rate as f64);
        tokio::select! {
            _ = stop.changed() => return Ok(counts),
            _ = tokio::time::sleep_until(due.into()) => {}
        }
        let request = flood_request(api.host(), &room, date, tz, session, j)?;
        if conn.is_none() {
            conn = api.connect(0).await.ok();
        }
        match conn.as_mut() {
            Some(open) => match api.exchange(open, &request).await {
                Ok(status) => counts.count(status),
                Err(_) => {
                    counts.io_errors += 1;
                    conn = None;
                }
            },
            None => counts.io_errors += 1,
        }
        j += CONNECTIONS;
    }
}

/// Desk bookings at `rate` a second for `seconds`, from `base` on, timed from their
/// scheduled sends.
async fn desk_bookings(
    api: &Api,
    server: ServerProc,
    tz: Tz,
    rooms: &[String],
    base: NaiveDate,
    rate: u64,
    seconds: u64,
) -> Result<Stretch, BoxError> {
    let count = (rate * seconds) as usize;
    let before = server.sample()?;
    let cores_before = frontdesk_testkit::host::CpuTimes::now();
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(count);
    for k in 0..count {
        let body = bookings::body(k, tz, rooms, base)?;
        let due = started + Duration::from_secs_f64(k as f64 / rate as f64);
        tokio::time::sleep_until(due.into()).await;
        let api = api.clone();
        tasks.push(tokio::spawn(async move {
            let answer = api.post_to(k, "/v1/bookings", body).await;
            (
                due.elapsed(),
                matches!(answer, Ok((StatusCode::CREATED, _))),
            )
        }));
    }
    let mut stretch = Stretch {
        latencies: Latencies::new()?,
        created: 0,
        failed: 0,
        elapsed: Duration::ZERO,
        server_cpu: Duration::ZERO,
        cores: String::new(),
    };
    for task in tasks {
        let (latency, created) = task.await?;
        stretch.latencies.record(latency);
        if created {
            stretch.created += 1;
        } else {
            stretch.failed += 1;
        }
    }
    stretch.elapsed = started.elapsed();
    stretch.server_cpu = server.sample()?.cpu.saturating_sub(before.cpu);
    stretch.cores =
        frontdesk_testkit::host::describe(cores_before, frontdesk_testkit::host::CpuTimes::now());
    Ok(stretch)
}

/// Desk bookings alone, then under a flood, then alone again of `flood_rate` requests a second against the
/// page's `room` on `date`.
#[allow(clippy::too_many_arguments)]
pub async fn phase(
    api: &Api,
    server: ServerProc,
    tz: Tz,
    rooms: &[String],
    base: NaiveDate,
    page_room: &str,
    page_date: NaiveDate,
    flood_rate: u64,
    booking_rate: u64,
    seconds: u64,
) -> Result<FloodReport, BoxError> {
    let alone = desk_bookings(api, server, tz, rooms, base, booking_rate, seconds).await?;
    let (stop_tx, stop_rx) = watch::channel(false);
    let started = Instant::now();
    let flooders: Vec<_> = (0..CONNECTIONS)
        .map(|c| {
            tokio::spawn(flood_connection(
                api.clone(),
                c,
                flood_rate,
                page_room.to_owned(),
                page_date,
                tz,
                started,
                stop_rx.clone(),
            ))
        })
        .collect();
    let second = base + ChronoDuration::days(10);
    let flooded = desk_bookings(api, server, tz, rooms, second, booking_rate, seconds).await;
    let _ = stop_tx.send(true);
    let mut flood = FloodCounts::default();
    for task in flooders {
        flood.add(task.await??);
    }
    let third = base + ChronoDuration::days(20);
    let after = desk_bookings(api, server, tz, rooms, third, booking_rate, seconds).await?;
    Ok(FloodReport {
        booking_rate,
        alone,
        flooded: flooded?,
        after,
        flood,
    })
}
