//! The event stream (`GET /v1/events`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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

/// `event: studio` payload: the studio changed; this is its version now (added after v1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StudioEvent {
    pub version: i64,
}

/// The SSE `event:` names of `GET /v1/events`.
pub mod events {
    /// Name of the event carrying a [`ChangeEvent`](crate::ChangeEvent).
    pub const CHANGE: &str = "change";
    /// Name of the event carrying a [`HoldsEvent`](crate::HoldsEvent).
    pub const HOLDS: &str = "holds";
    /// Name of the event carrying a [`StudioEvent`](crate::StudioEvent).
    pub const STUDIO: &str = "studio";
}
