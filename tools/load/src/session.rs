//! Phase 3: what one 30-second booking session holding 8 slots costs in requests with the
//! batched protocol versus holding every slot on its own, counted by driving a session
//! object through virtual time (and with `--hold-session` also for real).

use std::time::{Duration, Instant};

use frontdesk_client::StatusCode;
use frontdesk_protocol::{HoldSpan, SetHoldsRequest};
use uuid::Uuid;

use crate::api::Api;
use crate::BoxError;

/// Length of the booking session whose request cost is counted.
pub const SESSION_SECS: u64 = 30;
/// Heartbeat period of a booking session.
pub const HEARTBEAT_SECS: u64 = 5;

/// How a client holds several slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// One `PUT /v1/holds/{session}` carries all spans; its repetition is the heartbeat.
    Batched,
    /// Every slot is a hold of its own (its own session), held, renewed and released alone.
    PerSlot,
}

/// A request a booking session wants sent.
#[derive(Debug, Clone)]
enum Planned {
    Put {
        session: Uuid,
        body: SetHoldsRequest,
    },
    Delete {
        session: Uuid,
    },
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub holds: u64,
    pub heartbeats: u64,
    pub releases: u64,
}

impl Counts {
    pub fn total(&self) -> u64 {
        self.holds + self.heartbeats + self.releases
    }
}

/// A booking session holding some slots, driven by a (virtual or real) clock in seconds:
/// it says which requests to send and counts them.
#[derive(Debug)]
struct HoldSession {
    groups: Vec<(Uuid, SetHoldsRequest)>,
    heartbeat_secs: u64,
    renewed_at: Option<u64>,
    counts: Counts,
}

impl HoldSession {
    fn new(strategy: Strategy, spans: &[HoldSpan], heartbeat_secs: u64) -> HoldSession {
        let groups: Vec<Vec<HoldSpan>> = match strategy {
            Strategy::Batched => vec![spans.to_vec()],
            Strategy::PerSlot => spans.iter().map(|s| vec![s.clone()]).collect(),
        };
        HoldSession {
            groups: groups
                .into_iter()
                .map(|holds| (Uuid::new_v4(), SetHoldsRequest { holds }))
                .collect(),
            heartbeat_secs,
            renewed_at: None,
            counts: Counts::default(),
        }
    }

    fn puts(&self) -> Vec<Planned> {
        self.groups
            .iter()
            .map(|(session, body)| Planned::Put {
                session: *session,
                body: body.clone(),
            })
            .collect()
    }

    /// The first hold at time `now`.
    fn hold(&mut self, now: u64) -> Vec<Planned> {
        self.renewed_at = Some(now);
        let puts = self.puts();
        self.counts.holds += puts.len() as u64;
        puts
    }

    /// The clock moved to `now`: the heartbeats that are due.
    fn advance_to(&mut self, now: u64) -> Vec<Planned> {
        match self.renewed_at {
            Some(at) if now >= at + self.heartbeat_secs => {
                self.renewed_at = Some(now);
                let puts = self.puts();
                self.counts.heartbeats += puts.len() as u64;
                puts
            }
            _ => Vec::new(),
        }
    }

    /// The session ends (booked or abandoned): release everything.
    fn release(&mut self) -> Vec<Planned> {
        self.renewed_at = None;
        let deletes: Vec<Planned> = self
            .groups
            .iter()
            .map(|(session, _)| Planned::Delete { session: *session })
            .collect();
        self.counts.releases += deletes.len() as u64;
        deletes
    }
}

