//! Creating, cancelling and finding bookings.

use frontdesk_protocol::CreateBookingRequest;
use uuid::Uuid;

use super::CommandError;
use crate::desk::views::Quote;
use crate::desk::{BookingView, Desk, DeskError};

/// Books: confirmed by the server when online, pending (queued) when offline.
#[tauri::command]
pub async fn create_booking(
    desk: tauri::State<'_, Desk>,
    request: CreateBookingRequest,
) -> Result<BookingView, CommandError> {
    Ok(desk.create_booking(request).await?)
}

/// Cancels a booking (a conflict is simply dropped: the server never had it).
#[tauri::command]
pub async fn cancel_booking(
    desk: tauri::State<'_, Desk>,
    id: Uuid,
    reason: Option<String>,
) -> Result<BookingView, CommandError> {
    Ok(desk.cancel_booking(id, reason).await?)
}

/// Changes a booking: a new span (move, extend, shorten, finish early), the customer's
/// details, a check-in or a no-show.
#[tauri::command]
pub async fn change_booking(
    desk: tauri::State<'_, Desk>,
    id: Uuid,
    change: frontdesk_protocol::BookingChange,
) -> Result<BookingView, CommandError> {
    Ok(desk.change_booking(id, change).await?)
}

/// What a span of a room costs at the studio's rates now (shown before confirming).
#[tauri::command]
pub fn quote(
    desk: tauri::State<'_, Desk>,
    room: String,
    start: chrono::DateTime<chrono::FixedOffset>,
    end: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Quote, CommandError> {
    Ok(desk.quote(&room, start.to_utc(), end.to_utc())?)
}

/// The fee cancelling a booking (`cancel`) or marking it a no-show (`noShow`) would record
/// now, computed from the studio's terms: shown before staff confirm.
#[tauri::command]
pub fn fee_preview(
    desk: tauri::State<'_, Desk>,
    id: Uuid,
    kind: frontdesk_protocol::FeeKind,
) -> Result<frontdesk_protocol::FeePreview, CommandError> {
    Ok(desk.fee_preview(id, kind)?)
}

#[tauri::command]
pub fn get_booking(desk: tauri::State<'_, Desk>, id: Uuid) -> Result<BookingView, CommandError> {
    Ok(desk.booking(id)?)
}

/// Bookings by customer name (part of it), or all bookings of a date.
#[tauri::command]
pub fn find_bookings(
    desk: tauri::State<'_, Desk>,
    name: Option<String>,
    date: Option<chrono::NaiveDate>,
) -> Result<Vec<BookingView>, CommandError> {
    match (name, date) {
        (Some(name), _) if !name.trim().is_empty() => Ok(desk.find_bookings(&name)?),
        (_, Some(date)) => Ok(desk.bookings_on(date)?),
        _ => Err(DeskError::invalid("give a name or a date to search for").into()),
    }
}

/// The messages a booking sent its customer and what became of each (from the server; a
/// standalone desk sends none).
#[tauri::command]
pub async fn booking_messages(
    desk: tauri::State<'_, Desk>,
    id: Uuid,
) -> Result<crate::desk::messages::MessagesView, CommandError> {
    Ok(desk.booking_messages(id).await?)
}
