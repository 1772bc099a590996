//! A customer's manage link: the booking it opens, the booking as a calendar file, and a
//! cancellation within the studio's terms (until `cancelHours` before the start; later the
//! page says until when it was possible and to call the studio). A tampered, expired or
//! foreign token is answered 404, the same as one that never existed.
//!
//! Cancellation fees (issue 25) follow the same terms as at the desk: the link cancels only
//! while cancelling owes nothing (inside free cancellation, or under terms or a price that
//! never owe a fee). Past that, `cancelUntil` is the end of free cancellation and the link
//! refuses, saying a fee would be owed and to call the studio: the page has no step that
//! shows an amount before confirming, and a customer is never charged by one click. The
//! write checks the fee again at its own moment, so a click on the boundary owes nothing.

use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Duration, FixedOffset, Utc};
use frontdesk_core::online::cancel_until;
use frontdesk_core::Studio;
use frontdesk_protocol::{ErrorCode, FeedDetail, ManagedBooking, ONLINE_DESK};
use frontdesk_store::audit::Who;
use frontdesk_store::bookings::{BookingRecord, BookingStatus};
use frontdesk_store::feed_tokens::FeedEvent;
use frontdesk_store::reminder_consent::ReminderConsent;
use frontdesk_store::{fees, StoreError};

use super::Page;
use crate::app::AppState;
use crate::error::{local, ApiError};
use crate::extract::ApiPath;
use crate::manage_link::ManageLink;
use crate::routes::feeds::FeedCalendar;

/// Why a cancellation is recorded when the customer cancels through their link.
const CANCELLED_ONLINE: &str = "cancelled by the customer through their link";

fn not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "this link does not open a booking")
}

/// The page, the link and the booking a token opens; 404 for anything else.
pub(super) async fn open(app: &AppState, token: &str) -> Result<(Page, BookingRecord), ApiError> {
    let studio = ManageLink::studio_of(token).ok_or_else(not_found)?;
    let page = Page::any(app, studio).await.map_err(|_| not_found())?;
    let key = page.link_key().await?;
    let link = ManageLink::open(token, &key, page.app.now()).ok_or_else(not_found)?;
    let tz = page.app.tz();
    let record = page
        .app
        .run(move |s, _| s.booking(link.booking))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?
        .ok_or_else(not_found)?;
    Ok((page, record))
}

pub(super) async fn managed(
    page: &Page,
    record: &BookingRecord,
) -> Result<ManagedBooking, ApiError> {
    let key = page.link_key().await?;
    let tz = page.app.tz();
    let until = cancel_until(record.span.start(), page.settings.cancel_hours);
    let until = free_until(&stored_studio(page).await?, record).map_or(until, |f| f.min(until));
    let reminders = match (page.settings.reminder_hours, record.customer.email.clone()) {
        (0, _) | (_, None) => None,
        (_, Some(email)) => {
            let tz = page.app.tz();
            let choice = page
                .app
                .run(move |s, _| s.reminder_consent(&email))
                .await?
                .map_err(|e| ApiError::from_store(e, tz))?;
            Some(ReminderConsent::wanted(choice.as_ref()))
        }
    };
    Ok(ManagedBooking {
        reminders,
        booking: page.public_booking(record, &key),
        studio: page.public_studio(),
        cancel_until: local(until, tz),
        can_cancel: record.status == BookingStatus::Confirmed && page.app.now() < until,
    })
}

/// Until when cancelling `record` owes nothing under the studio's terms for its room;
/// `None` when it never owes anything (no price, or no tier with a percentage).
fn free_until(studio: &Studio, record: &BookingRecord) -> Option<DateTime<Utc>> {
    if record.price.unwrap_or(0) == 0 {
        return None;
    }
    let terms = studio.cancellation.for_room(&record.room);
    let first = terms.tiers.iter().find(|t| t.percent > 0)?;
    Some(record.span.start() - Duration::hours(i64::from(first.hours_before)))
}

/// The studio as its storage holds it (the terms the write engine applies).
async fn stored_studio(page: &Page) -> Result<Studio, ApiError> {
    page.app.run(|s, _| s.studio().clone()).await
}

/// Past free cancellation: what the link answers.
fn owes_a_fee(until: DateTime<FixedOffset>) -> StoreError {
    StoreError::BadChange(format!(
        "cancellation: cancelling through this link was free until {}; a later cancellation \
         owes the studio a fee: please call the studio",
        until.format("%Y-%m-%d %H:%M")
    ))
}

