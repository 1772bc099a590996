//! Presence holds of booking sessions.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

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
