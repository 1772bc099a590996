//! Start times, month view and the day board.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use frontdesk_protocol::DaySlotsResponse;
use uuid::Uuid;

use super::CommandError;
use crate::desk::{DayBoard, Desk};

/// Start times of a room's date for a duration, available or reserved, in time order.
#[tauri::command]
pub async fn day_slots(
    desk: tauri::State<'_, Desk>,
    room: String,
    date: NaiveDate,
    duration: u32,
    session: Option<Uuid>,
) -> Result<DaySlotsResponse, CommandError> {
    Ok(desk.day_slots(&room, date, duration, session).await?)
}

/// Per date of a month: does a start for the duration remain?
#[tauri::command]
pub async fn month_availability(
    desk: tauri::State<'_, Desk>,
    room: String,
    year: i32,
    month: u32,
    duration: u32,
) -> Result<BTreeMap<NaiveDate, bool>, CommandError> {
    Ok(desk
        .month(&room, year, month, duration)
        .await?
        .into_iter()
        .collect())
}

/// Every room's bookings and other desks' holds on a date.
#[tauri::command]
pub async fn day_board(
    desk: tauri::State<'_, Desk>,
    date: NaiveDate,
) -> Result<DayBoard, CommandError> {
    Ok(desk.day_board(date).await?)
}