/// The booking a manage link opens, and whether the customer may still cancel it.
#[utoipa::path(get, path = "/public/v1/manage/{token}", tag = "public",
    params(("token" = String, Path, description = "The manage link's token")),
    responses((status = 200, body = ManagedBooking),
        (status = 404, description = "`not_found`: a tampered, expired or unknown link", body = frontdesk_protocol::ErrorBody)))]
pub async fn view(
    State(app): State<AppState>,
    ApiPath(token): ApiPath<String>,
) -> Result<Json<ManagedBooking>, ApiError> {
    let (page, record) = open(&app, &token).await?;
    Ok(Json(managed(&page, &record).await?))
}

/// The booking as an iCalendar file.
#[utoipa::path(get, path = "/public/v1/manage/{token}/calendar.ics", tag = "public",
    params(("token" = String, Path, description = "The manage link's token")),
    responses((status = 200, description = "text/calendar", content_type = "text/calendar"),
        (status = 404, description = "`not_found`: a tampered, expired or unknown link", body = frontdesk_protocol::ErrorBody)))]
pub async fn calendar(
    State(app): State<AppState>,
    ApiPath(token): ApiPath<String>,
) -> Result<Response, ApiError> {
    let (page, record) = open(&app, &token).await?;
    let info = page.app.studio_info();
    let calendar = FeedCalendar {
        name: info.name.clone(),
        room_names: info.rooms.into_iter().map(|r| (r.id, r.name)).collect(),
        detail: FeedDetail::Name,
    };
    let event = FeedEvent {
        id: record.id,
        room: record.room.to_string(),
        start: record.span.start(),
        end: record.span.end(),
        customer_name: info.name,
        cancelled: record.status == BookingStatus::Cancelled,
        version: record.version,
        updated_at: record.updated_at,
    };
    let text = calendar.write(&[event]);
    Ok((
        [
            (CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (CONTENT_DISPOSITION, "attachment; filename=\"booking.ics\""),
        ],
        text,
    )
        .into_response())
}

/// Cancels the booking within the studio's terms (again: the cancelled booking).
#[utoipa::path(post, path = "/public/v1/manage/{token}/cancel", tag = "public",
    params(("token" = String, Path, description = "The manage link's token")),
    responses((status = 200, body = ManagedBooking),
        (status = 404, description = "`not_found`: a tampered, expired or unknown link", body = frontdesk_protocol::ErrorBody),
        (status = 409, description = "`stale`: changed at the studio meanwhile; look again", body = frontdesk_protocol::ErrorBody),
        (status = 422, description = "`invalid`: past the terms, or past free cancellation (a fee would be owed); the message says until when and to call the studio", body = frontdesk_protocol::ErrorBody)))]
pub async fn cancel(
    State(app): State<AppState>,
    ApiPath(token): ApiPath<String>,
) -> Result<Json<ManagedBooking>, ApiError> {
    let (page, record) = open(&app, &token).await?;
    if record.status == BookingStatus::Cancelled {
        return Ok(Json(managed(&page, &record).await?));
    }
    let view = managed(&page, &record).await?;
    let tz = page.app.tz();
    let studio = stored_studio(&page).await?;
    let past_free = free_until(&studio, &record).is_some_and(|f| page.app.now() >= f);
    if !view.can_cancel && past_free {
        return Err(ApiError::from_store(owes_a_fee(view.cancel_until), tz));
    }
    if !view.can_cancel {
        return Err(ApiError::invalid(format!(
            "cancellation: cancelling through this link was possible until {}; please call the studio",
            view.cancel_until.format("%Y-%m-%d %H:%M")
        )));
    }
    let (id, version) = (record.id, record.version);
    let until = view.cancel_until;
    let (cancelled, _) = page
        .app
        .run(move |s, now| {
            let who = Who {
                desk: ONLINE_DESK,
                staff: None,
            };
            // Still the booking the customer saw: a change at a desk meanwhile is kept.
            match s.booking(id)? {
                Some(current) if fees::for_cancel(s.studio(), &current, now).amount > 0 => {
                    Err(owes_a_fee(until).into())
                }
                Some(current) if current.version == version => {
                    s.cancel_booking(id, Some(CANCELLED_ONLINE), who, None, now)
                }
                Some(current) => Err(StoreError::StaleBooking {
                    id,
                    current: current.version,
                    expected: version,
                }
                .into()),
                None => Err(StoreError::NotFound(id).into()),
            }
        })
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    page.app.events().change(cancelled.seq);
    Ok(Json(managed(&page, &cancelled).await?))
}
