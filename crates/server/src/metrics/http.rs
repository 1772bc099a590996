//! The layers that count requests: [`tag_route`] inside the router notes the route template
//! a request matched, [`record`] around everything counts and times the answer by that
//! template (`unmatched` when no route matched, e.g. a 404 or an answer of the rate limiter),
//! so no label carries a raw path.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt;

use super::{BookingLabels, Metrics, RequestLabels, RouteLabels, StreamLabels};

/// The route template a response answered, carried from [`tag_route`] to [`record`].
#[derive(Debug, Clone)]
struct RouteTag(Arc<str>);

/// Inside the router (a route layer): the matched route's template onto the response.
pub async fn tag_route(request: Request, next: Next) -> Response {
    let tag = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| RouteTag(path.as_str().into()));
    let mut response = next.run(request).await;
    if let Some(tag) = tag {
        response.extensions_mut().insert(tag);
    }
    response
}

/// Around the router: counts, times, and tracks event streams and booking writes.
pub async fn record(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    let elapsed = started.elapsed().as_secs_f64();
    let route = response
        .extensions()
        .get::<RouteTag>()
        .map_or_else(|| "unmatched".into(), |tag| tag.0.to_string());
    let status = response.status();
    metrics
        .requests
        .get_or_create(&RequestLabels {
            method: method.into(),
            route: route.clone(),
            status: status.as_u16(),
        })
        .inc();
    metrics
        .latency
        .get_or_create(&RouteLabels {
            method: method.into(),
            route: route.clone(),
        })
        .observe(elapsed);
    if !status.is_success() {
        return response;
    }
    if let Some(labels) = booking_write(method, &route) {
        metrics.bookings.get_or_create(&labels).inc();
    }
    match stream_of(&route) {
        Some(stream) => watch_stream(&metrics, stream, response),
        None => response,
    }
}

/// Methods beyond the usual ones are counted together: a client cannot add labels.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        _ => "other",
    }
}

/// The booking write a successful request made, by its route.
fn booking_write(method: &str, route: &str) -> Option<BookingLabels> {
    let (kind, channel) = match (method, route) {
        ("POST", "/v1/bookings") => ("created", "desk"),
        ("POST", "/v1/series") => ("series", "desk"),
        ("POST", "/v1/bookings/{id}/changes" | "/v1/bookings/{id}/change-following") => {
            ("changed", "desk")
        }
        ("POST", "/v1/bookings/{id}/cancel" | "/v1/bookings/{id}/cancel-following") => {
            ("cancelled", "desk")
        }
        ("POST", "/public/v1/studios/{studio}/bookings") => ("created", "online"),
        ("POST", "/public/v1/manage/{token}/cancel") => ("cancelled", "online"),
        _ => return None,
    };
    Some(BookingLabels { kind, channel })
}

fn stream_of(route: &str) -> Option<&'static str> {
    match route {
        "/v1/events" => Some("desk"),
        "/public/v1/studios/{studio}/events" => Some("public"),
        _ => None,
    }
}

/// Counts the stream as open until its body is dropped (the client left or the server
/// stops).
fn watch_stream(metrics: &Metrics, stream: &'static str, response: Response) -> Response {
    let gauge = metrics
        .streams
        .get_or_create(&StreamLabels { stream })
        .clone();
    gauge.inc();
    let open = OpenStream(gauge);
    response.map(|body| {
        Body::from_stream(body.into_data_stream().map(move |chunk| {
            let _still_open = &open;
            chunk
        }))
    })
}

/// Takes one off the gauge when dropped.
struct OpenStream(prometheus_client::metrics::gauge::Gauge);

impl Drop for OpenStream {
    fn drop(&mut self) {
        self.0.dec();
    }
}
