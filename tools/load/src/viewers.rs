//! Phase 5 (`--page-viewers N`): N visitors watch one room's day on the public page while a
//! desk holds starts of it, K times (`--page-holds`). Each viewer holds the page's live
//! line open and fetched the start times once; on each `slots` event it fetches them again,
//! as the page does. Measured per viewer and hold, from the hold's answer: when its `slots`
//! event came, and when its fetched start times showed the start `reserved` (what a person
//! sees). The naive alternative runs in the same phase: the same viewers polling the start
//! times every second instead, staggered evenly. A hold every [`HOLD_EVERY`] in either
//! mode, so that the server's CPU time is taken over the same stretch.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use frontdesk_protocol::{HoldSpan, SetHoldsRequest};
use tokio::sync::{watch, Notify};
use uuid::Uuid;

use crate::api::Api;
use crate::http1::{public_request, Http1Conn};
use crate::latency::Latencies;
use crate::page::{reserved_mask, slots_path, start_at, MINUTES, SLOTS_EVENT, STUDIO};
use crate::server_proc::{ProcSample, ServerProc};
use crate::sse::SseConn;
use crate::BoxError;

/// How long after the last hold its viewers may take to see it.
const SEE_TIMEOUT: Duration = Duration::from_secs(5);
/// A hold every this often, in both modes: the server's CPU time is taken over the same
/// stretch of watching (and polling) whatever the mode.
pub const HOLD_EVERY: Duration = Duration::from_secs(2);
/// How long the viewers may take to connect.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(60);
/// The first hour held; hold k is at FIRST_HOUR + k.
const FIRST_HOUR: u32 = 8;
/// The polling viewers' period.
pub const POLL_EVERY: Duration = Duration::from_secs(1);

/// How the viewers learn of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The live line, then a fetch per event.
    Live,
    /// A fetch every [`POLL_EVERY`].
    Poll,
}

#[derive(Debug)]
pub struct ViewersReport {
    pub mode: Mode,
    pub viewers: usize,
    pub connected: usize,
    pub connect_elapsed: Duration,
    pub holds: usize,
    /// From a hold's answer to the `slots` event that led to seeing it (live only).
    pub event: Latencies,
    /// Events that came before the hold's answer was read (recorded as 0).
    pub early_events: u64,
    /// From a hold's answer to the fetched start times showing it reserved.
    pub seen: Latencies,
    pub within_1s: u64,
    /// (viewer, hold) pairs never seen before the phase ended.
    pub missed: u64,
    pub fetches: u64,
    pub errors: u64,
    /// From the first hold to [`HOLD_EVERY`] after the last (or when it was seen by all,
    /// if later).
    pub window: Duration,
    pub before: ProcSample,
    /// With every viewer connected.
    pub connected_sample: ProcSample,
    pub cpu: Duration,
    pub cores: String,
}

/// What every viewer shares.
struct Shared {
    addr_index: usize,
    host: String,
    starts: Vec<DateTime<FixedOffset>>,
    slots_path: String,
    events_path: String,
    /// Viewers that have connected (or failed to).
    arrived: AtomicUsize,
    all_arrived: Notify,
    /// Viewers that connected: how many must see each hold.
    watching: AtomicUsize,
    seen_by: Vec<AtomicUsize>,
    all_seen: Vec<Notify>,
}

#[derive(Debug, Default)]
struct ViewerOut {
    connected: bool,
    /// Per hold: (the event that led to the fetch, when the fetch showed it).
    first: Vec<Option<(Option<Instant>, Instant)>>,
    fetches: u64,
    errors: u64,
}

impl Shared {
    fn arrive(&self, total: usize) {
        if self.arrived.fetch_add(1, Ordering::SeqCst) + 1 == total {
            self.all_arrived.notify_one();
        }
    }
}

