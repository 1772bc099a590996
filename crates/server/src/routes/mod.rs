//! The HTTP routes of contract v1, one module per area.

pub mod activity;
pub mod availability;
pub mod booking_changes;
pub mod bookings;
pub mod chain;
pub mod customers;
pub mod desks;
pub mod events;
pub mod feeds;
pub mod holds;
pub mod online_booking;
pub mod public;
pub mod reports;
pub mod series;
pub mod staff_sessions;
pub mod status;
pub mod studio;
pub mod sync;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::{from_fn_with_state, map_response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::app::AppState;
use crate::auth::require_desk;
use crate::error::json_errors;
use crate::metrics::Metrics;

/// The largest request body accepted (a push of a few thousand mutations fits).
pub const BODY_LIMIT: usize = 4 * 1024 * 1024;
/// Requests other than the event stream are cut off after this long.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

pub fn router(state: AppState, request_timeout: Duration, metrics: Arc<Metrics>) -> Router {
    let authenticated = Router::new()
        .route("/v1/openapi.json", get(crate::openapi::document))
        .route("/v1/studio", get(studio::studio).put(studio::change))
        .route("/v1/studio/check", post(studio::check))
        .route("/v1/activity", get(activity::list))
        .route("/v1/availability/day", get(availability::day))
        .route("/v1/availability/month", get(availability::month))
        .route("/v1/holds", get(holds::list))
        .route(
            "/v1/holds/{session}",
            put(holds::set).delete(holds::release),
        )
        .route("/v1/bookings", post(bookings::create).get(bookings::list))
        .route("/v1/bookings/{id}", get(bookings::get))
        .route("/v1/bookings/{id}/cancel", post(bookings::cancel))
        .route(
            "/v1/bookings/{id}/messages",
            get(crate::messages::route::list),
        )
        .route("/v1/bookings/{id}/changes", post(booking_changes::change))
        .route(
            "/v1/bookings/{id}/cancel-following",
            post(series::cancel_following),
        )
        .route(
            "/v1/bookings/{id}/change-following",
            post(series::change_following),
        )
        .route("/v1/series/preview", post(series::preview))
        .route("/v1/reports/occupancy", get(reports::occupancy))
        .route("/v1/reports/money", get(reports::money))
        .route("/v1/reports/customers", get(reports::customers))
        .route("/v1/reports/payments", get(reports::payments))
        .route("/v1/customers", get(customers::find))
        .route(
            "/v1/customers/{id}",
            get(customers::page).put(customers::edit),
        )
        .route("/v1/customers/{id}/merge", post(customers::merge))
        .route("/v1/series", post(series::book))
        .route("/v1/rooms/status", post(status::rooms_status))
        .route("/v1/sync/push", post(sync::push))
        .route("/v1/sync/pull", get(sync::pull))
        .route("/v1/chain/studios", get(chain::list).post(chain::add))
        .route("/v1/chain/studios/{id}/desks", post(chain::add_desk))
        .route("/v1/desks", get(desks::list).post(desks::add))
        .route("/v1/desks/{name}", delete(desks::revoke))
        .route("/v1/feeds", get(feeds::list).post(feeds::create))
        .route("/v1/feeds/{id}", delete(feeds::revoke))
        .route(
            "/v1/online-booking",
            get(online_booking::get).put(online_booking::put),
        )
        .route("/v1/staff/sessions", post(staff_sessions::open))
        .route(
            "/v1/staff/sessions/{session}",
            delete(staff_sessions::close),
        )
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            request_timeout,
        ))
        // The event stream lives as long as the desk is connected: no timeout.
        .route("/v1/events", get(events::stream))
        .route_layer(from_fn_with_state(state.clone(), require_desk));
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/ready", get(ready))
        // A calendar app's poll: the path's feed token is the only secret (no desk token).
        .route(
            "/feeds/{file}",
            get(feeds::serve).layer(TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                request_timeout,
            )),
        )
        .route(
            "/v1/enrol",
            post(desks::enrol).layer(TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                request_timeout,
            )),
        )
        // The public booking page: no desk token (limited per address, and per e-mail
        // address for bookings).
        .merge(public::routes().layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            request_timeout,
        )))
        .merge(authenticated)
        // The operator's figures: only with the metrics token (404 without one configured).
        .route(
            "/metrics",
            get(crate::metrics::access::serve).with_state((state.clone(), metrics.clone())),
        )
        // Counted by the route template a request matched (never its raw path).
        .route_layer(axum::middleware::from_fn(crate::metrics::http::tag_route))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(map_response(json_errors))
        .layer(TraceLayer::new_for_http().make_span_with(crate::metrics::request_id::span))
        .layer(from_fn_with_state(state.clone(), crate::limits::rate_limit))
        .layer(from_fn_with_state(metrics, crate::metrics::http::record))
        // Every request gets an id (or keeps the one a proxy gave it) that its log lines
        // carry and its answer repeats in `x-request-id`.
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// Readiness, without a token: 200 when this instance can reach its database, else 503
/// `unavailable` (health checks and load balancers take an instance out on that; liveness
/// is `/v1/health`).
#[utoipa::path(get, path = "/v1/ready", tag = "health",
    responses((status = 200, description = "The database answers", body = frontdesk_protocol::Health),
        (status = 503, description = "`unavailable`: the database does not answer", body = frontdesk_protocol::ErrorBody)))]
pub async fn ready(
    axum::extract::State(app): axum::extract::State<AppState>,
) -> Result<Json<frontdesk_protocol::Health>, crate::error::ApiError> {
    let answer = tokio::time::timeout(READY_WITHIN, app.run(|s, _| s.ping())).await;
    match answer {
        Ok(Ok(Ok(()))) => Ok(Json(frontdesk_protocol::Health {
            status: "ready".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        })),
        Ok(Ok(Err(error))) => {
            tracing::warn!(%error, "not ready: the database does not answer");
            Err(not_ready())
        }
        Ok(Err(refused)) => Err(refused),
        Err(_) => Err(not_ready()),
    }
}

/// How long readiness waits for the database.
const READY_WITHIN: Duration = Duration::from_secs(3);

fn not_ready() -> crate::error::ApiError {
    crate::error::ApiError::new(
        frontdesk_protocol::ErrorCode::Unavailable,
        "not ready: the database does not answer",
    )
}

/// Liveness, without a token.
#[utoipa::path(get, path = "/v1/health", tag = "health",
    responses((status = 200, description = "The server is up", body = frontdesk_protocol::Health)))]
pub async fn health() -> Json<frontdesk_protocol::Health> {
    Json(frontdesk_protocol::Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}
