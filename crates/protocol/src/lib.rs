//! Wire types of the Frontdesk central server's HTTP contract v1 (`shared/api.md`).
//!
//! Shared by the server and the desk. JSON field names are camelCase; instants are RFC 3339
//! with offset ([`Instant`]); dates are the studio's local dates; durations are minutes.
//! Optional request fields may be left out; unknown fields are accepted and ignored, so a
//! newer peer can add fields without breaking an older one.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The version segment of every path: `/v1/...`.
pub const API_VERSION: &str = "v1";

/// An instant on the wire: RFC 3339 with the studio's offset, e.g. `2026-03-29T10:00:00+02:00`.
pub type Instant = DateTime<FixedOffset>;

mod convert;
mod error_code;
pub use convert::{in_zone, WireSpanError};
pub use error_code::ErrorCode;

// ---------------------------------------------------------------------------------------
// Health and studio
// ---------------------------------------------------------------------------------------

/// `GET /v1/health`: `{"status": "ok", "version": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Health {
    pub status: String,
    pub version: String,
}

/// `GET /v1/studio`: the studio's name, timezone, hold ttl and rooms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StudioInfo {
    pub name: String,
    /// IANA timezone name, e.g. `Europe/Berlin`.
    pub timezone: String,
    /// Always 15.
    pub quantum_minutes: u32,
    pub hold_ttl_seconds: u64,
    pub rooms: Vec<RoomInfo>,
}

impl StudioInfo {
    /// The wire view of a studio (what `GET /v1/studio` answers).
    pub fn from_studio(studio: &frontdesk_core::Studio) -> StudioInfo {
        StudioInfo {
            name: studio.name.clone(),
            timezone: studio.calendar.timezone().name().to_owned(),
            quantum_minutes: frontdesk_core::QUANTUM_MINUTES as u32,
            hold_ttl_seconds: studio.hold_ttl.num_seconds().unsigned_abs(),
            rooms: studio
                .rooms
                .iter()
                .map(|r| RoomInfo {
                    id: r.id.to_string(),
                    name: r.name.clone(),
                    durations: r.durations.clone(),
                    interval: r.interval,
                })
                .collect(),
        }
    }
}

/// One bookable room in [`StudioInfo`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RoomInfo {
    pub id: String,
    pub name: String,
    /// Minutes a customer can pick.
    pub durations: Vec<u32>,
    /// Start-time grid, minutes.
    pub interval: u32,
}

// ---------------------------------------------------------------------------------------
// Availability
// ---------------------------------------------------------------------------------------

/// `GET /v1/availability/day`: the offered starts of one date, in time order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DaySlotsResponse {
    pub room: String,
    pub date: NaiveDate,
    /// The date's number of quanta (92/96/100).
    pub quanta: u32,
    pub slots: Vec<SlotDto>,
}

/// One offered start `[start, end)` and whether someone else is holding part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SlotDto {
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub status: SlotStatusDto,
}

impl SlotDto {
    /// Converts a core slot, rendering its instants with `offset_of` (the studio's offset).
    pub fn from_core(
        slot: &frontdesk_core::Slot,
        offset_of: impl Fn(DateTime<Utc>) -> Instant,
    ) -> SlotDto {
        SlotDto {
            start: offset_of(slot.start),
            end: offset_of(slot.end),
            status: slot.status.into(),
        }
    }
}

/// Status of a slot: `"available"` or `"reserved"` (only other sessions' holds block it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum SlotStatusDto {
    Available,
    Reserved,
}

impl From<frontdesk_core::SlotStatus> for SlotStatusDto {
    fn from(s: frontdesk_core::SlotStatus) -> Self {
        match s {
            frontdesk_core::SlotStatus::Available => SlotStatusDto::Available,
            frontdesk_core::SlotStatus::Reserved => SlotStatusDto::Reserved,
        }
    }
}

impl From<SlotStatusDto> for frontdesk_core::SlotStatus {
    fn from(s: SlotStatusDto) -> Self {
        match s {
            SlotStatusDto::Available => frontdesk_core::SlotStatus::Available,
            SlotStatusDto::Reserved => frontdesk_core::SlotStatus::Reserved,
        }
    }
}

