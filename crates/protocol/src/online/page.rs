//! The public page's own calls (`/public/v1/…`, no token): what the page offers, its start
//! times, a visitor's hold, a booking made there, and what its manage link shows and does.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::limits::{cap, cap_opt, Capped, TooLong, EMAIL_MAX, ID_MAX, NAME_MAX, PHONE_MAX};
use crate::Instant;

/// The studio as the page introduces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PublicStudio {
    pub name: String,
    pub timezone: String,
    pub currency: String,
    /// How customers reach the studio (the online booking settings' contact; left out:
    /// none given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A room on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PublicRoom {
    pub id: String,
    pub name: String,
    pub durations: Vec<u32>,
    /// Minor units per hour; 0: no price is shown.
    pub price_per_hour: u64,
}

/// `GET /public/v1/studios/{studio}/offer`: what the page offers now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PublicOffer {
    pub studio: PublicStudio,
    pub rooms: Vec<PublicRoom>,
    /// The first and last dates the page offers (the studio's local dates).
    pub first_date: NaiveDate,
    pub last_date: NaiveDate,
    /// A hold lasts this long unless renewed (the page renews it every third of it).
    pub hold_seconds: u32,
    /// Free cancellation through the link until this many hours before the start.
    pub cancel_hours: u32,
    /// The reminder e-mail goes this many hours before the start (0: the studio sends
    /// none, and the page does not ask).
    #[serde(default)]
    pub reminder_hours: u32,
}

/// A start time on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum PublicSlotStatus {
    Available,
    /// Held by a desk or another visitor.
    Reserved,
    /// Held by the asking visitor's session.
    Yours,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PublicSlot {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub start: Instant,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub end: Instant,
    pub status: PublicSlotStatus,
    /// Minor units of the studio's currency.
    pub price: u64,
}

/// `GET /public/v1/studios/{studio}/slots`: the starts the page may offer, in time order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PublicSlots {
    pub room: String,
    pub date: NaiveDate,
    pub duration: u32,
    pub slots: Vec<PublicSlot>,
}

/// `PUT /public/v1/studios/{studio}/holds/{session}` body: the one span the visitor holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PublicHoldRequest {
    pub room: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub start: Instant,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub end: Instant,
}

impl Capped for PublicHoldRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap("room", &self.room, ID_MAX)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PublicHold {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub expires_at: Instant,
}

/// The page's languages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum PageLanguage {
    #[default]
    En,
    De,
}

/// `POST /public/v1/studios/{studio}/bookings` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PublicBookingRequest {
    /// The visitor's session, whose hold of this span the booking takes.
    pub session: Uuid,
    pub room: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub start: Instant,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub end: Instant,
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub language: PageLanguage,
    /// Left empty by people: a field the page hides (bots fill it in).
    #[serde(default)]
    pub website: String,
    /// The customer's answer to "remind me by e-mail before the start", recorded for their
    /// address with the booking (added later; left out: not asked, the recorded choice
    /// stands, and a customer never asked gets reminders).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminders: Option<bool>,
}

impl Capped for PublicBookingRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap("room", &self.room, ID_MAX)?;
        cap("name", &self.name, NAME_MAX)?;
        cap("email", &self.email, EMAIL_MAX)?;
        cap_opt("phone", self.phone.as_deref(), PHONE_MAX)?;
        cap("website", &self.website, NAME_MAX)
    }
}

/// A booking as its customer sees it (the answer of a booking, and of its manage link).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PublicBooking {
    pub id: Uuid,
    pub room: String,
    pub room_name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub start: Instant,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub end: Instant,
    pub price: u64,
    pub currency: String,
    pub name: String,
    /// `confirmed` or `cancelled`.
    pub status: String,
    /// The manage page's path, `/book/manage/{token}`: the customer's key to this booking.
    pub manage: String,
    /// Waits for the studio's approval (the studio's setting when it was made).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub awaiting_approval: bool,
}

/// `GET /public/v1/manage/{token}`: the booking, and whether the customer may still cancel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ManagedBooking {
    pub booking: PublicBooking,
    pub studio: PublicStudio,
    /// Free cancellation through the link ends then.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub cancel_until: Instant,
    pub can_cancel: bool,
    /// Whether the customer (this booking's e-mail address) gets reminder e-mails now;
    /// left out when the studio sends none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminders: Option<bool>,
}

/// `PUT /public/v1/manage/{token}/reminders`: the customer's choice about reminder e-mails,
/// for every booking of their address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReminderChoice {
    pub reminders: bool,
}

impl Capped for ReminderChoice {
    fn check_caps(&self) -> Result<(), TooLong> {
        Ok(())
    }
}
