//! `frontdesk-load`: a bounded load test of the Frontdesk central server, loopback only.
//!
//! Without `--url` it starts the real server in-process (a throw-away SQLite file in a
//! temporary folder, 100 rooms open around the clock) and measures:
//!
//! 1. heartbeats: N booking sessions, each holding 8 quarter hours nobody else touches,
//!    send `PUT /v1/holds/{session}` with the same body, back to back (closed loop) or at
//!    `--rate` in all (open loop), for the phase's seconds or until the request cap is
//!    reached. Each session has its own bare keep-alive connection ([`http1`]) so that the
//!    client costs the shared cores as little as possible (`--client reqwest` for
//!    comparison);
//! 2. room status: K sequential `POST /v1/rooms/status` for every room, after creating
//!    200 bookings so the answers have something in them;
//! 3. what one 30-second booking session holding 8 slots costs in requests with the
//!    batched protocol versus holding every slot on its own, counted by driving a session
//!    object through virtual time (and with `--hold-session` also for real).
//!
//! Phases 1 and 2 also print how busy the cores were and how much time the hypervisor
//! took from them ([`host`]), so that a run shows whether its tail was the host's.
//!
//! Everything is bounded: at most 5 000 sessions, 120 seconds of heartbeats and 2 000 000
//! heartbeat requests; only `http://` URLs on 127.0.0.1, localhost or [::1] are accepted.

mod host;
mod http1;

use std::error::Error;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as ChronoDuration, FixedOffset, NaiveDate, TimeZone, Timelike};
use chrono_tz::Tz;
use clap::Parser;
use frontdesk_protocol::{
    CreateBookingRequest, CustomerDto, HoldSpan, RoomsStatusRequest, RoomsStatusResponse,
    SetHoldsRequest, StudioInfo,
};
use frontdesk_server::{start, ServerOptions, SystemClock};
use frontdesk_store::StudioConfig;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use reqwest::StatusCode;
use uuid::Uuid;

type BoxError = Box<dyn Error + Send + Sync>;

/// Spans each session holds.
const SPANS_PER_SESSION: usize = 8;
/// Length of the booking session whose request cost phase 3 counts.
const SESSION_SECS: u64 = 30;
/// Heartbeat period of a booking session.
const HEARTBEAT_SECS: u64 = 5;
/// Bookings created before the room status phase.
const BOOKINGS: usize = 200;
/// Token of the in-process server's only desk.
const LOCAL_TOKEN: &str = "load-token";
/// Rooms of the in-process server.
const LOCAL_ROOMS: usize = 100;

#[derive(Debug, Parser)]
#[command(
    name = "frontdesk-load",
    version,
    about = "Bounded load test of the Frontdesk central server (loopback only)"
)]
struct Cli {
    /// Concurrent booking sessions sending heartbeats.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=5000))]
    sessions: u32,
    /// Length of the heartbeat phase in seconds.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=120))]
    seconds: u64,
    /// Open loop: send this many heartbeats per second in all, spread evenly over the
    /// sessions, and measure each from its scheduled time (no coordinated omission).
    /// Without it, every session sends back to back (closed loop: the maximum rate).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=200_000))]
    rate: Option<u64>,
    /// Hard cap on the heartbeat requests of phase 1.
    #[arg(long, default_value_t = 2_000_000, value_parser = clap::value_parser!(u64).range(1..=2_000_000))]
    max_requests: u64,
    /// Sequential room status requests of phase 2.
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    status_requests: u32,
    /// Also run one real 30-second booking session (batched and per slot) against the server.
    #[arg(long)]
    hold_session: bool,
    /// An already running server (http://127.0.0.1:PORT, localhost or [::1] only) instead
    /// of an in-process one.
    #[arg(long)]
    url: Option<String>,
    /// The desk token for `--url`.
    #[arg(long, requires = "url")]
    token: Option<String>,
    /// The HTTP client of the heartbeat phase.
    #[arg(long, value_enum, default_value_t = Client::Bare)]
    client: Client,
}

/// The heartbeat phase's HTTP client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Client {
    /// A bare keep-alive connection per session, the request bytes built once.
    Bare,
    /// reqwest's shared pool, as a desk sends them.
    Reqwest,
}

// ---------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------

