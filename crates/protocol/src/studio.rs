//! Health and the studio.

use std::collections::BTreeMap;

use chrono::NaiveDate;
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

/// `GET /v1/studio`: the studio's name, timezone, hold ttl, rooms, opening hours and
/// version (the last two added after v1: an older server leaves them out).
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
    /// The opening hours (left out by a v1 server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub hours: Option<HoursDto>,
    /// Raised by every change of the studio; 0 from a v1 server.
    #[serde(default)]
    pub version: i64,
    /// ISO 4217 code of every price (added after v1).
    #[serde(default = "default_currency")]
    pub currency: String,
    /// Minutes after a booking's start from which a no-show can be marked (added after v1).
    #[serde(default = "default_grace")]
    pub no_show_grace_minutes: u32,
    /// The studio's country, ISO 3166-1 alpha-2 (added after v1): phone numbers typed
    /// without a country code are of this country. Left out: none (an older server, or a
    /// studio whose timezone names no single country), and only numbers typed with `+`
    /// and their country code are parsed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Z]{2}$", example = "DE"))]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub country: Option<String>,
    /// The staff who sign in at the desks (added after v1; left out while there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub staff: Vec<crate::StaffDto>,
    /// The studio's cancellation terms (added after v1; left out: none, so cancelling and
    /// no-shows owe nothing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub cancellation_terms: Option<crate::TermsDto>,
    /// Rooms with cancellation terms of their own, by room id (added after v1; left out:
    /// every room is under the studio's).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "openapi", schema(required = false))]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub room_terms: BTreeMap<String, crate::TermsDto>,
}

fn default_currency() -> String {
    "EUR".to_owned()
}

fn default_grace() -> u32 {
    frontdesk_core::studio::DEFAULT_NO_SHOW_GRACE_MINUTES
}

/// A range of local wall-clock time `["HH:MM", "HH:MM"]`, `"24:00"` allowed as its end.
pub type RangeDto = [String; 2];

/// Opening hours: ranges per weekday, and dates with their own ranges (none: closed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HoursDto {
    /// `mon` … `sun` → open ranges; a weekday left out or with no range is closed.
    #[cfg_attr(feature = "openapi", schema(schema_with = openapi::ranges_by_weekday))]
    pub weekly: BTreeMap<String, Vec<RangeDto>>,
    /// Single dates whose ranges replace their weekday's: special hours, or `[]` for a
    /// closed day (a holiday).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = openapi::ranges_by_date))]
    pub dates: BTreeMap<NaiveDate, Vec<RangeDto>>,
}

#[cfg(feature = "openapi")]
mod openapi {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    use utoipa::openapi::{Object, RefOr, Schema};

    /// `{"mon": [["HH:MM", "HH:MM"], …], …}`.
    pub fn ranges_by_weekday() -> Object {
        let weekday = ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]));
        ranges_by(weekday)
    }

    /// `{"YYYY-MM-DD": [["HH:MM", "HH:MM"], …], …}`.
    pub fn ranges_by_date() -> Object {
        let date = ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"));
        ranges_by(date)
    }

    /// `{KEY: [["HH:MM", "HH:MM"], …]}`: serde reads each range as exactly two strings.
    fn ranges_by(key: ObjectBuilder) -> Object {
        let time = ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some("^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"));
        let range = ArrayBuilder::new()
            .items(time)
            .min_items(Some(2))
            .max_items(Some(2));
        let ranges = ArrayBuilder::new().items(range);
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .property_names(Some(key.build()))
            .additional_properties(Some(RefOr::T(Schema::Array(ranges.build()))))
            .build()
    }
}

/// `PUT /v1/studio` body (admin tokens only): the whole studio as it should be, and the
/// version it was edited from — if the studio changed since, nothing is saved (409 `stale`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StudioUpdate {
    /// The `version` of the studio these settings were edited from.
    pub version: i64,
    pub name: String,
    /// IANA timezone; it can change only while the studio has no bookings.
    pub timezone: String,
    pub hold_ttl_seconds: u64,
    pub rooms: Vec<RoomInfo>,
    pub hours: HoursDto,
    /// ISO 4217 code of every price.
    #[serde(default = "default_currency")]
    pub currency: String,
    /// Minutes after a booking's start from which a no-show can be marked (0–240; added
    /// after v1).
    #[serde(default = "default_grace")]
    pub no_show_grace_minutes: u32,
    /// ISO 3166-1 alpha-2 code of the studio's country, the region of phone numbers typed
    /// without a country code (added after v1). Left out (an older desk): the country of
    /// the timezone where the tz database names one; `""`: no country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^([A-Za-z]{2})?$", example = "DE")
    )]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub country: Option<String>,
    /// The staff as they should be (added after v1); left out, the staff stay as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub staff: Option<Vec<crate::StaffUpdate>>,
    /// The studio's cancellation terms as they should be (added after v1; left out: none, so
    /// cancelling and no-shows owe nothing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub cancellation_terms: Option<crate::TermsDto>,
    /// Rooms with cancellation terms of their own, by room id (added after v1; left out:
    /// every room is under the studio's).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "openapi", schema(required = false))]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub room_terms: BTreeMap<String, crate::TermsDto>,
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
    /// Minor units of the studio's currency per hour (added after v1; 0: not charged).
    #[serde(default)]
    pub price_per_hour: u64,
    /// Higher or lower hourly rates on some weekdays during a window (added after v1).
    #[serde(default)]
    pub peaks: Vec<PeakRateDto>,
    /// How screens mark the room, `#rrggbb` (added after v1; left out: no colour of its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^#[0-9a-fA-F]{6}$"))]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub colour: Option<String>,
    /// Minutes the room needs after every booking before the next starts, a multiple of 15
    /// from 0 to 240 (added after v1; left out: 0).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(maximum = 240, multiple_of = 15))]
    pub changeover: u32,
}

/// An hourly rate for `days` between `from` and `to` (local wall-clock time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PeakRateDto {
    /// `mon` … `sun`.
    pub days: Vec<String>,
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")
    )]
    pub from: String,
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")
    )]
    pub to: String,
    pub price_per_hour: u64,
}

/// `POST /v1/studio/check` answer: the bookings ahead that the proposed studio would leave
/// outside its opening hours or rooms. Saving it never changes them; staff see them first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StudioCheck {
    pub outside: Vec<crate::BookingDto>,
}
