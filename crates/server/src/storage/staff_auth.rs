//! [`StaffAuth`]: staff sessions, wrong-PIN lockouts and departed members, kept in the
//! database (per studio) so that every instance and every restart sees them; on the SQLite
//! [`Store`] here, on PostgreSQL in `postgres/staff_auth.rs`.

use chrono::{DateTime, Utc};
use frontdesk_store::staff_auth::PinTries;
use frontdesk_store::Store;
use uuid::Uuid;

use super::StorageError;

/// Signing staff in, scoped by the storage's studio.
pub trait StaffAuth {
    /// `staff`'s wrong PINs in a row and their lockout.
    fn pin_tries(&self, staff: Uuid) -> Result<PinTries, StorageError>;
    /// Records a PIN try in one transaction (a right one clears the count); the count after.
    fn record_pin_try(
        &mut self,
        staff: Uuid,
        right: bool,
        now: DateTime<Utc>,
    ) -> Result<PinTries, StorageError>;
    /// Stores a staff session by its hash.
    fn open_staff_session(
        &mut self,
        hash: &str,
        staff: Uuid,
        desk: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError>;
    /// The member and desk of a live staff session of this studio.
    fn staff_session(
        &self,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(Uuid, String)>, StorageError>;
    /// Ends a staff session opened at `desk`; whether there was one.
    fn close_staff_session(&mut self, hash: &str, desk: &str) -> Result<bool, StorageError>;
    /// When `staff` was removed from the studio, and their name then, if they were.
    fn staff_left_at(&self, staff: Uuid) -> Result<Option<(DateTime<Utc>, String)>, StorageError>;
}

impl StaffAuth for Store {
    fn pin_tries(&self, staff: Uuid) -> Result<PinTries, StorageError> {
        Ok(Store::pin_tries(self, staff)?)
    }
    fn record_pin_try(
        &mut self,
        staff: Uuid,
        right: bool,
        now: DateTime<Utc>,
    ) -> Result<PinTries, StorageError> {
        Ok(Store::record_pin_try(self, staff, right, now)?)
    }
    fn open_staff_session(
        &mut self,
        hash: &str,
        staff: Uuid,
        desk: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        Ok(Store::open_staff_session(
            self, hash, staff, desk, expires_at, now,
        )?)
    }
    fn staff_session(
        &self,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(Uuid, String)>, StorageError> {
        Ok(Store::staff_session(self, hash, now)?)
    }
    fn close_staff_session(&mut self, hash: &str, desk: &str) -> Result<bool, StorageError> {
        Ok(Store::close_staff_session(self, hash, desk)?)
    }
    fn staff_left_at(&self, staff: Uuid) -> Result<Option<(DateTime<Utc>, String)>, StorageError> {
        Ok(Store::staff_left_at(self, staff)?)
    }
}
