//! Phase 2: K sequential `POST /v1/rooms/status` for every room, after creating 200
//! bookings so that the answers have something in them.

use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as ChronoDuration, TimeZone, Timelike};
use chrono_tz::Tz;
use frontdesk_client::StatusCode;
use frontdesk_clock::Clock;
use frontdesk_protocol::{
    CreateBookingRequest, CustomerDto, RoomsStatusRequest, RoomsStatusResponse,
};
use uuid::Uuid;

use crate::api::Api;
use crate::latency::Latencies;
use crate::studio::wire;
use crate::BoxError;
use frontdesk_testkit::host;

/// Bookings created before the room status requests.
pub const BOOKINGS: usize = 200;

#[derive(Debug)]
pub struct StatusReport {
    pub created: u64,
    pub existing: u64,
    pub conflicts: u64,
    pub failed: u64,
    pub bookings_elapsed: Duration,
    pub latencies: Latencies,
    pub errors: u64,
    pub elapsed: Duration,
    pub rooms_answered: usize,
    pub with_current: usize,
    pub next_total: usize,
    /// What the cores did during the requests ([`host::describe`]).
    pub cpu: String,
}

/// The start of the current local hour.
fn this_hour(clock: &dyn Clock, tz: Tz) -> Result<DateTime<Tz>, BoxError> {
    let now = clock.now().with_timezone(&tz);
    let naive = now
        .date_naive()
        .and_hms_opt(now.hour(), 0, 0)
        .ok_or("no current hour")?;
    Ok(tz.from_local_datetime(&naive).earliest().unwrap_or(now))
}

/// 200 one-hour bookings from the current local hour on, at most 2 per room with 60 rooms
/// or more: the k-th booking of a room starts 5k + (j mod 5) hours from now's hour.
async fn book(
    api: &Api,
    clock: &dyn Clock,
    tz: Tz,
    rooms: &[String],
    report: &mut StatusReport,
) -> Result<(), BoxError> {
    let hour = this_hour(clock, tz)?;
    let t0 = Instant::now();
    for j in 0..BOOKINGS {
        let k = (j / rooms.len()) as i64;
        let start = hour + ChronoDuration::hours(5 * k + (j % 5) as i64);
        let body = CreateBookingRequest {
            id: Uuid::new_v4(),
            room: rooms[j % rooms.len()].clone(),
            start: wire(start),
            end: wire(start + ChronoDuration::hours(1)),
            customer: CustomerDto {
                name: "Load test".into(),
                phone: None,
                email: None,
            },
            note: None,
            session: None,
            staff: None,
            series: None,
        };
        match api.post("/v1/bookings", serde_json::to_vec(&body)?).await {
            Ok((StatusCode::CREATED, _)) => report.created += 1,
            Ok((StatusCode::OK, _)) => report.existing += 1,
            Ok((StatusCode::CONFLICT, _)) => report.conflicts += 1,
            _ => report.failed += 1,
        }
    }
    report.bookings_elapsed = t0.elapsed();
    Ok(())
}

/// Runs the phase: the bookings, then `requests` room status requests one after another.
/// Only the first answer is read; the others are timed as they arrive.
pub async fn phase(
    api: &Api,
    clock: &dyn Clock,
    tz: Tz,
    rooms: &[String],
    requests: u32,
) -> Result<StatusReport, BoxError> {
    let mut report = StatusReport {
        created: 0,
        existing: 0,
        conflicts: 0,
        failed: 0,
        bookings_elapsed: Duration::ZERO,
        latencies: Latencies::new()?,
        errors: 0,
        elapsed: Duration::ZERO,
        rooms_answered: 0,
        with_current: 0,
        next_total: 0,
        cpu: String::new(),
    };
    book(api, clock, tz, rooms, &mut report).await?;

    let body = serde_json::to_vec(&RoomsStatusRequest {
        rooms: rooms.to_vec(),
        at: None,
    })?;
    let cpu_before = host::CpuTimes::now();
    let started = Instant::now();
    let mut first: Option<Vec<u8>> = None;
    for _ in 0..requests {
        let t = Instant::now();
        let answer = api.post("/v1/rooms/status", body.clone()).await;
        report.latencies.record(t.elapsed());
        match answer {
            Ok((StatusCode::OK, bytes)) => {
                if first.is_none() {
                    first = Some(bytes);
                }
            }
            _ => report.errors += 1,
        }
    }
    report.elapsed = started.elapsed();
    report.cpu = host::describe(cpu_before, host::CpuTimes::now());
    if let Some(bytes) = first {
        let parsed: RoomsStatusResponse = serde_json::from_slice(&bytes)?;
        report.rooms_answered = parsed.rooms.len();
        report.with_current = parsed
            .rooms
            .values()
            .filter(|r| r.current.is_some())
            .count();
        report.next_total = parsed.rooms.values().map(|r| r.next.len()).sum();
    }
    Ok(report)
}
