use axum::extract::State;
use axum::Json;
use frontdesk_protocol::StudioInfo;

use crate::app::AppState;

/// The studio, its timezone, hold lifetime and rooms.
#[utoipa::path(get, path = "/v1/studio", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = StudioInfo)))]
pub async fn studio(State(app): State<AppState>) -> Json<StudioInfo> {
    Json(app.studio_info().clone())
}
