//! Reading bookings: one by id, those of a time window, a name search, the change log.

use chrono::{DateTime, Utc};
use rusqlite::params;
use uuid::Uuid;

use crate::booking_rows::{get, query};
use crate::{BookingRecord, Store, StoreError};

impl Store {
    pub fn booking(&self, id: Uuid) -> Result<Option<BookingRecord>, StoreError> {
        get(&self.conn, id)
    }

    /// Bookings that hold time (confirmed or pending) overlapping `[from, to)`, optionally of
    /// one room, in start order. No booking is longer than 14 days, which bounds the index
    /// range (1,209,600 s before `from`) whatever the history.
    pub fn bookings_between(
        &self,
        room: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<BookingRecord>, StoreError> {
        query(
            &self.conn,
            "WHERE start_utc < ?2 AND start_utc > ?1 - 1209600 AND end_utc > ?1
               AND status IN ('confirmed', 'pending')
               AND (?3 IS NULL OR room = ?3)
             ORDER BY start_utc, room, id",
            params![from.timestamp(), to.timestamp(), room],
        )
    }

    /// Bookings whose customer name contains `text` (case-insensitive), newest first.
    pub fn search_bookings(
        &self,
        text: &str,
        limit: u32,
    ) -> Result<Vec<BookingRecord>, StoreError> {
        let pattern = format!(
            "%{}%",
            text.trim()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        query(
            &self.conn,
            "WHERE customer_name LIKE ?1 ESCAPE '\\' ORDER BY start_utc DESC, id LIMIT ?2",
            params![pattern, limit],
        )
    }

    /// Every booking created or changed after `since`, oldest change first, at most
    /// `limit`; the flag says whether more follow.
    pub fn changes_since(
        &self,
        since: i64,
        limit: u32,
    ) -> Result<(Vec<BookingRecord>, bool), StoreError> {
        let mut rows = query(
            &self.conn,
            "WHERE seq > ?1 ORDER BY seq LIMIT ?2",
            params![since, i64::from(limit) + 1],
        )?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        Ok((rows, more))
    }

    /// Every booking, for the consistency check.
    pub(crate) fn all_bookings(&self) -> Result<Vec<BookingRecord>, StoreError> {
        query(&self.conn, "ORDER BY start_utc, id", [])
    }
}
