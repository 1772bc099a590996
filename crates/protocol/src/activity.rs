//! The audit log as the activity screen reads it (`GET /v1/activity`, added after v1): who
//! did what, when, at which desk, newest first.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Which audit rows to answer; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ActivityQuery {
    /// The studio's local date, YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable = false))]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub date: Option<NaiveDate>,
    /// A staff member's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable = false))]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub staff: Option<Uuid>,
    /// A room's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable = false))]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub room: Option<String>,
    /// A booking's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable = false))]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub booking: Option<Uuid>,
}

impl ActivityQuery {
    /// The query string of `GET /v1/activity` (ids and dates need no escaping).
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if let Some(d) = self.date {
            parts.push(format!("date={d}"));
        }
        if let Some(s) = self.staff {
            parts.push(format!("staff={s}"));
        }
        if let Some(r) = &self.room {
            parts.push(format!("room={r}"));
        }
        if let Some(b) = self.booking {
            parts.push(format!("booking={b}"));
        }
        parts.join("&")
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ActivityEntry {
    /// In the studio's timezone.
    pub at: DateTime<FixedOffset>,
    pub desk: String,
    /// The staff member signed in at the desk (none before the studio had staff).
    pub staff: Option<String>,
    /// `staff` signed in at the desk without the server (their PIN checked there): recorded
    /// as the server knows the member, unverified (added with staff sessions).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub staff_offline: bool,
    /// `create`, `cancel`, `move`, `studio`, `queued`, or a desk's word for a change it
    /// pulled (`server`, `conflict`, …).
    pub action: String,
    pub booking: Option<Uuid>,
    pub room: Option<String>,
    /// The booking's customer.
    pub customer: Option<String>,
}

/// `GET /v1/activity`: at most 500 lines, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ActivityResponse {
    pub entries: Vec<ActivityEntry>,
}
