//! Conflicts and error answers.

use crate::{ErrorCode, Instant};
use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

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

/// Why a span conflicts: `"booked"`, `"held"` (by another session) or `"changeover"` (free,
/// but within the room's changeover time of a booking or hold; added after v1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ConflictReasonDto {
    Booked,
    Held,
    Changeover,
}

impl From<frontdesk_core::ConflictReason> for ConflictReasonDto {
    fn from(r: frontdesk_core::ConflictReason) -> Self {
        match r {
            frontdesk_core::ConflictReason::Booked => ConflictReasonDto::Booked,
            frontdesk_core::ConflictReason::Held => ConflictReasonDto::Held,
            frontdesk_core::ConflictReason::Changeover => ConflictReasonDto::Changeover,
        }
    }
}

impl From<ConflictReasonDto> for frontdesk_core::ConflictReason {
    fn from(r: ConflictReasonDto) -> Self {
        match r {
            ConflictReasonDto::Booked => frontdesk_core::ConflictReason::Booked,
            ConflictReasonDto::Held => frontdesk_core::ConflictReason::Held,
            ConflictReasonDto::Changeover => frontdesk_core::ConflictReason::Changeover,
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
