//! A visitor's hold: one span per session, of a start the page offers, set and renewed by
//! the same presence engine as the desks' holds (as the desk `online`), so a desk sees it
//! reserved at once and the visitor sees the desks' holds. Releasing is idempotent.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use frontdesk_core::holds::Hold;
use frontdesk_protocol::{HoldSpan, PublicHold, PublicHoldRequest, PublicSlotStatus, ONLINE_DESK};
use uuid::Uuid;

use super::offer::page_slots;
use super::visitors::ClientAddress;
use super::Page;
use crate::app::AppState;
use crate::error::{local, ApiError};
use crate::extract::{ApiJson, ApiPath};

/// The span if the page offers it to `session` right now (free, or already its own); else
/// why not: reserved or booked by someone else (409), or never offered (422).
pub(super) async fn offered_span(
    page: &Page,
    session: Uuid,
    room: &str,
    start: chrono::DateTime<chrono::FixedOffset>,
    end: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Hold, ApiError> {
    let hold = crate::wire::hold(&HoldSpan {
        room: room.to_owned(),
        start,
        end,
    })?;
    let minutes = u32::try_from(hold.span.duration().num_minutes())
        .map_err(|_| ApiError::invalid("end: before the start"))?;
    let calendar = page.app.studio().calendar;
    let date = calendar.date_of(hold.span.start());
    let slots = page_slots(page, room, date, minutes, Some(session)).await?;
    match slots.iter().find(|s| s.0 == hold.span.start()) {
        Some((_, _, PublicSlotStatus::Reserved, _)) => Err(ApiError::new(
            frontdesk_protocol::ErrorCode::Conflict,
            "start: someone else is holding this time right now; choose another",
        )),
        Some(_) => Ok(hold),
        None if page.window().allows(&calendar, hold.span.start(), page.app.now())
            && taken(page, &hold).await? =>
        {
            Err(ApiError::new(
                frontdesk_protocol::ErrorCode::Conflict,
                "start: this time is no longer free; choose another",
            ))
        }
        None => Err(ApiError::invalid(
            "start: this time cannot be booked online (too soon, too far ahead, or not a start time offered)",
        )),
    }
}

/// Whether a booking of the hold's room (with the room's changeover around it) covers it:
/// a start that was offered and is taken now, rather than one never offered.
async fn taken(page: &Page, hold: &Hold) -> Result<bool, ApiError> {
    let changeover = page
        .app
        .studio()
        .rooms
        .iter()
        .find(|r| r.id == hold.room)
        .map_or(0, |r| r.changeover);
    let around = chrono::Duration::minutes(i64::from(changeover));
    let (room, from, to) = (
        hold.room.to_string(),
        hold.span.start() - around,
        hold.span.end() + around,
    );
    let tz = page.app.tz();
    let bookings = page
        .app
        .run(move |s, _| s.bookings_between(Some(&room), from, to))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(!bookings.is_empty())
}

/// Holds one start for the visitor's session (replacing its hold); again: the heartbeat.
#[utoipa::path(put, path = "/public/v1/studios/{studio}/holds/{session}", tag = "public",
    params(("studio" = String, Path, description = "The studio's id"),
        ("session" = Uuid, Path, description = "The visitor's session (random, made by the page)")),
    request_body = PublicHoldRequest,
    responses((status = 200, body = PublicHold),
        (status = 404, description = "`not_found`: no such studio, or its page is off", body = frontdesk_protocol::ErrorBody),
        (status = 409, description = "`conflict`: held or booked by someone else; nothing changed", body = frontdesk_protocol::ErrorBody),
        (status = 422, description = "`invalid`: a start the page does not offer (notice, how far ahead, the grid, a duration); `unknown_room`", body = frontdesk_protocol::ErrorBody),
        (status = 429, description = "`rate_limited`: this address holds three start times already (or sends too much); `Retry-After`", body = frontdesk_protocol::ErrorBody)))]
pub async fn set(
    State(app): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiPath((studio, session)): ApiPath<(String, Uuid)>,
    ApiJson(body): ApiJson<PublicHoldRequest>,
) -> Result<Response, ApiError> {
    let page = Page::open(&app, &studio).await?;
    let visitors = app.limiters().visitor_holds();
    if !visitors.admits(address, session, app.now()) {
        return Ok(crate::limits::too_many(
            std::time::Duration::from_secs(page.app.studio_info().hold_ttl_seconds),
            "holding: this address holds several start times already; book or release one",
        ));
    }
    let hold = offered_span(&page, session, &body.room, body.start, body.end).await?;
    let tz = page.app.tz();
    let set = page
        .app
        .run_presence(move |s, now| s.set_holds(session, ONLINE_DESK, vec![hold], now))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    page.app.events().holds(&set.changed);
    visitors.held(address, session, set.expires_at);
    Ok(Json(PublicHold {
        expires_at: local(set.expires_at, tz),
    })
    .into_response())
}

/// Releases the visitor's hold (idempotent).
#[utoipa::path(delete, path = "/public/v1/studios/{studio}/holds/{session}", tag = "public",
    params(("studio" = String, Path, description = "The studio's id"),
        ("session" = Uuid, Path, description = "The visitor's session")),
    responses((status = 204, description = "Released"),
        (status = 404, description = "`not_found`: no such studio, or its page is off", body = frontdesk_protocol::ErrorBody)))]
pub async fn release(
    State(app): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiPath((studio, session)): ApiPath<(String, Uuid)>,
) -> Result<StatusCode, ApiError> {
    let page = Page::open(&app, &studio).await?;
    app.limiters().visitor_holds().released(address, session);
    let tz = page.app.tz();
    let changed = page
        .app
        .run(move |s, _| s.release_holds(session))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    page.app.events().holds(&changed);
    Ok(StatusCode::NO_CONTENT)
}
