//! The studio: every desk reads it; admin tokens change it.

use axum::extract::Extension;
use axum::Json;
use frontdesk_protocol::{ErrorBody, StudioCheck, StudioInfo, StudioUpdate};

use frontdesk_store::audit::Who;

use crate::app::AppState;
use crate::auth::{AdminOnly, Desk, TokenHash};
use crate::error::ApiError;
use crate::extract::ApiJson;

/// The studio: timezone, hold lifetime, rooms, opening hours, staff and version. Staff
/// come without their PIN hashes: each with an offline verifier bound to the asking desk's
/// token (`pinVerifier`).
#[utoipa::path(get, path = "/v1/studio", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = StudioInfo)))]
pub async fn studio(
    Extension(app): Extension<AppState>,
    Extension(TokenHash(key)): Extension<TokenHash>,
) -> Json<StudioInfo> {
    Json(for_desk(app.studio_info(), &key))
}

/// `info` as the desk whose token hashes to `key` may see it: no PIN hash, a verifier
/// only that desk can check (see `frontdesk_store::pin_verifier`).
pub fn for_desk(mut info: StudioInfo, key: &str) -> StudioInfo {
    for member in &mut info.staff {
        member.pin_verifier = frontdesk_store::pin_verifier::desk_verifier(&member.pin_hash, key);
        member.pin_hash.clear();
    }
    info
}

/// Replaces the studio (admin tokens only) if it is still at the version the change was
/// made to. One transaction, recorded in the audit log with the desk; announced to every
/// desk as `event: studio`. Bookings are never changed, even where they now lie outside
/// the opening hours.
#[utoipa::path(put, path = "/v1/studio", tag = "studio", security(("bearer" = [])),
    request_body = StudioUpdate,
    responses((status = 200, description = "The studio as it is now", body = StudioInfo),
        (status = 403, description = "`forbidden`: the token is not an admin's; nothing changed", body = ErrorBody),
        (status = 409, description = "`stale`: the studio changed since `version`; nothing changed", body = ErrorBody),
        (status = 422, description = "`invalid`: a field is not valid (the message names it); nothing changed", body = ErrorBody)))]
pub async fn change(
    Extension(app): Extension<AppState>,
    _admin: AdminOnly,
    Extension(Desk(desk)): Extension<Desk>,
    Extension(TokenHash(key)): Extension<TokenHash>,
    ApiJson(body): ApiJson<StudioUpdate>,
) -> Result<Json<StudioInfo>, ApiError> {
    let studio = body
        .to_studio()
        .map_err(|e| ApiError::invalid(e.to_string()))?;
    let tz = app.tz();
    let edited = body.version;
    let saved = studio.clone();
    let (version, staff) = app
        .run(move |s, now| {
            let who = Who::desk(&desk);
            let version = s.change_studio(saved, body.staff.as_deref(), edited, who, now)?;
            Ok::<_, crate::storage::StorageError>((version, s.staff()?))
        })
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    app.set_studio(&studio, staff, version);
    app.events().studio(version);
    Ok(Json(for_desk(app.studio_info(), &key)))
}

/// What saving this studio would leave outside (admin tokens only): the bookings from now
/// on that lie outside its opening hours or in a room it no longer has. Nothing is saved.
#[utoipa::path(post, path = "/v1/studio/check", tag = "studio", security(("bearer" = [])),
    request_body = StudioUpdate,
    responses((status = 200, description = "The bookings it would leave outside", body = StudioCheck),
        (status = 403, description = "`forbidden`: the token is not an admin's", body = ErrorBody),
        (status = 422, description = "`invalid`: a field is not valid (the message names it)", body = ErrorBody)))]
pub async fn check(
    Extension(app): Extension<AppState>,
    _admin: AdminOnly,
    ApiJson(body): ApiJson<StudioUpdate>,
) -> Result<Json<StudioCheck>, ApiError> {
    let studio = body
        .to_studio()
        .map_err(|e| ApiError::invalid(e.to_string()))?;
    let tz = app.tz();
    let outside = app
        .run(move |s, now| s.bookings_outside(&studio, now))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(StudioCheck {
        outside: outside.iter().map(|b| b.to_dto(tz)).collect(),
    }))
}
