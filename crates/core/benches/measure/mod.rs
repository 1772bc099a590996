//! Measuring beside criterion, shared by the core's benches: medians of back-to-back runs
//! and the share of the cores the host took meanwhile (`/proc/stat` steal).

use std::time::{Duration as StdDuration, Instant};

/// Cumulative (busy + idle, steal) clock ticks of all cores, from `/proc/stat`.
pub fn cpu_ticks() -> Option<(u64, u64)> {
    let text = std::fs::read_to_string("/proc/stat").ok()?;
    let line = text.lines().find(|l| l.starts_with("cpu "))?;
    let fields: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.parse().ok())
        .collect();
    let steal = *fields.get(7)?;
    Some((fields.iter().take(7).sum::<u64>() + steal, steal))
}

/// The median of `runs` timings of `f`.
pub fn median(runs: usize, mut f: impl FnMut()) -> StdDuration {
    let mut times: Vec<StdDuration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// The share of the cores the host took since `before` (a [`cpu_ticks`] reading), for
/// printing: "12%", or "unknown" off Linux.
pub fn stolen_since(before: Option<(u64, u64)>) -> String {
    let share = before
        .zip(cpu_ticks())
        .map(|((t0, s0), (t1, s1))| 100.0 * (s1 - s0) as f64 / (t1 - t0).max(1) as f64);
    share.map_or("unknown".into(), |s| format!("{s:.0}%"))
}
