//! The audit log, for the desks' activity screen.

use axum::extract::Extension;
use axum::Json;
use frontdesk_protocol::{ActivityQuery, ActivityResponse, ErrorBody};

use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::ApiQuery;

/// Who did what, when, at which desk (with the staff member signed in there): at most 500
/// lines, newest first, of one local date, staff member, room or booking if asked.
#[utoipa::path(get, path = "/v1/activity", tag = "activity", security(("bearer" = [])),
    params(ActivityQuery),
    responses((status = 200, body = ActivityResponse),
        (status = 400, description = "`bad_request`: a parameter cannot be read", body = ErrorBody)))]
pub async fn list(
    Extension(app): Extension<AppState>,
    ApiQuery(query): ApiQuery<ActivityQuery>,
) -> Result<Json<ActivityResponse>, ApiError> {
    crate::extract::capped_query(
        "room",
        query.room.as_deref(),
        frontdesk_protocol::limits::ID_MAX,
    )?;
    let tz = app.tz();
    let entries = app
        .run(move |s, _| s.activity(&query))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(ActivityResponse { entries }))
}
