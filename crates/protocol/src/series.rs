//! Recurring series on the wire (added after v1): the rule, the preview of every
//! occurrence, booking the free ones, cancelling one occurrence with all that follow.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use chrono_tz::Tz;
use frontdesk_core::series::Occurrence;
use frontdesk_core::{Repeat, RoomId, SeriesEnd, SeriesRule, SkipReason};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::studio_convert::{field_error, FieldError};
use crate::{in_zone, BookingDto, CustomerDto, StaffRef};

/// `"daily"`, or `"weekly"` every `everyWeeks` weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum RepeatDto {
    Daily,
    Weekly,
}

/// One room at the same local time on a pattern of dates; exactly one of `until` and
/// `times` ends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SeriesRuleDto {
    pub room: String,
    /// The first occurrence's local date.
    pub first: NaiveDate,
    /// Local wall-clock start of every occurrence, `HH:MM` on a quarter hour.
    pub start: String,
    /// Minutes of each occurrence.
    #[serde(deserialize_with = "crate::whole::u32")]
    pub minutes: u32,
    pub repeat: RepeatDto,
    /// With `weekly`: every how many weeks (1 or more; left out: 1).
    #[serde(default = "one", deserialize_with = "crate::whole::u32")]
    pub every_weeks: u32,
    /// The last date an occurrence may fall on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub until: Option<NaiveDate>,
    /// Or: this many occurrences.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::whole::opt_u32"
    )]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub times: Option<u32>,
}

fn one() -> u32 {
    1
}

impl SeriesRuleDto {
    /// The rule, or the field that makes it impossible (`rule.until` for a series without
    /// an end). The rule's own limits (a year, 0 weeks) are checked when it is cut.
    pub fn to_rule(&self) -> Result<SeriesRule, FieldError> {
        let room = RoomId::new(&self.room).map_err(|e| field_error("rule.room", e))?;
        let start = NaiveTime::parse_from_str(&self.start, "%H:%M").map_err(|_| {
            field_error(
                "rule.start",
                format!("\"{}\" is not a time like 19:00", self.start),
            )
        })?;
        let end = match (self.until, self.times) {
            (Some(until), None) => SeriesEnd::Until(until),
            (None, Some(times)) => SeriesEnd::Times(times),
            (None, None) => {
                return Err(field_error(
                    "rule.until",
                    "a series needs an end: a last date or a number of times",
                ))
            }
            (Some(_), Some(_)) => {
                return Err(field_error(
                    "rule.times",
                    "give a last date or a number of times, not both",
                ))
            }
        };
        let repeat = match self.repeat {
            RepeatDto::Daily => Repeat::Daily,
            RepeatDto::Weekly => Repeat::Weekly {
                weeks: self.every_weeks,
            },
        };
        Ok(SeriesRule {
            room,
            first: self.first,
            start,
            minutes: self.minutes,
            repeat,
            end,
        })
    }
}

/// `POST /v1/series/preview` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PreviewSeriesRequest {
    pub rule: SeriesRuleDto,
    /// The booking session whose own holds do not count against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub session: Option<Uuid>,
}

/// Why an occurrence cannot be booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SkipReasonDto {
    Booked,
    Held,
    Changeover,
    Closed,
    OutsideHours,
    NoSuchTime,
    Over,
}

impl From<SkipReason> for SkipReasonDto {
    fn from(r: SkipReason) -> Self {
        match r {
            SkipReason::Booked => SkipReasonDto::Booked,
            SkipReason::Held => SkipReasonDto::Held,
            SkipReason::Changeover => SkipReasonDto::Changeover,
            SkipReason::Closed => SkipReasonDto::Closed,
            SkipReason::OutsideHours => SkipReasonDto::OutsideHours,
            SkipReason::NoSuchTime => SkipReasonDto::NoSuchTime,
            SkipReason::Over => SkipReasonDto::Over,
        }
    }
}

/// One date of a series: its span, and why it cannot be booked (left out: free).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OccurrenceDto {
    pub date: NaiveDate,
    /// Left out where the local start does not exist that date (a DST jump).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub start: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub end: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub skip: Option<SkipReasonDto>,
}

impl OccurrenceDto {
    pub fn from_core(o: &Occurrence, tz: Tz) -> OccurrenceDto {
        OccurrenceDto {
            date: o.date,
            start: o.span.map(|s| in_zone(s.start(), tz)),
            end: o.span.map(|s| in_zone(s.end(), tz)),
            skip: o.skip.map(SkipReasonDto::from),
        }
    }
}

/// `POST /v1/series/preview` answer: every occurrence, first to last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SeriesPreview {
    pub occurrences: Vec<OccurrenceDto>,
}

/// `POST /v1/series` body: books every free occurrence; the same `id` again books nothing
/// twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BookSeriesRequest {
    pub id: Uuid,
    pub rule: SeriesRuleDto,
    pub customer: CustomerDto,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub session: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub staff: Option<StaffRef>,
}

/// `POST /v1/series` answer: the occurrences booked, and the skipped ones with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BookSeriesResponse {
    pub booked: Vec<BookingDto>,
    pub skipped: Vec<OccurrenceDto>,
}

/// `POST /v1/bookings/{id}/cancel-following` body: cancels this occurrence and every later
/// one of its series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CancelFollowingRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub staff: Option<StaffRef>,
}

/// `POST /v1/bookings/{id}/cancel-following` answer: the bookings cancelled, in time order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CancelledBookings {
    pub cancelled: Vec<BookingDto>,
}

/// `POST /v1/bookings/{id}/change-following` body: this occurrence and every later one of
/// its series move to `room`, the local `start` on each one's own date, for `minutes` — all
/// or none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ChangeFollowingRequest {
    pub room: String,
    /// Local wall-clock start, `HH:MM` on a quarter hour.
    pub start: String,
    #[serde(deserialize_with = "crate::whole::u32")]
    pub minutes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub staff: Option<StaffRef>,
}

impl ChangeFollowingRequest {
    /// The local start, or the field error.
    pub fn start_time(&self) -> Result<NaiveTime, FieldError> {
        NaiveTime::parse_from_str(&self.start, "%H:%M").map_err(|_| {
            field_error(
                "start",
                format!("\"{}\" is not a time like 19:00", self.start),
            )
        })
    }
}

/// `POST /v1/bookings/{id}/change-following` answer: the bookings changed, in time order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ChangedBookings {
    pub changed: Vec<BookingDto>,
}
