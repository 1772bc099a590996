//! Frontdesk's SQLite storage, shared by the desk and the server.
//!
//! [`Store`] owns one SQLite file (WAL), the studio it serves and the in-memory holds of
//! booking sessions. Every write is one transaction: the booking row, its day masks, an
//! audit row, a change-log row (and an outbox row on a desk) commit together or not at all.
//! Holds expire in seconds and live in memory, but they are checked under the same `&mut`
//! borrow as every booking write, so callers that share a `Store` behind one lock can never
//! book over a live hold.
//!
//! Modules, one per responsibility:
//! - [`config`]: `studio.toml` → [`frontdesk_core::Studio`], and the demo studio.
//! - [`schema`]: numbered migrations.
//! - [`studio_rows`]: the studio and its rooms as rows.
//! - [`masks`]: `day_masks` rows.
//! - [`bookings`]: booking rows, create and cancel; [`booking_queries`]: reading them.
//! - [`series`]: recurring series: the preview, booking the free occurrences, cancelling
//!   this and the following ones.
//! - [`booking_changes`]: a booking's later changes (span, details, check-in, no-show).
//! - [`holds`]: presence holds checked against the stored masks.
//! - [`availability`]: day slots and month view over the stored masks.
//! - [`status`]: room status for many rooms in a constant number of queries.
//! - [`desks`] and [`push_log`]: the server's desk tokens and answered sync mutations.
//! - [`feed_tokens`]: the server's calendar feeds and the one query of a feed's bookings.
//! - [`remote`]: a desk's copy of the server's bookings; [`push_answers`]: the server's
//!   answers to offline work (conflicts, refused changes).
//! - [`outbox`] and [`sync_state`]: queued offline work and the sync cursor.
//! - [`period_rows`]: the bookings and customers of a period, for the desk's CSV exports.
//! - [`reports`]: the studio's numbers of a period (occupancy, money, customers,
//!   payments), for the desk offline and the server's SQLite backend.
//! - [`audit`]: the audit log.
//! - [`staff`]: staff members and their PIN hashes; [`pin_verifier`]: the hashes' costs and
//!   the desk-bound offline verifiers; [`staff_auth`]: lockouts, staff sessions, departures.
//! - [`customers`]: customer records matched on phone or email; [`customer_changes`]: edits
//!   and merges; [`customer_search`]: lookup as staff type.
//! - [`check`]: the consistency check that rebuilds the masks from the bookings.
//! - [`engine`]: every write's steps, written once over a [`engine::Ledger`] of rows and
//!   locks; [`sqlite_ledger`] is that ledger on this file (the server's PostgreSQL has its
//!   own).

pub mod audit;
pub mod availability;
pub mod backup;
pub mod booking_changes;
pub mod booking_queries;
pub mod booking_rows;
pub mod bookings;
mod cancellation_rows;
pub mod change_rules;
pub mod check;
pub mod config;
pub mod conflicts;
pub mod customer_changes;
pub mod customer_search;
pub mod customers;
pub mod desks;
pub mod engine;
pub mod export;
pub mod feed_tokens;
pub mod fees;
pub mod handover;
pub mod holds;
pub mod masks;
pub mod messages;
pub mod online_booking;
pub mod outbox;
pub mod period_rows;
pub mod pin_verifier;
pub mod push_answers;
pub mod push_log;
pub mod refused_changes;
pub mod refused_customer_edits;
pub mod reminder_consent;
pub mod remote;
pub mod reports;
pub mod schema;
pub mod series;
pub mod server_switch;
pub mod sqlite_ledger;
pub mod staff;
pub mod staff_auth;
pub mod status;
pub mod studio_edit;
pub mod studio_rows;
pub mod sync_state;
pub mod text_caps;

mod error;
#[cfg(test)]
mod test_store;
mod wire;

use std::path::Path;

use frontdesk_core::{HoldBook, Studio};
use rusqlite::Connection;

pub use bookings::{BookingRecord, BookingStatus, NewBooking, WriteContext, WriteOutcome};
pub use check::MaskDifference;
pub use config::{ConfigError, DeskEntry, DeskRole, StudioConfig, DEMO_STUDIO_TOML};
pub use error::StoreError;
pub use outbox::OutboxEntry;
pub use push_answers::PushAnswer;
pub use remote::RemoteBooking;
pub use status::RoomStatus;

/// How hard a commit waits for the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// `synchronous=FULL`: a committed booking survives a crash of the process *and* of the
    /// machine (power loss). The default: a walk-in booked at the desk is never lost.
    Full,
    /// `synchronous=NORMAL`: survives a crash of the process; the last commits may be lost
    /// on power loss. For tests and benchmarks that say so.
    Normal,
}

/// One SQLite file, its studio, and the live holds.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    studio: Studio,
    studio_version: i64,
    holds: HoldBook,
    desk: String,
    durability: Durability,
}

