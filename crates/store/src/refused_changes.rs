//! Changes of a booking made at this desk while offline that the server refused (the
//! booking changed meanwhile on another desk, or the new time was taken): kept with this
//! desk's version of the booking beside the server's, which the desk now shows, until
//! staff choose — keep the server's, or make their change again on it.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use frontdesk_protocol::{BookingDto, ChangeBookingRequest};
use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::bookings::get;
use crate::{Store, StoreError};

/// A refused change, with both versions of the booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedChange {
    pub mutation: Uuid,
    pub booking: Uuid,
    pub request: ChangeBookingRequest,
    /// This desk's booking with the change, as it was when the server refused it.
    pub local: BookingDto,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// Keeps a refused change with this desk's version of the booking (before the server's
/// replaces it), inside the caller's transaction.
pub(crate) fn keep(
    tx: &Connection,
    tz: Tz,
    mutation: Uuid,
    booking: Uuid,
    request: &ChangeBookingRequest,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let local = get(tx, booking)?.ok_or(StoreError::NotFound(booking))?;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO refused_changes (mutation_id, booking_id, request, local, reason, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        mutation.to_string(),
        booking.to_string(),
        to_json(request)?,
        to_json(&local.to_dto(tz))?,
        reason,
        now.timestamp()
    ])?;
    Ok(())
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("refused change: {e}")))
}

fn parse<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T, StoreError> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Corrupt(format!("refused change {what}: {e}")))
}

fn uuid(text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|e| StoreError::Corrupt(format!("refused change id: {e}")))
}

impl Store {
    /// The refused changes staff have not decided on, oldest first.
    pub fn refused_changes(&self) -> Result<Vec<RefusedChange>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT mutation_id, booking_id, request, local, reason, at FROM refused_changes ORDER BY at, rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mutation, booking, request, local, reason, at) = row?;
            out.push(RefusedChange {
                mutation: uuid(&mutation)?,
                booking: uuid(&booking)?,
                request: parse(&request, "request")?,
                local: parse(&local, "booking")?,
                reason,
                at: DateTime::from_timestamp(at, 0)
                    .ok_or_else(|| StoreError::Corrupt(format!("refused change time {at}")))?,
            });
        }
        Ok(out)
    }

    /// Staff decided on a refused change: it is forgotten.
    pub fn dismiss_refused_change(&mut self, mutation: Uuid) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM refused_changes WHERE mutation_id = ?1",
            [mutation.to_string()],
        )?;
        Ok(())
    }

    /// How many refused changes wait for staff.
    pub fn refused_change_count(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM refused_changes", [], |r| r.get(0))?)
    }
}
