//! The studio as data that changes: its version, seeding a new file once, an admin's change
//! (checked against the version it was edited from, one transaction, in the audit log),
//! and a desk adopting its server's newer studio.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use frontdesk_core::Studio;
use frontdesk_protocol::{StaffDto, StaffUpdate};
use rusqlite::{params, Connection, TransactionBehavior};

use crate::audit::Who;
use crate::bookings::{query, BookingRecord};
use crate::{engine, staff, studio_rows, Store, StoreError};

pub(crate) fn version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT version FROM studio WHERE id = 1", [], |r| r.get(0))?)
}

impl Store {
    /// The stored studio's version: raised by every change.
    pub fn studio_version(&self) -> i64 {
        self.studio_version
    }

    /// Makes `studio` the studio, and `staff` (if given) its staff, if it is still at
    /// `edited` (else nothing is saved: [`StoreError::StaleStudio`]), in one transaction
    /// (the rules and steps: [`crate::engine::studio::change`]); answers the new version.
    pub fn change_studio(
        &mut self,
        studio: Studio,
        staff: Option<&[StaffUpdate]>,
        edited: i64,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let (next, _) =
            self.write(|l, _| engine::studio::change(l, &studio, staff, edited, who, now))?;
        self.studio = studio;
        self.studio_version = next;
        Ok(next)
    }

    /// The bookings that end after `from` and would lie outside what `studio` lets staff
    /// book: outside its opening hours, or in a room it no longer has. They stay booked if
    /// it is saved; staff see this list first.
    pub fn bookings_outside(
        &self,
        studio: &Studio,
        from: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StoreError> {
        let ahead = query(
            &self.conn,
            "WHERE end_utc > ?1 AND status IN ('confirmed', 'pending') ORDER BY start_utc, room, id",
            params![from.timestamp()],
        )?;
        outside(studio, ahead)
    }

    /// Forgets which version the stored studio is (0): the next server this desk talks to
    /// is asked for its studio, whatever its version (a desk's own or demo studio and a
    /// server's count their versions apart). The studio itself stays for offline work.
    pub fn unconfirm_studio(&mut self) -> Result<(), StoreError> {
        self.conn
            .execute("UPDATE studio SET version = 0 WHERE id = 1", [])?;
        self.studio_version = 0;
        Ok(())
    }

    /// Takes over the server's studio and staff at `version` if it is newer than this
    /// file's (a desk connected to a server keeps a copy for offline work). True if it was
    /// newer.
    pub fn adopt_studio(
        &mut self,
        studio: Studio,
        staff: &[StaffDto],
        version: i64,
    ) -> Result<bool, StoreError> {
        if version <= self.studio_version {
            return Ok(false);
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        studio_rows::save(&tx, &studio)?;
        staff::replace(&tx, staff)?;
        tx.execute("UPDATE studio SET version = ?1 WHERE id = 1", [version])?;
        tx.commit()?;
        self.studio = studio;
        self.studio_version = version;
        Ok(true)
    }
}

/// Of the bookings `ahead`, those `studio` would leave outside its hours or rooms. Pure:
/// the server's PostgreSQL answers the same.
pub fn outside(
    studio: &Studio,
    ahead: Vec<BookingRecord>,
) -> Result<Vec<BookingRecord>, StoreError> {
    let mut outside = Vec::new();
    for b in ahead {
        let in_room = studio.rooms.iter().any(|r| r.id == b.room);
        if !in_room
            || !studio
                .calendar
                .is_open(&studio.calendar.span_days(&b.span)?)
        {
            outside.push(b);
        }
    }
    Ok(outside)
}

/// A room with bookings `ahead` cannot be removed: the refusal lists them (local start,
/// customer) so staff can find them.
pub fn refuse_if_booked(room: &str, tz: Tz, ahead: &[BookingRecord]) -> Result<(), StoreError> {
    if ahead.is_empty() {
        return Ok(());
    }
    let bookings = ahead
        .iter()
        .map(|b| {
            let start = b.span.start().with_timezone(&tz).format("%Y-%m-%d %H:%M");
            format!("{start} {}", b.customer.name)
        })
        .collect();
    Err(StoreError::RoomHasBookings {
        room: room.to_owned(),
        bookings,
    })
}
