//! The chain's administration: its studios, and desks for them. Only a chain
//! administrator's token reaches these routes, and such a token reaches nothing else
//! (`crate::auth`).

use axum::extract::Extension;
use axum::http::StatusCode;
use axum::Json;
use frontdesk_protocol::{
    AddDeskRequest, AddStudioRequest, ChainStudio, ChainStudios, EnrolmentCode, ErrorBody,
    StudioInfo,
};

use frontdesk_protocol::limits::{Capped, TooLong};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::app::AppState;
use crate::auth::ChainAdmin;
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath};
use crate::storage::check_studio_id;

/// Every studio of the chain.
#[utoipa::path(get, path = "/v1/chain/studios", tag = "chain", security(("bearer" = [])),
    responses((status = 200, body = ChainStudios),
        (status = 403, description = "`forbidden`: not a chain administrator's token", body = ErrorBody),
        (status = 501, description = "`internal`: a server on a SQLite file has one studio", body = ErrorBody)))]
pub async fn list(
    Extension(app): Extension<AppState>,
    Extension(_admin): Extension<ChainAdmin>,
) -> Result<Json<ChainStudios>, ApiError> {
    let tz = app.tz();
    let studios = app
        .run(|s, _| s.studios())
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(ChainStudios {
        studios: studios
            .into_iter()
            .map(|(id, info)| ChainStudio {
                id,
                name: info.name,
                timezone: info.timezone,
                version: info.version,
                rooms: u32::try_from(info.rooms.len()).unwrap_or(u32::MAX),
            })
            .collect(),
    }))
}

/// Adds a studio, with its own rooms, hours and timezone, at version 1 (the studio's
/// `version` may be left out: it is for changing a studio). Its desks come from
/// `POST /v1/chain/studios/{id}/desks`.
#[utoipa::path(post, path = "/v1/chain/studios", tag = "chain", security(("bearer" = [])),
    request_body(content = AddStudioRequest, description = "`studio.version` may be left out: a new studio starts at version 1"),
    responses((status = 201, description = "The new studio", body = StudioInfo),
        (status = 403, description = "`forbidden`: not a chain administrator's token", body = ErrorBody),
        (status = 409, description = "`id_reused`: there is a studio of that id", body = ErrorBody),
        (status = 422, description = "`invalid`: the id or a field of the studio (named)", body = ErrorBody),
        (status = 501, description = "`internal`: a server on a SQLite file has one studio", body = ErrorBody)))]
pub async fn add(
    Extension(app): Extension<AppState>,
    Extension(_admin): Extension<ChainAdmin>,
    ApiJson(NewStudio(body)): ApiJson<NewStudio>,
) -> Result<(StatusCode, Json<StudioInfo>), ApiError> {
    check_studio_id(&body.id).map_err(ApiError::invalid)?;
    let studio = body
        .studio
        .to_studio()
        .map_err(|e| ApiError::invalid(format!("studio.{e}")))?;
    let tz = app.tz();
    let info = app
        .run(move |s, now| s.add_studio(&body.id, &studio, now))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok((StatusCode::CREATED, Json(info)))
}

/// The body of `POST /v1/chain/studios`: an [`AddStudioRequest`] whose studio may leave out
/// `version`, which says what a change was edited from and means nothing for a new studio.
#[derive(Debug)]
pub struct NewStudio(AddStudioRequest);

impl<'de> Deserialize<'de> for NewStudio {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut body = Map::<String, Value>::deserialize(deserializer)?;
        if let Some(Value::Object(studio)) = body.get_mut("studio") {
            studio.entry("version").or_insert(Value::from(0));
        }
        AddStudioRequest::deserialize(Value::Object(body))
            .map(NewStudio)
            .map_err(D::Error::custom)
    }
}

impl Capped for NewStudio {
    fn check_caps(&self) -> Result<(), TooLong> {
        self.0.check_caps()
    }
}

/// Issues a one-time enrolment code for a desk of a studio (a new desk, or one to re-key).
#[utoipa::path(post, path = "/v1/chain/studios/{id}/desks", tag = "chain", security(("bearer" = [])),
    params(("id" = String, Path, description = "The studio")),
    request_body = AddDeskRequest,
    responses((status = 201, body = EnrolmentCode),
        (status = 403, description = "`forbidden`: not a chain administrator's token", body = ErrorBody),
        (status = 404, description = "`not_found`: no such studio", body = ErrorBody),
        (status = 422, description = "`invalid`: not a desk name", body = ErrorBody)))]
pub async fn add_desk(
    Extension(app): Extension<AppState>,
    Extension(_admin): Extension<ChainAdmin>,
    ApiPath(studio): ApiPath<String>,
    ApiJson(body): ApiJson<AddDeskRequest>,
) -> Result<(StatusCode, Json<EnrolmentCode>), ApiError> {
    crate::routes::desks::issue(&app, studio, body).await
}