/// The client side: one shared connection pool, every request counted. The heartbeat
/// phase opens its own bare connections ([`http1`]) to the same address.
#[derive(Debug, Clone)]
struct Api {
    client: reqwest::Client,
    base: Arc<str>,
    /// `HOST:PORT` for the `host` header of bare requests.
    host: Arc<str>,
    addr: SocketAddr,
    token: Arc<str>,
    sent: Arc<AtomicU64>,
}

impl Api {
    fn new(base: &str, token: &str, pool: usize) -> Result<Api, BoxError> {
        let mut headers = HeaderMap::new();
        let mut auth = HeaderValue::from_str(&format!("Bearer {token}"))?;
        auth.set_sensitive(true);
        headers.insert(AUTHORIZATION, auth);
        let client = reqwest::Client::builder()
            .default_headers(headers)
            .pool_max_idle_per_host(pool)
            .no_proxy()
            .timeout(Duration::from_secs(60))
            .build()?;
        let url = reqwest::Url::parse(base).map_err(|e| format!("{base}: {e}"))?;
        let addr = url
            .socket_addrs(|| Some(80))?
            .into_iter()
            .next()
            .ok_or_else(|| format!("{base}: no address"))?;
        let host = match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => return Err(format!("{base}: no host").into()),
        };
        Ok(Api {
            client,
            base: base.into(),
            host: host.into(),
            addr,
            token: token.into(),
            sent: Arc::new(AtomicU64::new(0)),
        })
    }

    /// A bare keep-alive connection to the server (counted requests via [`Api::exchange`]).
    async fn connect(&self) -> std::io::Result<http1::Http1Conn> {
        http1::Http1Conn::connect(self.addr).await
    }

    /// A ready `PUT path` request with a JSON body and this desk's token.
    fn put_request(&self, path: &str, body: &[u8]) -> Vec<u8> {
        http1::put_json(&self.host, path, &self.token, body)
    }

    /// Sends a ready request on a bare connection; its status code.
    async fn exchange(&self, conn: &mut http1::Http1Conn, request: &[u8]) -> std::io::Result<u16> {
        self.sent.fetch_add(1, Ordering::Relaxed);
        conn.exchange(request).await
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    /// `PUT url` with a ready JSON body; the answer's body is read (so the connection is
    /// reused) and dropped.
    async fn put_raw(&self, url: &str, body: Vec<u8>) -> Result<StatusCode, reqwest::Error> {
        self.sent.fetch_add(1, Ordering::Relaxed);
        let resp = self
            .client
            .put(url)
            .header(CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await?;
        let status = resp.status();
        resp.bytes().await?;
        Ok(status)
    }

    async fn delete(&self, path: &str) -> Result<StatusCode, reqwest::Error> {
        self.sent.fetch_add(1, Ordering::Relaxed);
        let resp = self.client.delete(self.url(path)).send().await?;
        let status = resp.status();
        resp.bytes().await?;
        Ok(status)
    }

    async fn get(&self, path: &str) -> Result<(StatusCode, Vec<u8>), reqwest::Error> {
        self.sent.fetch_add(1, Ordering::Relaxed);
        let resp = self.client.get(self.url(path)).send().await?;
        let status = resp.status();
        Ok((status, resp.bytes().await?.to_vec()))
    }

    async fn post(
        &self,
        path: &str,
        body: Vec<u8>,
    ) -> Result<(StatusCode, Vec<u8>), reqwest::Error> {
        self.sent.fetch_add(1, Ordering::Relaxed);
        let resp = self
            .client
            .post(self.url(path))
            .header(CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await?;
        let status = resp.status();
        Ok((status, resp.bytes().await?.to_vec()))
    }
}

/// `http://HOST[:PORT]` of a URL whose host is the loopback; anything else is refused.
fn loopback_base(url: &str) -> Result<String, BoxError> {
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("--url {url}: {e}"))?;
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

// ---------------------------------------------------------------------------------------
// Studio, times, statistics
// ---------------------------------------------------------------------------------------

/// The in-process server's studio: Berlin, open around the clock, rooms r0..r99.
fn local_studio_toml() -> String {
    let mut text = String::from(
        "[studio]\nname = \"Load test studio\"\ntimezone = \"Europe/Berlin\"\nhold_ttl_seconds = 10\n[studio.hours]\n",
    );
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        text.push_str(&format!("{day} = [\"00:00\", \"24:00\"]\n"));
    }
    for i in 0..LOCAL_ROOMS {
        text.push_str(&format!(
            "\n[[rooms]]\nid = \"r{i}\"\nname = \"Room {i}\"\ndurations = [60]\ninterval = 60\n"
        ));
    }
    text.push_str(&format!(
        "\n[[desks]]\nid = \"load\"\ntoken = \"{LOCAL_TOKEN}\"\n"
    ));
    text
}

/// The first instant of a local date (midnight exists in every zone the studio can use;
/// where it does not, the first instant after the gap).
fn start_of_day(tz: Tz, date: NaiveDate) -> Result<DateTime<Tz>, BoxError> {
    for hour in 0..3 {
        let naive = date
            .and_hms_opt(hour, 0, 0)
            .ok_or_else(|| format!("no {hour}:00 on {date}"))?;
        if let Some(t) = tz.from_local_datetime(&naive).earliest() {
            return Ok(t);
        }
    }
    Err(format!("cannot find the start of {date} in {tz}").into())
}

fn wire(t: DateTime<Tz>) -> DateTime<FixedOffset> {
    t.fixed_offset()
}

/// The 8 disjoint quarter hours (every other one from the start of `date`) of one room.
fn session_spans(tz: Tz, room: &str, date: NaiveDate) -> Result<Vec<HoldSpan>, BoxError> {
    let day = start_of_day(tz, date)?;
    Ok((0..SPANS_PER_SESSION as i64)
        .map(|k| {
            let start = day + ChronoDuration::minutes(30 * k);
            HoldSpan {
                room: room.to_owned(),
                start: wire(start),
                end: wire(start + ChronoDuration::minutes(15)),
            }
        })
        .collect())
}

fn micros(d: Duration) -> u32 {
    u32::try_from(d.as_micros()).unwrap_or(u32::MAX)
}

/// Nearest-rank percentile of sorted microseconds, in milliseconds.
fn percentile_ms(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    let idx = rank.clamp(1, sorted.len()) - 1;
    f64::from(sorted[idx]) / 1000.0
}

fn max_ms(sorted: &[u32]) -> f64 {
    sorted.last().map_or(0.0, |&m| f64::from(m) / 1000.0)
}

fn per_sec(count: u64, elapsed: Duration) -> f64 {
    let s = elapsed.as_secs_f64();
    if s > 0.0 {
        count as f64 / s
    } else {
        0.0
    }
}

// ---------------------------------------------------------------------------------------
// Phase 1: heartbeats
// ---------------------------------------------------------------------------------------

#[derive(Debug, Default)]
struct HeartbeatReport {
    holds_ok: u64,
    holds_failed: u64,
    holds_elapsed: Duration,
    latencies: Vec<u32>,
    errors: u64,
    elapsed: Duration,
    capped: bool,
    releases_ok: u64,
    releases_failed: u64,
    /// What the cores did during the heartbeats ([`host::describe`]).
    cpu: String,
}

#[derive(Debug)]
struct TaskOutcome {
    latencies: Vec<u32>,
    errors: u64,
}

/// When a session sends: back to back, or on a fixed schedule.
#[derive(Debug, Clone, Copy)]
enum Pace {
    ClosedLoop,
    /// Every `interval`, the first at `first`.
    Every {
        first: Instant,
        interval: Duration,
    },
}

/// What one session sends as its heartbeat, with either client.
#[derive(Debug)]
struct Heartbeat {
    client: Client,
    /// For reqwest.
    url: String,
    body: Vec<u8>,
    /// The same, as bare request bytes, and the session's bare connection.
    request: Vec<u8>,
    conn: Option<http1::Http1Conn>,
}

/// One session's heartbeats on its own connection. A failed exchange counts as an error
/// and the next one starts on a new connection.
async fn heartbeat_loop(
    api: Api,
    beat: Heartbeat,
    deadline: Instant,
    cap: u64,
    issued: Arc<AtomicU64>,
    pace: Pace,
) -> TaskOutcome {
    let Heartbeat {
        client,
        url,
        body,
        request,
        mut conn,
    } = beat;
    let mut out = TaskOutcome {
        latencies: Vec::with_capacity(1024),
        errors: 0,
    };
    let mut next = match pace {
        Pace::ClosedLoop => None,
        Pace::Every { first, .. } => Some(first),
    };
    while Instant::now() < deadline {
        if issued.fetch_add(1, Ordering::Relaxed) >= cap {
            break;
        }
        let t0 = match (next, pace) {
            (Some(at), Pace::Every { interval, .. }) => {
                if at >= deadline {
                    break;
                }
                tokio::time::sleep_until(at.into()).await;
                next = Some(at + interval);
                at // latency counts from the scheduled time
            }
            _ => Instant::now(),
        };
        let answered = match (conn.as_mut(), client) {
            (_, Client::Reqwest) => api
                .put_raw(&url, body.clone())
                .await
                .map(|s| s.as_u16())
                .map_err(std::io::Error::other),
            (Some(c), Client::Bare) => api.exchange(c, &request).await,
            (None, Client::Bare) => match api.connect().await {
                Ok(c) => api.exchange(conn.insert(c), &request).await,
                Err(error) => Err(error),
            },
        };
        out.latencies.push(micros(t0.elapsed()));
        match answered {
            Ok(200) => {}
            Ok(_) => out.errors += 1,
            Err(_) => {
                out.errors += 1;
                conn = None;
            }
        }
    }
    out
}

async fn phase_heartbeats(
    api: &Api,
    tz: Tz,
    rooms: &[String],
    base: NaiveDate,
    cli: &Cli,
) -> Result<HeartbeatReport, BoxError> {
    let n = cli.sessions as usize;
    let mut sessions = Vec::with_capacity(n);
    for i in 0..n {
        let room = &rooms[i % rooms.len()];
        let date = base + ChronoDuration::days((i / rooms.len()) as i64);
        let holds = session_spans(tz, room, date)?;
        let session = Uuid::new_v4();
        let body = serde_json::to_vec(&SetHoldsRequest { holds })?;
        sessions.push((session, api.url(&format!("/v1/holds/{session}")), body));
    }
    let mut report = HeartbeatReport::default();

    // The first PUT of every session, concurrently.
    let t0 = Instant::now();
    let mut tasks = Vec::with_capacity(n);
    for (_, url, body) in &sessions {
        let (api, url, body) = (api.clone(), url.clone(), body.clone());
        tasks.push(tokio::spawn(async move { api.put_raw(&url, body).await }));
    }
    let mut holding = vec![false; n];
    for (i, task) in tasks.into_iter().enumerate() {
        if matches!(task.await?, Ok(StatusCode::OK)) {
            report.holds_ok += 1;
            holding[i] = true;
        } else {
            report.holds_failed += 1;
        }
    }
    report.holds_elapsed = t0.elapsed();

    // One bare connection per holding session, opened before the clock starts.
    let client = cli.client;
    let mut tasks = Vec::with_capacity(n);
    for held in &holding {
        let api = api.clone();
        let held = *held;
        tasks.push(tokio::spawn(async move {
            if held && client == Client::Bare {
                api.connect().await.ok()
            } else {
                None
            }
        }));
    }
    let mut conns = Vec::with_capacity(n);
    for task in tasks {
        conns.push(task.await?);
    }

    // The heartbeats: every holding session, back to back, until the deadline or the cap.
    let issued = Arc::new(AtomicU64::new(0));
    let cpu_before = host::CpuTimes::now();
    let started = Instant::now();
    let deadline = started + Duration::from_secs(cli.seconds);
    let mut tasks = Vec::with_capacity(n);
    for (i, ((session, url, body), conn)) in sessions.iter().zip(conns).enumerate() {
        if !holding[i] {
            continue;
        }
        let request = api.put_request(&format!("/v1/holds/{session}"), body);
        let pace = match cli.rate {
            None => Pace::ClosedLoop,
            Some(rate) => {
                let interval = Duration::from_secs_f64(n as f64 / rate as f64);
                // Stagger the sessions evenly over one interval.
                let first = started + interval.mul_f64(i as f64 / n as f64);
                Pace::Every { first, interval }
            }
        };
        tasks.push(tokio::spawn(heartbeat_loop(
            api.clone(),
            Heartbeat {
                client,
                url: url.clone(),
                body: body.clone(),
                request,
                conn,
            },
            deadline,
            cli.max_requests,
            issued.clone(),
            pace,
        )));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        let out = task.await?;
        latencies.extend_from_slice(&out.latencies);
        report.errors += out.errors;
    }
    report.elapsed = started.elapsed();
    report.cpu = host::describe(cpu_before, host::CpuTimes::now());
    report.capped = latencies.len() as u64 >= cli.max_requests;
    latencies.sort_unstable();
    report.latencies = latencies;

    // Release every session.
    let mut tasks = Vec::with_capacity(n);
    for (session, _, _) in &sessions {
        let api = api.clone();
        let path = format!("/v1/holds/{session}");
        tasks.push(tokio::spawn(async move { api.delete(&path).await }));
    }
    for task in tasks {
        if matches!(task.await?, Ok(StatusCode::NO_CONTENT)) {
            report.releases_ok += 1;
        } else {
            report.releases_failed += 1;
        }
    }
    Ok(report)
}

// ---------------------------------------------------------------------------------------
// Phase 2: room status
// ---------------------------------------------------------------------------------------

#[derive(Debug, Default)]
struct StatusReport {
    created: u64,
    existing: u64,
    conflicts: u64,
    failed: u64,
    bookings_elapsed: Duration,
    latencies: Vec<u32>,
    errors: u64,
    elapsed: Duration,
    rooms_answered: usize,
    with_current: usize,
    next_total: usize,
    /// What the cores did during the requests ([`host::describe`]).
    cpu: String,
}

async fn phase_status(
    api: &Api,
    tz: Tz,
    rooms: &[String],
    requests: u32,
) -> Result<StatusReport, BoxError> {
    let mut report = StatusReport::default();

    // 200 one-hour bookings from the current local hour on, at most 2 per room with 60
    // rooms or more: the k-th booking of a room starts 5k + (j mod 5) hours from now's hour.
    let now = chrono::Utc::now().with_timezone(&tz);
    let hour = tz
        .from_local_datetime(
            &now.date_naive()
                .and_hms_opt(now.hour(), 0, 0)
                .ok_or("no current hour")?,
        )
        .earliest()
        .unwrap_or(now);
    let t0 = Instant::now();
    for j in 0..BOOKINGS {
        let k = (j / rooms.len()) as i64;
        let start = hour + ChronoDuration::hours(5 * k + (j % 5) as i64);
        let body = CreateBookingRequest {
            id: Uuid::new_v4(),
            room: rooms[j % rooms.len()].clone(),
            start: wire(start),
            end: wire(start + ChronoDuration::hours(1)),
            customer: CustomerDto {
                name: "Load test".into(),
                phone: None,
                email: None,
            },
            note: None,
            session: None,
        };
        match api.post("/v1/bookings", serde_json::to_vec(&body)?).await {
            Ok((StatusCode::CREATED, _)) => report.created += 1,
            Ok((StatusCode::OK, _)) => report.existing += 1,
            Ok((StatusCode::CONFLICT, _)) => report.conflicts += 1,
            _ => report.failed += 1,
        }
    }
    report.bookings_elapsed = t0.elapsed();

    let body = serde_json::to_vec(&RoomsStatusRequest {
        rooms: rooms.to_vec(),
        at: None,
    })?;
    let mut latencies = Vec::with_capacity(requests as usize);
    let cpu_before = host::CpuTimes::now();
    let started = Instant::now();
    let mut first: Option<Vec<u8>> = None;
    for _ in 0..requests {
        let t = Instant::now();
        let answer = api.post("/v1/rooms/status", body.clone()).await;
        latencies.push(micros(t.elapsed()));
        match answer {
            Ok((StatusCode::OK, bytes)) => {
                if first.is_none() {
                    first = Some(bytes);
                }
            }
            _ => report.errors += 1,
        }
    }
    report.elapsed = started.elapsed();
    report.cpu = host::describe(cpu_before, host::CpuTimes::now());
    latencies.sort_unstable();
    report.latencies = latencies;
    if let Some(bytes) = first {
        let parsed: RoomsStatusResponse = serde_json::from_slice(&bytes)?;
        report.rooms_answered = parsed.rooms.len();
        report.with_current = parsed
            .rooms
            .values()
            .filter(|r| r.current.is_some())
            .count();
        report.next_total = parsed.rooms.values().map(|r| r.next.len()).sum();
    }
    Ok(report)
}

// ---------------------------------------------------------------------------------------
// Phase 3: the request cost of one booking session
// ---------------------------------------------------------------------------------------

/// How a client holds several slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strategy {
    /// One `PUT /v1/holds/{session}` carries all spans; its repetition is the heartbeat.
    Batched,
    /// Every slot is a hold of its own (its own session), held, renewed and released alone.
    PerSlot,
}

