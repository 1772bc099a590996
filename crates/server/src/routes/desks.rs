//! A studio's desks: enrolment by one-time code (no token), and an admin's list, new codes
//! and revocation. A revoked or replaced token is refused by this instance at once and by
//! every other within about a second (`crate::auth::TOKENS_REFRESH`).

use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::Json;
use frontdesk_protocol::{
    normalize_code, AddDeskRequest, DeskEntry, DeskList, EnrolRequest, EnrolResponse,
    EnrolmentCode, ErrorBody, ErrorCode, ENROLMENT_CODE_LEN,
};

use crate::app::AppState;
use crate::auth::{new_token, token_hash, AdminOnly, Identity};
use crate::desk_admin::{check_desk_name, code_hash, issue_code};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath};

/// The one answer to a code that cannot be used: unknown, used and expired look alike.
fn refused_code() -> ApiError {
    ApiError::new(
        ErrorCode::Unauthorized,
        "this enrolment code is not valid (codes work once and for 10 minutes): ask an admin \
         for a new one (frontdesk-server desk add NAME, or Desks in the admin's settings)",
    )
}

/// Exchanges a one-time enrolment code for the desk's token (shown this once). Enrolling a
/// desk again replaces its token.
#[utoipa::path(post, path = "/v1/enrol", tag = "desks",
    request_body = EnrolRequest,
    responses((status = 201, body = EnrolResponse),
        (status = 401, description = "`unauthorized`: the code is unknown, used or expired", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many attempts from this address", body = ErrorBody)))]
pub async fn enrol(
    State(app): State<AppState>,
    ApiJson(body): ApiJson<EnrolRequest>,
) -> Result<(StatusCode, Json<EnrolResponse>), ApiError> {
    if normalize_code(&body.code).len() != ENROLMENT_CODE_LEN {
        return Err(refused_code());
    }
    let code = code_hash(&body.code);
    let token = new_token();
    let hash = token_hash(&token);
    let (tz, stored) = (app.tz(), hash.clone());
    let version = body.app_version.clone();
    let enrolled = app
        .run(move |s, now| s.enrol(&code, &stored, version.as_deref(), now))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?
        .ok_or_else(refused_code)?;
    let (studio, enrolled) = enrolled;
    app.desks().insert(
        hash,
        Identity {
            studio: Some(studio.clone()),
            desk: enrolled.desk.clone(),
            admin: enrolled.admin,
        },
    );
    let studio_name = match app.studio_named(&studio).await? {
        Some(state) => app.for_studio(state).studio_info().name,
        None => studio.clone(),
    };
    tracing::info!(studio, desk = enrolled.desk, "a desk enrolled");
    Ok((
        StatusCode::CREATED,
        Json(EnrolResponse {
            studio,
            studio_name,
            desk: enrolled.desk,
            admin: enrolled.admin,
            token,
        }),
    ))
}

/// The studio's desks: enrolled ones and those with an open code (an admin's token).
#[utoipa::path(get, path = "/v1/desks", tag = "desks", security(("bearer" = [])),
    responses((status = 200, body = DeskList),
        (status = 403, description = "`forbidden`: not an admin's token", body = ErrorBody)))]
pub async fn list(
    _admin: AdminOnly,
    Extension(app): Extension<AppState>,
) -> Result<Json<DeskList>, ApiError> {
    let (studio, tz) = (app.studio_id().to_owned(), app.tz());
    let desks = app
        .run(move |s, now| s.desks(&studio, now))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(DeskList {
        desks: desks
            .into_iter()
            .map(|d| DeskEntry {
                name: d.name,
                admin: d.admin,
                enrolled: d.enrolled,
                last_seen: d.last_seen.map(|t| crate::error::local(t, tz)),
                app_version: d.app_version,
            })
            .collect(),
    }))
}

/// Issues a one-time enrolment code for a new desk or one to re-key (an admin's token).
#[utoipa::path(post, path = "/v1/desks", tag = "desks", security(("bearer" = [])),
    request_body = AddDeskRequest,
    responses((status = 201, body = EnrolmentCode),
        (status = 403, description = "`forbidden`: not an admin's token", body = ErrorBody),
        (status = 422, description = "`invalid`: not a desk name", body = ErrorBody)))]
pub async fn add(
    _admin: AdminOnly,
    Extension(app): Extension<AppState>,
    ApiJson(body): ApiJson<AddDeskRequest>,
) -> Result<(StatusCode, Json<EnrolmentCode>), ApiError> {
    let studio = app.studio_id().to_owned();
    issue(&app, studio, body).await
}

/// Issues a code for `body`'s desk of `studio`.
pub async fn issue(
    app: &AppState,
    studio: String,
    body: AddDeskRequest,
) -> Result<(StatusCode, Json<EnrolmentCode>), ApiError> {
    check_desk_name(&body.name).map_err(ApiError::invalid)?;
    let tz = app.tz();
    let code = app
        .run(move |s, now| issue_code(s, &studio, &body.name, body.admin, now))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok((StatusCode::CREATED, Json(code)))
}

/// Revokes a desk: its token is refused at once here and within seconds everywhere (an
/// admin's token).
#[utoipa::path(delete, path = "/v1/desks/{name}", tag = "desks", security(("bearer" = [])),
    params(("name" = String, Path, description = "The desk")),
    responses((status = 204, description = "Revoked"),
        (status = 403, description = "`forbidden`: not an admin's token", body = ErrorBody),
        (status = 404, description = "`not_found`: no such desk", body = ErrorBody)))]
pub async fn revoke(
    _admin: AdminOnly,
    Extension(app): Extension<AppState>,
    ApiPath(name): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let (studio, tz) = (app.studio_id().to_owned(), app.tz());
    let (id, desk) = (studio.clone(), name.clone());
    let revoked = app
        .run(move |s, _| s.revoke_desk(&id, &desk))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    if !revoked {
        return Err(ApiError::not_found(format!("there is no desk \"{name}\"")));
    }
    app.desks().forget_desk(&studio, &name);
    Ok(StatusCode::NO_CONTENT)
}
