//! Latencies: recorded in microseconds into an HDR histogram (3 significant figures, so
//! every figure read back is within 0.1%), read back in milliseconds.

use std::time::Duration;

use hdrhistogram::Histogram;

use crate::BoxError;

/// The longest latency told apart: an hour (a phase lasts at most two minutes); longer
/// ones are recorded as an hour.
const HIGHEST_MICROS: u64 = 3_600_000_000;

/// The latencies of a phase.
#[derive(Debug, Clone)]
pub struct Latencies(Histogram<u64>);

impl Latencies {
    /// An empty record (its counters, about 180 KiB, are allocated once, here).
    pub fn new() -> Result<Latencies, BoxError> {
        Ok(Latencies(Histogram::new_with_bounds(1, HIGHEST_MICROS, 3)?))
    }

    pub fn record(&mut self, latency: Duration) {
        self.0.saturating_record(micros(latency));
    }

    /// Records what a task took down.
    pub fn record_samples(&mut self, samples: &Samples) {
        for &micros in &samples.0 {
            self.0.saturating_record(u64::from(micros));
        }
    }

    /// How many latencies were recorded.
    pub fn count(&self) -> u64 {
        self.0.len()
    }

    /// The latency at percentile `p` (0 to 100) in milliseconds; 0 when nothing was
    /// recorded.
    pub fn percentile_ms(&self, p: f64) -> f64 {
        ms(self.0.value_at_quantile(p / 100.0))
    }

    /// The longest latency in milliseconds; 0 when nothing was recorded.
    pub fn max_ms(&self) -> f64 {
        ms(self.0.max())
    }
}

/// Latencies as one of many concurrent tasks takes them down, in microseconds, to be
/// recorded once the task is done: a push is all the measuring loop pays, and a few
/// bytes per request is all each of up to 5 000 sessions holds (a histogram each would
/// be about 180 KiB).
#[derive(Debug, Default)]
pub struct Samples(Vec<u32>);

impl Samples {
    pub fn with_capacity(capacity: usize) -> Samples {
        Samples(Vec::with_capacity(capacity))
    }

    pub fn push(&mut self, latency: Duration) {
        self.0
            .push(u32::try_from(micros(latency)).unwrap_or(u32::MAX));
    }
}

fn micros(latency: Duration) -> u64 {
    u64::try_from(latency.as_micros()).unwrap_or(u64::MAX)
}

fn ms(micros: u64) -> f64 {
    micros as f64 / 1000.0
}

/// `count` per second of `elapsed`; 0 for no time.
pub fn per_sec(count: u64, elapsed: Duration) -> f64 {
    let s = elapsed.as_secs_f64();
    if s > 0.0 {
        count as f64 / s
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_record_reads_zero() {
        let empty = Latencies::new().unwrap();
        assert_eq!(empty.count(), 0);
        assert_eq!(empty.percentile_ms(99.0), 0.0);
        assert_eq!(empty.max_ms(), 0.0);
    }

    #[test]
    fn percentiles_are_within_a_tenth_of_a_percent() {
        let mut all = Latencies::new().unwrap();
        let mut samples = Samples::with_capacity(500);
        // 1..=1000 ms, half of them recorded through samples.
        for ms in 1..=1000u64 {
            if ms % 2 == 0 {
                all.record(Duration::from_millis(ms));
            } else {
                samples.push(Duration::from_millis(ms));
            }
        }
        all.record_samples(&samples);
        assert_eq!(all.count(), 1000);
        for (p, expected) in [(50.0, 500.0), (90.0, 900.0), (99.0, 990.0), (100.0, 1000.0)] {
            let got = all.percentile_ms(p);
            assert!((got - expected).abs() <= expected / 1000.0, "p{p}: {got}");
        }
        assert!((all.max_ms() - 1000.0).abs() <= 1.0, "{}", all.max_ms());
    }

    #[test]
    fn what_is_too_long_to_tell_apart_counts_as_an_hour() {
        let mut all = Latencies::new().unwrap();
        all.record(Duration::from_secs(2 * 3600));
        assert_eq!(all.count(), 1);
        assert!(
            (all.max_ms() - 3_600_000.0).abs() <= 3_600.0,
            "{}",
            all.max_ms()
        );
    }

    #[test]
    fn rates_need_time() {
        assert_eq!(per_sec(10, Duration::from_secs(2)), 5.0);
        assert_eq!(per_sec(10, Duration::ZERO), 0.0);
    }
}