/// A request a booking session wants sent.
#[derive(Debug, Clone)]
enum Planned {
    Put { session: Uuid, body: Vec<u8> },
    Delete { session: Uuid },
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    holds: u64,
    heartbeats: u64,
    releases: u64,
}

impl Counts {
    fn total(&self) -> u64 {
        self.holds + self.heartbeats + self.releases
    }
}

/// A booking session holding some slots, driven by a (virtual or real) clock in seconds:
/// it says which requests to send and counts them.
#[derive(Debug)]
struct HoldSession {
    groups: Vec<(Uuid, Vec<u8>)>,
    heartbeat_secs: u64,
    renewed_at: Option<u64>,
    counts: Counts,
}

impl HoldSession {
    fn new(
        strategy: Strategy,
        spans: &[HoldSpan],
        heartbeat_secs: u64,
    ) -> Result<HoldSession, BoxError> {
        let groups: Vec<Vec<HoldSpan>> = match strategy {
            Strategy::Batched => vec![spans.to_vec()],
            Strategy::PerSlot => spans.iter().map(|s| vec![s.clone()]).collect(),
        };
        let groups = groups
            .into_iter()
            .map(|holds| {
                Ok((
                    Uuid::new_v4(),
                    serde_json::to_vec(&SetHoldsRequest { holds })?,
                ))
            })
            .collect::<Result<Vec<_>, serde_json::Error>>()?;
        Ok(HoldSession {
            groups,
            heartbeat_secs,
            renewed_at: None,
            counts: Counts::default(),
        })
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
fn simulate(strategy: Strategy, spans: &[HoldSpan]) -> Result<(Counts, u64), BoxError> {
    let mut session = HoldSession::new(strategy, spans, HEARTBEAT_SECS)?;
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

#[derive(Debug, Default)]
struct RealSession {
    counts: Counts,
    sent: u64,
    ok: u64,
    bad: u64,
    elapsed: Duration,
}

async fn execute(api: &Api, planned: Vec<Planned>, out: &mut RealSession) {
    for p in planned {
        out.sent += 1;
        let ok = match p {
            Planned::Put { session, body } => {
                let url = api.url(&format!("/v1/holds/{session}"));
                matches!(api.put_raw(&url, body).await, Ok(StatusCode::OK))
            }
            Planned::Delete { session } => matches!(
                api.delete(&format!("/v1/holds/{session}")).await,
                Ok(StatusCode::NO_CONTENT)
            ),
        };
        if ok {
            out.ok += 1;
        } else {
            out.bad += 1;
        }
    }
}

/// The same session object, driven by a real `HEARTBEAT_SECS` interval for `SESSION_SECS`.
async fn real_session(
    api: &Api,
    strategy: Strategy,
    spans: &[HoldSpan],
) -> Result<RealSession, BoxError> {
    let mut session = HoldSession::new(strategy, spans, HEARTBEAT_SECS)?;
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
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------

#[derive(Debug)]
struct Target {
    url: String,
    token: String,
    in_process: bool,
}

async fn run(cli: &Cli, target: &Target) -> Result<(), BoxError> {
    let started = Instant::now();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let api = Api::new(&target.url, &target.token, cli.sessions as usize)?;

    let (status, body) = api.get("/v1/studio").await?;
    if status != StatusCode::OK {
        return Err(format!(
            "GET /v1/studio answered {status}: {}",
            String::from_utf8_lossy(&body)
        )
        .into());
    }
    let studio: StudioInfo = serde_json::from_slice(&body)?;
    let tz: Tz = studio
        .timezone
        .parse()
        .map_err(|e| format!("timezone {}: {e}", studio.timezone))?;
    let rooms: Vec<String> = studio.rooms.iter().map(|r| r.id.clone()).collect();
    if rooms.is_empty() {
        return Err("the studio has no rooms".into());
    }
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    // Day 8 from today starts at least 7 days from now.
    let base = today + ChronoDuration::days(8);

    println!("frontdesk-load");
    println!(
        "  server      {} ({})",
        target.url,
        if target.in_process {
            "in-process, SQLite in a temporary folder"
        } else {
            "already running"
        }
    );
    println!(
        "  parameters  sessions {}, seconds {}, max-requests {}, status-requests {}, client {:?}, cores {}, rooms {}, tz {}",
        cli.sessions, cli.seconds, cli.max_requests, cli.status_requests, cli.client, cores, rooms.len(), tz
    );

    // Phase 1.
    let hb = phase_heartbeats(&api, tz, &rooms, base, cli).await?;
    let beats = hb.latencies.len() as u64;
    let rate = per_sec(beats, hb.elapsed);
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
        beats,
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
        percentile_ms(&hb.latencies, 50.0),
        percentile_ms(&hb.latencies, 90.0),
        percentile_ms(&hb.latencies, 99.0),
        max_ms(&hb.latencies)
    );
    println!("  cores         {}", hb.cpu);
    println!(
        "  releases      {} DELETE, {} answered 204, {} failed",
        hb.releases_ok + hb.releases_failed,
        hb.releases_ok,
        hb.releases_failed
    );

    // Phase 2.
    let st = phase_status(&api, tz, &rooms, cli.status_requests).await?;
    println!(
        "phase 2  room status: POST /v1/rooms/status with {} rooms, sequential",
        rooms.len()
    );
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
        st.latencies.len(),
        st.elapsed.as_secs_f64(),
        per_sec(st.latencies.len() as u64, st.elapsed),
        st.errors
    );
    println!(
        "  latency ms    p50 {:.2}  p99 {:.2}  max {:.2}",
        percentile_ms(&st.latencies, 50.0),
        percentile_ms(&st.latencies, 99.0),
        max_ms(&st.latencies)
    );
    println!("  cores         {}", st.cpu);
    println!(
        "  answer        {} rooms, {} with a current booking, {} next bookings",
        st.rooms_answered, st.with_current, st.next_total
    );

    // Phase 3.
    let sim_date = base + ChronoDuration::days((cli.sessions as usize / rooms.len()) as i64 + 1);
    let spans = session_spans(tz, &rooms[0], sim_date)?;
    let (batched, batched_total) = simulate(Strategy::Batched, &spans)?;
    let (naive, naive_total) = simulate(Strategy::PerSlot, &spans)?;
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
    if cli.hold_session {
        let naive_spans = session_spans(tz, &rooms[0], sim_date + ChronoDuration::days(1))?;
        let (real_batched, real_naive) = tokio::join!(
            real_session(&api, Strategy::Batched, &spans),
            real_session(&api, Strategy::PerSlot, &naive_spans)
        );
        for (name, real) in [("batched", real_batched?), ("per slot", real_naive?)] {
            if real.sent != real.counts.total() {
                return Err(format!(
                    "real {name} session miscounted: {} sent, {} counted",
                    real.sent,
                    real.counts.total()
                )
                .into());
            }
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
    }

    println!(
        "total    {} HTTP requests in {:.1} s",
        api.sent(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match load(&cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("frontdesk-load: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Runs against `--url`, or against an in-process server whose temporary folder is removed
/// afterwards whatever happened.
async fn load(cli: &Cli) -> Result<(), BoxError> {
    if let Some(url) = &cli.url {
        let base = loopback_base(url)?;
        let token = cli
            .token
            .clone()
            .ok_or("--url needs --token with the desk token of that server")?;
        let target = Target {
            url: base,
            token,
            in_process: false,
        };
        return run(cli, &target).await;
    }

    let dir: PathBuf = std::env::temp_dir().join(format!("frontdesk-load-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir)?;
    let outcome = async {
        let config = StudioConfig::parse(&local_studio_toml())?;
        let server = start(ServerOptions {
            config,
            db: dir.join("load.sqlite"),
            listen: "127.0.0.1:0".parse()?,
            clock: Arc::new(SystemClock),
        })
        .await?;
        let target = Target {
            url: server.url(),
            token: LOCAL_TOKEN.to_owned(),
            in_process: true,
        };
        let outcome = run(cli, &target).await;
        server.stop().await;
        outcome
    }
    .await;
    let removed = std::fs::remove_dir_all(&dir);
    outcome?;
    removed?;
    Ok(())
}
