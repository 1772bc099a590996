//! Day slots and the month view.

use std::collections::BTreeMap;

use crate::Instant;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

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
