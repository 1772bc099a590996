//! `GET /v1/bookings/{id}/messages`: the e-mails a booking queued and what became of each,
//! so staff see on the booking that one could not be sent, and why; and what the customer
//! chose about reminders.

use axum::extract::Extension;
use axum::Json;
use frontdesk_protocol::{BookingMessage, BookingMessages, ErrorBody, ReminderConsentDto};
use uuid::Uuid;

use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::ApiPath;

/// A booking's messages to its customer, oldest first (none on a booking without e-mail).
#[utoipa::path(get, path = "/v1/bookings/{id}/messages", tag = "bookings", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Booking id")),
    responses((status = 200, body = BookingMessages), (status = 404, description = "`not_found`", body = ErrorBody)))]
pub async fn list(
    Extension(app): Extension<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<BookingMessages>, ApiError> {
    let tz = app.tz();
    let (booking, rows, consent) = app
        .run(move |s, _| {
            let booking = s.booking(id)?;
            let email = booking.as_ref().and_then(|b| b.customer.email.clone());
            let consent = match email {
                Some(email) => s.reminder_consent(&email)?,
                None => None,
            };
            Ok::<_, crate::storage::StorageError>((booking, s.booking_messages(id)?, consent))
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
    let consent = consent.map(|c| ReminderConsentDto {
        reminders: c.reminders,
        source: c.source.as_str().to_owned(),
        at: c.at,
    });
    Ok(Json(BookingMessages { messages, consent }))
}
