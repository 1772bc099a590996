//! The HTTP routes of contract v1, one module per area.

pub mod activity;
pub mod availability;
pub mod booking_changes;
pub mod bookings;
pub mod chain;
pub mod customers;
pub mod events;
pub mod holds;
pub mod series;
pub mod status;
pub mod studio;
pub mod sync;

use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::{from_fn_with_state, map_response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::app::AppState;
use crate::auth::require_desk;
use crate::error::json_errors;

/// The largest request body accepted (a push of a few thousand mutations fits).
pub const BODY_LIMIT: usize = 4 * 1024 * 1024;
/// Requests other than the event stream are cut off after this long.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

pub fn router(state: AppState) -> Router {
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
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        // The event stream lives as long as the desk is connected: no timeout.
        .route("/v1/events", get(events::stream))
        .route_layer(from_fn_with_state(state.clone(), require_desk));
    Router::new()
        .route("/v1/health", get(health))
        .merge(authenticated)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(map_response(json_errors))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
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
