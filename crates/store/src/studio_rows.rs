//! The studio and its rooms as rows, so a desk starts offline with the studio it last saw.

use frontdesk_core::calendar::WEEK;
use frontdesk_core::{OpeningHours, Room, RoomId, Studio};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::StoreError;

fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Replaces the stored studio and its rooms. Bookings of rooms that disappear are kept.
pub fn save(tx: &Transaction<'_>, studio: &Studio) -> Result<(), StoreError> {
    let hours: Vec<Option<[String; 2]>> = WEEK
        .iter()
        .map(|wd| {
            studio
                .calendar
                .hours()
                .on(*wd)
                .map(|(o, c)| [hhmm(o), hhmm(c)])
        })
        .collect();
    let hours = serde_json::to_string(&hours).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    tx.execute(
        "INSERT INTO studio (id, name, timezone, hours, hold_ttl_seconds) VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone,
             hours = excluded.hours, hold_ttl_seconds = excluded.hold_ttl_seconds",
        params![
            studio.name,
            studio.calendar.timezone().name(),
            hours,
            studio.hold_ttl.num_seconds()
        ],
    )?;
    tx.execute("DELETE FROM rooms", [])?;
    for (position, room) in studio.rooms.iter().enumerate() {
        let durations = serde_json::to_string(&room.durations)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        tx.execute(
            "INSERT INTO rooms (id, name, durations, interval_minutes, position) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![room.id.as_str(), room.name, durations, room.interval, position as i64],
        )?;
    }
    Ok(())
}

/// The stored studio, if any.
pub fn load(conn: &Connection) -> Result<Option<Studio>, StoreError> {
    let row = conn
        .query_row(
            "SELECT name, timezone, hours, hold_ttl_seconds FROM studio WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            },
        )
        .optional()?;
    let Some((name, timezone, hours_json, ttl)) = row else {
        return Ok(None);
    };
    let corrupt = |e: &dyn std::fmt::Display| StoreError::Corrupt(format!("studio row: {e}"));
    let stored: Vec<Option<[String; 2]>> =
        serde_json::from_str(&hours_json).map_err(|e| corrupt(&e))?;
    let mut hours = OpeningHours::closed();
    for (wd, day) in WEEK.iter().zip(stored) {
        if let Some([open, close]) = day {
            hours.set(*wd, &open, &close).map_err(|e| corrupt(&e))?;
        }
    }
    let mut stmt =
        conn.prepare("SELECT id, name, durations, interval_minutes FROM rooms ORDER BY position")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, u32>(3)?,
        ))
    })?;
    let mut rooms = Vec::new();
    for row in rows {
        let (id, name, durations, interval) = row?;
        rooms.push(Room {
            id: RoomId::new(&id)?,
            name,
            durations: serde_json::from_str(&durations).map_err(|e| corrupt(&e))?,
            interval,
        });
    }
    Ok(Some(Studio::new(
        &name,
        &timezone,
        hours,
        rooms,
        u64::try_from(ttl).map_err(|e| corrupt(&e))?,
    )?))
}
