//! `GET /v1/bookings/{id}/messages`: the e-mails a booking queued and what became of each,
//! so staff see on the booking that one could not be sent, and why.

use axum::extract::Extension;
use axum::Json;
use frontdesk_protocol::ErrorBody;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::ApiPath;

/// One message to the booking's customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookingMessage {
    pub id: Uuid,
    /// `confirmation`, `change`, `cancellation` or `reminder`.
    pub kind: String,
    pub recipient: String,
    /// `queued` (waiting for its time, or to be tried again), `sent`, `failed` (given up
    /// after the last attempt: `lastError` says why) or `cancelled` (a reminder of a booking
    /// cancelled or moved).
    pub state: String,
    pub attempts: u32,
    #[schema(value_type = String, format = DateTime)]
    pub due: chrono::DateTime<chrono::Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct BookingMessages {
    pub messages: Vec<BookingMessage>,
}

/// A booking's messages to its customer, oldest first (none on a booking without e-mail).
#[utoipa::path(get, path = "/v1/bookings/{id}/messages", tag = "bookings", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Booking id")),
    responses((status = 200, body = BookingMessages), (status = 404, description = "`not_found`", body = ErrorBody)))]
pub async fn list(
    Extension(app): Extension<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<BookingMessages>, ApiError> {
    let tz = app.tz();
    let (booking, rows) = app
        .run(move |s, _| {
            Ok::<_, crate::storage::StorageError>((s.booking(id)?, s.booking_messages(id)?))
        })
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    if booking.is_none() {
        return Err(ApiError::not_found(format!("there is no booking {id}")));
    }
    let messages = rows
        .into_iter()
        .map(|m| BookingMessage {
            id: m.id,
            kind: m.kind.as_str().to_owned(),
            recipient: m.recipient,
            state: m.state,
            attempts: m.attempts,
            due: m.due,
            last_error: m.last_error,
        })
        .collect();
    Ok(Json(BookingMessages { messages }))
}
