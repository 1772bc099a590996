use axum::extract::Extension;
use axum::Json;
use chrono::NaiveDate;
use frontdesk_protocol::{DaySlotsResponse, ErrorBody, MonthAvailabilityResponse, SlotDto};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::app::AppState;
use crate::error::{local, ApiError};
use crate::extract::ApiQuery;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DayQuery {
    /// Room id.
    room: String,
    /// Local date, YYYY-MM-DD.
    date: NaiveDate,
    /// Minutes: a positive multiple of 15, at most 14 days.
    #[param(minimum = 15, maximum = 20160, multiple_of = 15)]
    duration: u32,
    /// Start-time grid in minutes (default: the room's): a positive multiple of 15, at
    /// most 14 days.
    #[param(nullable = false, minimum = 15, maximum = 20160, multiple_of = 15)]
    interval: Option<u32>,
    /// The asking session: its own holds do not make a slot reserved.
    #[param(nullable = false)]
    session: Option<Uuid>,
}

/// Start times of a room's date, available or reserved, in time order.
#[utoipa::path(get, path = "/v1/availability/day", tag = "availability", security(("bearer" = [])), params(DayQuery),
    responses((status = 200, body = DaySlotsResponse),
        (status = 422, description = "`unknown_room`, or `invalid`: a duration or interval the calendar cannot use, a date out of its range", body = ErrorBody)))]
pub async fn day(
    Extension(app): Extension<AppState>,
    ApiQuery(q): ApiQuery<DayQuery>,
) -> Result<Json<DaySlotsResponse>, ApiError> {
    crate::extract::capped_query("room", Some(&q.room), frontdesk_protocol::limits::ID_MAX)?;
    let tz = app.tz();
    let room = q.room.clone();
    let slots = app
        .run(move |s, now| s.day_slots(&q.room, q.date, q.duration, q.interval, q.session, now))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(DaySlotsResponse {
        room,
        date: slots.date,
        quanta: slots.quanta,
        slots: slots
            .slots
            .iter()
            .map(|s| SlotDto::from_core(s, |t| local(t, tz)))
            .collect(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthQuery {
    /// Room id.
    room: String,
    /// YYYY-MM
    #[param(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
    month: String,
    /// Minutes: a positive multiple of 15, at most 14 days.
    #[param(minimum = 15, maximum = 20160, multiple_of = 15)]
    duration: u32,
}

/// Per date of the month: does an available start for the duration remain?
#[utoipa::path(get, path = "/v1/availability/month", tag = "availability", security(("bearer" = [])), params(MonthQuery),
    responses((status = 200, body = MonthAvailabilityResponse),
        (status = 422, description = "`unknown_room`, or `invalid`: a duration or month the calendar cannot use", body = ErrorBody)))]
pub async fn month(
    Extension(app): Extension<AppState>,
    ApiQuery(q): ApiQuery<MonthQuery>,
) -> Result<Json<MonthAvailabilityResponse>, ApiError> {
    crate::extract::capped_query("room", Some(&q.room), frontdesk_protocol::limits::ID_MAX)?;
    let tz = app.tz();
    let (year, month) = parse_month(&q.month)
        .ok_or_else(|| ApiError::invalid(format!("\"{}\" is not a month: use YYYY-MM", q.month)))?;
    let room = q.room.clone();
    let days = app
        .run(move |s, now| s.month_availability(&q.room, year, month, q.duration, now))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(MonthAvailabilityResponse {
        room,
        month: format!("{year:04}-{month:02}"),
        duration: q.duration,
        days: days.into_iter().collect(),
    }))
}

fn parse_month(text: &str) -> Option<(i32, u32)> {
    let (y, m) = text.split_once('-')?;
    let (year, month) = (y.parse().ok()?, m.parse().ok()?);
    (y.len() == 4 && m.len() == 2 && NaiveDate::from_ymd_opt(year, month, 1).is_some())
        .then_some((year, month))
}