/// Fetches the start times; which holds they show, or `None` after an error (the
/// connection is opened again next time).
async fn fetch(
    api: &Api,
    shared: &Shared,
    conn: &mut Option<Http1Conn>,
    out: &mut ViewerOut,
) -> Option<u64> {
    if conn.is_none() {
        *conn = api.connect(shared.addr_index).await.ok();
    }
    let c = conn.as_mut()?;
    let request = public_request("GET", &shared.host, &shared.slots_path, None);
    out.fetches += 1;
    let mask = match api.exchange_body(c, &request).await {
        Ok((200, body)) => reserved_mask(body, &shared.starts).ok(),
        Ok(_) => None,
        Err(_) => {
            *conn = None;
            None
        }
    };
    if mask.is_none() {
        out.errors += 1;
    }
    mask
}

/// Notes the holds a fetch shows for the first time.
fn saw(shared: &Shared, out: &mut ViewerOut, mask: u64, event: Option<Instant>) {
    let now = Instant::now();
    for (k, first) in out.first.iter_mut().enumerate() {
        if mask & (1 << k) != 0 && first.is_none() {
            *first = Some((event, now));
            let watching = shared.watching.load(Ordering::SeqCst);
            if shared.seen_by[k].fetch_add(1, Ordering::SeqCst) + 1 == watching {
                shared.all_seen[k].notify_one();
            }
        }
    }
}

async fn viewer(
    api: Api,
    shared: Arc<Shared>,
    mode: Mode,
    n: usize,
    i: usize,
    mut stop: watch::Receiver<bool>,
) -> ViewerOut {
    let mut out = ViewerOut {
        first: vec![None; shared.starts.len()],
        ..ViewerOut::default()
    };
    let mut sse = None;
    if mode == Mode::Live {
        match SseConn::open(
            api.addr(shared.addr_index),
            &shared.host,
            &shared.events_path,
        )
        .await
        {
            Ok(line) => sse = Some(line),
            Err(_) => {
                out.errors += 1;
                shared.arrive(n);
                return out;
            }
        }
    }
    let mut conn = None;
    out.connected = fetch(&api, &shared, &mut conn, &mut out).await.is_some();
    shared.arrive(n);
    if !out.connected {
        return out;
    }
    match sse {
        Some(mut line) => loop {
            tokio::select! {
                _ = stop.changed() => break,
                event = line.next_event() => match event {
                    Ok(name) if name == SLOTS_EVENT => {
                        let at = Instant::now();
                        if let Some(mask) = fetch(&api, &shared, &mut conn, &mut out).await {
                            saw(&shared, &mut out, mask, Some(at));
                        }
                    }
                    Ok(_) => {}
                    Err(_) => {
                        out.errors += 1;
                        break;
                    }
                },
            }
        },
        None => {
            let first = tokio::time::Instant::now() + POLL_EVERY.mul_f64(i as f64 / n as f64);
            let mut ticks = tokio::time::interval_at(first, POLL_EVERY);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = stop.changed() => break,
                    _ = ticks.tick() => {
                        if let Some(mask) = fetch(&api, &shared, &mut conn, &mut out).await {
                            saw(&shared, &mut out, mask, None);
                        }
                    }
                }
            }
        }
    }
    out
}

