//! The chain on PostgreSQL: its studios, and the tokens that reach them (a desk's belongs
//! to one studio; a chain administrator's to none).

use chrono::{DateTime, Utc};
use frontdesk_core::Studio;
use frontdesk_protocol::StudioInfo;

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
             ON CONFLICT (token_hash) DO UPDATE SET studio = $2, desk = $3, admin = $4",
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
}
