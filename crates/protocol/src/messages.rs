//! What became of the messages a booking sent its customer (`GET
//! /v1/bookings/{id}/messages`): staff see on the booking that an e-mail could not be sent,
//! and why.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One message to the booking's customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BookingMessage {
    pub id: Uuid,
    /// `confirmation`, `change`, `cancellation` or `reminder`.
    pub kind: String,
    pub recipient: String,
    /// `queued` (waiting for its time, or to be tried again), `sent`, `failed` (given up
    /// after the last attempt: `lastError` says why) or `cancelled` (a reminder of a booking
    /// cancelled or moved).
    pub state: String,
    pub attempts: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub due: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub last_error: Option<String>,
}

/// What the customer chose about reminder e-mails, and when and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReminderConsentDto {
    pub reminders: bool,
    /// `page` (the booking form), `link` (a booking's manage link) or `desk` (staff, for
    /// the customer).
    pub source: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
}

/// A booking's messages, oldest first (none on a booking without e-mail), and its
/// customer's reminder choice (added later; left out: never asked, so reminders go).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BookingMessages {
    pub messages: Vec<BookingMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub consent: Option<ReminderConsentDto>,
}
