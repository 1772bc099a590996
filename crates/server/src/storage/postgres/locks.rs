//! What a write checks against, read under its locks: the room-days it locks in (room,
//! date) order, the booked masks and the live holds of a window, and a session's holds
//! released. Shared by bookings (`writes`), holds (`presence`), series and reads.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use frontdesk_core::{Calendar, Hold, HoldBook, Occupancy, RoomId, SessionId, Span};
use uuid::Uuid;

use super::sql::{Sql, Tx};
use crate::storage::{HeldDays, StorageError};

/// Locks the room-days of `spans` (inserting the rows first seen) in (room, date) order.
pub fn lock_days(
    tx: &mut Tx<'_>,
    studio: &str,
    calendar: &Calendar,
    spans: &[(RoomId, Span)],
) -> Result<(), StorageError> {
    let mut days = BTreeSet::new();
    for (room, span) in spans {
        for (date, _) in calendar
            .span_days(span)
            .map_err(StorageError::rule)?
            .masks()
        {
            days.insert((room.as_str().to_owned(), date));
        }
    }
    let (rooms, dates): (Vec<String>, Vec<chrono::NaiveDate>) = days.into_iter().unzip();
    // One statement inserts the rows first seen and locks the others, row by row in the
    // arrays' (sorted) order; a row another writer inserted but has not committed makes it
    // wait for that writer, as a locked one does. The no-op update changes no indexed
    // value, so it stays a HOT update.
    tx.execute(
        "INSERT INTO room_days (studio, room, day)
         SELECT $1, r, d FROM unnest($2::text[], $3::date[]) AS t (r, d)
         ON CONFLICT (studio, room, day) DO UPDATE SET day = EXCLUDED.day",
        &[&studio, &rooms, &dates],
    )?;
    Ok(())
}

/// The booked masks of `rooms` in `[from, to)`: confirmed bookings, `except` one.
pub fn booked(
    client: &mut impl Sql,
    studio: &str,
    calendar: &Calendar,
    rooms: &[&str],
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    except: Option<Uuid>,
) -> Result<Occupancy, StorageError> {
    let mut occupancy = Occupancy::new();
    let rows = client.query(
        "SELECT room, start_at, end_at FROM bookings
          WHERE studio = $1 AND room = ANY($2) AND status = 'confirmed'
            AND start_at < $4 AND end_at > $3 AND ($5::uuid IS NULL OR id <> $5)",
        &[&studio, &rooms, &from, &to, &except],
    )?;
    for row in rows {
        let room = RoomId::new(row.try_get::<_, &str>(0)?).map_err(StorageError::rule)?;
        let span = Span::new(row.try_get(1)?, row.try_get(2)?).map_err(StorageError::rule)?;
        let days = calendar.span_days(&span).map_err(StorageError::rule)?;
        occupancy.add(&room, days.masks());
    }
    Ok(occupancy)
}

/// The live holds of `rooms` in `[from, to)`, every session's, as a hold book.
pub fn held(
    client: &mut impl Sql,
    studio: &str,
    calendar: &Calendar,
    rooms: &[&str],
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
) -> Result<HoldBook, StorageError> {
    let rows = client.query(
        "SELECT h.session, s.desk, s.expires_at, h.room, h.start_at, h.end_at
           FROM holds h JOIN hold_sessions s ON s.studio = h.studio AND s.id = h.session
          WHERE h.studio = $1 AND h.room = ANY($2) AND h.start_at < $4 AND h.end_at > $3
            AND s.expires_at > $5
          ORDER BY h.session",
        &[&studio, &rooms, &from, &to, &now],
    )?;
    let mut sessions = Sessions::new();
    for row in rows {
        add_hold(&mut sessions, &row)?;
    }
    Ok(hold_book(calendar, sessions, now))
}