/// `GET /v1/availability/month`: per date, whether at least one start is available.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MonthAvailabilityResponse {
    pub room: String,
    /// `YYYY-MM`.
    pub month: String,
    /// Minutes.
    pub duration: u32,
    pub days: BTreeMap<NaiveDate, bool>,
}

// ---------------------------------------------------------------------------------------
// Holds
// ---------------------------------------------------------------------------------------

/// A span `[start, end)` of one room that a session holds or wants to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HoldSpan {
    pub room: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
}

/// `PUT /v1/holds/{session}` body: the session's holds become exactly these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SetHoldsRequest {
    pub holds: Vec<HoldSpan>,
}

/// `PUT /v1/holds/{session}` 200 answer: the session's holds and when they expire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SetHoldsResponse {
    pub session: Uuid,
    pub expires_at: DateTime<FixedOffset>,
    pub holds: Vec<HoldSpan>,
}

/// An unexpired hold as listed by `GET /v1/holds`: which desk holds it, until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HoldInfo {
    pub room: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub desk: String,
    pub expires_at: DateTime<FixedOffset>,
}

/// `GET /v1/holds?room=&date=`: unexpired holds touching that date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HoldsResponse {
    pub holds: Vec<HoldInfo>,
}

// ---------------------------------------------------------------------------------------
// Bookings
// ---------------------------------------------------------------------------------------

/// The customer of a booking; `phone` and `email` are optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CustomerDto {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub email: Option<String>,
}

impl From<frontdesk_core::Customer> for CustomerDto {
    fn from(c: frontdesk_core::Customer) -> Self {
        CustomerDto {
            name: c.name,
            phone: c.phone,
            email: c.email,
        }
    }
}

impl From<CustomerDto> for frontdesk_core::Customer {
    fn from(c: CustomerDto) -> Self {
        frontdesk_core::Customer {
            name: c.name,
            phone: c.phone,
            email: c.email,
        }
    }
}

/// `POST /v1/bookings` body (also the `booking` of a `createBooking` mutation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CreateBookingRequest {
    /// Chosen by the client; the same id with the same content is idempotent.
    pub id: Uuid,
    pub room: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub customer: CustomerDto,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub note: Option<String>,
    /// The booking session whose holds are released on success.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub session: Option<Uuid>,
}

/// A stored booking as the server answers it; `note` is `null` when absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BookingDto {
    pub id: Uuid,
    pub room: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub customer: CustomerDto,
    #[serde(default)]
    pub note: Option<String>,
    pub status: BookingStatusDto,
    /// The desk that created it.
    pub desk: String,
    pub created_at: DateTime<FixedOffset>,
    /// Its latest sequence number in the server's change log.
    pub seq: i64,
}

/// Status of a booking: `"confirmed"` or `"cancelled"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum BookingStatusDto {
    Confirmed,
    Cancelled,
}

/// `GET /v1/bookings`: confirmed bookings overlapping the range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BookingsResponse {
    pub bookings: Vec<BookingDto>,
}

/// `POST /v1/bookings/{id}/cancel` body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CancelRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub reason: Option<String>,
}

// ---------------------------------------------------------------------------------------
// Room status
// ---------------------------------------------------------------------------------------

/// `POST /v1/rooms/status` body: the rooms to report on, at `at` (default: now).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RoomsStatusRequest {
    pub rooms: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub at: Option<DateTime<FixedOffset>>,
}

/// One room's status: the current booking (or `null`), up to 3 next within 24 h, whether held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RoomStatusDto {
    #[serde(default)]
    pub current: Option<BookingDto>,
    pub next: Vec<BookingDto>,
    pub held: bool,
}

/// `POST /v1/rooms/status` answer, keyed by room id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RoomsStatusResponse {
    pub rooms: BTreeMap<String, RoomStatusDto>,
}

// ---------------------------------------------------------------------------------------
// Sync
// ---------------------------------------------------------------------------------------

