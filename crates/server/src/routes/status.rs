use axum::extract::Extension;
use axum::Json;
use chrono::Utc;
use frontdesk_protocol::{ErrorBody, RoomStatusDto, RoomsStatusRequest, RoomsStatusResponse};

use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::ApiJson;

/// Current booking, up to 3 next within 24 h, and whether held, for many rooms in one
/// request (a constant number of database queries).
#[utoipa::path(post, path = "/v1/rooms/status", tag = "rooms", security(("bearer" = [])),
    request_body = RoomsStatusRequest,
    responses((status = 200, body = RoomsStatusResponse),
        (status = 422, description = "`unknown_room`: the ids are named in `unknown`", body = ErrorBody)))]
pub async fn rooms_status(
    Extension(app): Extension<AppState>,
    ApiJson(body): ApiJson<RoomsStatusRequest>,
) -> Result<Json<RoomsStatusResponse>, ApiError> {
    let tz = app.tz();
    let at = body.at.map(|a| a.with_timezone(&Utc));
    let rooms = body.rooms;
    let status = app
        .run(move |s, now| s.rooms_status(&rooms, at.unwrap_or(now), now))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(RoomsStatusResponse {
        rooms: status
            .into_iter()
            .map(|(room, s)| {
                let dto = RoomStatusDto {
                    current: s.current.as_ref().map(|b| b.to_dto(tz)),
                    next: s.next.iter().map(|b| b.to_dto(tz)).collect(),
                    held: s.held,
                };
                (room, dto)
            })
            .collect(),
    }))
}
