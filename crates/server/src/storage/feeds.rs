//! [`Feeds`]: the studio's calendar feeds and the one query of a feed's bookings; on the
//! SQLite [`Store`] here, on PostgreSQL in `postgres/feeds.rs`.
//!
//! A feed token is looked up in every studio of the database (the public
//! `GET /feeds/{token}.ics` carries no desk token saying which); everything else is scoped
//! by the storage's studio.

use chrono::{DateTime, Utc};
use frontdesk_store::feed_tokens::{FeedEvent, FeedRow};
use frontdesk_store::Store;
use uuid::Uuid;

use super::{StorageError, STUDIO_ID};

/// Calendar feeds, stored by their tokens' hashes.
pub trait Feeds {
    /// Stores a new feed of this studio by its token's hash.
    fn create_feed(&mut self, feed: &FeedRow, token_hash: &str) -> Result<(), StorageError>;
    /// The studio's live feeds, oldest first.
    fn feeds(&self) -> Result<Vec<FeedRow>, StorageError>;
    /// Deletes a feed of this studio; whether there was one.
    fn revoke_feed(&mut self, id: Uuid) -> Result<bool, StorageError>;
    /// The studio and the live feed whose token has this hash, in any studio.
    fn feed_for_token(&self, token_hash: &str) -> Result<Option<(String, FeedRow)>, StorageError>;
    /// The studio's confirmed and cancelled bookings overlapping `[from, to)`, of one room or
    /// all, in start order: one query.
    fn feed_events(
        &self,
        room: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<FeedEvent>, StorageError>;
}

/// A SQLite server file holds one studio: its feeds are the file's.
impl Feeds for Store {
    fn create_feed(&mut self, feed: &FeedRow, token_hash: &str) -> Result<(), StorageError> {
        Ok(Store::create_feed(self, feed, token_hash)?)
    }
    fn feeds(&self) -> Result<Vec<FeedRow>, StorageError> {
        Ok(Store::feeds(self)?)
    }
    fn revoke_feed(&mut self, id: Uuid) -> Result<bool, StorageError> {
        Ok(Store::revoke_feed(self, id)?)
    }
    fn feed_for_token(&self, token_hash: &str) -> Result<Option<(String, FeedRow)>, StorageError> {
        Ok(Store::feed_for_token(self, token_hash)?.map(|feed| (STUDIO_ID.to_owned(), feed)))
    }
    fn feed_events(
        &self,
        room: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<FeedEvent>, StorageError> {
        Ok(Store::feed_events(self, room, from, to)?)
    }
}
