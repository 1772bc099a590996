//! A booking's later changes: a new span (move, extend, shorten, finish early), details,
//! check-in, no-show (recording its fee), a fee waived by an admin — each checked against
//! the version it was made to.

use axum::extract::Extension;
use axum::Json;
use frontdesk_protocol::{BookingChange, BookingDto, ChangeBookingRequest, ErrorBody};
use frontdesk_store::audit::Who;
use frontdesk_store::booking_changes::Change;
use frontdesk_store::WriteOutcome;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::Desk;
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath};

/// Changes a booking if it is still at `version`. A new span frees the old time and takes
/// the new one in the same transaction (its own old time does not block it); `session`'s
/// holds on the new span are released. Announced on the change log and the event stream.
#[utoipa::path(post, path = "/v1/bookings/{id}/changes", tag = "bookings", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Booking id")),
    request_body = ChangeBookingRequest,
    responses((status = 200, description = "The booking as it is now", body = BookingDto),
        (status = 403, description = "`forbidden`: a staff session that is not this desk's live one, or a fee waived without an admin's staff session; nothing changed", body = ErrorBody),
        (status = 404, description = "`not_found`: no such booking", body = ErrorBody),
        (status = 409, description = "`stale`: the booking changed since `version`, or `conflict`: the new span overlaps a booking or another session's hold; nothing changed", body = ErrorBody),
        (status = 422, description = "`invalid`: off the quantum grid, outside opening hours, a cancelled booking, a no-show before the grace time, an empty name, a fee waived without a `reason` or of a booking that owes no unwaived `fee`; `unknown_room`", body = ErrorBody)))]
pub async fn change(
    Extension(app): Extension<AppState>,
    Extension(Desk(desk)): Extension<Desk>,
    signed_in: crate::staff_check::SignedIn,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ChangeBookingRequest>,
) -> Result<Json<BookingDto>, ApiError> {
    let tz = app.tz();
    let staff = crate::staff_check::verified(&signed_in, body.staff.as_ref())?;
    let released_session = match &body.change {
        BookingChange::Span { session, .. } => *session,
        _ => None,
    };
    let (result, released) = app
        .run(move |s, now| {
            let released = released_session
                // Only to announce: a database that cannot answer fails the write next.
                .and_then(|session| s.session_hold_days(session).ok())
                .unwrap_or_default();
            let who = Who {
                desk: &desk,
                staff: staff.as_ref(),
            };
            let change = Change::from(&body.change);
            (
                s.change_booking(id, body.version, &change, who, None, now),
                released,
            )
        })
        .await?;
    let (record, outcome) = result.map_err(|e| ApiError::from_store(e, tz))?;
    if outcome == WriteOutcome::Applied {
        app.events().change(record.seq);
        app.events().holds(&released);
    }
    Ok(Json(record.to_dto(tz)))
}
