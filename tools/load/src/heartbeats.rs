//! Phase 1: N booking sessions, each holding 8 quarter hours nobody else touches, send
//! `PUT /v1/holds/{session}` with the same body, back to back (closed loop) or at `--rate`
//! in all (open loop), for the phase's seconds or until the request cap is reached; then
//! every session is released.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Duration as ChronoDuration, NaiveDate};
use chrono_tz::Tz;
use frontdesk_client::StatusCode;
use frontdesk_protocol::SetHoldsRequest;
use uuid::Uuid;

use crate::api::Api;
use crate::cli::{Cli, HeartbeatClient};
use crate::http1::Http1Conn;
use crate::latency::{Latencies, Samples};
use crate::studio::session_spans;
use crate::BoxError;
use frontdesk_testkit::host;

#[derive(Debug)]
pub struct HeartbeatReport {
    pub holds_ok: u64,
    pub holds_failed: u64,
    pub holds_elapsed: Duration,
    pub latencies: Latencies,
    pub errors: u64,
    pub elapsed: Duration,
    pub capped: bool,
    pub releases_ok: u64,
    pub releases_failed: u64,
    /// What the cores did during the heartbeats ([`host::describe`]).
    pub cpu: String,
}

/// When a session sends: back to back, or on a fixed schedule.
#[derive(Debug, Clone, Copy)]
enum Pace {
    ClosedLoop,
    /// Every `interval`, the first at `first`.
    Every {
        first: Instant,
        interval: Duration,
    },
}

/// What one session sends as its heartbeat.
#[derive(Debug)]
enum Beat {
    /// The request's bytes, built once, on the session's own connection (opened again
    /// after a failed exchange).
    Bare {
        request: Vec<u8>,
        conn: Option<Http1Conn>,
        /// The session's index: which instance its connection goes to.
        index: usize,
    },
    /// The typed client's `set_holds`, as a desk renews its holds.
    Typed {
        /// The session's desk.
        desk: usize,
        session: Uuid,
        body: SetHoldsRequest,
    },
}

impl Beat {
    /// Sends one heartbeat; whether it was answered 200 (bare) or accepted (typed).
    async fn send(&mut self, api: &Api) -> bool {
        match self {
            Beat::Typed {
                desk,
                session,
                body,
            } => api.set_holds(*desk, *session, body).await.is_ok(),
            Beat::Bare {
                request,
                conn,
                index,
            } => {
                let answered = match conn.as_mut() {
                    Some(c) => api.exchange(c, request).await,
                    None => match api.connect(*index).await {
                        Ok(c) => api.exchange(conn.insert(c), request).await,
                        Err(error) => Err(error),
                    },
                };
                match answered {
                    Ok(status) => status == 200,
                    Err(_) => {
                        *conn = None;
                        false
                    }
                }
            }
        }
    }
}

#[derive(Debug)]
struct TaskOutcome {
    latencies: Samples,
    errors: u64,
}

/// One session's heartbeats until the deadline or the shared cap. A failed heartbeat
/// counts as an error; its latency is recorded all the same.
async fn heartbeat_loop(
    api: Api,
    mut beat: Beat,
    deadline: Instant,
    cap: u64,
    issued: Arc<AtomicU64>,
    pace: Pace,
) -> TaskOutcome {
    let mut out = TaskOutcome {
        latencies: Samples::with_capacity(1024),
        errors: 0,
    };
    let mut next = match pace {
        Pace::ClosedLoop => None,
        Pace::Every { first, .. } => Some(first),
    };
    while Instant::now() < deadline {
        if issued.fetch_add(1, Ordering::Relaxed) >= cap {
            break;
        }
        let t0 = match (next, pace) {
            (Some(at), Pace::Every { interval, .. }) => {
                if at >= deadline {
                    break;
                }
                tokio::time::sleep_until(at.into()).await;
                next = Some(at + interval);
                at // latency counts from the scheduled time
            }
            _ => Instant::now(),
        };
        let ok = beat.send(&api).await;
        out.latencies.push(t0.elapsed());
        if !ok {
            out.errors += 1;
        }
    }
    out
}