/// Runs `n` viewers of `room` on `date` in `mode` while a desk makes `holds` holds there.
#[allow(clippy::too_many_arguments)]
pub async fn phase(
    api: &Api,
    server: ServerProc,
    tz: Tz,
    room: &str,
    date: NaiveDate,
    n: usize,
    holds: usize,
    mode: Mode,
) -> Result<ViewersReport, BoxError> {
    let starts = (0..holds)
        .map(|k| start_at(tz, date, FIRST_HOUR + k as u32))
        .collect::<Result<Vec<_>, _>>()?;
    let shared = Arc::new(Shared {
        addr_index: 0,
        host: api.host().to_owned(),
        slots_path: slots_path(room, date, Uuid::new_v4()),
        events_path: format!("/public/v1/studios/{STUDIO}/events?room={room}&date={date}"),
        starts: starts.clone(),
        arrived: AtomicUsize::new(0),
        all_arrived: Notify::new(),
        watching: AtomicUsize::new(usize::MAX),
        seen_by: (0..holds).map(|_| AtomicUsize::new(0)).collect(),
        all_seen: (0..holds).map(|_| Notify::new()).collect(),
    });
    let before = server.sample()?;
    let (stop_tx, stop_rx) = watch::channel(false);
    let t0 = Instant::now();
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            tokio::spawn(viewer(
                api.clone(),
                shared.clone(),
                mode,
                n,
                i,
                stop_rx.clone(),
            ))
        })
        .collect();
    let arrived = tokio::time::timeout(CONNECT_TIMEOUT, shared.all_arrived.notified()).await;
    let connect_elapsed = t0.elapsed();
    if arrived.is_err() {
        let _ = stop_tx.send(true);
        return Err(format!("{n} viewers did not connect within {CONNECT_TIMEOUT:?}").into());
    }
    // Only the viewers that connected count; the rest are reported as errors.
    let mut connected = 0;
    let connected_sample = server.sample()?;
    let cpu_before = frontdesk_testkit::host::CpuTimes::now();
    let window_start = Instant::now();
    let mut answers = Vec::with_capacity(holds);
    let mut sessions = Vec::with_capacity(holds);
    // The count of viewers watching is known once all arrived: failed ones returned early.
    let watching = n - tasks.iter().filter(|t| t.is_finished()).count();
    shared.watching.store(watching, Ordering::SeqCst);
    for (k, start) in starts.iter().enumerate() {
        tokio::time::sleep_until((window_start + HOLD_EVERY * k as u32).into()).await;
        let session = Uuid::new_v4();
        let body = SetHoldsRequest {
            holds: vec![HoldSpan {
                room: room.to_owned(),
                start: *start,
                end: *start + chrono::Duration::minutes(MINUTES),
            }],
        };
        api.set_holds(0, session, &body)
            .await
            .map_err(|e| format!("desk hold {k}: {e}"))?;
        answers.push(Instant::now());
        sessions.push(session);
    }
    // Every hold's stretch is over, and the last one seen by all (or its time is up).
    tokio::time::sleep_until((window_start + HOLD_EVERY * holds as u32).into()).await;
    if let Some(last) = holds.checked_sub(1) {
        if shared.seen_by[last].load(Ordering::SeqCst) < watching {
            let _ = tokio::time::timeout(SEE_TIMEOUT, shared.all_seen[last].notified()).await;
        }
    }
    let window = window_start.elapsed();
    let after = server.sample()?;
    let cores =
        frontdesk_testkit::host::describe(cpu_before, frontdesk_testkit::host::CpuTimes::now());
    let _ = stop_tx.send(true);
    let mut report = ViewersReport {
        mode,
        viewers: n,
        connected: 0,
        connect_elapsed,
        holds,
        event: Latencies::new()?,
        early_events: 0,
        seen: Latencies::new()?,
        within_1s: 0,
        missed: 0,
        fetches: 0,
        errors: 0,
        window,
        before,
        connected_sample,
        cpu: after.cpu.saturating_sub(connected_sample.cpu),
        cores,
    };
    for task in tasks {
        let out = task.await?;
        report.fetches += out.fetches;
        report.errors += out.errors;
        if !out.connected {
            continue;
        }
        connected += 1;
        for (k, first) in out.first.iter().enumerate() {
            let Some((event, seen)) = first else {
                report.missed += 1;
                continue;
            };
            let latency = seen.saturating_duration_since(answers[k]);
            report.seen.record(latency);
            if latency <= Duration::from_secs(1) {
                report.within_1s += 1;
            }
            if let Some(event) = event {
                if *event < answers[k] {
                    report.early_events += 1;
                }
                report
                    .event
                    .record(event.saturating_duration_since(answers[k]));
            }
        }
    }
    report.connected = connected;
    for session in sessions {
        api.release(session).await?;
    }
    Ok(report)
}