/// One queued write of a desk: `{"id": UUID, "kind": …, …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Mutation {
    /// The mutation's own id; replaying it answers `duplicate`.
    pub id: Uuid,
    #[serde(flatten)]
    pub op: MutationOp,
}

/// What a [`Mutation`] does, tagged by `kind`: `createBooking` or `cancelBooking`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum MutationOp {
    /// Create a booking, as `POST /v1/bookings` would.
    CreateBooking { booking: CreateBookingRequest },
    /// Cancel a booking, as `POST /v1/bookings/{id}/cancel` would.
    CancelBooking {
        booking_id: Uuid,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        reason: Option<String>,
    },
}

/// `POST /v1/sync/push` body: mutations in outbox order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PushRequest {
    pub mutations: Vec<Mutation>,
}

/// The outcome of one pushed mutation; absent optional fields are left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PushResult {
    /// The mutation's id.
    pub id: Uuid,
    pub status: PushStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub booking: Option<BookingDto>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub conflicts: Option<Vec<ConflictDto>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub message: Option<String>,
}

/// Outcome of a pushed mutation: `"applied"`, `"duplicate"`, `"conflict"` or `"invalid"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum PushStatus {
    Applied,
    Duplicate,
    Conflict,
    Invalid,
}

/// `POST /v1/sync/push` answer: one result per mutation, in the same order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PushResponse {
    pub results: Vec<PushResult>,
}

/// One entry of the change log: a booking as it is after change `seq`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub seq: i64,
    pub booking: BookingDto,
}

/// `GET /v1/sync/pull?since=` answer: changes oldest first, the next cursor, whether more wait.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PullResponse {
    pub changes: Vec<Change>,
    pub cursor: i64,
    pub more: bool,
}

// ---------------------------------------------------------------------------------------
// Conflicts and errors
// ---------------------------------------------------------------------------------------

/// A run `[start, end)` of a room that blocks a hold or booking, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ConflictDto {
    pub room: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub reason: ConflictReasonDto,
}

impl ConflictDto {
    /// Converts a core conflict, rendering its instants with `offset_of` (the studio's offset).
    pub fn from_core(
        c: &frontdesk_core::Conflict,
        offset_of: impl Fn(DateTime<Utc>) -> Instant,
    ) -> ConflictDto {
        ConflictDto {
            room: c.room.as_str().to_owned(),
            start: offset_of(c.start),
            end: offset_of(c.end),
            reason: c.reason.into(),
        }
    }
}

/// Why a span conflicts: `"booked"` or `"held"` (by another session).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ConflictReasonDto {
    Booked,
    Held,
}

impl From<frontdesk_core::ConflictReason> for ConflictReasonDto {
    fn from(r: frontdesk_core::ConflictReason) -> Self {
        match r {
            frontdesk_core::ConflictReason::Booked => ConflictReasonDto::Booked,
            frontdesk_core::ConflictReason::Held => ConflictReasonDto::Held,
        }
    }
}

impl From<ConflictReasonDto> for frontdesk_core::ConflictReason {
    fn from(r: ConflictReasonDto) -> Self {
        match r {
            ConflictReasonDto::Booked => frontdesk_core::ConflictReason::Booked,
            ConflictReasonDto::Held => frontdesk_core::ConflictReason::Held,
        }
    }
}

/// Every error answer: `{"error": code, "message": words, "conflicts"?, "unknown"?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    /// What went wrong, for a program to branch on.
    pub error: ErrorCode,
    /// Plain words a person can act on.
    pub message: String,
    /// With `conflict`: what blocks and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub conflicts: Option<Vec<ConflictDto>>,
    /// Unknown ids named by a 422 (e.g. rooms of `/v1/rooms/status`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub unknown: Option<Vec<String>>,
}

impl ErrorBody {
    /// An error with just a code and a message.
    pub fn new(error: ErrorCode, message: impl Into<String>) -> ErrorBody {
        ErrorBody {
            error,
            message: message.into(),
            conflicts: None,
            unknown: None,
        }
    }

    /// A `conflict` error listing what blocks.
    pub fn conflict(message: impl Into<String>, conflicts: Vec<ConflictDto>) -> ErrorBody {
        ErrorBody {
            conflicts: Some(conflicts),
            ..ErrorBody::new(ErrorCode::Conflict, message)
        }
    }
}

