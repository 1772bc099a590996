//! [`Chain`] on a SQLite server file: one studio per file (its id [`STUDIO_ID`]), whose
//! desks and tokens are the file's; chain administrators need PostgreSQL.

use chrono::{DateTime, Utc};
use frontdesk_core::Studio;
use frontdesk_store::desks::{DeskRow, Enrolled};
use frontdesk_store::Store;

use super::{Chain, StorageError, TokenOwner, STUDIO_ID};

/// The one studio's id, or `NoStudio`.
fn only(studio: &str) -> Result<(), StorageError> {
    if studio == STUDIO_ID {
        Ok(())
    } else {
        Err(StorageError::NoStudio(studio.to_owned()))
    }
}

fn desk_owner(desk: String, admin: bool) -> TokenOwner {
    TokenOwner {
        studio: Some(STUDIO_ID.to_owned()),
        desk,
        admin,
    }
}

/// One studio per file; its tokens are the file's.
impl Chain for Store {
    fn token_owner(&self, hash: &str) -> Result<Option<TokenOwner>, StorageError> {
        Ok(Store::desk_for_token_hash(self, hash)?.map(|(desk, admin)| desk_owner(desk, admin)))
    }
    fn studios(&self) -> Result<Vec<(String, frontdesk_protocol::StudioInfo)>, StorageError> {
        let info = frontdesk_protocol::StudioInfo {
            staff: Store::staff(self)?,
            ..frontdesk_protocol::StudioInfo::from_studio(
                Store::studio(self),
                self.studio_version(),
            )
        };
        Ok(vec![(STUDIO_ID.to_owned(), info)])
    }
    fn add_studio(
        &mut self,
        _: &str,
        _: &Studio,
        _: DateTime<Utc>,
    ) -> Result<frontdesk_protocol::StudioInfo, StorageError> {
        Err(StorageError::OneStudio)
    }
    fn add_desk(
        &mut self,
        studio: &str,
        desk: &str,
        hash: &str,
        admin: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        only(studio)?;
        Ok(Store::set_desk_token_hash(self, desk, hash, admin, now)?)
    }
    fn add_chain_admin(&mut self, _: &str, _: &str, _: DateTime<Utc>) -> Result<(), StorageError> {
        Err(StorageError::OneStudio)
    }
    fn tokens(&self) -> Result<Vec<(String, TokenOwner)>, StorageError> {
        Ok(Store::desk_tokens(self)?
            .into_iter()
            .map(|(hash, desk, admin)| (hash, desk_owner(desk, admin)))
            .collect())
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
        only(studio)?;
        Ok(Store::issue_enrolment(
            self, desk, admin, code_hash, expires_at, now,
        )?)
    }
    fn enrol(
        &mut self,
        code_hash: &str,
        token_hash: &str,
        app_version: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<(String, Enrolled)>, StorageError> {
        Ok(Store::enrol(self, code_hash, token_hash, app_version, now)?
            .map(|enrolled| (STUDIO_ID.to_owned(), enrolled)))
    }
    fn desks(&self, studio: &str, now: DateTime<Utc>) -> Result<Vec<DeskRow>, StorageError> {
        only(studio)?;
        Ok(Store::desks(self, now)?)
    }
    fn revoke_desk(&mut self, studio: &str, desk: &str) -> Result<bool, StorageError> {
        only(studio)?;
        Ok(Store::revoke_desk(self, desk)?)
    }
    fn desks_seen(&mut self, seen: &[(String, String, DateTime<Utc>)]) -> Result<(), StorageError> {
        let ours: Vec<(String, DateTime<Utc>)> = seen
            .iter()
            .filter(|(studio, _, _)| studio == STUDIO_ID)
            .map(|(_, desk, at)| (desk.clone(), *at))
            .collect();
        Ok(Store::desks_seen(self, &ours)?)
    }
}
