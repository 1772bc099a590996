//! A booking made on the page: of a start the page offers, by the visitor whose session may
//! hold it, with a name and a well-formed e-mail address. It is made through the same
//! storage call as a desk's booking (one transaction that re-checks bookings and other
//! sessions' holds), by the desk `online`, so every desk hears of it from the event stream
//! at once. The answer carries the customer's manage link.

use std::str::FromStr;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use email_address::EmailAddress;
use frontdesk_protocol::{PublicBookingRequest, ONLINE_DESK};
use frontdesk_store::audit::Who;
use frontdesk_store::messages::MessagePolicy;
use frontdesk_store::{NewBooking, WriteOutcome};
use uuid::Uuid;

use super::holds::offered_span;
use super::visitors::ClientAddress;
use super::Page;
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath};

/// What a person typed, checked: the trimmed name, e-mail and phone; else which field is
/// wrong and why.
fn checked(body: &PublicBookingRequest) -> Result<(String, String, Option<String>), ApiError> {
    // The page hides this field from people; only a program fills it in.
    if !body.website.trim().is_empty() {
        return Err(ApiError::invalid("website: leave this field empty"));
    }
    let name = body.name.trim();
    if name.is_empty() {
        return Err(ApiError::invalid("name: enter your name"));
    }
    let email = body.email.trim();
    if EmailAddress::from_str(email).is_err() || !email.contains('.') {
        return Err(ApiError::invalid(format!(
            "email: \"{email}\" is not an e-mail address"
        )));
    }
    let phone = body
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    if let Some(phone) = phone {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let allowed = |c: char| c.is_ascii_digit() || " +-()/.".contains(c);
        if digits < 5 || !phone.chars().all(allowed) {
            return Err(ApiError::invalid(format!(
                "phone: \"{phone}\" is not a phone number"
            )));
        }
    }
    Ok((name.to_owned(), email.to_owned(), phone.map(str::to_owned)))
}

/// Books the start the visitor's session holds (or a free one the page offers).
#[utoipa::path(post, path = "/public/v1/studios/{studio}/bookings", tag = "public",
    params(("studio" = String, Path, description = "The studio's id")),
    request_body = PublicBookingRequest,
    responses((status = 201, description = "Booked; `manage` is the customer's link", body = frontdesk_protocol::PublicBooking),
        (status = 404, description = "`not_found`: no such studio, or its page is off", body = frontdesk_protocol::ErrorBody),
        (status = 409, description = "`conflict`: held by someone else or booked meanwhile; nothing written", body = frontdesk_protocol::ErrorBody),
        (status = 422, description = "`invalid` naming the field (`name`, `email`, `phone`, `website`, `start`, `duration`); `unknown_room`; nothing written", body = frontdesk_protocol::ErrorBody)))]
pub async fn create(
    State(app): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiPath(studio): ApiPath<String>,
    ApiJson(body): ApiJson<PublicBookingRequest>,
) -> Result<Response, ApiError> {
    let page = Page::open(&app, &studio).await?;
    let (name, email, phone) = checked(&body)?;
    let hold = offered_span(&page, body.session, &body.room, body.start, body.end).await?;
    if let Err(wait) = app.limiters().booking_email(&email) {
        return Ok(crate::limits::too_many(wait, "for this e-mail address"));
    }
    let new = NewBooking {
        id: Uuid::new_v4(),
        room: body.room.clone(),
        start: hold.span.start(),
        end: hold.span.end(),
        name,
        phone,
        email: Some(email),
        note: None,
        session: Some(body.session),
        series: None,
    };
    let tz = page.app.tz();
    let session = body.session;
    let policy = MessagePolicy::server(Some(body.language));
    let policy = body.reminders.map_or(policy, |r| policy.choosing(r));
    let (result, released) = page
        .app
        .run(move |s, now| {
            let released = s.session_hold_days(session).ok().unwrap_or_default();
            let who = Who {
                desk: ONLINE_DESK,
                staff: None,
            };
            (s.create_online_booking(&new, policy, who, now), released)
        })
        .await?;
    let (record, outcome) = result.map_err(|e| ApiError::from_store(e, tz))?;
    if outcome == WriteOutcome::Applied {
        page.app.events().change(record.seq);
        page.app.events().holds(&released);
    }
    app.limiters().visitor_holds().released(address, session);
    let key = page.link_key().await?;
    Ok((
        StatusCode::CREATED,
        Json(page.public_booking(&record, &key)),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::DateTime;

    fn request(
        name: &str,
        email: &str,
        phone: Option<&str>,
        website: &str,
    ) -> PublicBookingRequest {
        PublicBookingRequest {
            session: Uuid::nil(),
            room: "studio-a".into(),
            start: DateTime::parse_from_rfc3339("2026-12-03T10:00:00+01:00").unwrap(),
            end: DateTime::parse_from_rfc3339("2026-12-03T11:00:00+01:00").unwrap(),
            name: name.into(),
            email: email.into(),
            phone: phone.map(str::to_owned),
            language: Default::default(),
            website: website.into(),
            reminders: None,
        }
    }

    fn field(r: &PublicBookingRequest) -> Option<String> {
        checked(r)
            .err()
            .map(|e| e.body.message.split(':').next().unwrap_or("").to_owned())
    }

    #[test]
    fn what_a_person_types_is_checked_field_by_field() {
        let ok = request(" Ada ", " ada@example.com ", Some(" +49 171 2345678 "), "");
        assert_eq!(
            checked(&ok).map_err(|e| e.body.message).unwrap(),
            (
                "Ada".into(),
                "ada@example.com".into(),
                Some("+49 171 2345678".into())
            )
        );
        assert_eq!(
            checked(&request("Ada", "a@b.de", Some("  "), ""))
                .unwrap()
                .2,
            None
        );
        assert_eq!(
            field(&request("  ", "a@b.de", None, "")).as_deref(),
            Some("name")
        );
        for bad in [
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "a da@example.com",
            "",
        ] {
            assert_eq!(
                field(&request("Ada", bad, None, "")).as_deref(),
                Some("email"),
                "{bad}"
            );
        }
        for bad in ["12", "call me", "0171-ABC"] {
            assert_eq!(
                field(&request("Ada", "a@b.de", Some(bad), "")).as_deref(),
                Some("phone"),
                "{bad}"
            );
        }
        assert_eq!(
            field(&request("Ada", "a@b.de", None, "http://spam")).as_deref(),
            Some("website")
        );
    }
}