// ---------------------------------------------------------------------------------------
// Server-sent events (`GET /v1/events`)
// ---------------------------------------------------------------------------------------

/// `event: change` payload: a write was accepted with this sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ChangeEvent {
    pub seq: i64,
}

/// `event: holds` payload: holds on `room` changed on these local dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HoldsEvent {
    pub room: String,
    pub dates: Vec<NaiveDate>,
}

/// The SSE `event:` names of `GET /v1/events`.
pub mod events {
    /// Name of the event carrying a [`ChangeEvent`](crate::ChangeEvent).
    pub const CHANGE: &str = "change";
    /// Name of the event carrying a [`HoldsEvent`](crate::HoldsEvent).
    pub const HOLDS: &str = "holds";
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde::de::DeserializeOwned;
    use serde_json::{json, Value};

    /// Parses `text` as `T`, checks that it serializes back to the same JSON, returns it.
    fn round_trip<T: Serialize + DeserializeOwned>(text: &str) -> T {
        let expected: Value = serde_json::from_str(text).unwrap();
        let parsed: T = serde_json::from_str(text).unwrap();
        let back = serde_json::to_value(&parsed).unwrap();
        assert_eq!(back, expected, "round trip of {text}");
        parsed
    }

    fn at(s: &str) -> Instant {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn uuid(s: &str) -> Uuid {
        s.parse().unwrap()
    }

    const BOOKING: &str = r#"{
        "id": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11",
        "room": "studio-a",
        "start": "2026-03-29T10:00:00+02:00",
        "end": "2026-03-29T12:00:00+02:00",
        "customer": {"name": "Ada Lovelace", "phone": "+49 30 1234567"},
        "note": null,
        "status": "confirmed",
        "desk": "reception",
        "createdAt": "2026-03-20T09:15:00+01:00",
        "seq": 42
    }"#;

    #[test]
    fn health_and_studio() {
        let h: Health = round_trip(r#"{"status": "ok", "version": "0.1.0"}"#);
        assert_eq!(h.status, "ok");
        let s: StudioInfo = round_trip(
            r#"{"name": "Klangraum Studios", "timezone": "Europe/Berlin", "quantumMinutes": 15,
                "holdTtlSeconds": 10,
                "rooms": [{"id": "studio-a", "name": "Studio A", "durations": [60, 120, 300],
                           "interval": 60}]}"#,
        );
        assert_eq!(s.quantum_minutes, 15);
        assert_eq!(s.hold_ttl_seconds, 10);
        assert_eq!(s.rooms[0].durations, vec![60, 120, 300]);
    }

