//! The studio and its rooms as rows, so a desk starts offline with the studio it last saw.
//!
//! The opening hours are two JSON columns of the `studio` row, times as `"HH:MM"`:
//! - `hours`: the weekly ranges, Monday first, an empty list for a closed weekday:
//!   `[[["08:00", "24:00"]], [["10:00", "14:00"], ["16:00", "24:00"]], [], …]` (7 lists);
//! - `dates`: the exceptions by date, an empty list for a closed date:
//!   `{"2026-12-24": [["10:00", "14:00"]], "2026-12-25": []}`.
//!
//! Files written before schema version 5 held one range or `null` per weekday in `hours`
//! (`[["08:00", "24:00"], null, …]`); migration 5 rewrites them to this shape.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use frontdesk_core::calendar::WEEK;
use frontdesk_core::{OpeningHours, Pricing, Room, RoomId, Studio, TimeRange};
use frontdesk_protocol::PeakRateDto;
use rusqlite::{params, Connection, OptionalExtension};

use crate::StoreError;

type StoredRanges = Vec<[String; 2]>;

fn stored(ranges: &[TimeRange]) -> StoredRanges {
    TimeRange::pairs(ranges)
}

fn as_pairs(ranges: &StoredRanges) -> Vec<(&str, &str)> {
    ranges
        .iter()
        .map(|[open, close]| (open.as_str(), close.as_str()))
        .collect()
}

fn corrupt(what: &str, e: &dyn std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("studio row, {what}: {e}"))
}

/// The `hours` and `dates` columns of `hours`.
fn hours_columns(hours: &OpeningHours) -> Result<(String, String), StoreError> {
    let week: Vec<StoredRanges> = WEEK.iter().map(|wd| stored(hours.on(*wd))).collect();
    let dates: BTreeMap<String, StoredRanges> = hours
        .exceptions()
        .map(|(date, ranges)| (date.format("%Y-%m-%d").to_string(), stored(ranges)))
        .collect();
    Ok((
        serde_json::to_string(&week).map_err(|e| corrupt("hours", &e))?,
        serde_json::to_string(&dates).map_err(|e| corrupt("dates", &e))?,
    ))
}

/// The opening hours from the `hours` and `dates` columns.
fn hours_from_columns(week_json: &str, dates_json: &str) -> Result<OpeningHours, StoreError> {
    let week: Vec<StoredRanges> =
        serde_json::from_str(week_json).map_err(|e| corrupt("hours", &e))?;
    if week.len() != WEEK.len() {
        return Err(corrupt(
            "hours",
            &format!("{} weekdays instead of 7", week.len()),
        ));
    }
    let dates: BTreeMap<String, StoredRanges> =
        serde_json::from_str(dates_json).map_err(|e| corrupt("dates", &e))?;
    let mut hours = OpeningHours::closed();
    for (wd, ranges) in WEEK.iter().zip(&week) {
        hours
            .set_weekday(*wd, &as_pairs(ranges))
            .map_err(|e| corrupt("hours", &e))?;
    }
    for (date, ranges) in &dates {
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|e| corrupt("dates", &e))?;
        hours
            .set_date(date, &as_pairs(ranges))
            .map_err(|e| corrupt("dates", &e))?;
    }
    Ok(hours)
}

