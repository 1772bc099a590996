//! `day_masks` rows: the booked quanta of each room and local date, kept beside the
//! bookings and changed in the same transaction.

use chrono::NaiveDate;
use frontdesk_core::{Calendar, DayMask, Occupancy, RoomId, Span};
use rusqlite::{params, Connection, OptionalExtension};

use crate::StoreError;

pub(crate) fn to_blob(mask: DayMask) -> [u8; 16] {
    mask.bits().to_le_bytes()
}

pub(crate) fn from_blob(bytes: &[u8]) -> Result<DayMask, StoreError> {
    let bytes: [u8; 16] = bytes
        .try_into()
        .map_err(|_| StoreError::Corrupt(format!("a day mask of {} bytes", bytes.len())))?;
    Ok(DayMask::from_bits(u128::from_le_bytes(bytes)))
}

pub(crate) fn date_key(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("date \"{text}\"")))
}

/// The stored masks of `room` from `from` to `to` (inclusive), added to `into`.
pub fn load_range(
    conn: &Connection,
    room: &RoomId,
    from: NaiveDate,
    to: NaiveDate,
    into: &mut Occupancy,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, busy FROM day_masks WHERE room = ?1 AND date BETWEEN ?2 AND ?3",
    )?;
    let mut rows = stmt.query(params![room.as_str(), date_key(from), date_key(to)])?;
    while let Some(row) = rows.next()? {
        let date = parse_date(row.get_ref(0)?.as_str()?)?;
        into.set(room, date, from_blob(row.get_ref(1)?.as_blob()?)?);
    }
    Ok(())
}

/// The stored masks a booking or hold of `span` on `room` is checked against: the dates of
/// the span widened by the room's `changeover` minutes on both sides.
pub fn load_around(
    conn: &Connection,
    calendar: &Calendar,
    room: &RoomId,
    span: &Span,
    changeover: u32,
    into: &mut Occupancy,
) -> Result<(), StoreError> {
    let widened = span.widened(changeover);
    let from = calendar.date_of(widened.start());
    let to = calendar.date_of(widened.end());
    load_range(conn, room, from, to, into)
}

/// Every stored mask.
pub fn load_all(conn: &Connection) -> Result<Occupancy, StoreError> {
    let mut stmt = conn.prepare("SELECT room, date, busy FROM day_masks")?;
    let mut rows = stmt.query([])?;
    let mut occupancy = Occupancy::new();
    while let Some(row) = rows.next()? {
        let room = RoomId::new(row.get_ref(0)?.as_str()?)?;
        let date = parse_date(row.get_ref(1)?.as_str()?)?;
        occupancy.set(&room, date, from_blob(row.get_ref(2)?.as_blob()?)?);
    }
    Ok(occupancy)
}

/// Read-modify-write of one row inside the caller's transaction: `(old | add) − remove`.
pub(crate) fn update(
    conn: &Connection,
    room: &RoomId,
    date: NaiveDate,
    add: DayMask,
    remove: DayMask,
) -> Result<(), StoreError> {
    let key = date_key(date);
    let old = conn
        .prepare_cached("SELECT busy FROM day_masks WHERE room = ?1 AND date = ?2")?
        .query_row(params![room.as_str(), key], |r| r.get::<_, Vec<u8>>(0))
        .optional()?;
    let old = match old {
        Some(bytes) => from_blob(&bytes)?,
        None => DayMask::EMPTY,
    };
    let new = (old | add).without(remove);
    if new.is_empty() {
        conn.prepare_cached("DELETE FROM day_masks WHERE room = ?1 AND date = ?2")?
            .execute(params![room.as_str(), key])?;
    } else {
        conn.prepare_cached(
            "INSERT INTO day_masks (room, date, busy) VALUES (?1, ?2, ?3)
             ON CONFLICT (room, date) DO UPDATE SET busy = excluded.busy",
        )?
        .execute(params![room.as_str(), key, to_blob(new)])?;
    }
    Ok(())
}
