//! Recurring series: the preview of every occurrence, booking the free ones in one
//! transaction, cancelling one occurrence with all that follow.

use axum::extract::Extension;
use axum::Json;
use frontdesk_protocol::{
    BookSeriesRequest, BookSeriesResponse, CancelFollowingRequest, CancelledBookings,
    ChangeFollowingRequest, ChangedBookings, ErrorBody, OccurrenceDto, PreviewSeriesRequest,
    SeriesPreview,
};
use frontdesk_store::audit::Who;
use frontdesk_store::series::{NewSeries, SeriesShift};
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::Desk;
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath};

/// Every occurrence of a series, each checked as a booking would be (bookings, other
/// sessions' holds, the room's changeover, opening hours, closed dates) and against the
/// occurrences before it. Nothing is written.
#[utoipa::path(post, path = "/v1/series/preview", tag = "series", security(("bearer" = [])),
    request_body = PreviewSeriesRequest,
    responses((status = 200, description = "Every occurrence, first to last; `skip` says why one cannot be booked", body = SeriesPreview),
        (status = 422, description = "`invalid`: no end, both ends, more than a year, every 0 weeks, a start off the quarter hour (the message names the field); `unknown_room`", body = ErrorBody)))]
pub async fn preview(
    Extension(app): Extension<AppState>,
    ApiJson(body): ApiJson<PreviewSeriesRequest>,
) -> Result<Json<SeriesPreview>, ApiError> {
    let tz = app.tz();
    let rule = body
        .rule
        .to_rule()
        .map_err(|e| ApiError::invalid(e.to_string()))?;
    let occurrences = app
        .run(move |s, now| s.preview_series(&rule, body.session, now))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(SeriesPreview {
        occurrences: occurrences
            .iter()
            .map(|o| OccurrenceDto::from_core(o, tz))
            .collect(),
    }))
}

/// Books every free occurrence of a series in one transaction, each a booking of its own
/// that knows its series (announced on the change log and the event stream); the others
/// are listed as skipped with the reason, never dropped silently. The same `id` again books
/// nothing twice and answers what that series booked.
#[utoipa::path(post, path = "/v1/series", tag = "series", security(("bearer" = [])),
    request_body = BookSeriesRequest,
    responses((status = 200, description = "The occurrences booked and those skipped", body = BookSeriesResponse),
        (status = 422, description = "`invalid`: as for the preview, or an empty name; `unknown_room`", body = ErrorBody)))]
pub async fn book(
    Extension(app): Extension<AppState>,
    Extension(Desk(desk)): Extension<Desk>,
    signed_in: crate::staff_check::SignedIn,
    ApiJson(body): ApiJson<BookSeriesRequest>,
) -> Result<Json<BookSeriesResponse>, ApiError> {
    let tz = app.tz();
    let series = NewSeries {
        id: body.id,
        rule: body
            .rule
            .to_rule()
            .map_err(|e| ApiError::invalid(e.to_string()))?,
        name: body.customer.name,
        phone: body.customer.phone,
        email: body.customer.email,
        note: body.note,
        session: body.session,
    };
    let staff = crate::staff_check::verified(&signed_in, body.staff.as_ref())?;
    let (result, released) = app
        .run(move |s, now| {
            let released = series
                .session
                // Only to announce: a database that cannot answer fails the write next.
                .and_then(|session| s.session_hold_days(session).ok())
                .unwrap_or_default();
            let who = Who {
                desk: &desk,
                staff: staff.as_ref(),
            };
            (s.book_series(&series, who, now), released)
        })
        .await?;
    let done = result.map_err(|e| ApiError::from_store(e, tz))?;
    if let Some(last) = done.booked.iter().map(|b| b.seq).max() {
        app.events().change(last);
        app.events().holds(&released);
    }
    Ok(Json(BookSeriesResponse {
        booked: done.booked.iter().map(|b| b.to_dto(tz)).collect(),
        skipped: done
            .skipped
            .iter()
            .map(|o| OccurrenceDto::from_core(o, tz))
            .collect(),
    }))
}

/// Cancels this occurrence and every later one of its series that is not cancelled yet, in
/// one transaction; their time is free at once.
#[utoipa::path(post, path = "/v1/bookings/{id}/cancel-following", tag = "series", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The first occurrence to cancel")),
    request_body = CancelFollowingRequest,
    responses((status = 200, description = "The bookings cancelled, in time order", body = CancelledBookings),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 422, description = "`invalid`: the booking is not part of a series", body = ErrorBody)))]
pub async fn cancel_following(
    Extension(app): Extension<AppState>,
    Extension(Desk(desk)): Extension<Desk>,
    signed_in: crate::staff_check::SignedIn,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<CancelFollowingRequest>,
) -> Result<Json<CancelledBookings>, ApiError> {
    let tz = app.tz();
    let staff = crate::staff_check::verified(&signed_in, body.staff.as_ref())?;
    let cancelled = app
        .run(move |s, now| {
            let who = Who {
                desk: &desk,
                staff: staff.as_ref(),
            };
            s.cancel_series_from(id, body.reason.as_deref(), who, now)
        })
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    if let Some(last) = cancelled.iter().map(|b| b.seq).max() {
        app.events().change(last);
    }
    Ok(Json(CancelledBookings {
        cancelled: cancelled.iter().map(|b| b.to_dto(tz)).collect(),
    }))
}

/// Moves this occurrence and every later one of its series that holds time to a room, a
/// local start on each one's own date and a length: all of them or none (a conflict on any
/// names it and changes nothing).
#[utoipa::path(post, path = "/v1/bookings/{id}/change-following", tag = "series", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The first occurrence to change")),
    request_body = ChangeFollowingRequest,
    responses((status = 200, description = "The bookings changed, in time order", body = ChangedBookings),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`conflict`: one of them would overlap a booking or hold, or its changeover; nothing changed", body = ErrorBody),
        (status = 422, description = "`invalid`: not part of a series, a start off the quarter hour, a bad length, outside opening hours; `unknown_room`", body = ErrorBody)))]
pub async fn change_following(
    Extension(app): Extension<AppState>,
    Extension(Desk(desk)): Extension<Desk>,
    signed_in: crate::staff_check::SignedIn,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ChangeFollowingRequest>,
) -> Result<Json<ChangedBookings>, ApiError> {
    let tz = app.tz();
    let staff = crate::staff_check::verified(&signed_in, body.staff.as_ref())?;
    let shift = SeriesShift {
        room: body.room.clone(),
        start: body
            .start_time()
            .map_err(|e| ApiError::invalid(e.to_string()))?,
        minutes: body.minutes,
    };
    let changed = app
        .run(move |s, now| {
            let who = Who {
                desk: &desk,
                staff: staff.as_ref(),
            };
            s.change_series_from(id, &shift, who, now)
        })
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    if let Some(last) = changed.iter().map(|b| b.seq).max() {
        app.events().change(last);
    }
    Ok(Json(ChangedBookings {
        changed: changed.iter().map(|b| b.to_dto(tz)).collect(),
    }))
}
