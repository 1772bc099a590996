//! Calendar feeds (added after v1): an admin makes a secret, revocable iCalendar URL of one
//! room or of the whole studio, for staff and owners to subscribe to in Google Calendar,
//! Apple Calendar or Thunderbird.
//!
//! A feed's token is its own kind of secret: random (244 bits), stored only as a hash,
//! read-only, and it opens `GET /feeds/{token}.ics` and nothing else — it is never a desk
//! token, and a desk token never opens a feed. The token (in `url`) is answered once, when
//! the feed is made; afterwards a feed is listed without it and can only be revoked.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::limits::{cap_opt, Capped, TooLong, ID_MAX, NAME_MAX};
use crate::Instant;

/// What a feed's events show of the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum FeedDetail {
    /// The customer's name as the event's title.
    Name,
    /// Only "Booked": no customer detail at all.
    Booked,
}

impl FeedDetail {
    /// As stored and sent: `name` or `booked`.
    pub fn as_str(self) -> &'static str {
        match self {
            FeedDetail::Name => "name",
            FeedDetail::Booked => "booked",
        }
    }

    /// The stored text read back (`None` for anything else).
    pub fn parse(text: &str) -> Option<FeedDetail> {
        match text {
            "name" => Some(FeedDetail::Name),
            "booked" => Some(FeedDetail::Booked),
            _ => None,
        }
    }
}

/// `POST /v1/feeds` body (an admin's token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CreateFeedRequest {
    /// The room whose bookings the feed shows; the whole studio when left out.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub room: Option<String>,
    pub detail: FeedDetail,
    /// A note for admins telling feeds apart, e.g. `Owner's phone` (at most 120 characters).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub label: Option<String>,
}

impl Capped for CreateFeedRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap_opt("room", self.room.as_deref(), ID_MAX)?;
        cap_opt("label", self.label.as_deref(), NAME_MAX)
    }
}

/// A feed as admins see it. `url` is there only in the answer to `POST /v1/feeds`: the
/// secret is shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FeedDto {
    pub id: Uuid,
    /// The room; none for the whole studio.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub room: Option<String>,
    pub detail: FeedDetail,
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub label: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: Instant,
    /// The secret address to subscribe to, `/feeds/{token}.ics` on the server (the server
    /// answers the path; the desk shows it joined to the server address it uses). Only in
    /// the creation's answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub url: Option<String>,
}

/// `GET /v1/feeds` answer (an admin's token): the studio's live feeds, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FeedList {
    pub feeds: Vec<FeedDto>,
}

/// The path a feed is served at, from its token.
pub fn feed_path(token: &str) -> String {
    format!("/feeds/{token}.ics")
}

/// Days before today whose bookings a feed shows.
pub const FEED_DAYS_BACK: i64 = 30;
/// Days after today whose bookings a feed shows.
pub const FEED_DAYS_AHEAD: i64 = 400;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_feed_request_reads_as_documented_and_is_capped() {
        let request: CreateFeedRequest =
            serde_json::from_str(r#"{"room": "studio-a", "detail": "booked"}"#).unwrap();
        assert_eq!(request.detail, FeedDetail::Booked);
        assert_eq!(request.label, None);
        assert!(request.check_caps().is_ok());
        let long = CreateFeedRequest {
            label: Some("x".repeat(NAME_MAX + 1)),
            ..request
        };
        assert_eq!(long.check_caps().map_err(|e| e.field), Err("label".into()));
        for detail in [FeedDetail::Name, FeedDetail::Booked] {
            assert_eq!(FeedDetail::parse(detail.as_str()), Some(detail));
        }
        assert!(serde_json::from_str::<FeedDetail>(r#""phone""#).is_err());
    }
}
