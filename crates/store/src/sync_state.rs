//! Small persistent sync settings of a desk: the change-log cursor, the last sync time.

use rusqlite::{params, OptionalExtension};

use crate::{Store, StoreError};

impl Store {
    pub fn sync_value(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_sync_value(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![key, value])?;
        Ok(())
    }

    /// The server change-log sequence this desk has pulled up to (0 at first).
    pub fn sync_cursor(&self) -> Result<i64, StoreError> {
        match self.sync_value("cursor")? {
            Some(text) => text
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("sync cursor \"{text}\""))),
            None => Ok(0),
        }
    }

    pub fn set_sync_cursor(&mut self, cursor: i64) -> Result<(), StoreError> {
        self.set_sync_value("cursor", &cursor.to_string())
    }
}