/// What a span on `room` within `window` is checked against, in one query: the booked
/// masks of its confirmed bookings and the live holds there, every session's.
pub fn checked_against(
    client: &mut impl Sql,
    studio: &str,
    calendar: &Calendar,
    room: &str,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
) -> Result<(Occupancy, HoldBook), StorageError> {
    let rows = client.query(
        "SELECT NULL::uuid, NULL::text, NULL::timestamptz, room, start_at, end_at FROM bookings
          WHERE studio = $1 AND room = $2 AND status = 'confirmed' AND start_at < $4 AND end_at > $3
         UNION ALL
         SELECT h.session, s.desk, s.expires_at, h.room, h.start_at, h.end_at
           FROM holds h JOIN hold_sessions s ON s.studio = h.studio AND s.id = h.session
          WHERE h.studio = $1 AND h.room = $2 AND h.start_at < $4 AND h.end_at > $3
            AND s.expires_at > $5
          ORDER BY 1 NULLS FIRST",
        &[&studio, &room, &from, &to, &now],
    )?;
    let mut occupancy = Occupancy::new();
    let mut sessions = Sessions::new();
    for row in rows {
        if row.try_get::<_, Option<Uuid>>(0)?.is_some() {
            add_hold(&mut sessions, &row)?;
            continue;
        }
        let room = RoomId::new(row.try_get::<_, &str>(3)?).map_err(StorageError::rule)?;
        let span = Span::new(row.try_get(4)?, row.try_get(5)?).map_err(StorageError::rule)?;
        let days = calendar.span_days(&span).map_err(StorageError::rule)?;
        occupancy.add(&room, days.masks());
    }
    Ok((occupancy, hold_book(calendar, sessions, now)))
}

/// Stored holds by session (ordered by session): its desk, expiry and spans.
type Sessions = Vec<(SessionId, String, DateTime<Utc>, Vec<Hold>)>;

/// Adds the hold of a row `(session, desk, expires_at, room, start_at, end_at)`.
fn add_hold(sessions: &mut Sessions, row: &postgres::Row) -> Result<(), StorageError> {
    let session: Uuid = row.try_get(0)?;
    let hold = Hold {
        room: RoomId::new(row.try_get::<_, &str>(3)?).map_err(StorageError::rule)?,
        span: Span::new(row.try_get(4)?, row.try_get(5)?).map_err(StorageError::rule)?,
    };
    match sessions.last_mut() {
        Some(last) if last.0 == session => last.3.push(hold),
        _ => sessions.push((session, row.try_get(1)?, row.try_get(2)?, vec![hold])),
    }
    Ok(())
}

/// The hold book of stored `sessions`.
fn hold_book(calendar: &Calendar, sessions: Sessions, now: DateTime<Utc>) -> HoldBook {
    let mut book = HoldBook::new();
    for (session, desk, expires_at, holds) in sessions {
        // Stored holds were checked when set: they are put back unchecked (no bookings, no
        // changeover), only to be checked against.
        if let Err(error) = book.set(
            calendar,
            session,
            &desk,
            holds,
            &Occupancy::new(),
            now,
            expires_at - now,
            |_| 0,
        ) {
            tracing::error!(%session, %error, "stored holds overlap each other");
        }
    }
    book
}

/// A window around `span` wide enough for every mask its checks read.
pub fn around(span: &Span) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        span.start() - Duration::days(1),
        span.end() + Duration::days(1),
    )
}

/// Deletes a session's holds; the room-dates they were on.
pub fn release(
    client: &mut impl Sql,
    studio: &str,
    calendar: &Calendar,
    session: SessionId,
) -> Result<HeldDays, StorageError> {
    // One statement, one round trip: the session row and its holds go together.
    let rows = client.query(
        "WITH s AS (DELETE FROM hold_sessions WHERE studio = $2 AND id = $1)
         DELETE FROM holds WHERE studio = $2 AND session = $1 RETURNING room, start_at, end_at",
        &[&session, &studio],
    )?;
    held_days(calendar, &rows)
}

/// The room-dates of rows `(room, start_at, end_at)`.
pub fn held_days(calendar: &Calendar, rows: &[postgres::Row]) -> Result<HeldDays, StorageError> {
    let mut days = HeldDays::new();
    for row in rows {
        let room = RoomId::new(row.try_get::<_, &str>(0)?).map_err(StorageError::rule)?;
        let span = Span::new(row.try_get(1)?, row.try_get(2)?).map_err(StorageError::rule)?;
        for (date, _) in calendar
            .span_days(&span)
            .map_err(StorageError::rule)?
            .masks()
        {
            days.insert((room.clone(), date));
        }
    }
    Ok(days)
}
