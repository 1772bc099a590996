//! Online booking (added after v1): what a studio offers on the public booking page its
//! server serves (`/book/{studio}`), set by an admin, and the page's own calls
//! (`/public/v1/…`, no token). A standalone desk has no page: these live on the server only.
//!
//! Customers book for themselves there, holding a start with the same presence engine as
//! the desks, so a desk sees the page's hold as "reserved" and the page the desks' holds.
//! A booking made there is made by the desk [`ONLINE_DESK`]; the customer manages it through
//! a signed link (`/book/manage/{token}`). The page's own calls are in `page.rs`.

use serde::{Deserialize, Serialize};

use crate::limits::{cap, cap_opt, Capped, TooLong, EMAIL_MAX, ID_MAX, PHONE_MAX};
use crate::studio_convert::{field_error, FieldError};
use crate::StudioInfo;

/// The desk a booking made on the public page is recorded as (bookings, audit, events).
pub const ONLINE_DESK: &str = "online";

/// The longest lead time an admin can set: 30 days, in minutes.
pub const LEAD_MINUTES_MAX: u32 = 30 * 24 * 60;
/// The furthest ahead an admin can open the page: two years.
pub const DAYS_AHEAD_MAX: u32 = 730;
/// The latest free cancellation an admin can set: 30 days before the start.
pub const CANCEL_HOURS_MAX: u32 = 30 * 24;
/// The reminder's default lead: 24 hours before the start.
pub const REMINDER_HOURS_DEFAULT: u32 = 24;
/// The earliest reminder an admin can set: 14 days before the start.
pub const REMINDER_HOURS_MAX: u32 = 14 * 24;

fn reminder_hours_default() -> u32 {
    REMINDER_HOURS_DEFAULT
}

/// A room on the page, with the durations offered there (each one the room offers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OnlineRoom {
    pub room: String,
    /// Minutes; a subset of the room's durations.
    pub durations: Vec<u32>,
}

/// What a studio offers online. Off until an admin switches it on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OnlineBooking {
    /// Whether the page takes bookings; when off, every page address answers 404.
    pub enabled: bool,
    pub rooms: Vec<OnlineRoom>,
    /// Earliest notice: a start at least this many minutes from now.
    pub lead_minutes: u32,
    /// Furthest ahead: a date at most this many days after today.
    pub days_ahead: u32,
    /// Customers may cancel through their link until this many hours before the start;
    /// later, the page tells them to call the studio.
    pub cancel_hours: u32,
    /// The reminder e-mail goes this many hours before the start, to the customer of every
    /// booking with an e-mail address (desk and online alike); 0: no reminders. Settings
    /// saved before it existed read as the default, 24.
    #[serde(default = "reminder_hours_default")]
    pub reminder_hours: u32,
    /// The reminder goes by SMS too, to customers whose phone number parsed (E.164),
    /// through the server's SMS gateway (`serve --sms-url`; without one a save that asks for
    /// it is refused). Added later; left out: no SMS.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub sms_reminders: bool,
    /// Bookings made on the page wait for staff approval: they hold their time, the
    /// customer hears that the request was received, and the confirmation goes when staff
    /// approve it (a decline cancels it, owing nothing). Added later; left out: no waiting.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub approval: bool,
    /// The studio's phone number for customers, shown on the page, past the terms on the
    /// manage page, and in every e-mail (added later; left out: none). Checked to be a
    /// number of the studio's country (or with `+` and a country code), kept as typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub contact_phone: Option<String>,
    /// The studio's e-mail address for customers, shown where the phone is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub contact_email: Option<String>,
}

impl Default for OnlineBooking {
    /// Off; when switched on: two hours' notice, 60 days ahead, cancel until 24 h before.
    fn default() -> Self {
        OnlineBooking {
            enabled: false,
            rooms: Vec::new(),
            lead_minutes: 120,
            days_ahead: 60,
            cancel_hours: 24,
            reminder_hours: REMINDER_HOURS_DEFAULT,
            sms_reminders: false,
            approval: false,
            contact_phone: None,
            contact_email: None,
        }
    }
}

