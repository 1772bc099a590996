//! What the page offers: the studio's rooms and durations online, the dates open, and the
//! start times of a room's date — free or reserved (held by a desk or another visitor) or
//! the visitor's own — within the studio's notice, each with its price.

use axum::extract::State;
use axum::Json;
use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_core::availability::SlotStatus;
use frontdesk_core::span::Span;
use frontdesk_protocol::{
    ErrorCode, PublicOffer, PublicRoom, PublicSlot, PublicSlotStatus, PublicSlots,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::Page;
use crate::app::AppState;
use crate::error::{local, ApiError};
use crate::extract::{ApiPath, ApiQuery};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SlotsQuery {
    /// A room the page offers.
    room: String,
    /// Local date, YYYY-MM-DD.
    date: NaiveDate,
    /// Minutes: one of the durations the page offers in the room.
    duration: u32,
    /// The visitor's session: its own hold shows as `yours`.
    #[param(nullable = false)]
    session: Option<Uuid>,
}

/// What the studio's page offers now: rooms, durations, prices, the dates open and the terms.
#[utoipa::path(get, path = "/public/v1/studios/{studio}/offer", tag = "public",
    params(("studio" = String, Path, description = "The studio's id (`main` on a one-studio server)")),
    responses((status = 200, body = PublicOffer),
        (status = 404, description = "`not_found`: no such studio, or its page is off", body = frontdesk_protocol::ErrorBody)))]
pub async fn offer(
    State(app): State<AppState>,
    ApiPath(studio): ApiPath<String>,
) -> Result<Json<PublicOffer>, ApiError> {
    let page = Page::open(&app, &studio).await?;
    let info = page.app.studio_info();
    let calendar = page.app.studio();
    let (first_date, last_date) = page.window().dates(&calendar.calendar, page.app.now());
    let rooms = page
        .settings
        .rooms
        .iter()
        .filter_map(|online| {
            let room = info.rooms.iter().find(|r| r.id == online.room)?;
            Some(PublicRoom {
                id: room.id.clone(),
                name: room.name.clone(),
                durations: online.durations.clone(),
                price_per_hour: room.price_per_hour,
            })
        })
        .collect();
    Ok(Json(PublicOffer {
        studio: page.public_studio(),
        rooms,
        first_date,
        last_date,
        hold_seconds: u32::try_from(info.hold_ttl_seconds).unwrap_or(u32::MAX),
        cancel_hours: page.settings.cancel_hours,
        reminder_hours: page.settings.reminder_hours,
    }))
}

/// The offer's refusal of a room or duration the page does not offer.
pub(super) fn offered(page: &Page, room: &str, minutes: u32) -> Result<(), ApiError> {
    let Some(durations) = page.settings.durations(room) else {
        return Err(ApiError::new(
            ErrorCode::UnknownRoom,
            format!("room: \"{room}\" cannot be booked here"),
        ));
    };
    if durations.contains(&minutes) {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "duration: {minutes} minutes cannot be booked here"
        )))
    }
}

/// The starts of `room`'s `date` the page may offer now for `minutes`, from the same engine
/// the desks ask; `session`'s own holds are free to it, and marked.
pub(super) async fn page_slots(
    page: &Page,
    room: &str,
    date: NaiveDate,
    minutes: u32,
    session: Option<Uuid>,
) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>, PublicSlotStatus, u64)>, ApiError> {
    offered(page, room, minutes)?;
    let window = page.window();
    let tz = page.app.tz();
    let room = room.to_owned();
    page.app
        .run(move |s, now| {
            let day = s.day_slots(&room, date, minutes, None, session, now)?;
            let own: Vec<Span> = match session {
                Some(session) => s
                    .holds_on(Some(&room), date, now)?
                    .into_iter()
                    .filter(|h| h.session == session)
                    .map(|h| h.span)
                    .collect(),
                None => Vec::new(),
            };
            let studio = s.studio();
            let pricing = studio
                .rooms
                .iter()
                .find(|r| r.id.as_str() == room)
                .map(|r| r.pricing.clone())
                .unwrap_or_default();
            let mut slots = Vec::with_capacity(day.slots.len());
            for slot in day.slots {
                if !window.allows(&studio.calendar, slot.start, now) {
                    continue;
                }
                let span =
                    Span::new(slot.start, slot.end).map_err(crate::storage::StorageError::rule)?;
                let status = match slot.status {
                    SlotStatus::Reserved => PublicSlotStatus::Reserved,
                    SlotStatus::Available if own.contains(&span) => PublicSlotStatus::Yours,
                    SlotStatus::Available => PublicSlotStatus::Available,
                };
                slots.push((
                    slot.start,
                    slot.end,
                    status,
                    pricing.price(&studio.calendar, &span),
                ));
            }
            Ok::<_, crate::storage::StorageError>(slots)
        })
        .await?
        .map_err(|e| ApiError::from_store(e, tz))
}

/// The starts of a room's date the page may offer now, available, reserved or the visitor's.
#[utoipa::path(get, path = "/public/v1/studios/{studio}/slots", tag = "public",
    params(("studio" = String, Path, description = "The studio's id"), SlotsQuery),
    responses((status = 200, body = PublicSlots),
        (status = 404, description = "`not_found`: no such studio, or its page is off", body = frontdesk_protocol::ErrorBody),
        (status = 422, description = "`unknown_room`: a room not on the page; `invalid`: a duration not offered there", body = frontdesk_protocol::ErrorBody)))]
pub async fn slots(
    State(app): State<AppState>,
    ApiPath(studio): ApiPath<String>,
    ApiQuery(q): ApiQuery<SlotsQuery>,
) -> Result<Json<PublicSlots>, ApiError> {
    crate::extract::capped_query("room", Some(&q.room), frontdesk_protocol::limits::ID_MAX)?;
    let page = Page::open(&app, &studio).await?;
    let tz = page.app.tz();
    let slots = page_slots(&page, &q.room, q.date, q.duration, q.session).await?;
    Ok(Json(PublicSlots {
        room: q.room,
        date: q.date,
        duration: q.duration,
        slots: slots
            .into_iter()
            .map(|(start, end, status, price)| PublicSlot {
                start: local(start, tz),
                end: local(end, tz),
                status,
                price,
            })
            .collect(),
    }))
}
