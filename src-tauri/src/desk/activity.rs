//! The activity screen: the desk's audit log — who did what, when, at which desk — newest
//! first, filtered by date, staff member, room or booking. It reads the desk's own file:
//! every change made here (with the staff member), and every change pulled from the
//! server (with the desk that made it).

use chrono::{DateTime, FixedOffset, NaiveDate};
use frontdesk_protocol::in_zone;
use frontdesk_store::audit::{ActivityFilter, AuditEntry};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Desk, DeskError};

/// What the activity screen asks for; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ActivityQuery {
    /// The studio's local date.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub staff: Option<Uuid>,
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub room: Option<String>,
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub booking: Option<Uuid>,
}

/// One line of the activity screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ActivityEntry {
    /// In the studio's timezone.
    pub at: DateTime<FixedOffset>,
    pub desk: String,
    /// The staff member signed in, if the studio had staff and the change was made here.
    pub staff: Option<String>,
    /// `create`, `cancel`, `move`, `studio`, `queued`, or the server's word for a pulled
    /// change (`server`, `conflict`, …).
    pub action: String,
    pub booking: Option<Uuid>,
    pub room: Option<String>,
    /// The booking's customer, when the booking is known here.
    pub customer: Option<String>,
}

/// The most lines one query answers.
pub const ACTIVITY_LIMIT: u32 = 500;

impl Desk {
    pub fn activity(&self, query: &ActivityQuery) -> Result<Vec<ActivityEntry>, DeskError> {
        let tz = self.tz();
        let (from, to) = match query.date {
            Some(date) => {
                let calendar = self.store().studio().calendar.clone();
                let next = date
                    .succ_opt()
                    .ok_or_else(|| DeskError::invalid(format!("date: {date} has no next day")))?;
                let bounds = |d| {
                    calendar
                        .day_start(d)
                        .map_err(|e| DeskError::invalid(format!("date: {e}")))
                };
                (Some(bounds(date)?), Some(bounds(next)?))
            }
            None => (None, None),
        };
        let filter = ActivityFilter {
            from,
            to,
            staff: query.staff,
            room: query.room.clone().filter(|r| !r.is_empty()),
            booking: query.booking,
            limit: ACTIVITY_LIMIT,
        };
        let entries = self.local(|s| s.activity(&filter))?;
        Ok(entries.into_iter().map(|e| entry(e, tz)).collect())
    }
}

fn entry(e: AuditEntry, tz: chrono_tz::Tz) -> ActivityEntry {
    ActivityEntry {
        at: in_zone(e.at, tz),
        desk: e.desk,
        staff: e.staff.map(|s| s.name),
        action: e.action,
        booking: e.booking_id,
        room: e.room,
        customer: e.customer,
    }
}
