//! Bookings.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

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
    /// The staff member who books (added after v1), recorded in the audit log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub staff: Option<crate::StaffRef>,
    /// The recurring series this booking is an occurrence of (added after v1): an
    /// occurrence booked offline is pushed as a booking of its own that knows its series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub series: Option<Uuid>,
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
    /// The price it was made at, in minor units of the studio's currency (added after v1;
    /// absent for bookings made before prices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub price: Option<u64>,
    /// Raised by every change (added after v1; 1 when made). A change names the version it
    /// was made to.
    #[serde(default = "first_version")]
    pub version: i64,
    /// When the customer arrived (added after v1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub checked_in_at: Option<DateTime<FixedOffset>>,
    /// The customer did not come (added after v1).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub no_show: bool,
    /// What was paid (added after v1; left out while unpaid).
    #[serde(
        default = "crate::PaymentDto::unpaid",
        skip_serializing_if = "crate::PaymentDto::is_unpaid"
    )]
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub payment: crate::PaymentDto,
    /// The recurring series it is an occurrence of (added after v1; left out: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub series: Option<Uuid>,
    /// The customer record it belongs to (added after v1): matched on phone or email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub customer_id: Option<Uuid>,
    /// The fee a late cancellation or a no-show left owed (added with fees; left out when
    /// nothing is owed), with its waiver once an admin let it go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub fee: Option<crate::FeeDto>,
    /// Made on the public page of a studio whose online bookings wait for staff: it holds
    /// its time, and staff approve it (`approve` change) or decline it (cancel). Added
    /// later; left out when it does not wait.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "openapi", schema(required = false))]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub awaiting_approval: bool,
    /// The deposit it asks for, in minor units, worked out from the studio's (or room's)
    /// terms and the price when it was made (added with deposits; left out: none). What was
    /// paid is `payment`; the balance is the price less that.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub deposit: Option<u64>,
}

fn first_version() -> i64 {
    1
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
    /// The staff member who cancels (added after v1), recorded in the audit log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub staff: Option<crate::StaffRef>,
}