impl OnlineBooking {
    /// Refuses settings the studio cannot offer, naming the field: an unknown room, one
    /// twice, a duration the room does not offer, limits out of range.
    pub fn check(&self, studio: &StudioInfo) -> Result<(), FieldError> {
        if self.lead_minutes > LEAD_MINUTES_MAX {
            return Err(field_error(
                "leadMinutes",
                format!("at most {LEAD_MINUTES_MAX}"),
            ));
        }
        if !(1..=DAYS_AHEAD_MAX).contains(&self.days_ahead) {
            return Err(field_error(
                "daysAhead",
                format!("from 1 to {DAYS_AHEAD_MAX}"),
            ));
        }
        if self.cancel_hours > CANCEL_HOURS_MAX {
            return Err(field_error(
                "cancelHours",
                format!("at most {CANCEL_HOURS_MAX}"),
            ));
        }
        if self.reminder_hours > REMINDER_HOURS_MAX {
            return Err(field_error(
                "reminderHours",
                format!("at most {REMINDER_HOURS_MAX} (0: no reminders)"),
            ));
        }
        if let Some(phone) = self.contact_phone.as_deref() {
            let country = studio
                .country
                .as_deref()
                .and_then(|c| c.parse::<frontdesk_core::phone::Country>().ok());
            if !frontdesk_core::phone::normalize(phone, country).is_some_and(|p| p.is_parsed()) {
                return Err(field_error(
                    "contactPhone",
                    format!(
                        "\"{phone}\" is not a phone number (write it with + and the country code)"
                    ),
                ));
            }
        }
        if let Some(email) = self.contact_email.as_deref() {
            if email.parse::<email_address::EmailAddress>().is_err() || !email.contains('.') {
                return Err(field_error(
                    "contactEmail",
                    format!("\"{email}\" is not an e-mail address"),
                ));
            }
        }
        if self.enabled && self.rooms.is_empty() {
            return Err(field_error(
                "rooms",
                "choose at least one room to switch the page on",
            ));
        }
        for (i, online) in self.rooms.iter().enumerate() {
            let Some(room) = studio.rooms.iter().find(|r| r.id == online.room) else {
                return Err(field_error(
                    format!("rooms[{i}].room"),
                    format!("the studio has no room \"{}\"", online.room),
                ));
            };
            if self.rooms[..i].iter().any(|r| r.room == online.room) {
                return Err(field_error(format!("rooms[{i}].room"), "listed twice"));
            }
            if online.durations.is_empty() {
                return Err(field_error(
                    format!("rooms[{i}].durations"),
                    "choose at least one",
                ));
            }
            if let Some(d) = online
                .durations
                .iter()
                .find(|d| !room.durations.contains(d))
            {
                return Err(field_error(
                    format!("rooms[{i}].durations"),
                    format!("{} does not offer {d} minutes", room.name),
                ));
            }
        }
        Ok(())
    }

    /// The durations offered online in `room`, if the room is on the page.
    pub fn durations(&self, room: &str) -> Option<&[u32]> {
        self.rooms
            .iter()
            .find(|r| r.room == room)
            .map(|r| r.durations.as_slice())
    }
}

impl Capped for OnlineBooking {
    fn check_caps(&self) -> Result<(), TooLong> {
        for (i, room) in self.rooms.iter().enumerate() {
            cap(&format!("rooms[{i}].room"), &room.room, ID_MAX)?;
        }
        cap_opt("contactPhone", self.contact_phone.as_deref(), PHONE_MAX)?;
        cap_opt("contactEmail", self.contact_email.as_deref(), EMAIL_MAX)?;
        Ok(())
    }
}

/// `GET /v1/online-booking` answer and `PUT` body (an admin's token for the `PUT`):
/// the settings and their version (0 before the first save). A `PUT` names the version it
/// was made to; an older one is refused `stale`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OnlineBookingDto {
    pub version: i64,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub settings: OnlineBooking,
    /// The page's address, `/book/{studio}` on the server (answered by the server; the
    /// desk shows it joined to the server address it uses). Ignored in a `PUT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub page: Option<String>,
}

impl Capped for OnlineBookingDto {
    fn check_caps(&self) -> Result<(), TooLong> {
        self.settings.check_caps()
    }
}

mod page;
pub use page::*;

#[cfg(test)]
mod tests;
