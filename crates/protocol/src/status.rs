//! Room status for many rooms in one request.

use std::collections::BTreeMap;

use crate::BookingDto;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

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
