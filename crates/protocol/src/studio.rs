//! Health and the studio.

use serde::{Deserialize, Serialize};

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
