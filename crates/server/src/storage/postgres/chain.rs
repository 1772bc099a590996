//! The chain on PostgreSQL: its studios, and the tokens that reach them (a desk's belongs
//! to one studio; a chain administrator's to none).

use chrono::{DateTime, Utc};
use frontdesk_core::Studio;
use frontdesk_protocol::StudioInfo;

use frontdesk_store::desks::{DeskRow, Enrolled};

use super::sql::Sql;
use super::{schema, PgStorage};
use crate::storage::{Chain, StorageError, TokenOwner};

/// A studio id: 1 to 40 of `a-z`, `0-9` and `-`, as it appears in URLs and logs.
pub(crate) fn check_studio_id(id: &str) -> Result<(), String> {
    let ok = (1..=40).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "id: \"{id}\" is not a studio id (1 to 40 of a-z, 0-9 and -)"
        ))
    }
}

impl Chain for PgStorage {
    fn token_owner(&self, hash: &str) -> Result<Option<TokenOwner>, StorageError> {
        let row = self.reader()?.query_opt(
            "SELECT studio, desk, admin FROM desks WHERE token_hash = $1
             UNION ALL
             SELECT NULL, name, true FROM chain_admins WHERE token_hash = $1
             LIMIT 1",
            &[&hash],
        )?;
        Ok(match row {
            Some(row) => Some(TokenOwner {
                studio: row.try_get(0)?,
                desk: row.try_get(1)?,
                admin: row.try_get(2)?,
            }),
            None => None,
        })
    }

    fn studios(&self) -> Result<Vec<(String, StudioInfo)>, StorageError> {
        schema::all_studios(&mut *self.reader()?)
    }

    fn add_studio(
        &mut self,
        id: &str,
        studio: &Studio,
        now: DateTime<Utc>,
    ) -> Result<StudioInfo, StorageError> {
        let client = self.writer()?;
        let made = schema::insert_studio(client, id, studio, now)?;
        if !made {
            return Err(StorageError::Occupied(id.to_owned()));
        }
        Ok(schema::load_studio(client, id)?.1)
    }

    fn add_desk(
        &mut self,
        studio: &str,
        desk: &str,
        hash: &str,
        admin: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let client = self.writer()?;
        let exists = client.query_opt("SELECT 1 FROM studios WHERE id = $1", &[&studio])?;
        if exists.is_none() {
            return Err(StorageError::NoStudio(studio.to_owned()));
        }
        client.execute(
            "INSERT INTO desks (token_hash, studio, desk, admin, created_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (studio, desk) DO UPDATE
                SET token_hash = $1, admin = $4, created_at = $5",
            &[&hash, &studio, &desk, &admin, &now],
        )?;
        Ok(())
    }

    fn add_chain_admin(
        &mut self,
        name: &str,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.writer()?.execute(
            "INSERT INTO chain_admins (token_hash, name, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (token_hash) DO UPDATE SET name = $2",
            &[&hash, &name, &now],
        )?;
        Ok(())
    }

    fn tokens(&self) -> Result<Vec<(String, TokenOwner)>, StorageError> {
        self.reader()?
            .query(
                "SELECT token_hash, studio, desk, admin FROM desks
                 UNION ALL
                 SELECT token_hash, NULL, name, true FROM chain_admins",
                &[],
            )?
            .iter()
            .map(|row| {
                Ok((
                    row.try_get(0)?,
                    TokenOwner {
                        studio: row.try_get(1)?,
                        desk: row.try_get(2)?,
                        admin: row.try_get(3)?,
                    },
                ))
            })
            .collect()
    }

    fn issue_enrolment(
        &mut self,
        studio: &str,
        desk: &str,
        admin: bool,
        code_hash: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let client = self.writer()?;
        let exists = client.query_opt("SELECT 1 FROM studios WHERE id = $1", &[&studio])?;
        if exists.is_none() {
            return Err(StorageError::NoStudio(studio.to_owned()));
        }
        client.execute(
            "INSERT INTO desk_enrolments (code_hash, studio, desk, admin, expires_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (studio, desk) DO UPDATE
                SET code_hash = $1, admin = $4, expires_at = $5, created_at = $6",
            &[&code_hash, &studio, &desk, &admin, &expires_at, &now],
        )?;
        Ok(())
    }

