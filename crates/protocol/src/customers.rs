//! Customer records on the wire (added after v1): found as staff type, edited with a
//! version, merged; pulled by desks beside the bookings.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{BookingDto, StaffRef};

/// A customer record. A merged one names the record it became (`mergedInto`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CustomerRecordDto {
    pub id: Uuid,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub merged_into: Option<Uuid>,
    /// Raised by every change; an edit names the version it was made to.
    #[serde(deserialize_with = "crate::whole::i64")]
    pub version: i64,
    /// The phone number did not parse (added after v1): it is kept as typed, not in E.164,
    /// so no SMS can reach it. Left out when false (or there is no number).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "openapi", schema(required = false))]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub phone_unparsed: bool,
}

/// A customer with what staff see at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CustomerSummaryDto {
    pub customer: CustomerRecordDto,
    /// Bookings not cancelled.
    pub bookings: u32,
    pub no_shows: u32,
    /// Minor units of the studio's currency still to pay for bookings that have begun.
    pub unpaid: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub last: Option<DateTime<FixedOffset>>,
}

/// `GET /v1/customers?q=…` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CustomersResponse {
    pub customers: Vec<CustomerSummaryDto>,
}

/// `GET /v1/customers/{id}` answer: the customer and their bookings, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CustomerPage {
    pub summary: CustomerSummaryDto,
    pub bookings: Vec<BookingDto>,
}

/// `PUT /v1/customers/{id}` body (also the `request` of an `editCustomer` mutation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct EditCustomerRequest {
    /// The version the edit was made to.
    #[serde(deserialize_with = "crate::whole::i64")]
    pub version: i64,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub staff: Option<StaffRef>,
}

/// `POST /v1/customers/{id}/merge` body (also the `request` of a `mergeCustomers`
/// mutation): `gone` becomes part of the customer of the path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MergeCustomersRequest {
    pub gone: Uuid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub staff: Option<StaffRef>,
}