    #[test]
    fn day_and_month_availability() {
        let d: DaySlotsResponse = round_trip(
            r#"{"room": "studio-a", "date": "2026-03-29", "quanta": 92, "slots": [
                {"start": "2026-03-29T08:00:00+02:00", "end": "2026-03-29T09:00:00+02:00",
                 "status": "available"},
                {"start": "2026-03-29T09:00:00+02:00", "end": "2026-03-29T10:00:00+02:00",
                 "status": "reserved"}]}"#,
        );
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2026, 3, 29).unwrap());
        assert_eq!(d.quanta, 92);
        assert_eq!(d.slots[0].status, SlotStatusDto::Available);
        assert_eq!(d.slots[1].status, SlotStatusDto::Reserved);
        assert_eq!(d.slots[1].start, at("2026-03-29T07:00:00Z"));

        let m: MonthAvailabilityResponse = round_trip(
            r#"{"room": "studio-a", "month": "2026-03", "duration": 120,
                "days": {"2026-03-01": true, "2026-03-02": false}}"#,
        );
        assert_eq!(
            m.days.get(&NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()),
            Some(&false)
        );
        assert_eq!(m.duration, 120);
    }

    #[test]
    fn holds() {
        let req: SetHoldsRequest = round_trip(
            r#"{"holds": [{"room": "studio-a", "start": "2026-03-29T10:00:00+02:00",
                           "end": "2026-03-29T12:00:00+02:00"}]}"#,
        );
        assert_eq!(req.holds[0].room, "studio-a");
        let resp: SetHoldsResponse = round_trip(
            r#"{"session": "0b6f0e0c-3d0a-4c4e-8f37-4d5d8a0e9c21",
                "expiresAt": "2026-03-29T09:30:10+02:00",
                "holds": [{"room": "studio-a", "start": "2026-03-29T10:00:00+02:00",
                           "end": "2026-03-29T12:00:00+02:00"}]}"#,
        );
        assert_eq!(resp.session, uuid("0b6f0e0c-3d0a-4c4e-8f37-4d5d8a0e9c21"));
        let list: HoldsResponse = round_trip(
            r#"{"holds": [{"room": "studio-a", "start": "2026-03-29T10:00:00+02:00",
                           "end": "2026-03-29T12:00:00+02:00", "desk": "reception",
                           "expiresAt": "2026-03-29T09:30:10+02:00"}]}"#,
        );
        assert_eq!(list.holds[0].desk, "reception");
    }

    #[test]
    fn create_booking_with_and_without_optionals() {
        let full: CreateBookingRequest = round_trip(
            r#"{"id": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11", "room": "studio-a",
                "start": "2026-03-29T10:00:00+02:00", "end": "2026-03-29T12:00:00+02:00",
                "customer": {"name": "Ada", "phone": "+49 30 1", "email": "ada@example.org"},
                "note": "bring a DI box", "session": "0b6f0e0c-3d0a-4c4e-8f37-4d5d8a0e9c21"}"#,
        );
        assert_eq!(full.note.as_deref(), Some("bring a DI box"));
        assert!(full.session.is_some());
        let bare: CreateBookingRequest = round_trip(
            r#"{"id": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11", "room": "studio-a",
                "start": "2026-03-29T10:00:00+02:00", "end": "2026-03-29T12:00:00+02:00",
                "customer": {"name": "Ada"}}"#,
        );
        assert_eq!(bare.note, None);
        assert_eq!(bare.customer.email, None);
    }

    #[test]
    fn booking_with_null_note() {
        let b: BookingDto = round_trip(BOOKING);
        assert_eq!(b.note, None);
        assert_eq!(b.status, BookingStatusDto::Confirmed);
        assert_eq!(b.seq, 42);
        assert_eq!(b.created_at.offset().local_minus_utc(), 3600);
        // `note` is written as null, not left out.
        let v = serde_json::to_value(&b).unwrap();
        assert_eq!(v.get("note"), Some(&Value::Null));
        // A missing note reads as None too.
        let mut without = v.clone();
        without.as_object_mut().unwrap().remove("note");
        let b2: BookingDto = serde_json::from_value(without).unwrap();
        assert_eq!(b2, b);

        let cancelled = BOOKING.replace("\"confirmed\"", "\"cancelled\"");
        let c: BookingDto = round_trip(&cancelled);
        assert_eq!(c.status, BookingStatusDto::Cancelled);
        let list: BookingsResponse = round_trip(&format!(r#"{{"bookings": [{BOOKING}]}}"#));
        assert_eq!(list.bookings.len(), 1);
    }

    #[test]
    fn cancel_and_room_status() {
        let r: CancelRequest = round_trip(r#"{"reason": "band split up"}"#);
        assert_eq!(r.reason.as_deref(), Some("band split up"));
        let empty: CancelRequest = round_trip("{}");
        assert_eq!(empty, CancelRequest::default());

        let req: RoomsStatusRequest =
            round_trip(r#"{"rooms": ["studio-a", "studio-b"], "at": "2026-03-29T10:30:00+02:00"}"#);
        assert_eq!(req.rooms.len(), 2);
        let now: RoomsStatusRequest = round_trip(r#"{"rooms": ["studio-a"]}"#);
        assert_eq!(now.at, None);

        let resp: RoomsStatusResponse = round_trip(&format!(
            r#"{{"rooms": {{"studio-a": {{"current": {BOOKING}, "next": [], "held": false}},
                          "studio-b": {{"current": null, "next": [{BOOKING}], "held": true}}}}}}"#
        ));
        assert!(resp.rooms["studio-a"].current.is_some());
        assert!(resp.rooms["studio-b"].current.is_none());
        assert!(resp.rooms["studio-b"].held);
    }

    #[test]
    fn kind_tagged_mutations() {
        let push: PushRequest = round_trip(
            r#"{"mutations": [
                {"id": "11111111-1111-4111-8111-111111111111", "kind": "createBooking",
                 "booking": {"id": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11", "room": "studio-a",
                             "start": "2026-03-29T10:00:00+02:00",
                             "end": "2026-03-29T12:00:00+02:00", "customer": {"name": "Ada"}}},
                {"id": "22222222-2222-4222-8222-222222222222", "kind": "cancelBooking",
                 "bookingId": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11", "reason": "ill"},
                {"id": "33333333-3333-4333-8333-333333333333", "kind": "cancelBooking",
                 "bookingId": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11"}]}"#,
        );
        let m = &push.mutations;
        assert_eq!(m[0].id, uuid("11111111-1111-4111-8111-111111111111"));
        match &m[0].op {
            MutationOp::CreateBooking { booking } => assert_eq!(booking.room, "studio-a"),
            other => panic!("expected createBooking, got {other:?}"),
        }
        assert_eq!(
            m[1].op,
            MutationOp::CancelBooking {
                booking_id: uuid("6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11"),
                reason: Some("ill".into()),
            }
        );
        assert!(matches!(
            m[2].op,
            MutationOp::CancelBooking { reason: None, .. }
        ));

        // Serialized form carries `kind` next to `id`, camelCase.
        let v = serde_json::to_value(&m[1]).unwrap();
        assert_eq!(
            v,
            json!({"id": "22222222-2222-4222-8222-222222222222", "kind": "cancelBooking",
                   "bookingId": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11", "reason": "ill"})
        );
        // Unknown kinds are rejected.
        assert!(serde_json::from_str::<Mutation>(
            r#"{"id": "22222222-2222-4222-8222-222222222222", "kind": "moveBooking"}"#
        )
        .is_err());
    }

    #[test]
    fn push_results() {
        let resp: PushResponse = round_trip(&format!(
            r#"{{"results": [
                {{"id": "11111111-1111-4111-8111-111111111111", "status": "applied",
                  "booking": {BOOKING}}},
                {{"id": "22222222-2222-4222-8222-222222222222", "status": "duplicate"}},
                {{"id": "33333333-3333-4333-8333-333333333333", "status": "conflict",
                  "conflicts": [{{"room": "studio-a", "start": "2026-03-29T10:00:00+02:00",
                                  "end": "2026-03-29T11:00:00+02:00", "reason": "booked"}}],
                  "message": "Studio A is booked 10:00–11:00"}},
                {{"id": "44444444-4444-4444-8444-444444444444", "status": "invalid",
                  "message": "the customer's name is missing"}}]}}"#
        ));
        let s: Vec<PushStatus> = resp.results.iter().map(|r| r.status).collect();
        assert_eq!(
            s,
            [
                PushStatus::Applied,
                PushStatus::Duplicate,
                PushStatus::Conflict,
                PushStatus::Invalid
            ]
        );
        assert_eq!(
            resp.results[2].conflicts.as_ref().unwrap()[0].reason,
            ConflictReasonDto::Booked
        );
    }

    #[test]
    fn push_result_without_optionals_leaves_them_out() {
        let r = PushResult {
            id: uuid("22222222-2222-4222-8222-222222222222"),
            status: PushStatus::Duplicate,
            booking: None,
            conflicts: None,
            message: None,
        };
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(
            text,
            r#"{"id":"22222222-2222-4222-8222-222222222222","status":"duplicate"}"#
        );
    }

    #[test]
    fn pull() {
        let p: PullResponse = round_trip(&format!(
            r#"{{"changes": [{{"seq": 42, "booking": {BOOKING}}}], "cursor": 42, "more": false}}"#
        ));
        assert_eq!(p.changes[0].seq, 42);
        assert_eq!(p.cursor, 42);
        assert!(!p.more);
    }

    #[test]
    fn error_bodies() {
        let e: ErrorBody = round_trip(
            r#"{"error": "conflict", "message": "Studio A is held by another desk",
                "conflicts": [{"room": "studio-a", "start": "2026-03-29T10:00:00+02:00",
                               "end": "2026-03-29T10:15:00+02:00", "reason": "held"}]}"#,
        );
        assert_eq!(e.error, ErrorCode::Conflict);
        assert_eq!(
            e.conflicts.as_ref().unwrap()[0].reason,
            ConflictReasonDto::Held
        );
        let reused: ErrorBody = round_trip(
            r#"{"error": "id_reused", "message": "that id belongs to another booking"}"#,
        );
        assert_eq!(reused.error, ErrorCode::IdReused);
        assert_eq!(
            reused,
            ErrorBody::new(ErrorCode::IdReused, "that id belongs to another booking")
        );
        let unknown: ErrorBody = round_trip(
            r#"{"error": "unknown_room", "message": "no room studio-z", "unknown": ["studio-z"]}"#,
        );
        assert_eq!(unknown.error, ErrorCode::UnknownRoom);
        assert_eq!(unknown.unknown, Some(vec!["studio-z".to_owned()]));
        assert_eq!(
            serde_json::to_value(ErrorBody::conflict("busy", vec![])).unwrap(),
            json!({"error": "conflict", "message": "busy", "conflicts": []})
        );
    }

    #[test]
    fn events() {
        let c: ChangeEvent = round_trip(r#"{"seq": 43}"#);
        assert_eq!(c.seq, 43);
        let h: HoldsEvent =
            round_trip(r#"{"room": "studio-a", "dates": ["2026-03-29", "2026-03-30"]}"#);
        assert_eq!(h.dates.len(), 2);
    }

    #[test]
    fn unknown_fields_are_accepted() {
        let h: Health =
            serde_json::from_str(r#"{"status": "ok", "version": "1", "uptime": 3}"#).unwrap();
        assert_eq!(h.status, "ok");
        let m: Mutation = serde_json::from_str(
            r#"{"id": "22222222-2222-4222-8222-222222222222", "kind": "cancelBooking",
                "bookingId": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11", "origin": "desk-2"}"#,
        )
        .unwrap();
        assert!(matches!(m.op, MutationOp::CancelBooking { .. }));
    }

    #[test]
    fn core_conversions() {
        use frontdesk_core::{Conflict, ConflictReason, RoomId, SlotStatus};
        assert_eq!(
            SlotStatusDto::from(SlotStatus::Reserved),
            SlotStatusDto::Reserved
        );
        assert_eq!(
            SlotStatus::from(SlotStatusDto::Available),
            SlotStatus::Available
        );
        assert_eq!(
            ConflictReasonDto::from(ConflictReason::Held),
            ConflictReasonDto::Held
        );
        assert_eq!(
            ConflictReason::from(ConflictReasonDto::Booked),
            ConflictReason::Booked
        );

        let plus2 = FixedOffset::east_opt(2 * 3600).unwrap();
        let c = Conflict {
            room: RoomId::new("studio-a").unwrap(),
            start: Utc.with_ymd_and_hms(2026, 3, 29, 8, 0, 0).unwrap(),
            end: Utc.with_ymd_and_hms(2026, 3, 29, 9, 0, 0).unwrap(),
            reason: ConflictReason::Booked,
        };
        let dto = ConflictDto::from_core(&c, |t| t.with_timezone(&plus2));
        assert_eq!(
            serde_json::to_value(&dto).unwrap(),
            json!({"room": "studio-a", "start": "2026-03-29T10:00:00+02:00",
                   "end": "2026-03-29T11:00:00+02:00", "reason": "booked"})
        );

        let slot = frontdesk_core::Slot {
            start: c.start,
            end: c.end,
            status: SlotStatus::Reserved,
        };
        let s = SlotDto::from_core(&slot, |t| t.with_timezone(&plus2));
        assert_eq!(s.start.to_rfc3339(), "2026-03-29T10:00:00+02:00");
        assert_eq!(s.status, SlotStatusDto::Reserved);
    }
}
