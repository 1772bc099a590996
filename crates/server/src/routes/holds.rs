use axum::extract::Extension;
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDate;
use frontdesk_protocol::{ErrorBody, HoldInfo, HoldsResponse, SetHoldsRequest, SetHoldsResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::Desk;
use crate::error::{local, ApiError};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::wire;

/// Makes the session's holds exactly these spans, renewed to now + ttl; all or nothing.
/// Sending the same body again is the heartbeat.
#[utoipa::path(put, path = "/v1/holds/{session}", tag = "holds", security(("bearer" = [])),
    params(("session" = Uuid, Path, description = "The booking session")),
    request_body = SetHoldsRequest,
    responses((status = 200, body = SetHoldsResponse),
        (status = 409, description = "`conflict`: booked or held by another session; nothing changed", body = ErrorBody),
        (status = 422, description = "`unknown_room`, or `invalid`: off the quantum grid, outside opening hours, too long", body = ErrorBody)))]
pub async fn set(
    Extension(app): Extension<AppState>,
    Extension(Desk(desk)): Extension<Desk>,
    ApiPath(session): ApiPath<Uuid>,
    ApiJson(body): ApiJson<SetHoldsRequest>,
) -> Result<Json<SetHoldsResponse>, ApiError> {
    let tz = app.tz();
    let holds = body
        .holds
        .iter()
        .map(wire::hold)
        .collect::<Result<Vec<_>, _>>()?;
    let set = app
        .run_presence(move |s, now| s.set_holds(session, &desk, holds, now))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    app.events().holds(&set.changed);
    Ok(Json(SetHoldsResponse {
        session,
        expires_at: local(set.expires_at, tz),
        holds: body.holds,
    }))
}

/// Releases every hold of the session (idempotent).
#[utoipa::path(delete, path = "/v1/holds/{session}", tag = "holds", security(("bearer" = [])),
    params(("session" = Uuid, Path, description = "The booking session")),
    responses((status = 204, description = "Released")))]
pub async fn release(
    Extension(app): Extension<AppState>,
    ApiPath(session): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    let changed = app
        .run(move |s, _| s.release_holds(session))
        .await?
        .map_err(|e| ApiError::from_store(e, app.tz()))?;
    app.events().holds(&changed);
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HoldsQuery {
    /// One room; left out: every room of the studio (the day board, in one request).
    #[param(nullable = false)]
    room: Option<String>,
    /// Local date, YYYY-MM-DD.
    date: NaiveDate,
}

/// Live holds touching a date: of one room, or of every room when `room` is left out.
#[utoipa::path(get, path = "/v1/holds", tag = "holds", security(("bearer" = [])), params(HoldsQuery),
    responses((status = 200, body = HoldsResponse),
        (status = 422, description = "`unknown_room`", body = ErrorBody)))]
pub async fn list(
    Extension(app): Extension<AppState>,
    ApiQuery(q): ApiQuery<HoldsQuery>,
) -> Result<Json<HoldsResponse>, ApiError> {
    crate::extract::capped_query(
        "room",
        q.room.as_deref(),
        frontdesk_protocol::limits::ID_MAX,
    )?;
    let tz = app.tz();
    let views = app
        .run(move |s, now| s.holds_on(q.room.as_deref(), q.date, now))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(HoldsResponse {
        holds: views
            .into_iter()
            .map(|v| HoldInfo::from_view(&v, tz))
            .collect(),
    }))
}