/// Drives a session through `SESSION_SECS` of virtual time in heartbeat steps; no sleeping.
/// The counts, and the requests it asked for (the same number, or an error).
pub fn simulate(strategy: Strategy, spans: &[HoldSpan]) -> Result<(Counts, u64), BoxError> {
    let mut session = HoldSession::new(strategy, spans, HEARTBEAT_SECS);
    let mut requests = session.hold(0).len() as u64;
    let mut now = 0;
    while now < SESSION_SECS {
        now += HEARTBEAT_SECS;
        requests += session.advance_to(now).len() as u64;
    }
    requests += session.release().len() as u64;
    if requests != session.counts.total() {
        return Err(format!(
            "simulation miscounted: {requests} requests, {} counted",
            session.counts.total()
        )
        .into());
    }
    Ok((session.counts, requests))
}

/// A session driven for real.
#[derive(Debug, Default)]
pub struct RealSession {
    pub counts: Counts,
    pub sent: u64,
    /// Holds accepted and releases answered 204.
    pub ok: u64,
    pub bad: u64,
    pub elapsed: Duration,
}

async fn execute(api: &Api, planned: Vec<Planned>, out: &mut RealSession) {
    for p in planned {
        out.sent += 1;
        let ok = match p {
            Planned::Put { session, body } => api.set_holds(0, session, &body).await.is_ok(),
            Planned::Delete { session } => {
                matches!(api.release(session).await, Ok(StatusCode::NO_CONTENT))
            }
        };
        if ok {
            out.ok += 1;
        } else {
            out.bad += 1;
        }
    }
}

/// The same session object, driven by a real `HEARTBEAT_SECS` interval for `SESSION_SECS`.
pub async fn real_session(api: &Api, strategy: Strategy, spans: &[HoldSpan]) -> RealSession {
    let mut session = HoldSession::new(strategy, spans, HEARTBEAT_SECS);
    let mut out = RealSession::default();
    let started = Instant::now();
    let mut tick = tokio::time::interval(Duration::from_secs(HEARTBEAT_SECS));
    tick.tick().await; // the first tick is immediate
    execute(api, session.hold(0), &mut out).await;
    let mut now = 0;
    while now < SESSION_SECS {
        tick.tick().await;
        now += HEARTBEAT_SECS;
        execute(api, session.advance_to(now), &mut out).await;
    }
    execute(api, session.release(), &mut out).await;
    out.counts = session.counts;
    out.elapsed = started.elapsed();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::studio::{session_spans, SPANS_PER_SESSION};
    use chrono::NaiveDate;
    use chrono_tz::Tz;

    fn spans() -> Vec<HoldSpan> {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let date = NaiveDate::from_ymd_opt(2031, 6, 2).unwrap();
        session_spans(tz, "r0", date).unwrap()
    }

    #[test]
    fn a_batched_session_costs_one_request_per_heartbeat_period() {
        let (counts, total) = simulate(Strategy::Batched, &spans()).unwrap();
        assert_eq!(
            (counts.holds, counts.heartbeats, counts.releases),
            (1, SESSION_SECS / HEARTBEAT_SECS, 1)
        );
        assert_eq!(total, 8);
    }

    #[test]
    fn holding_each_slot_alone_multiplies_by_the_slots() {
        let (counts, total) = simulate(Strategy::PerSlot, &spans()).unwrap();
        let slots = SPANS_PER_SESSION as u64;
        assert_eq!(
            (counts.holds, counts.heartbeats, counts.releases),
            (slots, slots * (SESSION_SECS / HEARTBEAT_SECS), slots)
        );
        assert_eq!(total, 64);
    }

    #[test]
    fn no_heartbeat_is_due_before_its_period_or_after_release() {
        let mut session = HoldSession::new(Strategy::Batched, &spans(), HEARTBEAT_SECS);
        assert!(
            session.advance_to(HEARTBEAT_SECS).is_empty(),
            "not held yet"
        );
        assert_eq!(session.hold(0).len(), 1);
        assert!(session.advance_to(HEARTBEAT_SECS - 1).is_empty());
        assert_eq!(session.advance_to(HEARTBEAT_SECS).len(), 1);
        assert_eq!(session.release().len(), 1);
        assert!(session.advance_to(10 * HEARTBEAT_SECS).is_empty());
    }
}