/// Replaces the stored studio and its rooms. Bookings of rooms that disappear are kept.
pub fn save(tx: &Connection, studio: &Studio) -> Result<(), StoreError> {
    let (hours, dates) = hours_columns(studio.calendar.hours())?;
    tx.execute(
        "INSERT INTO studio (id, name, timezone, hours, dates, hold_ttl_seconds, currency,
             no_show_grace_minutes, country, cancellation)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone,
             hours = excluded.hours, dates = excluded.dates,
             hold_ttl_seconds = excluded.hold_ttl_seconds, currency = excluded.currency,
             no_show_grace_minutes = excluded.no_show_grace_minutes,
             country = excluded.country, cancellation = excluded.cancellation",
        params![
            studio.name,
            studio.calendar.timezone().name(),
            hours,
            dates,
            studio.hold_ttl.num_seconds(),
            studio.currency,
            studio.no_show_grace_minutes,
            studio.country.map(|c| c.to_string()),
            crate::cancellation_rows::column(studio)?
        ],
    )?;
    tx.execute("DELETE FROM rooms", [])?;
    for (position, room) in studio.rooms.iter().enumerate() {
        let durations =
            serde_json::to_string(&room.durations).map_err(|e| corrupt("durations", &e))?;
        let peaks: Vec<PeakRateDto> = room
            .pricing
            .peaks
            .iter()
            .map(PeakRateDto::from_core)
            .collect();
        let peaks = serde_json::to_string(&peaks).map_err(|e| corrupt("peaks", &e))?;
        let per_hour =
            i64::try_from(room.pricing.per_hour).map_err(|e| corrupt("price_per_hour", &e))?;
        tx.execute(
            "INSERT INTO rooms (id, name, durations, interval_minutes, position, price_per_hour, peaks, colour,
                 changeover_minutes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![room.id.as_str(), room.name, durations, room.interval, position as i64, per_hour, peaks, room.colour,
                room.changeover],
        )?;
    }
    Ok(())
}

