//! What a run prints: a block per phase, one figure per line, each line starting with its
//! label (the end-to-end test finds the lines by label).

use std::time::Duration;

use chrono_tz::Tz;

use crate::bookings::{BookingsReport, WORKERS};
use crate::cli::Cli;
use crate::heartbeats::HeartbeatReport;
use crate::latency::per_sec;
use crate::session::{Counts, RealSession, HEARTBEAT_SECS, SESSION_SECS};
use crate::status::{StatusReport, BOOKINGS};
use crate::studio::SPANS_PER_SESSION;
use crate::Target;

pub fn header(target: &Target, cli: &Cli, cores: usize, rooms: usize, tz: Tz) {
    println!("frontdesk-load");
    println!(
        "  server      {} ({})",
        target.urls.join(", "),
        target.in_process.unwrap_or("already running")
    );
    println!(
        "  parameters  sessions {}, desks {}, seconds {}, max-requests {}, status-requests {}, client {:?}, cores {}, rooms {}, tz {}",
        cli.sessions, target.tokens.len(), cli.seconds, cli.max_requests, cli.status_requests, cli.client, cores, rooms, tz
    );
}

/// Heartbeats per second answered in phase 1.
pub fn heartbeat_rate(hb: &HeartbeatReport) -> f64 {
    per_sec(hb.latencies.count(), hb.elapsed)
}

pub fn heartbeats(cli: &Cli, hb: &HeartbeatReport) {
    let rate = heartbeat_rate(hb);
    match cli.rate {
        None => println!("phase 1  heartbeats: PUT /v1/holds/{{session}}, {SPANS_PER_SESSION} quarter hours each, closed loop"),
        Some(rate) => println!(
            "phase 1  heartbeats: PUT /v1/holds/{{session}}, {SPANS_PER_SESSION} quarter hours each, open loop at {rate}/s (latency from the scheduled send)"
        ),
    }
    println!(
        "  first holds   {} ok, {} failed, {:.2} s",
        hb.holds_ok,
        hb.holds_failed,
        hb.holds_elapsed.as_secs_f64()
    );
    println!(
        "  heartbeats    {} in {:.2} s{}, errors {}",
        hb.latencies.count(),
        hb.elapsed.as_secs_f64(),
        if hb.capped {
            " (request cap reached)"
        } else {
            ""
        },
        hb.errors
    );
    println!(
        "  throughput    {:.0} heartbeats/s = {:.0} slot renewals/s, {:.2} heartbeats/s per session",
        rate,
        rate * SPANS_PER_SESSION as f64,
        rate / f64::from(cli.sessions.max(1))
    );
    println!(
        "  latency ms    p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
        hb.latencies.percentile_ms(50.0),
        hb.latencies.percentile_ms(90.0),
        hb.latencies.percentile_ms(99.0),
        hb.latencies.max_ms()
    );
    println!("  cores         {}", hb.cpu);
    println!(
        "  releases      {} DELETE, {} answered 204, {} failed",
        hb.releases_ok + hb.releases_failed,
        hb.releases_ok,
        hb.releases_failed
    );
}

pub fn status(rooms: usize, st: &StatusReport) {
    println!("phase 2  room status: POST /v1/rooms/status with {rooms} rooms, sequential");
    println!(
        "  bookings      {} POST /v1/bookings: {} created, {} already there, {} conflicts, {} failed, {:.2} s",
        BOOKINGS,
        st.created,
        st.existing,
        st.conflicts,
        st.failed,
        st.bookings_elapsed.as_secs_f64()
    );
    println!(
        "  requests      {} in {:.2} s = {:.0}/s, errors {}",
        st.latencies.count(),
        st.elapsed.as_secs_f64(),
        per_sec(st.latencies.count(), st.elapsed),
        st.errors
    );
    println!(
        "  latency ms    p50 {:.2}  p99 {:.2}  max {:.2}",
        st.latencies.percentile_ms(50.0),
        st.latencies.percentile_ms(99.0),
        st.latencies.max_ms()
    );
    println!("  cores         {}", st.cpu);
    println!(
        "  answer        {} rooms, {} with a current booking, {} next bookings",
        st.rooms_answered, st.with_current, st.next_total
    );
}

pub fn bookings(instances: usize, b: &BookingsReport) {
    println!(
        "phase 4  bookings: POST /v1/bookings, none overlapping, {WORKERS} desks at once over {instances} instance(s)"
    );
    println!(
        "  bookings      {} created, {} failed, in {:.2} s = {:.0} bookings/s",
        b.created,
        b.failed,
        b.elapsed.as_secs_f64(),
        per_sec(b.created, b.elapsed)
    );
    println!(
        "  latency ms    p50 {:.2}  p99 {:.2}  max {:.2}",
        b.latencies.percentile_ms(50.0),
        b.latencies.percentile_ms(99.0),
        b.latencies.max_ms()
    );
    println!("  cores         {}", b.cpu);
}

/// Phase 3's simulated sessions; `rate` is phase 1's heartbeats per second.
pub fn session_cost(rate: f64, batched: (Counts, u64), per_slot: (Counts, u64)) {
    let ((batched, batched_total), (naive, naive_total)) = (batched, per_slot);
    println!(
        "phase 3  one {SESSION_SECS} s booking session holding {SPANS_PER_SESSION} slots, heartbeat every {HEARTBEAT_SECS} s (simulated clock)"
    );
    println!(
        "  batched       {} requests ({} hold + {} heartbeats + {} release)",
        batched_total, batched.holds, batched.heartbeats, batched.releases
    );
    println!(
        "  per slot      {} requests ({} holds + {} heartbeats + {} releases)",
        naive_total, naive.holds, naive.heartbeats, naive.releases
    );
    println!(
        "  ratio         per slot / batched = {:.1}x",
        naive_total as f64 / batched_total.max(1) as f64
    );
    let batched_rate = batched_total as f64 / SESSION_SECS as f64;
    let naive_rate = naive_total as f64 / SESSION_SECS as f64;
    println!(
        "  capacity      at {:.0} PUT/s: ~{:.0} concurrent sessions batched ({:.3} req/s each) vs ~{:.0} per slot ({:.3} req/s each), if a request costs the same",
        rate,
        rate / batched_rate,
        batched_rate,
        rate / naive_rate,
        naive_rate
    );
}

/// One of phase 3's real sessions (`--hold-session`).
pub fn real_session(name: &str, real: &RealSession) {
    println!(
        "  real {:<8} {} requests ({} + {} + {}) in {:.1} s, {} answered 200/204, {} other",
        name,
        real.sent,
        real.counts.holds,
        real.counts.heartbeats,
        real.counts.releases,
        real.elapsed.as_secs_f64(),
        real.ok,
        real.bad
    );
}

pub fn total(requests: u64, elapsed: Duration) {
    println!(
        "total    {} HTTP requests in {:.1} s",
        requests,
        elapsed.as_secs_f64()
    );
}
