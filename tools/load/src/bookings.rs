//! Phase 4: booking throughput. `--bookings` one-hour bookings that overlap nothing (each
//! its own room and hour, 08:00–20:00, from `base` on), sent by 32 concurrent desks, spread
//! round robin over the server instances; every one must be created.

use std::time::{Duration, Instant};

use chrono::{Duration as ChronoDuration, NaiveDate, TimeZone};
use chrono_tz::Tz;
use frontdesk_client::StatusCode;
use frontdesk_testkit::host;
use serde_json::json;
use uuid::Uuid;

use crate::api::Api;
use crate::latency::{Latencies, Samples};
use crate::BoxError;

/// Desks booking at once.
pub const WORKERS: usize = 32;

#[derive(Debug)]
pub struct BookingsReport {
    pub latencies: Latencies,
    pub created: u64,
    pub failed: u64,
    pub elapsed: Duration,
    pub cpu: String,
}

/// Hours a day the phase books, from 08:00 (clear of any DST change).
const HOURS: usize = 12;

/// The `k`th booking: room `k mod rooms`, then hour by hour from `base`.
pub fn body(k: usize, tz: Tz, rooms: &[String], base: NaiveDate) -> Result<Vec<u8>, BoxError> {
    let slot = k / rooms.len();
    let date = base + ChronoDuration::days((slot / HOURS) as i64);
    let local = date
        .and_hms_opt(8 + (slot % HOURS) as u32, 0, 0)
        .ok_or("an hour of the day")?;
    let start = tz
        .from_local_datetime(&local)
        .earliest()
        .ok_or_else(|| format!("{local} does not exist in {tz}"))?;
    let end = start + ChronoDuration::hours(1);
    Ok(serde_json::to_vec(&json!({
        "id": Uuid::new_v4(),
        "room": rooms[k % rooms.len()],
        "start": start.to_rfc3339(),
        "end": end.to_rfc3339(),
        "customer": {"name": "Load test"}
    }))?)
}

pub async fn phase(
    api: &Api,
    tz: Tz,
    rooms: &[String],
    base: NaiveDate,
    count: u32,
) -> Result<BookingsReport, BoxError> {
    let count = count as usize;
    let bodies = (0..count)
        .map(|k| body(k, tz, rooms, base))
        .collect::<Result<Vec<_>, _>>()?;
    let cpu_before = host::CpuTimes::now();
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(WORKERS);
    for worker in 0..WORKERS {
        let api = api.clone();
        let mine: Vec<(usize, Vec<u8>)> = bodies
            .iter()
            .enumerate()
            .skip(worker)
            .step_by(WORKERS)
            .map(|(k, b)| (k, b.clone()))
            .collect();
        tasks.push(tokio::spawn(async move {
            let mut samples = Samples::with_capacity(mine.len());
            let mut created = 0u64;
            for (k, body) in mine {
                let t0 = Instant::now();
                let answer = api.post_to(k, "/v1/bookings", body).await;
                samples.push(t0.elapsed());
                if matches!(answer, Ok((StatusCode::CREATED, _))) {
                    created += 1;
                }
            }
            (samples, created)
        }));
    }
    let mut report = BookingsReport {
        latencies: Latencies::new()?,
        created: 0,
        failed: 0,
        elapsed: Duration::ZERO,
        cpu: String::new(),
    };
    for task in tasks {
        let (samples, created) = task.await?;
        report.latencies.record_samples(&samples);
        report.created += created;
    }
    report.elapsed = started.elapsed();
    report.cpu = host::describe(cpu_before, host::CpuTimes::now());
    report.failed = count as u64 - report.created;
    Ok(report)
}
