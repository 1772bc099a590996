//! The audit log: who did what to which booking (or to the studio), at which desk, written
//! in the same transaction as the change; and the activity screen's reading of it.

use chrono::{DateTime, Utc};
use frontdesk_protocol::{self as wire, StaffRef};
use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::{Store, StoreError};

/// Who made a change: the desk (or server), and the staff member signed in there.
#[derive(Debug, Clone, Copy)]
pub struct Who<'a> {
    pub desk: &'a str,
    pub staff: Option<&'a StaffRef>,
}

impl<'a> Who<'a> {
    /// A change known only by its desk (another desk's booking pulled from the server).
    pub fn desk(desk: &'a str) -> Self {
        Who { desk, staff: None }
    }
}

/// One audit row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub desk: String,
    /// The staff member signed in when it was made (None before staff existed, or for
    /// changes pulled from the server).
    pub staff: Option<StaffRef>,
    pub action: String,
    pub booking_id: Option<Uuid>,
    /// The booking's room and customer, for rows about a booking this file holds.
    pub room: Option<String>,
    pub customer: Option<String>,
    pub detail: serde_json::Value,
}

pub(crate) fn record(
    conn: &Connection,
    at: DateTime<Utc>,
    who: Who<'_>,
    action: &str,
    booking_id: Option<Uuid>,
    detail: &serde_json::Value,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO audit (at, desk, staff_id, staff_name, action, booking_id, detail,
                            staff_offline)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        at.timestamp(),
        who.desk,
        who.staff.map(|s| s.id.to_string()),
        who.staff.map(|s| s.name.as_str()),
        action,
        booking_id.map(|id| id.to_string()),
        detail.to_string(),
        who.staff.is_some_and(|s| s.offline)
    ])?;
    Ok(())
}

/// Which audit rows the activity screen shows: all of them, or those of one time window,
/// staff member, room or booking.
#[derive(Debug, Clone, Default)]
pub struct ActivityFilter {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub staff: Option<Uuid>,
    pub room: Option<String>,
    pub booking: Option<Uuid>,
    /// At most this many rows, newest first.
    pub limit: u32,
}

const SELECT: &str = "SELECT a.at, a.desk, a.staff_id, a.staff_name, a.action, a.booking_id,
        b.room, b.customer_name, a.detail, a.staff_offline
    FROM audit a LEFT JOIN bookings b ON b.id = a.booking_id";

/// The audit rows of one booking, oldest first.
pub fn for_booking(conn: &Connection, booking_id: Uuid) -> Result<Vec<AuditEntry>, StoreError> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE a.booking_id = ?1 ORDER BY a.id"))?;
    let rows = stmt.query_map([booking_id.to_string()], row)?;
    rows.map(|r| r.map_err(StoreError::from).and_then(entry))
        .collect()
}

/// The audit rows `filter` asks for, newest first.
pub fn activity(conn: &Connection, filter: &ActivityFilter) -> Result<Vec<AuditEntry>, StoreError> {
    let sql = format!(
        "{SELECT}
        WHERE (?1 IS NULL OR a.at >= ?1) AND (?2 IS NULL OR a.at < ?2)
          AND (?3 IS NULL OR a.staff_id = ?3) AND (?4 IS NULL OR b.room = ?4)
          AND (?5 IS NULL OR a.booking_id = ?5)
        ORDER BY a.at DESC, a.id DESC LIMIT ?6"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![
            filter.from.map(|t| t.timestamp()),
            filter.to.map(|t| t.timestamp()),
            filter.staff.map(|s| s.to_string()),
            filter.room,
            filter.booking.map(|b| b.to_string()),
            filter.limit
        ],
        row,
    )?;
    rows.map(|r| r.map_err(StoreError::from).and_then(entry))
        .collect()
}

type Row = (
    i64,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    bool,
);

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

fn entry(
    (at, desk, staff_id, staff_name, action, booking, room, customer, detail, offline): Row,
) -> Result<AuditEntry, StoreError> {
    let uuid = |text: &str, what: &str| {
        Uuid::parse_str(text).map_err(|e| StoreError::Corrupt(format!("audit {what}: {e}")))
    };
    let staff = match (staff_id, staff_name) {
        (Some(id), Some(name)) => Some(StaffRef {
            offline,
            ..StaffRef::new(uuid(&id, "staff")?, name)
        }),
        _ => None,
    };
    Ok(AuditEntry {
        at: DateTime::from_timestamp(at, 0)
            .ok_or_else(|| StoreError::Corrupt(format!("audit time {at}")))?,
        desk,
        staff,
        action,
        booking_id: booking.as_deref().map(|b| uuid(b, "booking")).transpose()?,
        room,
        customer,
        detail: serde_json::from_str(&detail)
            .map_err(|e| StoreError::Corrupt(format!("audit detail: {e}")))?,
    })
}

/// The most lines one activity query answers.
pub const ACTIVITY_LIMIT: u32 = 500;

impl ActivityFilter {
    /// The filter of the activity screen's `query`: its date is the studio's local day;
    /// at most [`ACTIVITY_LIMIT`] lines.
    pub fn for_query(
        calendar: &frontdesk_core::Calendar,
        query: &wire::ActivityQuery,
    ) -> Result<ActivityFilter, StoreError> {
        let (from, to) = match query.date {
            Some(date) => {
                let next = date
                    .succ_opt()
                    .ok_or_else(|| StoreError::Corrupt(format!("date {date} has no next day")))?;
                (
                    Some(calendar.day_start(date)?),
                    Some(calendar.day_start(next)?),
                )
            }
            None => (None, None),
        };
        Ok(ActivityFilter {
            from,
            to,
            staff: query.staff,
            room: query.room.clone().filter(|r| !r.is_empty()),
            booking: query.booking,
            limit: ACTIVITY_LIMIT,
        })
    }
}

impl Store {
    /// The audit rows `filter` asks for, newest first.
    pub fn activity(&self, filter: &ActivityFilter) -> Result<Vec<AuditEntry>, StoreError> {
        activity(&self.conn, filter)
    }

    /// The activity screen's lines for `query` (its date is the studio's local day), at
    /// most [`ACTIVITY_LIMIT`], newest first: what the server answers and what a desk reads
    /// from its own file alike.
    pub fn activity_for(
        &self,
        query: &wire::ActivityQuery,
    ) -> Result<Vec<wire::ActivityEntry>, StoreError> {
        let calendar = &self.studio().calendar;
        let filter = ActivityFilter::for_query(calendar, query)?;
        let tz = calendar.timezone();
        Ok(activity(&self.conn, &filter)?
            .into_iter()
            .map(|e| e.to_dto(tz))
            .collect())
    }
}

impl AuditEntry {
    /// The line as the wire (and the activity screen) shows it, instants in `tz`.
    pub fn to_dto(self, tz: chrono_tz::Tz) -> wire::ActivityEntry {
        wire::ActivityEntry {
            at: frontdesk_protocol::in_zone(self.at, tz),
            desk: self.desk,
            staff_offline: self.staff.as_ref().is_some_and(|s| s.offline),
            staff: self.staff.map(|s| s.name),
            action: self.action,
            booking: self.booking_id,
            room: self.room,
            customer: self.customer,
        }
    }
}
