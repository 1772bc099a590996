//! `PUT /public/v1/manage/{token}/reminders`: a customer turns reminder e-mails off (or on
//! again) through a booking's manage link. The choice is recorded for their e-mail address
//! — every booking of theirs, with when and that it came through the link — and turning
//! them off cancels their reminders not sent yet in the same transaction.

use axum::extract::State;
use axum::Json;
use frontdesk_protocol::{ManagedBooking, ReminderChoice};
use frontdesk_store::reminder_consent::{ConsentSource, ReminderConsent};

use super::manage::{managed, open};
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath};

/// Records the customer's choice about reminder e-mails; the booking as the link shows it.
#[utoipa::path(put, path = "/public/v1/manage/{token}/reminders", tag = "public",
    params(("token" = String, Path, description = "The manage link's token")),
    request_body = ReminderChoice,
    responses((status = 200, body = ManagedBooking),
        (status = 404, description = "`not_found`: a tampered, expired or unknown link", body = frontdesk_protocol::ErrorBody),
        (status = 422, description = "`invalid`: the booking has no e-mail address, or the studio sends no reminders", body = frontdesk_protocol::ErrorBody)))]
pub async fn choose(
    State(app): State<AppState>,
    ApiPath(token): ApiPath<String>,
    ApiJson(body): ApiJson<ReminderChoice>,
) -> Result<Json<ManagedBooking>, ApiError> {
    let (page, record) = open(&app, &token).await?;
    if page.settings.reminder_hours == 0 {
        return Err(ApiError::invalid(
            "reminders: the studio sends no reminder e-mails",
        ));
    }
    let Some(email) = record.customer.email.clone() else {
        return Err(ApiError::invalid(
            "reminders: this booking has no e-mail address",
        ));
    };
    let tz = page.app.tz();
    page.app
        .run(move |s, now| {
            let choice = ReminderConsent {
                reminders: body.reminders,
                source: ConsentSource::Link,
                at: now,
            };
            s.set_reminder_consent(&email, &choice)
        })
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(managed(&page, &record).await?))
}
