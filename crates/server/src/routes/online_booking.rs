//! What the studio offers on its public booking page: any desk reads it, an admin's desk
//! token changes it (made to the version it read; an older one is refused `stale`). The
//! page itself is `routes::public`.

use axum::extract::Extension;
use axum::Json;
use frontdesk_protocol::{ErrorBody, OnlineBookingDto};

use crate::app::AppState;
use crate::auth::AdminOnly;
use crate::error::ApiError;
use crate::extract::ApiJson;

/// The studio's page on this server.
fn page_path(app: &AppState) -> String {
    format!("/book/{}", app.studio_id())
}

/// The settings and their version (off at version 0 until an admin saves them).
#[utoipa::path(get, path = "/v1/online-booking", tag = "online", security(("bearer" = [])),
    responses((status = 200, body = OnlineBookingDto)))]
pub async fn get(Extension(app): Extension<AppState>) -> Result<Json<OnlineBookingDto>, ApiError> {
    let tz = app.tz();
    let (settings, version) = app
        .run(|s, _| s.online_booking())
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(OnlineBookingDto {
        version,
        settings,
        page: Some(page_path(&app)),
    }))
}

/// Saves the settings made to `version`; the answer has the new version.
#[utoipa::path(put, path = "/v1/online-booking", tag = "online", security(("bearer" = [])),
    request_body = OnlineBookingDto,
    responses((status = 200, body = OnlineBookingDto),
        (status = 403, description = "`forbidden`: not an admin's token", body = ErrorBody),
        (status = 409, description = "`stale`: saved meanwhile by someone else; nothing changed", body = ErrorBody),
        (status = 422, description = "`invalid`: a room or duration the studio does not offer, a limit out of range, a contact customers could not use, SMS reminders on a server without a gateway (the field named)", body = ErrorBody)))]
pub async fn put(
    _admin: AdminOnly,
    Extension(app): Extension<AppState>,
    ApiJson(body): ApiJson<OnlineBookingDto>,
) -> Result<Json<OnlineBookingDto>, ApiError> {
    body.settings
        .check(&app.studio_info())
        .map_err(|e| ApiError::invalid(e.to_string()))?;
    if body.settings.sms_reminders && !app.sends_sms() {
        return Err(ApiError::invalid(
            "smsReminders: this server has no SMS gateway; its operator sets one with \
             `serve --sms-url`",
        ));
    }
    let tz = app.tz();
    let settings = body.settings.clone();
    let version = app
        .run(move |s, _| s.set_online_booking(&settings, body.version))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(OnlineBookingDto {
        version,
        settings: body.settings,
        page: Some(page_path(&app)),
    }))
}
