//! The command line: how hard to load, which server, and the heartbeat phase's client.

use clap::Parser;
use url::Url;

use crate::BoxError;

#[derive(Debug, Parser)]
#[command(
    name = "frontdesk-load",
    version,
    about = "Bounded load test of the Frontdesk central server (loopback only)"
)]
pub struct Cli {
    /// Concurrent booking sessions sending heartbeats.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=5000))]
    pub sessions: u32,
    /// Desks whose tokens the requests are spread over (session i is desk i's, modulo the
    /// desks), as a studio's desks send them: the server limits each token's rate. With
    /// more than one, the tokens are TOKEN-0 … TOKEN-(N-1) of `--token TOKEN` (the
    /// in-process server's studio has them; `--print-studio` prints it for a server of
    /// its own); with 1, TOKEN itself.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=5000))]
    pub desks: u32,
    /// Print the in-process server's studio.toml (100 rooms, the desks of `--desks`) and
    /// exit: serve it with `frontdesk-server serve --config FILE --dev-tokens`.
    #[arg(long)]
    pub print_studio: bool,
    /// Length of the heartbeat phase in seconds.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=120))]
    pub seconds: u64,
    /// Open loop: send this many heartbeats per second in all, spread evenly over the
    /// sessions, and measure each from its scheduled time (no coordinated omission).
    /// Without it, every session sends back to back (closed loop: the maximum rate).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=200_000))]
    pub rate: Option<u64>,
    /// Hard cap on the heartbeat requests of phase 1.
    #[arg(long, default_value_t = 2_000_000, value_parser = clap::value_parser!(u64).range(1..=2_000_000))]
    pub max_requests: u64,
    /// Sequential room status requests of phase 2.
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub status_requests: u32,
    /// Also run one real 30-second booking session (batched and per slot) against the server.
    #[arg(long)]
    pub hold_session: bool,
    /// An already running server (http://127.0.0.1:PORT, localhost or [::1] only) instead
    /// of an in-process one.
    #[arg(long)]
    pub url: Option<String>,
    /// The desk token for `--url` (with `--desks N` above 1, the prefix of the N tokens).
    #[arg(long, requires = "url")]
    pub token: Option<String>,
    /// Non-overlapping bookings sent in phase 4 (booking throughput).
    #[arg(long, default_value_t = 3000, value_parser = clap::value_parser!(u32).range(1..=50_000))]
    pub bookings: u32,
    /// After the in-process SQLite run, the same phases on two in-process instances sharing
    /// this PostgreSQL database (`postgres://…@127.0.0.1…` or a Unix socket; a fresh, empty
    /// database: the run books into it).
    #[arg(long, conflicts_with = "url")]
    pub postgres: Option<String>,
    /// The HTTP client of the heartbeat phase.
    #[arg(long, value_enum, default_value_t = HeartbeatClient::Bare)]
    pub client: HeartbeatClient,
    /// Phase 5: this many visitors watch one room's day on the public page (its live line)
    /// while a desk makes `--page-holds` holds there; then the same visitors polling every
    /// second instead. Off without it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=5000))]
    pub page_viewers: Option<u32>,
    /// Holds the desk makes in phase 5 (each waits up to 5 s to be seen by every viewer).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=12))]
    pub page_holds: u32,
    /// Phase 6: desks book at `--page-flood-bookings` a second, first alone, then while the
    /// public page is flooded at this many requests a second. Off without it.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub page_flood: Option<u64>,
    /// Desk bookings a second in phase 6.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=500))]
    pub page_flood_bookings: u64,
    /// Seconds of each of phase 6's three stretches (alone, flooded, alone again).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=20))]
    pub page_seconds: u64,
    /// Run only the public page's phases (5 and 6), none of 1 to 4.
    #[arg(long)]
    pub page_only: bool,
    /// An admin token of the `--url` server, to switch its public page on for phases 5
    /// and 6 (the `--print-studio` studio's is `load-token-admin`).
    #[arg(long, requires = "url")]
    pub admin_token: Option<String>,
    /// The process id of the `--url` server, whose CPU time and memory phases 5 and 6
    /// record from /proc (in-process: the tool's own, clients included).
    #[arg(long, requires = "url")]
    pub server_pid: Option<u32>,
    /// The in-process server's requests a second per address without a token (its
    /// `--address-rate`; 0: no per-address limit). Phase 5's viewers all come from
    /// 127.0.0.1: they need 0 or a rate above theirs.
    #[arg(long, default_value_t = frontdesk_server::limits::ADDRESS_RATE, conflicts_with = "url")]
    pub address_rate: u32,
}

