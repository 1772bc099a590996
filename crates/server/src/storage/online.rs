//! [`Online`]: the studio's online booking settings and its manage-link key; on the SQLite
//! [`Store`] here, on PostgreSQL in `postgres/online.rs`. Both scoped by the storage's studio.

use frontdesk_protocol::OnlineBooking;
use frontdesk_store::online_booking::LINK_KEY_LEN;
use frontdesk_store::Store;

use super::StorageError;

pub trait Online {
    /// The settings and their version (off at 0 before the first save).
    fn online_booking(&self) -> Result<(OnlineBooking, i64), StorageError>;
    /// Saves settings made to version `edited`; the new version, or `stale`.
    fn set_online_booking(
        &mut self,
        settings: &OnlineBooking,
        edited: i64,
    ) -> Result<i64, StorageError>;
    /// The studio's manage-link key: `fresh` if it had none (then kept), else the kept one.
    fn link_key(&mut self, fresh: [u8; LINK_KEY_LEN]) -> Result<[u8; LINK_KEY_LEN], StorageError>;
}

impl Online for Store {
    fn online_booking(&self) -> Result<(OnlineBooking, i64), StorageError> {
        Ok(Store::online_booking(self)?)
    }
    fn set_online_booking(
        &mut self,
        settings: &OnlineBooking,
        edited: i64,
    ) -> Result<i64, StorageError> {
        Ok(Store::set_online_booking(self, settings, edited)?)
    }
    fn link_key(&mut self, fresh: [u8; LINK_KEY_LEN]) -> Result<[u8; LINK_KEY_LEN], StorageError> {
        Ok(Store::link_key(self, fresh)?)
    }
}
