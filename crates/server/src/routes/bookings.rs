use axum::body::Bytes;
use axum::extract::Extension;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use frontdesk_protocol::{
    BookingDto, BookingsResponse, CancelRequest, CreateBookingRequest, ErrorBody, ErrorCode,
};
use frontdesk_store::audit::Who;
use frontdesk_store::{NewBooking, WriteOutcome};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::Desk;
use crate::error::ApiError;
use crate::extract::{instant_query, ApiJson, ApiPath, ApiQuery, JsonObject};

/// Creates a booking (201), or returns the stored one for a replay of the same id and
/// content (200). Re-checks bookings and other sessions' holds in the same transaction.
#[utoipa::path(post, path = "/v1/bookings", tag = "bookings", security(("bearer" = [])),
    request_body = CreateBookingRequest,
    responses((status = 201, body = BookingDto), (status = 200, description = "Replay of the same booking", body = BookingDto),
        (status = 409, description = "`conflict` (listed in `conflicts`) or `id_reused`", body = ErrorBody),
        (status = 422, description = "`unknown_room`, or `invalid`: off the quantum grid, outside opening hours, a duration the room does not offer", body = ErrorBody)))]
pub async fn create(
    Extension(app): Extension<AppState>,
    Extension(Desk(desk)): Extension<Desk>,
    signed_in: crate::staff_check::SignedIn,
    ApiJson(body): ApiJson<CreateBookingRequest>,
) -> Result<(StatusCode, Json<BookingDto>), ApiError> {
    let tz = app.tz();
    let new = NewBooking::from(&body);
    let staff = crate::staff_check::verified(&signed_in, body.staff.as_ref())?;
    let (result, released) = app
        .run(move |s, now| {
            let released = new
                .session
                // Only to announce: a database that cannot answer fails the write next.
                .and_then(|session| s.session_hold_days(session).ok())
                .unwrap_or_default();
            let who = Who {
                desk: &desk,
                staff: staff.as_ref(),
            };
            (s.create_booking(&new, who, None, now), released)
        })
        .await?;
    let (record, outcome) = result.map_err(|e| ApiError::from_store(e, tz))?;
    let status = match outcome {
        WriteOutcome::Applied => {
            app.events().change(record.seq);
            app.events().holds(&released);
            StatusCode::CREATED
        }
        WriteOutcome::Duplicate => StatusCode::OK,
    };
    Ok((status, Json(record.to_dto(tz))))
}

/// Both instants are required; they are read here rather than by serde so that a missing or
/// malformed one is a 422 naming it, and an offset's `+` sent unencoded (it arrives as a
/// space) still counts as `+`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only this room (optional).
    #[param(nullable = false)]
    room: Option<String>,
    /// RFC 3339 instant with its offset, e.g. `2026-03-02T00:00:00+01:00` (the `+` may be
    /// sent as `%2B` or as it is) or `2026-03-01T23:00:00Z`.
    #[param(required = true, value_type = String, format = DateTime)]
    from: Option<String>,
    /// RFC 3339 instant, as `from`; the bookings end after `from` and start before `to`.
    #[param(required = true, value_type = String, format = DateTime)]
    to: Option<String>,
}

/// Confirmed bookings overlapping `[from, to)`.
#[utoipa::path(get, path = "/v1/bookings", tag = "bookings", security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = BookingsResponse),
        (status = 422, description = "`invalid`: `from` or `to` missing or not an RFC 3339 instant (named)", body = ErrorBody)))]
pub async fn list(
    Extension(app): Extension<AppState>,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<BookingsResponse>, ApiError> {
    crate::extract::capped_query(
        "room",
        q.room.as_deref(),
        frontdesk_protocol::limits::ID_MAX,
    )?;
    let from = instant_query("from", q.from.as_deref())?.with_timezone(&Utc);
    let to = instant_query("to", q.to.as_deref())?.with_timezone(&Utc);
    let tz = app.tz();
    let bookings = app
        .run(move |s, _| s.bookings_between(q.room.as_deref(), from, to))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(BookingsResponse {
        bookings: bookings.iter().map(|b| b.to_dto(tz)).collect(),
    }))
}

/// One booking.
#[utoipa::path(get, path = "/v1/bookings/{id}", tag = "bookings", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Booking id")),
    responses((status = 200, body = BookingDto), (status = 404, description = "`not_found`", body = ErrorBody)))]
pub async fn get(
    Extension(app): Extension<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<BookingDto>, ApiError> {
    let tz = app.tz();
    let booking = app
        .run(move |s, _| s.booking(id))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?
        .ok_or_else(|| ApiError::not_found(format!("there is no booking {id}")))?;
    Ok(Json(booking.to_dto(tz)))
}

/// Cancels a booking; its time is free at once. Cancelling again changes nothing.
#[utoipa::path(post, path = "/v1/bookings/{id}/cancel", tag = "bookings", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Booking id")),
    request_body(content = Option<CancelRequest>, description = "Optional: no body means no reason", content_type = "application/json"),
    responses((status = 200, body = BookingDto), (status = 404, description = "`not_found`", body = ErrorBody)))]
pub async fn cancel(
    Extension(app): Extension<AppState>,
    Extension(Desk(desk)): Extension<Desk>,
    signed_in: crate::staff_check::SignedIn,
    ApiPath(id): ApiPath<Uuid>,
    body: Bytes,
) -> Result<Json<BookingDto>, ApiError> {
    let tz = app.tz();
    // The body is optional: no body (or `null`) means no reason.
    let request: CancelRequest = if body.is_empty() {
        CancelRequest::default()
    } else {
        serde_json::from_slice::<Option<JsonObject<CancelRequest>>>(&body)
            .map_err(|e| {
                ApiError::new(
                    ErrorCode::BadRequest,
                    format!("the request body is not valid: {e}"),
                )
            })?
            .map_or_else(CancelRequest::default, |JsonObject(request)| request)
    };
    crate::extract::capped(&request)?;
    let staff = crate::staff_check::verified(&signed_in, request.staff.as_ref())?;
    let reason = request.reason;
    let (record, outcome) = app
        .run(move |s, now| {
            let who = Who {
                desk: &desk,
                staff: staff.as_ref(),
            };
            s.cancel_booking(id, reason.as_deref(), who, None, now)
        })
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    if outcome == WriteOutcome::Applied {
        app.events().change(record.seq);
    }
    Ok(Json(record.to_dto(tz)))
}
