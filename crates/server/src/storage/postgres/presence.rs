//! Holds in the shared database, so every instance sees every hold.
//!
//! A session's expiry is one row (`hold_sessions`) and its holds are rows beside it,
//! keyed by a text of the holds in order (`holds_key`). The heartbeat (the same holds again)
//! is one UPDATE of the session row, whatever it holds; any other set is one transaction
//! that locks the room-days like a booking, checks bookings and other sessions' live holds
//! with the desk's engine (`HoldBook::set`), and replaces the session's rows. Expired
//! sessions are deleted by whichever instance sweeps first: the DELETE hands each one to
//! exactly one of them, which announces it.

use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_core::holds::{HoldView, HoldsSet};
use frontdesk_core::{Hold, RoomId, SessionId, Span};

use super::locks::{around, booked, held, held_days, lock_days, release};
use super::sql::Sql;
use super::transactions::live;
use super::PgStorage;
use crate::storage::{HeldDays, Presence, StorageError};

/// The holds in order as one text: equal texts, equal holds.
fn holds_key(holds: &[Hold]) -> String {
    holds
        .iter()
        .map(|h| {
            format!(
                "{}|{}|{}",
                h.room.as_str(),
                h.span.start().timestamp(),
                h.span.end().timestamp()
            )
        })
        .collect::<Vec<_>>()
        .join(";")
}

impl Presence for PgStorage {
    fn set_holds(
        &mut self,
        session: SessionId,
        desk: &str,
        holds: Vec<Hold>,
        now: DateTime<Utc>,
    ) -> Result<HoldsSet, StorageError> {
        let ttl = self.studio.hold_ttl;
        let expires_at = now + ttl;
        let key = holds_key(&holds);
        let renewed = live(&mut self.conn, &self.url)?.execute(
            "UPDATE hold_sessions SET expires_at = $1
              WHERE id = $2 AND studio = $3 AND desk = $4 AND holds_key = $5 AND expires_at > $6",
            &[&expires_at, &session, &self.studio_id, &desk, &key, &now],
        )?;
        if renewed == 1 {
            return Ok(HoldsSet {
                expires_at,
                changed: HeldDays::new(),
            });
        }
        let studio = &self.studio;
        let calendar = &studio.calendar;
        let mut widened = Vec::with_capacity(holds.len());
        for hold in &holds {
            let changeover = studio
                .room(hold.room.as_str())
                .map_err(StorageError::rule)?
                .changeover;
            widened.push((hold.room.clone(), hold.span.widened(changeover)));
        }
        let rooms: Vec<&str> = holds.iter().map(|h| h.room.as_str()).collect();
        let window = widened
            .iter()
            .map(|(_, span)| around(span))
            .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
        let mut tx = live(&mut self.conn, &self.url)?.transaction()?;
        let old = tx.query(
            "SELECT room, start_at, end_at FROM holds WHERE studio = $2 AND session = $1",
            &[&session, &self.studio_id],
        )?;
        let mut changed = held_days(calendar, &old)?;
        if let Some(window) = window {
            lock_days(&mut tx, &self.studio_id, calendar, &widened)?;
            let occupancy = booked(&mut tx, &self.studio_id, calendar, &rooms, window, None)?;
            let mut book = held(&mut tx, &self.studio_id, calendar, &rooms, window, now)?;
            let changeover = |room: &RoomId| studio.room(room.as_str()).map_or(0, |r| r.changeover);
            let set = book
                .set(
                    calendar,
                    session,
                    desk,
                    holds.clone(),
                    &occupancy,
                    now,
                    ttl,
                    changeover,
                )
                .map_err(StorageError::rule)?;
            changed.extend(set.changed);
        }
        tx.execute(
            "DELETE FROM holds WHERE studio = $2 AND session = $1",
            &[&session, &self.studio_id],
        )?;
        tx.execute(
            "INSERT INTO hold_sessions (id, studio, desk, expires_at, holds_key)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (studio, id) DO UPDATE
                SET desk = $3, expires_at = $4, holds_key = $5",
            &[&session, &self.studio_id, &desk, &expires_at, &key],
        )?;
        let (starts, ends): (Vec<DateTime<Utc>>, Vec<DateTime<Utc>>) =
            holds.iter().map(|h| (h.span.start(), h.span.end())).unzip();
        tx.execute(
            "INSERT INTO holds (session, studio, room, start_at, end_at)
             SELECT $1, $2, r, s, e FROM unnest($3::text[], $4::timestamptz[], $5::timestamptz[])
                 AS t (r, s, e)",
            &[&session, &self.studio_id, &rooms, &starts, &ends],
        )?;
        tx.commit()?;
        Ok(HoldsSet {
            expires_at,
            changed,
        })
    }

    fn release_holds(&mut self, session: SessionId) -> Result<HeldDays, StorageError> {
        let mut tx = live(&mut self.conn, &self.url)?.transaction()?;
        let days = release(&mut tx, &self.studio_id, &self.studio.calendar, session)?;
        tx.commit()?;
        Ok(days)
    }

    fn session_hold_days(&self, session: SessionId) -> Result<HeldDays, StorageError> {
        let rows = self.reader()?.query(
            "SELECT room, start_at, end_at FROM holds WHERE studio = $2 AND session = $1",
            &[&session, &self.studio_id],
        )?;
        held_days(&self.studio.calendar, &rows)
    }

    fn sweep_holds(&mut self, now: DateTime<Utc>) -> Result<HeldDays, StorageError> {
        let rows = live(&mut self.conn, &self.url)?.query(
            "WITH gone AS (
                 DELETE FROM hold_sessions WHERE studio = $1 AND expires_at <= $2 RETURNING id)
             DELETE FROM holds WHERE studio = $1 AND session IN (SELECT id FROM gone)
             RETURNING room, start_at, end_at",
            &[&self.studio_id, &now],
        )?;
        held_days(&self.studio.calendar, &rows)
    }

    fn holds_on(
        &self,
        room: Option<&str>,
        date: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<HoldView>, StorageError> {
        let studio = &self.studio;
        let rooms: Vec<&str> = match room {
            Some(room) => vec![studio.room(room).map_err(StorageError::rule)?.id.as_str()],
            None => studio.rooms.iter().map(|r| r.id.as_str()).collect(),
        };
        let day = studio.calendar.day(date).map_err(StorageError::rule)?;
        let span = Span::new(day.instant(0), day.end()).map_err(StorageError::rule)?;
        let book = held(
            &mut *self.reader()?,
            &self.studio_id,
            &studio.calendar,
            &rooms,
            (span.start(), span.end()),
            now,
        )?;
        Ok(rooms
            .iter()
            .flat_map(|r| book.holds_on(r, date, now))
            .collect())
    }
}
