//! The server process's CPU time and memory, from Linux's `/proc/PID/stat` and
//! `/proc/PID/status`. Against a server of its own (`--url` with `--server-pid`) these are
//! the server's alone; in-process they are the whole tool's, clients included (the report
//! says which).

use std::time::Duration;

use crate::BoxError;

/// Clock ticks a second of `/proc/PID/stat` (`sysconf(_SC_CLK_TCK)`; 100 on every Linux
/// this tool runs on: x86-64 and arm64 both fix `USER_HZ` at 100).
const TICKS_PER_SEC: u64 = 100;

/// One reading of a process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProcSample {
    /// User plus system CPU time.
    pub cpu: Duration,
    /// Resident memory now, KiB.
    pub rss_kib: u64,
    /// The most resident memory since the process started, KiB.
    pub hwm_kib: u64,
}

/// The process whose CPU and memory a phase records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerProc {
    pub pid: u32,
    /// Whether it is this tool's own process (the server in-process, clients included).
    pub own: bool,
}

impl ServerProc {
    pub fn sample(&self) -> Result<ProcSample, BoxError> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid))
            .map_err(|e| format!("/proc/{}/stat: {e}", self.pid))?;
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid))
            .map_err(|e| format!("/proc/{}/status: {e}", self.pid))?;
        Ok(ProcSample {
            cpu: cpu_time(&stat)?,
            rss_kib: status_kib(&status, "VmRSS")?,
            hwm_kib: status_kib(&status, "VmHWM")?,
        })
    }

    /// What the report calls it.
    pub fn describe(&self) -> String {
        if self.own {
            format!("pid {} (in-process: server and clients together)", self.pid)
        } else {
            format!("pid {} (the server alone)", self.pid)
        }
    }
}

/// utime + stime of a `/proc/PID/stat` line (fields 14 and 15; the command name in
/// parentheses may hold spaces, so the fields are counted after its closing parenthesis).
fn cpu_time(stat: &str) -> Result<Duration, BoxError> {
    let after = stat
        .rfind(')')
        .map(|i| &stat[i + 1..])
        .ok_or("/proc/PID/stat without a command name")?;
    // After the name: field 3 (state) is the first.
    let fields: Vec<&str> = after.split_whitespace().collect();
    let tick = |field: usize| -> Result<u64, BoxError> {
        fields
            .get(field - 3)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("/proc/PID/stat field {field}").into())
    };
    let ticks = tick(14)? + tick(15)?;
    Ok(Duration::from_millis(ticks * 1000 / TICKS_PER_SEC))
}

/// A `Name:   1234 kB` line of `/proc/PID/status`, in KiB.
fn status_kib(status: &str, name: &str) -> Result<u64, BoxError> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .ok_or_else(|| format!("/proc/PID/status has no {name}").into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cpu_ticks_after_a_name_with_spaces() {
        let stat = "4242 (frontdesk server) S 1 2 3 4 5 6 7 8 9 10 250 130 0 0 20 0 9";
        assert_eq!(cpu_time(stat).unwrap(), Duration::from_millis(3800));
        assert!(cpu_time("4242 no name").is_err());
    }

    #[test]
    fn reads_memory_lines() {
        let status = "Name:\tx\nVmHWM:\t  20480 kB\nVmRSS:\t   10240 kB\n";
        assert_eq!(status_kib(status, "VmRSS").unwrap(), 10240);
        assert_eq!(status_kib(status, "VmHWM").unwrap(), 20480);
        assert!(status_kib(status, "VmSwap").is_err());
    }

    #[test]
    fn reads_this_process() {
        let own = ServerProc {
            pid: std::process::id(),
            own: true,
        };
        let sample = own.sample().unwrap();
        assert!(sample.rss_kib > 0 && sample.hwm_kib >= sample.rss_kib);
    }
}