impl Cli {
    /// Whether a public page phase runs.
    pub fn page_phases(&self) -> bool {
        self.page_viewers.is_some() || self.page_flood.is_some()
    }
}

/// The heartbeat phase's HTTP client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HeartbeatClient {
    /// A bare keep-alive connection per session, the request bytes built once.
    Bare,
    /// The typed client (`frontdesk-client`, reqwest's shared pool), as a desk sends them.
    Typed,
}

/// `http://HOST[:PORT]` of a URL whose host is the loopback; anything else is refused.
pub fn loopback_base(url: &str) -> Result<String, BoxError> {
    let parsed = Url::parse(url).map_err(|e| format!("--url {url}: {e}"))?;
    if parsed.scheme() != "http" {
        return Err(format!("--url {url}: only plain http:// on the loopback is supported").into());
    }
    let host = match parsed.host_str() {
        Some(h @ ("127.0.0.1" | "localhost" | "[::1]")) => h,
        _ => {
            return Err(format!(
                "--url {url}: refusing a host other than 127.0.0.1, localhost or [::1]"
            )
            .into())
        }
    };
    Ok(match parsed.port() {
        Some(port) => format!("http://{host}:{port}"),
        None => format!("http://{host}"),
    })
}

/// A PostgreSQL URL whose host is the loopback (or a Unix socket folder); anything else is
/// refused.
pub fn loopback_postgres(url: &str) -> Result<String, BoxError> {
    let parsed = Url::parse(url).map_err(|e| format!("--postgres {url}: {e}"))?;
    let scheme_ok = matches!(parsed.scheme(), "postgres" | "postgresql");
    let host_ok = match parsed.host_str() {
        Some(host) => matches!(host, "127.0.0.1" | "localhost" | "[::1]"),
        // postgres:///db?host=/run/postgresql: a Unix socket on this machine.
        None => parsed
            .query_pairs()
            .any(|(k, v)| k == "host" && v.starts_with('/')),
    };
    if scheme_ok && host_ok {
        Ok(url.to_owned())
    } else {
        Err(format!("--postgres {url}: only postgres:// on the loopback or a Unix socket").into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_scheme_host_and_port_of_the_loopback() {
        for (url, base) in [
            ("http://127.0.0.1:8787", "http://127.0.0.1:8787"),
            ("http://LOCALHOST:8787/v1/", "http://localhost:8787"),
            ("http://[::1]:9/", "http://[::1]:9"),
            ("http://127.0.0.1", "http://127.0.0.1"),
        ] {
            assert_eq!(loopback_base(url).unwrap(), base);
        }
    }

    #[test]
    fn postgres_only_on_this_machine() {
        assert!(loopback_postgres("postgres://u@127.0.0.1:5432/load").is_ok());
        assert!(loopback_postgres("postgres:///load?host=/tmp/pg").is_ok());
        assert!(loopback_postgres("postgres://u@db.example.com/load").is_err());
        assert!(loopback_postgres("http://127.0.0.1:5432/load").is_err());
    }

    #[test]
    fn refuses_other_hosts_and_schemes() {
        for url in [
            "https://127.0.0.1:8787",
            "http://10.0.0.1:8787",
            "http://example.com",
            "http://127.0.0.2:8787",
            "not a url",
        ] {
            assert!(loopback_base(url).is_err(), "{url}");
        }
    }
}
