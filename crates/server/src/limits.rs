//! Rate limits: no client can take the instance's cores or its database for itself.
//!
//! - A request with a token this instance accepts (its token table, [`crate::auth`]) is
//!   counted against that token: by default 100 requests a second sustained, bursts of
//!   200. A desk sends a heartbeat every 5 s per booking session and a few requests per
//!   change it hears of: 500 desks heartbeating never come near it, each having its own.
//! - Every other request (no token, an unknown, revoked or replaced token, enrolment,
//!   unknown paths) is counted against the client's address, before anything else is done
//!   for it: by default 2 a second, bursts of 30. A flood of bad tokens from one address is
//!   answered 429 without touching the database, and enrolment codes cannot be guessed.
//!   The address is the TCP peer's; `X-Forwarded-For` is read only when the peer is one of
//!   the configured proxies (`--trust-proxy`).
//! - Bookings on the public page are also counted per e-mail address (lower case):
//!   [`BOOKINGS_PER_EMAIL_HOUR`] an hour, so one address cannot fill the studio's week from
//!   many networks.
//! - `/v1/health` and `/v1/ready` are never limited (probes).
//!
//! Over a limit, the answer is 429 `rate_limited` with `Retry-After` (whole seconds).
//! The limiters are GCRA ([`governor`], keyed); their clock is monotonic, or a manual one
//! in tests ([`LimitClock::manual`]), so no test sleeps.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{AUTHORIZATION, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use frontdesk_protocol::ErrorCode;
use governor::clock::Clock as GovernorClock;
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DashMapStateStore;
use governor::{NotUntil, Quota, RateLimiter};

use crate::app::AppState;
use crate::auth::token_hash;
use crate::error::ApiError;

/// Requests a second a desk token may send, sustained.
pub const TOKEN_RATE: u32 = 100;
/// Requests a desk token may send at once.
pub const TOKEN_BURST: u32 = 200;
/// Requests a second an address may send without a valid token, sustained.
pub const ADDRESS_RATE: u32 = 2;
/// Requests an address may send at once without a valid token.
pub const ADDRESS_BURST: u32 = 30;

/// Bookings an hour one e-mail address may make on the public page (a burst of them at once).
pub const BOOKINGS_PER_EMAIL_HOUR: u32 = 5;

/// How the limits are set (`serve` flags; [`Default`] is what `serve` uses without them).
#[derive(Debug, Clone, clap::Args)]
pub struct RateLimits {
    /// Requests a second each desk token may send, sustained (0: no per-token limit).
    #[arg(long, default_value_t = TOKEN_RATE)]
    pub token_rate: u32,
    /// Requests a desk token may send in a burst.
    #[arg(long, default_value_t = TOKEN_BURST)]
    pub token_burst: u32,
    /// Requests a second one address may send without a valid token, sustained (0: no
    /// per-address limit).
    #[arg(long, default_value_t = ADDRESS_RATE)]
    pub address_rate: u32,
    /// Requests one address may send in a burst without a valid token.
    #[arg(long, default_value_t = ADDRESS_BURST)]
    pub address_burst: u32,
    /// A reverse proxy whose `X-Forwarded-For` names the client (repeat for several).
    /// Without it, the client is the TCP peer, whatever the headers say.
    #[arg(long = "trust-proxy", value_name = "IP")]
    pub trusted_proxies: Vec<IpAddr>,
    /// The limiters' clock.
    #[arg(skip)]
    pub clock: LimitClock,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            token_rate: TOKEN_RATE,
            token_burst: TOKEN_BURST,
            address_rate: ADDRESS_RATE,
            address_burst: ADDRESS_BURST,
            trusted_proxies: Vec::new(),
            clock: LimitClock::default(),
        }
    }
}

/// The limiters' time: monotonic, or moved by hand (tests).
#[derive(Debug, Clone)]
pub enum LimitClock {
    /// Time since the limiter was made, from the OS's monotonic clock.
    Monotonic(Instant),
    /// Nanoseconds, moved only by [`LimitClock::advance`].
    Manual(Arc<AtomicU64>),
}

impl Default for LimitClock {
    fn default() -> Self {
        LimitClock::Monotonic(Instant::now())
    }
}