impl Store {
    /// Opens (or creates) the file, runs the migrations and loads the studio stored in it.
    /// A new file needs a studio: pass one with [`Store::open_with_studio`].
    pub fn open(path: &Path, desk: &str, durability: Durability) -> Result<Store, StoreError> {
        let conn = Self::connect(path, durability)?;
        let studio = studio_rows::load(&conn)?.ok_or(StoreError::NoStudio)?;
        let studio_version = studio_edit::version(&conn)?;
        Ok(Store {
            conn,
            studio,
            studio_version,
            holds: HoldBook::new(),
            desk: desk.to_owned(),
            durability,
        })
    }

    /// Opens (or creates) the file and makes `studio` the stored studio (its rooms are
    /// replaced; bookings are kept).
    pub fn open_with_studio(
        path: &Path,
        desk: &str,
        durability: Durability,
        studio: Studio,
    ) -> Result<Store, StoreError> {
        let mut conn = Self::connect(path, durability)?;
        let tx = conn.transaction()?;
        studio_rows::save(&tx, &studio)?;
        tx.commit()?;
        let studio_version = studio_edit::version(&conn)?;
        Ok(Store {
            conn,
            studio,
            studio_version,
            holds: HoldBook::new(),
            desk: desk.to_owned(),
            durability,
        })
    }

    /// Opens the file with the studio stored in it; a new file (no studio yet) starts with
    /// `seed`. Unlike [`Store::open_with_studio`], a studio changed since is kept: the seed
    /// (`studio.toml`) only starts a database.
    pub fn open_or_seed(
        path: &Path,
        desk: &str,
        durability: Durability,
        seed: Studio,
    ) -> Result<Store, StoreError> {
        match Self::open(path, desk, durability) {
            Err(StoreError::NoStudio) => Self::open_with_studio(path, desk, durability, seed),
            other => other,
        }
    }

    fn connect(path: &Path, durability: Durability) -> Result<Connection, StoreError> {
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(
            None,
            "synchronous",
            match durability {
                Durability::Full => "FULL",
                Durability::Normal => "NORMAL",
            },
        )?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        schema::migrate(&mut conn)?;
        customers::link_unlinked(&mut conn)?;
        Ok(conn)
    }

    pub fn studio(&self) -> &Studio {
        &self.studio
    }

    /// Starts a group commit: the writes that follow, each still its own transaction, are
    /// made durable together by [`Store::end_group`] with one fsync instead of one each.
    /// Only for a caller that lets nobody read the file and acknowledges none of these
    /// writes before `end_group` returns (the server holds its storage lock throughout).
    pub fn begin_group(&mut self) -> Result<(), StoreError> {
        if self.durability == Durability::Full {
            self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        Ok(())
    }

    /// Ends a group commit: back to `synchronous=FULL`, and one small write whose commit
    /// syncs the write-ahead log, and with it every commit of the group.
    pub fn end_group(&mut self) -> Result<(), StoreError> {
        if self.durability == Durability::Full {
            self.conn.pragma_update(None, "synchronous", "FULL")?;
            self.conn.execute(
                "INSERT INTO sync_state (key, value) VALUES ('group_commits', '1')
                 ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
                [],
            )?;
        }
        Ok(())
    }

    /// Whether the file answers a query (a server's readiness).
    pub fn ping(&self) -> Result<(), StoreError> {
        self.conn.query_row("SELECT 1", [], |_| Ok(()))?;
        Ok(())
    }

    /// Whether a group commit left `synchronous` below `FULL` (tests of the guard).
    pub fn synchronous(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))?)
    }

    /// This store's own desk id (the default writer of [`WriteContext`]s).
    pub fn desk(&self) -> &str {
        &self.desk
    }

    /// A write by this store's own desk at `now`.
    pub fn write_context(&self, now: chrono::DateTime<chrono::Utc>) -> WriteContext<'_> {
        WriteContext::new(&self.desk, now)
    }

    /// The live holds (read-only).
    pub fn holds(&self) -> &HoldBook {
        &self.holds
    }

    /// The SQLite connection, for diagnostics and tests (e.g. counting statements with a
    /// trace hook). Writes must go through the typed operations.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

impl Store {
    /// Runs the engine's write `f` in one `IMMEDIATE` transaction and commits what it
    /// returns; the holds of sessions it turned into bookings are released after the
    /// commit. On an error nothing is written.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&mut sqlite_ledger::SqliteLedger<'_>, &Studio) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut ledger = sqlite_ledger::SqliteLedger::new(&tx, &self.holds);
        let done = f(&mut ledger, &self.studio)?;
        let released = ledger.released();
        tx.commit()?;
        for session in released {
            self.holds.release(session);
        }
        Ok(done)
    }

    /// Runs the engine's read `f` on the connection.
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&mut sqlite_ledger::SqliteLedger<'_>, &Studio) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut ledger = sqlite_ledger::SqliteLedger::new(&self.conn, &self.holds);
        f(&mut ledger, &self.studio)
    }
}
