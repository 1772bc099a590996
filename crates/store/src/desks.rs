//! Desk tokens of the server: only a hash of each token is stored.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use crate::{Store, StoreError};

impl Store {
    /// Stores (or replaces) the token hash of a desk; `admin` tokens may change the studio.
    pub fn set_desk_token_hash(
        &mut self,
        desk: &str,
        token_sha256: &str,
        admin: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO desk_tokens (desk, token_sha256, admin, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (desk) DO UPDATE SET token_sha256 = excluded.token_sha256,
                 admin = excluded.admin, created_at = excluded.created_at",
            params![desk, token_sha256, admin, now.timestamp()],
        )?;
        Ok(())
    }

    /// The desk whose token has this hash, and whether it is an admin's.
    pub fn desk_for_token_hash(
        &self,
        token_sha256: &str,
    ) -> Result<Option<(String, bool)>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT desk, admin FROM desk_tokens WHERE token_sha256 = ?1")?
            .query_row([token_sha256], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }
}
