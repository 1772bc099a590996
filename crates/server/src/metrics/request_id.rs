//! The request's span in the log: method, path and the request id that
//! `SetRequestIdLayer` gave it (or a proxy sent as `x-request-id`), so every line logged
//! while the request runs carries the id its answer repeats.

use axum::http::Request;
use tower_http::request_id::RequestId;
use tracing::Span;

/// The span of one request.
pub fn span<B>(request: &Request<B>) -> Span {
    let id = request
        .extensions()
        .get::<RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or("");
    tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        path = %request.uri().path(),
    )
}
