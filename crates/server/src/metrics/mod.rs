//! `/metrics`: the server's figures in the Prometheus text format, for the operator.
//!
//! The library is `prometheus-client`, the Prometheus project's own Rust client, rather than
//! `metrics` + `metrics-exporter-prometheus`. The `metrics` facade records into one global
//! recorder per process; here each [`crate::start`] gets its own [`Registry`], so two servers
//! in one process (the tests run many) never mix their figures, and a metric is a typed value
//! the code holds (no names looked up by string on every request). It writes the
//! OpenMetrics text that Prometheus scrapes, appends `_total` to counters itself and names
//! the unit (`_seconds`) from the registration; [`format`] turns that into the classic text
//! format for clients that do not ask for OpenMetrics.
//!
//! What is measured, and where:
//! - requests by route (axum's route template, never the raw path), method and status, and
//!   their latency: [`http`], a layer around every route;
//! - booking writes by kind and channel: counted there too, from the route a request
//!   matched and a success status (the handlers stay as they are);
//! - event-stream clients connected (desks' `/v1/events`, the public page's stream): a
//!   gauge that goes up when a stream's answer starts and down when its body is dropped;
//! - live holds and the database pool: read when Prometheus scrapes ([`gauges`]).
//!
//! There is no outbox depth: the outbox is on the desks (each desk's push log of work done
//! offline); the server writes every accepted request in one transaction before answering,
//! and has no queue of its own to report.
//!
//! Only the operator reads it: `/metrics` answers 404 unless the server was started with a
//! metrics token ([`access`]), and then only to `Authorization: Bearer <that token>`.

pub mod access;
pub mod format;
mod gauges;
pub mod http;
pub mod request_id;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::{Registry, Unit};

pub use access::MetricsToken;

/// Latency buckets in seconds: from a cached read to a slow PostgreSQL write.
const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// A request: its method, the route it matched, its status code.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub method: String,
    pub route: String,
    pub status: u16,
}

/// The method and route of a request's latency.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub method: String,
    pub route: String,
}

/// What a booking write did, and through which door it came.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct BookingLabels {
    /// `created`, `series`, `changed` or `cancelled`.
    pub kind: &'static str,
    /// `desk` or `online` (the public booking page).
    pub channel: &'static str,
}

/// Which event stream.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct StreamLabels {
    /// `desk` (`/v1/events`) or `public` (the booking page's stream).
    pub stream: &'static str,
}

/// The connections of the database pool by state.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct PoolLabels {
    /// `in_use` or `idle`.
    pub state: &'static str,
}

/// The server's version.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct BuildLabels {
    pub version: &'static str,
}

/// Every figure of one server instance, and who may read them.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    token: Option<MetricsToken>,
    pub requests: Family<RequestLabels, Counter>,
    pub latency: Family<RouteLabels, Histogram>,
    pub bookings: Family<BookingLabels, Counter>,
    pub streams: Family<StreamLabels, Gauge>,
    holds: Gauge,
    pool: Family<PoolLabels, Gauge>,
    pool_max: Gauge,
    pool_waiting: Gauge,
}

fn latency_histogram() -> Histogram {
    Histogram::new(LATENCY_BUCKETS)
}

impl Metrics {
    /// The figures of a new instance; `/metrics` is open to `token` only (404 without one).
    pub fn new(token: Option<MetricsToken>) -> Metrics {
        let mut registry = Registry::with_prefix("frontdesk");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, route template and status code",
            requests.clone(),
        );
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(
            latency_histogram as fn() -> Histogram,
        );
        registry.register_with_unit(
            "http_request_duration",
            "Time until a request's answer starts (an event stream's: until it opens)",
            Unit::Seconds,
            latency.clone(),
        );
        let bookings = Family::<BookingLabels, Counter>::default();
        registry.register(
            "booking_writes",
            "Requests that wrote bookings and succeeded, by kind and channel (a series counts once)",
            bookings.clone(),
        );
        let streams = Family::<StreamLabels, Gauge>::default();
        registry.register(
            "event_streams",
            "Event streams open now: desks' (desk) and the public booking page's (public)",
            streams.clone(),
        );
        let holds = Gauge::default();
        registry.register(
            "holds_live",
            "Live holds of booking sessions on the dates from today to 31 days ahead",
            holds.clone(),
        );
        let pool = Family::<PoolLabels, Gauge>::default();
        registry.register(
            "db_pool_connections",
            "Database connections of this instance by state (SQLite: the one store)",
            pool.clone(),
        );
        let pool_max = Gauge::default();
        registry.register(
            "db_pool_max_connections",
            "Database connections this instance may open",
            pool_max.clone(),
        );
        let pool_waiting = Gauge::default();
        registry.register(
            "db_pool_waiting_requests",
            "Requests waiting for a free PostgreSQL connection (SQLite: not measured, 0)",
            pool_waiting.clone(),
        );
        let build = Family::<BuildLabels, Gauge>::default();
        build
            .get_or_create(&BuildLabels {
                version: env!("CARGO_PKG_VERSION"),
            })
            .set(1);
        registry.register("build_info", "The server's version (always 1)", build);
        for stream in ["desk", "public"] {
            streams.get_or_create(&StreamLabels { stream }).set(0);
        }
        Metrics {
            registry,
            token,
            requests,
            latency,
            bookings,
            streams,
            holds,
            pool,
            pool_max,
            pool_waiting,
        }
    }

    /// The registry as OpenMetrics text.
    fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)?;
        Ok(text)
    }
}