    fn enrol(
        &mut self,
        code_hash: &str,
        token_hash: &str,
        app_version: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<(String, Enrolled)>, StorageError> {
        let mut tx = self.writer()?.transaction()?;
        let found = tx.query_opt(
            "DELETE FROM desk_enrolments WHERE code_hash = $1
             RETURNING studio, desk, admin, expires_at",
            &[&code_hash],
        )?;
        let Some(row) = found else {
            return Ok(None);
        };
        let (studio, desk, admin, expires_at): (String, String, bool, DateTime<Utc>) = (
            row.try_get(0)?,
            row.try_get(1)?,
            row.try_get(2)?,
            row.try_get(3)?,
        );
        if expires_at <= now {
            // Used up all the same: an expired code is gone.
            tx.commit()?;
            return Ok(None);
        }
        tx.execute(
            "INSERT INTO desks (token_hash, studio, desk, admin, created_at, last_seen, app_version)
             VALUES ($1, $2, $3, $4, $5, $5, $6)
             ON CONFLICT (studio, desk) DO UPDATE
                SET token_hash = $1, admin = $4, created_at = $5, last_seen = $5,
                    app_version = $6",
            &[&token_hash, &studio, &desk, &admin, &now, &app_version],
        )?;
        tx.commit()?;
        Ok(Some((studio, Enrolled { desk, admin })))
    }

    fn desks(&self, studio: &str, now: DateTime<Utc>) -> Result<Vec<DeskRow>, StorageError> {
        self.reader()?
            .query(
                "SELECT desk, admin, true, last_seen, app_version FROM desks WHERE studio = $1
                 UNION ALL
                 SELECT e.desk, e.admin, false, NULL, NULL FROM desk_enrolments e
                  WHERE e.studio = $1 AND e.expires_at > $2
                    AND NOT EXISTS (SELECT 1 FROM desks d
                                     WHERE d.studio = e.studio AND d.desk = e.desk)
                 ORDER BY 1",
                &[&studio, &now],
            )?
            .iter()
            .map(|row| {
                Ok(DeskRow {
                    name: row.try_get(0)?,
                    admin: row.try_get(1)?,
                    enrolled: row.try_get(2)?,
                    last_seen: row.try_get(3)?,
                    app_version: row.try_get(4)?,
                })
            })
            .collect()
    }

    fn revoke_desk(&mut self, studio: &str, desk: &str) -> Result<bool, StorageError> {
        let mut tx = self.writer()?.transaction()?;
        let tokens = tx.execute(
            "DELETE FROM desks WHERE studio = $1 AND desk = $2",
            &[&studio, &desk],
        )?;
        let codes = tx.execute(
            "DELETE FROM desk_enrolments WHERE studio = $1 AND desk = $2",
            &[&studio, &desk],
        )?;
        tx.commit()?;
        Ok(tokens + codes > 0)
    }

    fn desks_seen(&mut self, seen: &[(String, String, DateTime<Utc>)]) -> Result<(), StorageError> {
        if seen.is_empty() {
            return Ok(());
        }
        let studios: Vec<&str> = seen.iter().map(|(s, _, _)| s.as_str()).collect();
        let desks: Vec<&str> = seen.iter().map(|(_, d, _)| d.as_str()).collect();
        let ats: Vec<DateTime<Utc>> = seen.iter().map(|(_, _, at)| *at).collect();
        self.writer()?.execute(
            "UPDATE desks d SET last_seen = GREATEST(d.last_seen, s.at)
               FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS s(studio, desk, at)
              WHERE d.studio = s.studio AND d.desk = s.desk",
            &[&studios, &desks, &ats],
        )?;
        Ok(())
    }
}
