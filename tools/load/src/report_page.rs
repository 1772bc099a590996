//! What the public page's phases print (5 and 6), in the style of [`crate::report`]: a
//! block per phase, each line starting with its label.

use std::time::Duration;

use crate::flood::{FloodReport, Stretch, CONNECTIONS};
use crate::latency::{per_sec, Latencies};
use crate::server_proc::ServerProc;
use crate::viewers::{Mode, ViewersReport, HOLD_EVERY, POLL_EVERY};

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn percentiles(l: &Latencies) -> String {
    format!(
        "p50 {:.2}  p99 {:.2}  max {:.2}",
        l.percentile_ms(50.0),
        l.percentile_ms(99.0),
        l.max_ms()
    )
}

/// Server CPU milliseconds a viewer costs per second watching.
fn cpu_per_viewer_second(v: &ViewersReport) -> f64 {
    let viewer_seconds = v.connected as f64 * v.window.as_secs_f64();
    if viewer_seconds > 0.0 {
        v.cpu.as_secs_f64() * 1000.0 / viewer_seconds
    } else {
        0.0
    }
}

pub fn viewers(server: ServerProc, v: &ViewersReport) {
    match v.mode {
        Mode::Live => println!(
            "phase 5  public page: {} viewers on the live line (GET …/events, SSE; a fetch of the start times per event), {} desk holds, one every {} s",
            v.viewers, v.holds, HOLD_EVERY.as_secs()
        ),
        Mode::Poll => println!(
            "phase 5  naive: the same {} viewers polling the start times every {} ms instead, {} desk holds, one every {} s",
            v.viewers,
            POLL_EVERY.as_millis(),
            v.holds,
            HOLD_EVERY.as_secs()
        ),
    }
    println!(
        "  viewers       {} connected of {} in {:.2} s, {} fetches, errors {}",
        v.connected,
        v.viewers,
        v.connect_elapsed.as_secs_f64(),
        v.fetches,
        v.errors
    );
    let pairs = v.connected as u64 * v.holds as u64;
    println!(
        "  seen          {} of {} (viewer, hold) within 1 s, {} never",
        v.within_1s, pairs, v.missed
    );
    println!(
        "  reserved ms   {} (hold answered → re-fetched start shows reserved)",
        percentiles(&v.seen)
    );
    if v.mode == Mode::Live {
        println!(
            "  event ms      {} (hold answered → slots event; {} came before the answer was read, as 0)",
            percentiles(&v.event),
            v.early_events
        );
    }
    println!(
        "  server cpu    {:.2} s user+sys in {:.2} s = {:.3} ms per viewer-second; {}",
        v.cpu.as_secs_f64(),
        v.window.as_secs_f64(),
        cpu_per_viewer_second(v),
        server.describe()
    );
    let per_viewer_kib = v.connected_sample.rss_kib.saturating_sub(v.before.rss_kib) as f64
        / v.connected.max(1) as f64;
    println!(
        "  server memory RSS {:.1} MiB before, {:.1} MiB connected ({:.1} KiB per viewer), peak {:.1} MiB",
        mib(v.before.rss_kib),
        mib(v.connected_sample.rss_kib),
        per_viewer_kib,
        mib(v.connected_sample.hwm_kib)
    );
    println!("  cores         {}", v.cores);
}

/// The live line against polling, measured in the same run.
pub fn viewers_ratio(live: &ViewersReport, poll: &ViewersReport) {
    let cpu = if live.cpu.is_zero() {
        "n/a (the live line's below the 10 ms the kernel counts in)".to_owned()
    } else {
        format!(
            "{:.1}x",
            cpu_per_viewer_second(poll) / cpu_per_viewer_second(live)
        )
    };
    println!(
        "  ratio         polling / live line: p99 to see a hold {:.1}x, server CPU per viewer-second {cpu}",
        poll.seen.percentile_ms(99.0) / live.seen.percentile_ms(99.0).max(0.001)
    );
}

fn stretch(label: &str, s: &Stretch) {
    println!(
        "  {label:<13} {} created, {} failed, {:.2} s; latency ms {}; server cpu {:.2} s; cores {}",
        s.created,
        s.failed,
        s.elapsed.as_secs_f64(),
        percentiles(&s.latencies),
        s.server_cpu.as_secs_f64(),
        s.cores
    );
}

pub fn flood(rate: u64, seconds: u64, f: &FloodReport) {
    println!(
        "phase 6  page flood: desks book {}/s (open loop, from the scheduled send) for {} s alone, {} s while the page is flooded at {}/s from {} connections, {} s alone again",
        f.booking_rate, seconds, seconds, rate, CONNECTIONS, seconds
    );
    stretch("alone", &f.alone);
    stretch("flooded", &f.flooded);
    stretch("alone again", &f.after);
    let sent = f.flood.total();
    println!(
        "  flood         {} requests = {:.0}/s: {} 2xx, {} 429, {} other 4xx, {} 5xx, {} failed exchanges",
        sent,
        per_sec(sent, f.flooded.elapsed.max(Duration::from_millis(1))),
        f.flood.ok,
        f.flood.limited,
        f.flood.refused,
        f.flood.server_errors,
        f.flood.io_errors
    );
    let p99 = |s: &Stretch| s.latencies.percentile_ms(99.0);
    let ratio = p99(&f.flooded) / p99(&f.alone).max(0.001);
    let again = p99(&f.flooded) / p99(&f.after).max(0.001);
    println!(
        "  ratio         desk booking p99 flooded / alone = {ratio:.2}x, / alone again = {again:.2}x ({})",
        if ratio.max(again) <= 2.0 {
            "within the issue's 2x"
        } else {
            "OVER the issue's 2x"
        }
    );
}
