//! Pushing offline work and pulling the change log.

use crate::{BookingDto, ConflictDto, CreateBookingRequest};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

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

/// What a [`Mutation`] does, tagged by `kind`: `createBooking`, `cancelBooking`,
/// `changeBooking`, `editCustomer` or `mergeCustomers`.
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
        /// The staff member who cancels (added after v1).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        staff: Option<crate::StaffRef>,
    },
    /// Change a booking, as `POST /v1/bookings/{id}/changes` would (added after v1).
    ChangeBooking {
        booking_id: Uuid,
        request: crate::ChangeBookingRequest,
    },
    /// A customer's details changed at a desk (added after v1).
    EditCustomer {
        customer_id: Uuid,
        request: crate::EditCustomerRequest,
    },
    /// Two customer records merged at a desk (added after v1).
    MergeCustomers {
        keep: Uuid,
        request: crate::MergeCustomersRequest,
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
    /// The studio's version now (added after v1; 0 from a v1 server): a desk whose copy is
    /// older fetches `GET /v1/studio`.
    #[serde(default)]
    pub studio_version: i64,
    /// Customer records changed after `since` up to `cursor` (added after v1; left out:
    /// none), so every desk has every record, offline included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub customers: Vec<crate::CustomerRecordDto>,
}
