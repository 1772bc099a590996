//! What happens to a booking after it is made (added after v1): moved to another room or
//! time, extended, shortened or finished early (all a new span), its customer's details and
//! note edited, checked in, marked as a no-show. Each change names the booking's `version`
//! it was made to: if the booking changed since, nothing is applied (409 `stale`).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::CustomerDto;

/// One change, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum BookingChange {
    /// A new room and span: a move, an extension, a shorter session, or finishing early.
    /// The old time is freed and the new one taken in the same transaction; `session`'s
    /// holds (on the new span) do not block it and are released.
    Span {
        room: String,
        start: DateTime<FixedOffset>,
        end: DateTime<FixedOffset>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        session: Option<Uuid>,
    },
    /// The customer's details and the note.
    Details {
        customer: CustomerDto,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        note: Option<String>,
    },
    /// The customer arrived at `at`.
    CheckIn { at: DateTime<FixedOffset> },
    /// The customer did not come (offered from the start plus the grace time).
    NoShow,
}

impl BookingChange {
    /// The word the audit log and the push log use for it.
    pub fn action(&self) -> &'static str {
        match self {
            BookingChange::Span { .. } => "span",
            BookingChange::Details { .. } => "details",
            BookingChange::CheckIn { .. } => "check_in",
            BookingChange::NoShow => "no_show",
        }
    }
}

/// `POST /v1/bookings/{id}/changes` body (also a `changeBooking` mutation's content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ChangeBookingRequest {
    /// The booking's `version` the change was made to.
    pub version: i64,
    pub change: BookingChange,
    /// The staff member who makes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub staff: Option<crate::StaffRef>,
}
