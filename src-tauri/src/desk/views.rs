//! What the UI is shown: bookings with the desk's own states (pending, conflict), the day
//! board and room cards. Their TypeScript twins are generated (see `crate::bindings`).

use chrono::{DateTime, FixedOffset, NaiveDate};
use frontdesk_protocol::{in_zone, BookingDto, BookingStatusDto, CustomerDto};
use frontdesk_store::{BookingRecord, BookingStatus};
use serde::Serialize;
use uuid::Uuid;

use super::Desk;

/// A booking's state as this desk knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum BookingState {
    /// Confirmed by the server, or booked here with no server.
    Confirmed,
    /// Booked here while offline: waits to sync.
    Pending,
    Cancelled,
    /// Refused by the server: staff move or cancel it.
    Conflict,
}

impl From<BookingStatus> for BookingState {
    fn from(s: BookingStatus) -> Self {
        match s {
            BookingStatus::Confirmed => BookingState::Confirmed,
            BookingStatus::Pending => BookingState::Pending,
            BookingStatus::Cancelled => BookingState::Cancelled,
            BookingStatus::Conflict => BookingState::Conflict,
        }
    }
}

impl From<BookingStatusDto> for BookingState {
    fn from(s: BookingStatusDto) -> Self {
        match s {
            BookingStatusDto::Confirmed => BookingState::Confirmed,
            BookingStatusDto::Cancelled => BookingState::Cancelled,
        }
    }
}

/// A booking as the desk shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "Booking"))]
#[serde(rename_all = "camelCase")]
pub struct BookingView {
    pub id: Uuid,
    pub room: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub customer: CustomerDto,
    pub note: Option<String>,
    pub status: BookingState,
    /// Why a booking is in conflict or was cancelled.
    pub reason: Option<String>,
    pub desk: String,
    /// The price it was made at, in minor units of the studio's currency.
    pub price: Option<u64>,
    /// Raised by every change: a change names the version it was made to.
    pub version: i64,
    /// When the customer arrived.
    pub checked_in_at: Option<DateTime<FixedOffset>>,
    /// The customer did not come.
    pub no_show: bool,
    /// What was paid.
    pub payment: frontdesk_protocol::PaymentDto,
    /// The recurring series it is an occurrence of.
    pub series: Option<Uuid>,
    /// The customer record it belongs to.
    pub customer_id: Option<Uuid>,
    /// The fee a late cancellation or a no-show left owed, and its waiver.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub fee: Option<frontdesk_protocol::FeeDto>,
    /// Made online, waiting for staff to approve it (or decline it: cancel).
    pub awaiting_approval: bool,
    /// The deposit it asks for, minor units (none: `None`).
    pub deposit: Option<u64>,
}

/// The price of a span before it is booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// Minor units of `currency` (cents).
    pub price: u64,
    /// ISO 4217, e.g. `EUR`.
    pub currency: String,
}

/// A hold of another desk on the day board ("Reserved").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BoardHold {
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub desk: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BoardRoom {
    pub id: String,
    pub name: String,
    pub bookings: Vec<BookingView>,
    pub holds: Vec<BoardHold>,
    /// Quanta of the date inside opening hours, as `[from, to)` runs.
    pub open: Vec<(u32, u32)>,
}

/// Every room's bookings and other desks' holds on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DayBoard {
    pub date: NaiveDate,
    /// The first instant of the date (local midnight, or later on a DST jump).
    pub start: DateTime<FixedOffset>,
    /// The date's number of 15-minute quanta (92, 96 or 100).
    pub quanta: u32,
    pub rooms: Vec<BoardRoom>,
}

/// A room's current and next bookings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "RoomStatus"))]
#[serde(rename_all = "camelCase")]
pub struct RoomStatusView {
    pub current: Option<BookingView>,
    pub next: Vec<BookingView>,
    pub held: bool,
}

impl Desk {
    /// A booking of this desk's file, as shown.
    pub fn view(&self, b: &BookingRecord) -> BookingView {
        let tz = self.tz();
        BookingView {
            id: b.id,
            room: b.room.to_string(),
            start: in_zone(b.span.start(), tz),
            end: in_zone(b.span.end(), tz),
            customer: b.customer.clone().into(),
            note: b.note.clone(),
            status: b.status.into(),
            reason: b.status_reason.clone(),
            desk: b.desk.clone(),
            price: b.price,
            version: b.version,
            checked_in_at: b.checked_in_at.map(|t| in_zone(t, tz)),
            no_show: b.no_show,
            payment: b.payment.clone(),
            series: b.series,
            customer_id: b.customer_id,
            fee: b.fee.as_ref().and_then(|f| f.to_dto(tz)),
            awaiting_approval: b.awaiting_approval,
            deposit: b.deposit,
        }
    }
}

/// A booking of the server's answer, shown without storing it.
pub fn view_of_dto(dto: &BookingDto) -> BookingView {
    BookingView {
        id: dto.id,
        room: dto.room.clone(),
        start: dto.start,
        end: dto.end,
        customer: dto.customer.clone(),
        note: dto.note.clone(),
        status: dto.status.into(),
        reason: None,
        desk: dto.desk.clone(),
        price: dto.price,
        version: dto.version,
        checked_in_at: dto.checked_in_at,
        no_show: dto.no_show,
        payment: dto.payment.clone(),
        series: dto.series,
        customer_id: dto.customer_id,
        fee: dto.fee.clone(),
        awaiting_approval: dto.awaiting_approval,
        deposit: dto.deposit,
    }
}