impl LimitClock {
    /// A clock that stands still until advanced.
    pub fn manual() -> LimitClock {
        LimitClock::Manual(Arc::new(AtomicU64::new(0)))
    }

    /// Moves a manual clock on (a monotonic one moves by itself).
    pub fn advance(&self, by: Duration) {
        if let LimitClock::Manual(nanos) = self {
            let by = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
            nanos.fetch_add(by, Ordering::SeqCst);
        }
    }
}

impl GovernorClock for LimitClock {
    type Instant = Duration;

    fn now(&self) -> Duration {
        match self {
            LimitClock::Monotonic(start) => start.elapsed(),
            LimitClock::Manual(nanos) => Duration::from_nanos(nanos.load(Ordering::SeqCst)),
        }
    }
}

type Keyed<K> = RateLimiter<K, DashMapStateStore<K>, LimitClock, NoOpMiddleware<Duration>>;

/// Keys kept before the idle ones are dropped.
const KEYS_BEFORE_SWEEP: usize = 10_000;

/// The running limiters of an instance.
#[derive(Debug)]
pub struct Limiters {
    per_token: Option<Keyed<String>>,
    per_address: Option<Keyed<IpAddr>>,
    per_email: Keyed<String>,
    /// The public page's live holds by address.
    visitor_holds: crate::routes::public::visitors::VisitorHolds,
    trusted_proxies: Vec<IpAddr>,
    clock: LimitClock,
    checks: AtomicU64,
}

fn keyed<K: std::hash::Hash + Eq + Clone>(
    rate: u32,
    burst: u32,
    clock: &LimitClock,
) -> Option<Keyed<K>> {
    let rate = NonZeroU32::new(rate)?;
    let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
    Some(RateLimiter::dashmap_with_clock(
        Quota::per_second(rate).allow_burst(burst),
        clock.clone(),
    ))
}

impl Limiters {
    pub fn new(limits: &RateLimits) -> Limiters {
        Limiters {
            per_token: keyed(limits.token_rate, limits.token_burst, &limits.clock),
            per_address: keyed(limits.address_rate, limits.address_burst, &limits.clock),
            per_email: RateLimiter::dashmap_with_clock(
                Quota::per_hour(
                    NonZeroU32::new(BOOKINGS_PER_EMAIL_HOUR).unwrap_or(NonZeroU32::MIN),
                ),
                limits.clock.clone(),
            ),
            visitor_holds: Default::default(),
            trusted_proxies: limits.trusted_proxies.clone(),
            clock: limits.clock.clone(),
            checks: AtomicU64::new(0),
        }
    }

    /// The client's address: the TCP peer, or what a trusted proxy says it forwarded for
    /// (the last address in `X-Forwarded-For` that is not itself a trusted proxy).
    pub fn client(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> IpAddr {
        let peer = peer.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        if !self.trusted_proxies.contains(&peer) {
            return peer;
        }
        headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .rev()
            .find(|a| !self.trusted_proxies.contains(a))
            .unwrap_or(peer)
    }

    /// Counts a request of token hash `token`; the wait if over its limit.
    pub fn token(&self, token: &str) -> Result<(), Duration> {
        let Some(limiter) = &self.per_token else {
            return Ok(());
        };
        self.sweep(limiter);
        limiter
            .check_key(&token.to_owned())
            .map_err(|e| self.wait(&e))
    }

    /// Counts a request of `address` without a valid token; the wait if over its limit.
    /// An IPv6 address counts by its /64 (one host usually holds a whole /64, and could
    /// otherwise send from a new address each time).
    pub fn address(&self, address: IpAddr) -> Result<(), Duration> {
        let Some(limiter) = &self.per_address else {
            return Ok(());
        };
        self.sweep(limiter);
        limiter
            .check_key(&network(address))
            .map_err(|e| self.wait(&e))
    }

    /// The public page's live holds by address (at most a few each).
    pub fn visitor_holds(&self) -> &crate::routes::public::visitors::VisitorHolds {
        &self.visitor_holds
    }

    /// Counts a booking on the public page for `email`; the wait if over its limit.
    pub fn booking_email(&self, email: &str) -> Result<(), Duration> {
        self.sweep(&self.per_email);
        self.per_email
            .check_key(&email.trim().to_lowercase())
            .map_err(|e| self.wait(&e))
    }

    fn wait(&self, not_until: &NotUntil<Duration>) -> Duration {
        not_until.wait_time_from(self.clock.now())
    }

    /// Now and then, forgets the keys whose limit is full again (so many addresses or
    /// tokens seen once do not pile up).
    fn sweep<K: std::hash::Hash + Eq + Clone>(&self, limiter: &Keyed<K>) {
        if self.checks.fetch_add(1, Ordering::Relaxed) % 4096 == 0
            && limiter.len() > KEYS_BEFORE_SWEEP
        {
            limiter.retain_recent();
        }
    }
}

/// The key of an address: itself (IPv4), or its /64 (IPv6).
fn network(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => IpAddr::V6((u128::from(v6) & !u128::from(u64::MAX)).into()),
    }
}

