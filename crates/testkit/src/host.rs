//! What the machine's CPUs did during a phase, from Linux's `/proc/stat`: on a virtual
//! machine the hypervisor may run other guests on our cores ("steal"), and a latency tail
//! measured then is the host's, not the server's. Every phase prints this next to its
//! figures so that a run explains itself.

/// Cumulative CPU time of all cores, in clock ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CpuTimes {
    pub busy: u64,
    pub idle: u64,
    pub steal: u64,
}

impl CpuTimes {
    /// The `cpu` line of `/proc/stat`; `None` where there is none (not Linux).
    pub fn now() -> Option<CpuTimes> {
        let text = std::fs::read_to_string("/proc/stat").ok()?;
        parse(&text)
    }
}

/// Parses the aggregate `cpu  user nice system idle iowait irq softirq steal ...` line.
pub fn parse(proc_stat: &str) -> Option<CpuTimes> {
    let line = proc_stat.lines().find(|l| l.starts_with("cpu "))?;
    let fields: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let field = |i: usize| fields.get(i).copied().unwrap_or(0);
    if fields.len() < 4 {
        return None;
    }
    // guest and guest_nice (8, 9) are already counted in user and nice.
    Some(CpuTimes {
        busy: field(0) + field(1) + field(2) + field(5) + field(6),
        idle: field(3) + field(4),
        steal: field(7),
    })
}

/// Shares of the cores' time between two readings, in percent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CpuShare {
    pub busy: f64,
    pub idle: f64,
    pub steal: f64,
}

pub fn share(before: CpuTimes, after: CpuTimes) -> Option<CpuShare> {
    let busy = after.busy.checked_sub(before.busy)?;
    let idle = after.idle.checked_sub(before.idle)?;
    let steal = after.steal.checked_sub(before.steal)?;
    let total = busy + idle + steal;
    if total == 0 {
        return None;
    }
    let pct = |x: u64| 100.0 * x as f64 / total as f64;
    Some(CpuShare {
        busy: pct(busy),
        idle: pct(idle),
        steal: pct(steal),
    })
}

/// `busy 61%, idle 35%, stolen by the host 4%`, or why it is unknown.
pub fn describe(before: Option<CpuTimes>, after: Option<CpuTimes>) -> String {
    match before.zip(after).and_then(|(b, a)| share(b, a)) {
        Some(s) => format!(
            "busy {:.0}%, idle {:.0}%, stolen by the host {:.0}%",
            s.busy, s.idle, s.steal
        ),
        None => "unknown (no /proc/stat)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "cpu  100 5 20 800 10 1 4 60 7 0\ncpu0 50 2 10 400 5 0 2 30 0 0\nintr 1 2 3\n";

    #[test]
    fn reads_the_aggregate_line() {
        assert_eq!(
            parse(SAMPLE),
            Some(CpuTimes {
                busy: 100 + 5 + 20 + 1 + 4,
                idle: 800 + 10,
                steal: 60
            })
        );
    }

    #[test]
    fn old_kernels_without_steal_read_as_zero_steal() {
        assert_eq!(
            parse("cpu 1 2 3 4\n"),
            Some(CpuTimes {
                busy: 6,
                idle: 4,
                steal: 0
            })
        );
        assert_eq!(parse("cpu 1 2\n"), None);
        assert_eq!(parse("cpu0 1 2 3 4\n"), None);
        assert_eq!(parse("cpu 1 x 3 4\n"), None);
    }

    #[test]
    fn shares_add_up_to_the_elapsed_ticks() {
        let before = CpuTimes {
            busy: 1000,
            idle: 1000,
            steal: 100,
        };
        let after = CpuTimes {
            busy: 1600,
            idle: 1300,
            steal: 200,
        };
        let s = share(before, after).unwrap();
        assert_eq!((s.busy, s.idle, s.steal), (60.0, 30.0, 10.0));
        assert_eq!(
            describe(Some(before), Some(after)),
            "busy 60%, idle 30%, stolen by the host 10%"
        );
        // A counter that went backwards (or no reading at all) is not a share.
        assert_eq!(share(after, before), None);
        assert_eq!(describe(None, Some(after)), "unknown (no /proc/stat)");
    }
}
