//! [`Feeds`] on PostgreSQL: every feed row names its studio, every query but the token's
//! lookup is scoped by the storage's studio, and a feed's bookings are one query.

use chrono::{DateTime, Utc};
use frontdesk_protocol::FeedDetail;
use frontdesk_store::feed_tokens::{FeedEvent, FeedRow};
use uuid::Uuid;

use super::sql::Sql;
use super::storage::PgStorage;
use crate::storage::{Feeds, StorageError};

const COLUMNS: &str = "id, room, detail, label, created_at";

/// A feed row of `COLUMNS` read back (from column `at` on).
fn feed_of(row: &postgres::Row, at: usize) -> Result<FeedRow, StorageError> {
    let detail: String = row.try_get(at + 2)?;
    Ok(FeedRow {
        id: row.try_get(at)?,
        room: row.try_get(at + 1)?,
        detail: FeedDetail::parse(&detail)
            .ok_or_else(|| StorageError::Corrupt(format!("feed detail \"{detail}\"")))?,
        label: row.try_get(at + 3)?,
        created_at: row.try_get(at + 4)?,
    })
}

/// Writes `feed` of `studio` by its token's hash.
pub(super) fn insert(
    tx: &mut impl Sql,
    studio: &str,
    feed: &FeedRow,
    token_hash: &str,
) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO feeds (token_hash, studio, id, room, detail, label, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &token_hash,
            &studio,
            &feed.id,
            &feed.room,
            &feed.detail.as_str(),
            &feed.label,
            &feed.created_at,
        ],
    )?;
    Ok(())
}

impl Feeds for PgStorage {
    fn create_feed(&mut self, feed: &FeedRow, token_hash: &str) -> Result<(), StorageError> {
        self.in_transaction(|tx, studio, _| insert(tx, studio, feed, token_hash))
    }

    fn feeds(&self) -> Result<Vec<FeedRow>, StorageError> {
        let rows = self.reader()?.query(
            &format!("SELECT {COLUMNS} FROM feeds WHERE studio = $1 ORDER BY created_at, id"),
            &[&self.studio_id],
        )?;
        rows.iter().map(|row| feed_of(row, 0)).collect()
    }

    fn revoke_feed(&mut self, id: Uuid) -> Result<bool, StorageError> {
        self.in_transaction(|tx, studio, _| {
            Ok(tx.execute(
                "DELETE FROM feeds WHERE studio = $1 AND id = $2",
                &[&studio, &id],
            )? > 0)
        })
    }

    fn feed_for_token(&self, token_hash: &str) -> Result<Option<(String, FeedRow)>, StorageError> {
        let row = self.reader()?.query_opt(
            &format!("SELECT studio, {COLUMNS} FROM feeds WHERE token_hash = $1"),
            &[&token_hash],
        )?;
        row.map(|row| Ok((row.try_get(0)?, feed_of(&row, 1)?)))
            .transpose()
    }

    fn feed_events(
        &self,
        room: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<FeedEvent>, StorageError> {
        let earliest = FeedEvent::earliest_start(from);
        let rows = self.reader()?.query(
            "SELECT id, room, start_at, end_at, name, status, version, updated_at
               FROM bookings
              WHERE studio = $1 AND start_at < $3 AND start_at > $4 AND end_at > $2
                AND status IN ('confirmed', 'cancelled')
                AND ($5::text IS NULL OR room = $5)
              ORDER BY start_at, room, id",
            &[&self.studio_id, &from, &to, &earliest, &room],
        )?;
        rows.iter()
            .map(|row| {
                let status: String = row.try_get(5)?;
                Ok(FeedEvent {
                    id: row.try_get(0)?,
                    room: row.try_get(1)?,
                    start: row.try_get(2)?,
                    end: row.try_get(3)?,
                    customer_name: row.try_get(4)?,
                    cancelled: status == "cancelled",
                    version: row.try_get(6)?,
                    updated_at: row.try_get(7)?,
                })
            })
            .collect()
    }
}
