//! A server's desks: one token per desk (only its hash is stored), the one-time codes that
//! enrol a desk, and when each desk was last seen. Enrolling a desk again replaces its
//! token; revoking it deletes the token, so the server refuses it from then on.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use crate::{Store, StoreError};

/// One desk as an admin sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskRow {
    pub name: String,
    pub admin: bool,
    /// It has a token (false: only a code was issued so far).
    pub enrolled: bool,
    pub last_seen: Option<DateTime<Utc>>,
    pub app_version: Option<String>,
}

/// A desk that exchanged its code for a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolled {
    pub desk: String,
    pub admin: bool,
}

impl Store {
    /// Stores (or replaces) the token hash of a desk; `admin` tokens may change the studio.
    /// The desk's old token, if any, is refused from then on.
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

    /// Every desk token: (hash, desk, admin).
    pub fn desk_tokens(&self) -> Result<Vec<(String, String, bool)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT token_sha256, desk, admin FROM desk_tokens")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Issues a code for `desk` (new, or to be re-keyed), valid until `expires_at`;
    /// replaces the desk's open code, if any. Only the code's hash is stored.
    pub fn issue_enrolment(
        &mut self,
        desk: &str,
        admin: bool,
        code_sha256: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO desk_enrolments (code_sha256, desk, admin, expires_at, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (desk) DO UPDATE SET code_sha256 = excluded.code_sha256,
                 admin = excluded.admin, expires_at = excluded.expires_at,
                 created_at = excluded.created_at",
            params![
                code_sha256,
                desk,
                admin,
                expires_at.timestamp(),
                now.timestamp()
            ],
        )?;
        Ok(())
    }

    /// Exchanges a code for a token in one transaction: the code is used up and the desk's
    /// token becomes `token_sha256` (its old one is refused from then on). `None` for a
    /// code that is unknown, used or expired — which of them is not said.
    pub fn enrol(
        &mut self,
        code_sha256: &str,
        token_sha256: &str,
        app_version: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<Enrolled>, StoreError> {
        let tx = self.conn.transaction()?;
        let found: Option<(String, bool, i64)> = tx
            .query_row(
                "DELETE FROM desk_enrolments WHERE code_sha256 = ?1
                 RETURNING desk, admin, expires_at",
                [code_sha256],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((desk, admin, expires_at)) = found else {
            return Ok(None);
        };
        if expires_at <= now.timestamp() {
            // Used up all the same: an expired code is gone.
            tx.commit()?;
            return Ok(None);
        }
        tx.execute(
            "INSERT INTO desk_tokens (desk, token_sha256, admin, created_at, last_seen, app_version)
             VALUES (?1, ?2, ?3, ?4, ?4, ?5)
             ON CONFLICT (desk) DO UPDATE SET token_sha256 = excluded.token_sha256,
                 admin = excluded.admin, created_at = excluded.created_at,
                 last_seen = excluded.last_seen, app_version = excluded.app_version",
            params![desk, token_sha256, admin, now.timestamp(), app_version],
        )?;
        tx.commit()?;
        Ok(Some(Enrolled { desk, admin }))
    }

    /// Every desk with a token or an open code, by name.
    pub fn desks(&self, now: DateTime<Utc>) -> Result<Vec<DeskRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT desk, admin, 1, last_seen, app_version FROM desk_tokens
             UNION ALL
             SELECT desk, admin, 0, NULL, NULL FROM desk_enrolments
              WHERE expires_at > ?1 AND desk NOT IN (SELECT desk FROM desk_tokens)
             ORDER BY 1",
        )?;
        let rows = stmt.query_map([now.timestamp()], |r| {
            Ok(DeskRow {
                name: r.get(0)?,
                admin: r.get(1)?,
                enrolled: r.get(2)?,
                last_seen: r
                    .get::<_, Option<i64>>(3)?
                    .and_then(|t| DateTime::from_timestamp(t, 0)),
                app_version: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Revokes a desk: its token and open code are deleted. Whether it had either.
    pub fn revoke_desk(&mut self, desk: &str) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let tokens = tx.execute("DELETE FROM desk_tokens WHERE desk = ?1", [desk])?;
        let codes = tx.execute("DELETE FROM desk_enrolments WHERE desk = ?1", [desk])?;
        tx.commit()?;
        Ok(tokens + codes > 0)
    }

    /// Notes when desks were last seen (one statement per desk, one transaction).
    pub fn desks_seen(&mut self, seen: &[(String, DateTime<Utc>)]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "UPDATE desk_tokens SET last_seen = MAX(COALESCE(last_seen, 0), ?2) WHERE desk = ?1",
            )?;
            for (desk, at) in seen {
                stmt.execute(params![desk, at.timestamp()])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