/// The stored studio, if any.
pub fn load(conn: &Connection) -> Result<Option<Studio>, StoreError> {
    let row = conn
        .query_row(
            "SELECT name, timezone, hours, dates, hold_ttl_seconds, currency, no_show_grace_minutes,
                 country, cancellation
             FROM studio WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, u32>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                ))
            },
        )
        .optional()?;
    let Some((name, timezone, hours_json, dates_json, ttl, currency, grace, country, terms)) = row
    else {
        return Ok(None);
    };
    let hours = hours_from_columns(&hours_json, &dates_json)?;
    let mut stmt = conn.prepare(
        "SELECT id, name, durations, interval_minutes, price_per_hour, peaks, colour, changeover_minutes
         FROM rooms ORDER BY position",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, u32>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, u32>(7)?,
        ))
    })?;
    let mut rooms = Vec::new();
    for row in rows {
        let (id, name, durations, interval, per_hour, peaks, colour, changeover) = row?;
        let peaks: Vec<PeakRateDto> =
            serde_json::from_str(&peaks).map_err(|e| corrupt("peaks", &e))?;
        let peaks = peaks
            .iter()
            .map(|p| p.to_core("peaks").map_err(|e| corrupt("peaks", &e)))
            .collect::<Result<Vec<_>, _>>()?;
        rooms.push(Room {
            id: RoomId::new(&id)?,
            name,
            durations: serde_json::from_str(&durations).map_err(|e| corrupt("durations", &e))?,
            interval,
            pricing: Pricing {
                per_hour: u64::try_from(per_hour).map_err(|e| corrupt("price_per_hour", &e))?,
                peaks,
            },
            colour,
            changeover,
        });
    }
    let studio = Studio::new(
        &name,
        &timezone,
        hours,
        rooms,
        u64::try_from(ttl).map_err(|e| corrupt("hold_ttl_seconds", &e))?,
    )?
    .with_currency(&currency)?
    .with_no_show_grace(grace)?
    .with_country(
        country
            .map(|c| c.parse())
            .transpose()
            .map_err(|e| corrupt("country", &e))?,
    );
    crate::cancellation_rows::with_column(studio, terms.as_deref()).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{schema, Durability, Store};
    use chrono::Weekday;

    /// What version 4 wrote into `studio.hours`: one range or null per weekday.
    const OLD_HOURS: &str = r#"[["08:00","24:00"],["08:00","24:00"],null,["10:30","18:00"],["08:00","24:00"],["10:00","24:00"],["00:00","24:00"]]"#;

    fn old_hours() -> OpeningHours {
        let mut hours = OpeningHours::closed();
        for (wd, open, close) in [
            (Weekday::Mon, "08:00", "24:00"),
            (Weekday::Tue, "08:00", "24:00"),
            (Weekday::Thu, "10:30", "18:00"),
            (Weekday::Fri, "08:00", "24:00"),
            (Weekday::Sat, "10:00", "24:00"),
            (Weekday::Sun, "00:00", "24:00"),
        ] {
            hours.set(wd, open, close).unwrap();
        }
        hours
    }

    #[test]
    fn a_file_of_schema_version_4_opens_with_the_same_hours() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        {
            // A file as version 4 made it: its schema, and its studio row.
            let mut conn = Connection::open(&path).unwrap();
            schema::migrate_to(&mut conn, 4).unwrap();
            conn.execute(
                "INSERT INTO studio (id, name, timezone, hours, hold_ttl_seconds)
                 VALUES (1, 'Old Studio', 'Europe/Berlin', ?1, 10)",
                [OLD_HOURS],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO rooms (id, name, durations, interval_minutes, position)
                 VALUES ('a', 'A', '[60,120]', 60, 0)",
                [],
            )
            .unwrap();
            // Two bookings of one band, its number written two ways, from before customers.
            for (id, phone) in [
                ("6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11", "+49 30 555-0199"),
                ("6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a12", "030 5550199"),
            ] {
                conn.execute(
                    "INSERT INTO bookings (id, room, start_utc, end_utc, customer_name, customer_phone,
                         status, desk, created_at, updated_at, seq)
                     VALUES (?1, 'a', 1780000000, 1780003600, 'Old Band', ?2, 'confirmed', 'desk',
                         1770000000, 1770000000, 1)",
                    [id, phone],
                )
                .unwrap();
            }
            let version: usize = conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap();
            assert_eq!(version, 4);
        }
        let store = Store::open(&path, "desk", Durability::Normal).unwrap();
        assert_eq!(store.studio().name, "Old Studio");
        // Its bookings are linked to one customer record on opening.
        let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let band = store.find_customers("Old Band", 5, now).unwrap();
        assert_eq!(band.len(), 1);
        assert_eq!(band[0].bookings, 2);
        assert_eq!(store.studio().calendar.hours(), &old_hours());
        assert_eq!(store.studio().rooms.len(), 1);
        // Migrated to the new shape in place.
        let (hours, dates): (String, String) = store
            .connection()
            .query_row("SELECT hours, dates FROM studio", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(
            hours,
            r#"[[["08:00","24:00"]],[["08:00","24:00"]],[],[["10:30","18:00"]],[["08:00","24:00"]],[["10:00","24:00"]],[["00:00","24:00"]]]"#
        );
        assert_eq!(dates, "{}");
        let version: usize = store
            .connection()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, schema::VERSION);
        drop(store);
        // And it opens again the same.
        let store = Store::open(&path, "desk", Durability::Normal).unwrap();
        assert_eq!(store.studio().calendar.hours(), &old_hours());
    }

    #[test]
    fn hours_columns_round_trip() {
        let hours = OpeningHours::closed()
            .with_weekday(Weekday::Mon, &[("10:00", "14:00"), ("16:00", "24:00")])
            .unwrap()
            .with_date(
                NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(),
                &[("10:00", "14:00")],
            )
            .unwrap();
        let mut hours = hours;
        hours.close_date(NaiveDate::from_ymd_opt(2026, 12, 25).unwrap());
        let (week, dates) = hours_columns(&hours).unwrap();
        assert_eq!(
            week,
            r#"[[["10:00","14:00"],["16:00","24:00"]],[],[],[],[],[],[]]"#
        );
        assert_eq!(
            dates,
            r#"{"2026-12-24":[["10:00","14:00"]],"2026-12-25":[]}"#
        );
        assert_eq!(hours_from_columns(&week, &dates).unwrap(), hours);
    }

    #[test]
    fn bad_hours_columns_are_corrupt() {
        let closed = "[[],[],[],[],[],[],[]]";
        for (week, dates) in [
            ("[[],[]]", "{}"),
            (OLD_HOURS, "{}"),
            (r#"[[["14:00","10:00"]],[],[],[],[],[],[]]"#, "{}"),
            (closed, r#"{"2026-13-01":[]}"#),
            (
                closed,
                r#"{"2026-12-24":[["10:00","14:00"],["12:00","13:00"]]}"#,
            ),
            (closed, "[]"),
        ] {
            assert!(
                matches!(hours_from_columns(week, dates), Err(StoreError::Corrupt(_))),
                "{week} {dates}"
            );
        }
    }
}
