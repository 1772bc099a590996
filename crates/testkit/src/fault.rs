//! What a randomized fault run needs besides its desks and servers: a seeded random number
//! generator (every choice of a run comes from it, so a seed replays the same choices), the
//! run's settings from the environment, and the tally it prints at the end.
//!
//! The network and the server instances of such a run are in [`crate::fault_net`] and
//! [`crate::fault_server`].

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// SplitMix64: small, fast, and the same sequence for the same seed on every machine
/// (no dependency whose algorithm could change between versions).
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    /// An independent stream for `lane` (a desk, the fault scheduler) of the same seed.
    pub fn lane(seed: u64, lane: u64) -> Rng {
        let mut mixer = Rng::new(seed ^ lane.wrapping_mul(0xA076_1D64_78BD_642F));
        Rng::new(mixer.next_u64())
    }

    /// Where the stream is: equal for two runs of a seed that made the same draws.
    pub fn position(&self) -> u64 {
        self.state
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "below(0)");
        // Lemire's multiply-shift: no modulo bias worth speaking of for small n.
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One of `items` (None when empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            items.get(self.below(items.len() as u64) as usize)
        }
    }

    /// An index chosen by `weights` (each weight's share of the total).
    pub fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut roll = self.below(total.max(1));
        for (i, w) in weights.iter().enumerate() {
            if roll < *w {
                return i;
            }
            roll -= w;
        }
        weights.len().saturating_sub(1)
    }
}

/// A fault run's settings: `FRONTDESK_FAULT_SECONDS` (how long faults and operations go on),
/// `FRONTDESK_FAULT_SEED`, `FRONTDESK_FAULT_DESKS` — what `scripts/fault-run.sh` sets.
#[derive(Debug, Clone, Copy)]
pub struct FaultSettings {
    pub seconds: u64,
    pub seed: u64,
    pub desks: usize,
}

impl FaultSettings {
    /// The environment's settings, or these defaults (the short run CI makes).
    pub fn from_env(seconds: u64, seed: u64, desks: usize) -> FaultSettings {
        let read = |name: &str| -> Option<u64> {
            let value = std::env::var(name).ok()?;
            Some(
                value
                    .trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("{name}={value} is not a whole number")),
            )
        };
        FaultSettings {
            seconds: read("FRONTDESK_FAULT_SECONDS").unwrap_or(seconds),
            seed: read("FRONTDESK_FAULT_SEED").unwrap_or(seed),
            desks: read("FRONTDESK_FAULT_DESKS").map_or(desks, |d| d as usize),
        }
    }
}

/// Counts by name, printed in name order: operations by kind and outcome, faults,
/// invariants checked.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    counts: BTreeMap<String, u64>,
}

impl Tally {
    pub fn add(&mut self, name: impl Into<String>, n: u64) {
        *self.counts.entry(name.into()).or_default() += n;
    }

    pub fn one(&mut self, name: impl Into<String>) {
        self.add(name, 1);
    }

    pub fn get(&self, name: &str) -> u64 {
        self.counts.get(name).copied().unwrap_or(0)
    }

    /// The sum of every count whose name starts with `prefix`.
    pub fn sum(&self, prefix: &str) -> u64 {
        self.counts
            .iter()
            .filter(|(k, _)| k.starts_with(prefix))
            .map(|(_, v)| v)
            .sum()
    }

    pub fn merge(&mut self, other: &Tally) {
        for (k, v) in &other.counts {
            self.add(k.clone(), *v);
        }
    }

    /// One `name count` line each, indented by `indent`.
    pub fn lines(&self, indent: &str) -> String {
        let mut out = String::new();
        for (k, v) in &self.counts {
            let _ = writeln!(out, "{indent}{k:<44} {v}");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_the_same_choices_and_lanes_differ() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        let xs: Vec<u64> = (0..100).map(|_| a.below(1000)).collect();
        let ys: Vec<u64> = (0..100).map(|_| b.below(1000)).collect();
        assert_eq!(xs, ys);
        assert!(xs.iter().all(|x| *x < 1000));
        let (mut l0, mut l1) = (Rng::lane(7, 0), Rng::lane(7, 1));
        assert_ne!(l0.next_u64(), l1.next_u64());
        let mut r = Rng::new(1);
        let picks: Vec<usize> = (0..1000).map(|_| r.weighted(&[1, 0, 3])).collect();
        assert!(!picks.contains(&1));
        assert!(picks.iter().filter(|p| **p == 2).count() > 600);
        for _ in 0..1000 {
            let x = r.between(3, 5);
            assert!((3..=5).contains(&x));
        }
    }
}
