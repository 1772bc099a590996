//! How a [`PgStorage`] call reaches the database: its connection (made again if the
//! database dropped it) for a read or a write, and one transaction for a write — the write
//! engine's ledger on it, or plain SQL.

use std::cell::{RefCell, RefMut};

use frontdesk_core::Studio;

use super::connect;
use super::ledger::PgLedger;
use super::sql::{Connection, Tx};
use super::storage::PgStorage;
use crate::storage::StorageError;

impl PgStorage {
    /// The connection for a read, connected again if the database dropped it.
    pub(super) fn reader(&self) -> Result<RefMut<'_, Connection>, StorageError> {
        let mut conn = self
            .conn
            .try_borrow_mut()
            .map_err(|_| StorageError::Corrupt("a connection used twice at once".into()))?;
        if conn.is_closed() {
            *conn = Connection::new(connect(&self.url)?);
        }
        Ok(conn)
    }

    /// The connection for a write, connected again if the database dropped it.
    pub(super) fn writer(&mut self) -> Result<&mut Connection, StorageError> {
        live(&mut self.conn, &self.url)
    }

    /// Runs the engine's write `f` in one transaction, committing what it returns (a write
    /// that only found it had been done before commits nothing new).
    pub(super) fn in_ledger<T>(
        &mut self,
        f: impl FnOnce(&mut PgLedger<'_, '_>, &Studio) -> Result<T, StorageError>,
    ) -> Result<T, StorageError> {
        self.in_transaction(|tx, studio_id, studio| {
            let mut ledger = PgLedger::new(tx, studio_id);
            let done = f(&mut ledger, studio)?;
            ledger.flush()?;
            Ok(done)
        })
    }

    /// Runs `f` in one transaction with the studio's id and studio, committing what it
    /// returns (a write that only found it had been done before commits nothing new).
    pub(super) fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&mut Tx<'_>, &str, &Studio) -> Result<T, StorageError>,
    ) -> Result<T, StorageError> {
        let mut tx = live(&mut self.conn, &self.url)?.transaction()?;
        let done = f(&mut tx, &self.studio_id, &self.studio)?;
        tx.commit()?;
        Ok(done)
    }
}

/// The connection, connected again if the database dropped it (a free function, so that a
/// caller can hold the studio's fields at the same time).
pub(super) fn live<'a>(
    conn: &'a mut RefCell<Connection>,
    url: &str,
) -> Result<&'a mut Connection, StorageError> {
    if conn.get_mut().is_closed() {
        *conn.get_mut() = Connection::new(connect(url)?);
    }
    Ok(conn.get_mut())
}
