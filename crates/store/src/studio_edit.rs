//! The studio as data that changes: its version, seeding a new file once, an admin's change
//! (checked against the version it was edited from, one transaction, in the audit log),
//! and a desk adopting its server's newer studio.

use chrono::{DateTime, Utc};
use frontdesk_core::Studio;
use rusqlite::{params, Connection, TransactionBehavior};
use serde_json::json;

use crate::bookings::{query, BookingRecord};
use crate::{studio_rows, Store, StoreError};

pub(crate) fn version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT version FROM studio WHERE id = 1", [], |r| r.get(0))?)
}

impl Store {
    /// The stored studio's version: raised by every change.
    pub fn studio_version(&self) -> i64 {
        self.studio_version
    }

    /// Makes `studio` the studio, if it is still at `edited` (else nothing is saved:
    /// [`StoreError::StaleStudio`]). The timezone changes only while there are no bookings.
    /// Bookings are never touched, even where they now lie outside the hours. One
    /// transaction, with an audit row naming the desk; answers the new version.
    pub fn change_studio(
        &mut self,
        studio: Studio,
        edited: i64,
        desk: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = version(&tx)?;
        if current != edited {
            return Err(StoreError::StaleStudio { current, edited });
        }
        if studio.calendar.timezone() != self.studio.calendar.timezone() {
            let bookings: u64 = tx.query_row("SELECT COUNT(*) FROM bookings", [], |r| r.get(0))?;
            if bookings > 0 {
                return Err(StoreError::TimezoneLocked { bookings });
            }
        }
        studio_rows::save(&tx, &studio)?;
        let next = current + 1;
        tx.execute("UPDATE studio SET version = ?1 WHERE id = 1", [next])?;
        tx.execute(
            "INSERT INTO audit (at, desk, action, booking_id, detail) VALUES (?1, ?2, 'studio', NULL, ?3)",
            params![now.timestamp(), desk, json!({"version": next}).to_string()],
        )?;
        tx.commit()?;
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
            "WHERE end_utc > ?1 AND status IN ('confirmed', 'pending') ORDER BY start_utc, room",
            params![from.timestamp()],
        )?;
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

    /// Forgets which version the stored studio is (0): the next server this desk talks to
    /// is asked for its studio, whatever its version (a desk's own or demo studio and a
    /// server's count their versions apart). The studio itself stays for offline work.
    pub fn unconfirm_studio(&mut self) -> Result<(), StoreError> {
        self.conn
            .execute("UPDATE studio SET version = 0 WHERE id = 1", [])?;
        self.studio_version = 0;
        Ok(())
    }

    /// Takes over the server's studio at `version` if it is newer than this file's (a desk
    /// connected to a server keeps a copy for offline work). True if it was newer.
    pub fn adopt_studio(&mut self, studio: Studio, version: i64) -> Result<bool, StoreError> {
        if version <= self.studio_version {
            return Ok(false);
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        studio_rows::save(&tx, &studio)?;
        tx.execute("UPDATE studio SET version = ?1 WHERE id = 1", [version])?;
        tx.commit()?;
        self.studio = studio;
        self.studio_version = version;
        Ok(true)
    }
}