/// 429 `rate_limited` with `Retry-After` in whole seconds (at least 1).
pub fn too_many(wait: Duration, what: &str) -> Response {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let seconds = seconds.max(1);
    let mut response = ApiError::new(
        ErrorCode::RateLimited,
        format!("too many requests {what}: try again in {seconds} s"),
    )
    .into_response();
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// Paths never limited: probes, and the public page's script and style (compiled in, served
/// from memory: a visitor's page load should not spend its address's requests on them).
fn exempt(path: &str) -> bool {
    matches!(path, "/v1/health" | "/v1/ready") || path.starts_with("/book/assets/")
}

/// Middleware: counts the request against its token if the instance accepts it, else
/// against its address, and answers 429 over either limit.
pub async fn rate_limit(State(app): State<AppState>, request: Request, next: Next) -> Response {
    if exempt(request.uri().path()) {
        return next.run(request).await;
    }
    let limits = app.limiters();
    let known = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(token_hash)
        .filter(|hash| app.desks().get(hash).is_some());
    let counted = match known {
        Some(hash) => limits
            .token(&hash)
            .map_err(|wait| too_many(wait, "with this token")),
        None => {
            let peer = request
                .extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip());
            let client = limits.client(peer, request.headers());
            limits
                .address(client)
                .map_err(|wait| too_many(wait, "without a valid token from this address"))
        }
    };
    match counted {
        Ok(()) => next.run(request).await,
        Err(refused) => refused,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn limits(clock: &LimitClock) -> Limiters {
        Limiters::new(&RateLimits {
            token_rate: 1,
            token_burst: 3,
            address_rate: 1,
            address_burst: 2,
            trusted_proxies: vec!["10.0.0.1".parse().unwrap()],
            clock: clock.clone(),
        })
    }

    #[test]
    fn a_burst_passes_then_waits_for_the_rate() {
        let clock = LimitClock::manual();
        let l = limits(&clock);
        for _ in 0..3 {
            assert!(l.token("t").is_ok());
        }
        let wait = l.token("t").unwrap_err();
        assert_eq!(wait, Duration::from_secs(1));
        assert!(l.token("other").is_ok(), "each token has its own");
        clock.advance(Duration::from_secs(1));
        assert!(l.token("t").is_ok());
    }

    #[test]
    fn forwarded_for_counts_only_from_a_trusted_proxy() {
        let l = limits(&LimitClock::manual());
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "203.0.113.9, 10.0.0.1".parse().unwrap());
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let other: IpAddr = "192.0.2.7".parse().unwrap();
        assert_eq!(
            l.client(Some(proxy), &headers),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        assert_eq!(l.client(Some(other), &headers), other);
    }

    #[test]
    fn an_ipv6_host_counts_by_its_64() {
        let l = limits(&LimitClock::manual());
        for k in 0..2 {
            let from: IpAddr = format!("2001:db8:1:2::{k}").parse().unwrap();
            assert!(l.address(from).is_ok());
        }
        assert!(l.address("2001:db8:1:2::99".parse().unwrap()).is_err());
        assert!(l.address("2001:db8:1:3::1".parse().unwrap()).is_ok());
    }

    #[test]
    fn retry_after_is_whole_seconds_rounded_up() {
        let r = too_many(Duration::from_millis(1500), "x");
        assert_eq!(r.status(), axum::http::StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(r.headers()[RETRY_AFTER], "2");
        let r = too_many(Duration::ZERO, "x");
        assert_eq!(r.headers()[RETRY_AFTER], "1");
    }
}