/// Runs the phase: first holds, heartbeats, releases.
pub async fn phase(
    api: &Api,
    tz: Tz,
    rooms: &[String],
    base: NaiveDate,
    cli: &Cli,
) -> Result<HeartbeatReport, BoxError> {
    let n = cli.sessions as usize;
    let mut sessions = Vec::with_capacity(n);
    for i in 0..n {
        let room = &rooms[i % rooms.len()];
        let date = base + ChronoDuration::days((i / rooms.len()) as i64);
        let holds = session_spans(tz, room, date)?;
        sessions.push((Uuid::new_v4(), SetHoldsRequest { holds }));
    }
    let mut report = HeartbeatReport {
        holds_ok: 0,
        holds_failed: 0,
        holds_elapsed: Duration::ZERO,
        latencies: Latencies::new()?,
        errors: 0,
        elapsed: Duration::ZERO,
        capped: false,
        releases_ok: 0,
        releases_failed: 0,
        cpu: String::new(),
    };

    // The first PUT of every session, concurrently, as its own desk (session i is desk i's,
    // modulo the desks); with the bare client on the session's own connection, opened
    // before the clock of the heartbeats starts.
    let t0 = Instant::now();
    let mut tasks = Vec::with_capacity(n);
    for (i, (session, body)) in sessions.iter().enumerate() {
        let (api, session, body) = (api.clone(), *session, body.clone());
        let client = cli.client;
        let path = format!("/v1/holds/{session}");
        let request = api.put_request(i, &path, &serde_json::to_vec(&body)?);
        tasks.push(tokio::spawn(async move {
            match client {
                HeartbeatClient::Bare => {
                    let mut beat = Beat::Bare {
                        request,
                        conn: api.connect(i).await.ok(),
                        index: i,
                    };
                    let ok = beat.send(&api).await;
                    (ok, beat)
                }
                HeartbeatClient::Typed => {
                    let mut beat = Beat::Typed {
                        desk: i,
                        session,
                        body,
                    };
                    let ok = beat.send(&api).await;
                    (ok, beat)
                }
            }
        }));
    }
    let mut ready = Vec::with_capacity(n);
    for (i, task) in tasks.into_iter().enumerate() {
        let (ok, beat) = task.await?;
        if ok {
            report.holds_ok += 1;
            ready.push((i, beat));
        } else {
            report.holds_failed += 1;
        }
    }
    report.holds_elapsed = t0.elapsed();

    let issued = Arc::new(AtomicU64::new(0));
    let cpu_before = host::CpuTimes::now();
    let started = Instant::now();
    let deadline = started + Duration::from_secs(cli.seconds);
    let mut tasks = Vec::with_capacity(ready.len());
    for (i, beat) in ready {
        let pace = match cli.rate {
            None => Pace::ClosedLoop,
            Some(rate) => {
                let interval = Duration::from_secs_f64(n as f64 / rate as f64);
                // Stagger the sessions evenly over one interval.
                let first = started + interval.mul_f64(i as f64 / n as f64);
                Pace::Every { first, interval }
            }
        };
        tasks.push(tokio::spawn(heartbeat_loop(
            api.clone(),
            beat,
            deadline,
            cli.max_requests,
            issued.clone(),
            pace,
        )));
    }
    for task in tasks {
        let out = task.await?;
        report.latencies.record_samples(&out.latencies);
        report.errors += out.errors;
    }
    report.elapsed = started.elapsed();
    report.cpu = host::describe(cpu_before, host::CpuTimes::now());
    report.capped = report.latencies.count() >= cli.max_requests;

    // Release every session.
    let mut tasks = Vec::with_capacity(n);
    for (session, _) in &sessions {
        let (api, session) = (api.clone(), *session);
        tasks.push(tokio::spawn(async move { api.release(session).await }));
    }
    for task in tasks {
        if matches!(task.await?, Ok(StatusCode::NO_CONTENT)) {
            report.releases_ok += 1;
        } else {
            report.releases_failed += 1;
        }
    }
    Ok(report)
}
