//! A server's calendar feeds: a secret read-only URL per feed, of which only the token's
//! SHA-256 is kept; revoking a feed deletes its row, so a revoked token and one that never
//! existed are looked up (and refused) alike. And the one query that reads a feed's
//! bookings: lean rows (no phone, e-mail or note is even read), cancelled ones included.

use chrono::{DateTime, Duration, Utc};
use frontdesk_core::MAX_SPAN_DAYS;
use frontdesk_protocol::FeedDetail;
use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use crate::booking_rows::instant;
use crate::{Store, StoreError};

/// A feed as stored (its token is not: only its hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRow {
    pub id: Uuid,
    /// The room; `None` for the whole studio.
    pub room: Option<String>,
    pub detail: FeedDetail,
    pub label: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A booking as a feed shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEvent {
    pub id: Uuid,
    pub room: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub customer_name: String,
    pub cancelled: bool,
    /// Raised by every change; 1 when made.
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

impl FeedEvent {
    /// The earliest start a booking overlapping `[from, …)` can have: no booking is longer
    /// than [`MAX_SPAN_DAYS`], which bounds the index range of the feed's query.
    pub fn earliest_start(from: DateTime<Utc>) -> DateTime<Utc> {
        from - Duration::days(MAX_SPAN_DAYS)
    }
}

fn corrupt(what: &str, text: &str) -> StoreError {
    StoreError::Corrupt(format!("feed {what} \"{text}\""))
}

fn uuid(text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|_| corrupt("id", text))
}

const FEED_COLUMNS: &str = "id, room, detail, label, created_at";

type RawFeed = (String, Option<String>, String, Option<String>, i64);

fn raw_feed(r: &Row<'_>) -> rusqlite::Result<RawFeed> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn feed_of((id, room, detail, label, created_at): RawFeed) -> Result<FeedRow, StoreError> {
    Ok(FeedRow {
        id: uuid(&id)?,
        room,
        detail: FeedDetail::parse(&detail).ok_or_else(|| corrupt("detail", &detail))?,
        label,
        created_at: instant(created_at)?,
    })
}

/// Every live feed with its token's hash, oldest first: what moves with the studio to
/// another database (`frontdesk-server migrate`), so subscribed calendars keep working.
pub(crate) fn read_all(conn: &Connection) -> Result<Vec<(FeedRow, String)>, StoreError> {
    let raw = conn
        .prepare(&format!(
            "SELECT {FEED_COLUMNS}, token_sha256 FROM feeds ORDER BY created_at, id"
        ))?
        .query_map([], |r| Ok((raw_feed(r)?, r.get::<_, String>(5)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    raw.into_iter()
        .map(|(feed, hash)| Ok((feed_of(feed)?, hash)))
        .collect()
}

impl Store {
    /// Stores a new feed by its token's hash.
    pub fn create_feed(&mut self, feed: &FeedRow, token_sha256: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO feeds (id, token_sha256, room, detail, label, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                feed.id.to_string(),
                token_sha256,
                feed.room,
                feed.detail.as_str(),
                feed.label,
                feed.created_at.timestamp()
            ],
        )?;
        Ok(())
    }

    /// Every live feed, oldest first.
    pub fn feeds(&self) -> Result<Vec<FeedRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FEED_COLUMNS} FROM feeds ORDER BY created_at, id"
        ))?;
        let raw = stmt
            .query_map([], raw_feed)?
            .collect::<Result<Vec<_>, _>>()?;
        raw.into_iter().map(feed_of).collect()
    }

    /// Deletes a feed; whether there was one.
    pub fn revoke_feed(&mut self, id: Uuid) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .execute("DELETE FROM feeds WHERE id = ?1", [id.to_string()])?
            > 0)
    }

    /// The live feed whose token has this hash.
    pub fn feed_for_token(&self, token_sha256: &str) -> Result<Option<FeedRow>, StoreError> {
        let raw = self
            .conn
            .prepare_cached(&format!(
                "SELECT {FEED_COLUMNS} FROM feeds WHERE token_sha256 = ?1"
            ))?
            .query_row([token_sha256], raw_feed)
            .optional()?;
        raw.map(feed_of).transpose()
    }

    /// Confirmed and cancelled bookings overlapping `[from, to)`, of one room or all, in
    /// start order: one query.
    pub fn feed_events(
        &self,
        room: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<FeedEvent>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, room, start_utc, end_utc, customer_name, status, version, updated_at
               FROM bookings
              WHERE start_utc < ?2 AND start_utc > ?3 AND end_utc > ?1
                AND status IN ('confirmed', 'cancelled')
                AND (?4 IS NULL OR room = ?4)
              ORDER BY start_utc, room, id",
        )?;
        let earliest = FeedEvent::earliest_start(from);
        let raw = stmt
            .query_map(
                params![from.timestamp(), to.timestamp(), earliest.timestamp(), room],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, i64>(6)?,
                        r.get::<_, i64>(7)?,
                    ))
                },
            )?
            .collect::<Result<Vec<_>, _>>()?;
        raw.into_iter()
            .map(
                |(id, room, start, end, customer_name, status, version, updated_at)| {
                    Ok(FeedEvent {
                        id: uuid(&id)?,
                        room,
                        start: instant(start)?,
                        end: instant(end)?,
                        customer_name,
                        cancelled: status == "cancelled",
                        version,
                        updated_at: instant(updated_at)?,
                    })
                },
            )
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::TimeZone;

    fn store() -> (tempfile::TempDir, Store) {
        crate::test_store::demo()
    }

    #[test]
    fn a_feed_is_found_by_its_hash_until_revoked() {
        let (_dir, mut store) = store();
        let at = Utc.with_ymd_and_hms(2026, 6, 1, 8, 0, 0).unwrap();
        let feed = FeedRow {
            id: Uuid::new_v4(),
            room: None,
            detail: FeedDetail::Booked,
            label: Some("Owner".into()),
            created_at: at,
        };
        store.create_feed(&feed, "hash-1").unwrap();
        assert_eq!(store.feed_for_token("hash-1").unwrap(), Some(feed.clone()));
        assert_eq!(store.feed_for_token("hash-2").unwrap(), None);
        assert_eq!(store.feeds().unwrap(), vec![feed.clone()]);
        assert!(store.revoke_feed(feed.id).unwrap());
        assert!(!store.revoke_feed(feed.id).unwrap());
        assert_eq!(store.feed_for_token("hash-1").unwrap(), None);
        assert!(store.feeds().unwrap().is_empty());
    }
}
