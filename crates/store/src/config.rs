//! `studio.toml` (the format of the server contract) → a validated [`Studio`], plus the
//! demo studio a desk uses when no server is configured.
//!
//! Opening hours are local wall-clock times on quarter hours, `"24:00"` allowed as a close:
//!
//! ```toml
//! [studio]
//! name = "Klangraum Studios"
//! timezone = "Europe/Berlin"
//! # Closed dates (holidays): nothing opens on them. Before any [studio.…] table.
//! closed = ["2026-12-25", "2026-12-26"]
//!
//! [studio.hours]                          # a weekday not listed is closed
//! mon = ["08:00", "24:00"]                # one range
//! tue = [["10:00", "14:00"], ["16:00", "24:00"]]   # several ranges
//! wed = []                                # closed
//!
//! [studio.special]                        # dates whose ranges replace the weekday's
//! "2026-12-24" = [["10:00", "14:00"]]     # (or one range: ["10:00", "14:00"])
//! "2026-12-31" = [["10:00", "14:00"], ["20:00", "24:00"]]
//! ```
//!
//! A day's ranges must not overlap; touching ones (10:00–14:00 and 14:00–16:00) are merged.
//! Dates are `"YYYY-MM-DD"` (a TOML date such as `2026-12-25` is accepted in `closed`). A
//! date may be in `closed` or in `special`, not both; a special date with `[]` is closed.
//! Every error names its field: `studio.hours.mon`, `studio.closed[1]`,
//! `studio.special."2026-12-24"`; nothing of a file with an error is accepted.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Weekday};
use frontdesk_core::phone::Country;
use frontdesk_core::{HoursError, OpeningHours, Room, RoomId, Studio, StudioError};
use serde::Deserialize;
use thiserror::Error;

/// A small studio in Berlin for a desk without a server: the README's run command shows a
/// usable app at once.
pub const DEMO_STUDIO_TOML: &str = r#"
[studio]
name = "Klangraum Studios (demo)"
timezone = "Europe/Berlin"
country = "DE"
hold_ttl_seconds = 10
[studio.hours]
mon = ["08:00", "24:00"]
tue = ["08:00", "24:00"]
wed = ["08:00", "24:00"]
thu = ["08:00", "24:00"]
fri = ["08:00", "24:00"]
sat = ["10:00", "24:00"]
sun = ["10:00", "22:00"]

[[rooms]]
id = "studio-a"
name = "Studio A"
durations = [60, 120, 180, 300]
interval = 60

[[rooms]]
id = "studio-b"
name = "Studio B"
durations = [60, 120, 180]
interval = 60

[[rooms]]
id = "rehearsal-1"
name = "Rehearsal 1"
durations = [60, 120, 180]
interval = 30
changeover = 30

[[rooms]]
id = "podcast"
name = "Podcast Booth"
durations = [30, 60, 90]
interval = 30
"#;

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("the studio configuration is not valid TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("studio configuration: {0}")]
    Studio(#[from] StudioError),
    #[error("studio configuration, {field}: {source}")]
    Hours {
        field: String,
        #[source]
        source: HoursError,
    },
    #[error("studio configuration, {field}: expected one range [\"HH:MM\", \"HH:MM\"], a list of ranges [[\"HH:MM\", \"HH:MM\"], …], or [] for closed")]
    RangesShape { field: String },
    #[error(
        "studio configuration, studio.hours.{0}: \"{0}\" is not a weekday (use mon, tue, wed, thu, fri, sat, sun; a list of closed dates goes above [studio.hours], as studio.closed)"
    )]
    BadWeekday(String),
    #[error("studio configuration, {field}: expected a list of dates, e.g. [\"2026-12-25\"]")]
    DatesShape { field: String },
    #[error("studio configuration, {field}: \"{value}\" is not a date (write \"YYYY-MM-DD\")")]
    BadDate { field: String, value: String },
    #[error("studio configuration, {field}: {date} is already listed in {first}")]
    DateTwice {
        field: String,
        date: NaiveDate,
        first: String,
    },
    #[error("studio configuration: desk \"{0}\" needs an id and a token")]
    BadDesk(String),
    #[error("studio configuration, {field}: {message}")]
    Price { field: String, message: String },
    #[error("studio configuration, studio.country: {0}")]
    Country(#[from] frontdesk_core::phone::UnknownCountry),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    studio: StudioSection,
    #[serde(default)]
    rooms: Vec<RoomSection>,
    #[serde(default)]
    desks: Vec<DeskEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StudioSection {
    name: String,
    timezone: String,
    #[serde(default)]
    hold_ttl_seconds: Option<u64>,
    #[serde(default)]
    hours: BTreeMap<String, toml::Value>,
    #[serde(default)]
    closed: Option<toml::Value>,
    #[serde(default)]
    special: BTreeMap<String, toml::Value>,
    /// ISO 4217 code of the prices, e.g. "EUR".
    #[serde(default)]
    currency: Option<String>,
    /// Minutes after a booking's start from which a no-show can be marked (default 15).
    no_show_grace_minutes: Option<u32>,
    /// ISO 3166-1 alpha-2 code of the country of phone numbers typed without a country
    /// code, e.g. "DE"; left out, the timezone's country (if the tz database names one);
    /// "" for none.
    #[serde(default)]
    country: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoomSection {
    id: String,
    name: String,
    durations: Vec<u32>,
    interval: u32,
    /// Minor units of the studio's currency per hour (e.g. 4000 = 40.00).
    #[serde(default)]
    price: i64,
    #[serde(default)]
    peak: Vec<prices::PeakSection>,
    /// `"#rrggbb"`: how screens mark the room.
    #[serde(default)]
    colour: Option<String>,
    /// Minutes the room needs after every booking (a multiple of 15, default 0).
    #[serde(default)]
    changeover: u32,
}

/// A desk allowed to call the server, with its development token.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskEntry {
    pub id: String,
    pub token: String,
    /// `"admin"` tokens may change the studio through the API; `"desk"` (the default) not.
    #[serde(default)]
    pub role: DeskRole,
}

/// What a desk token may do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeskRole {
    /// Book, hold, sync.
    #[default]
    Desk,
    /// All of that, and change the studio.
    Admin,
}

/// A parsed, validated `studio.toml`.
#[derive(Debug, Clone)]
pub struct StudioConfig {
    pub studio: Studio,
    pub desks: Vec<DeskEntry>,
}

fn weekday(key: &str) -> Option<Weekday> {
    Some(match key {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// A day's ranges: `["HH:MM", "HH:MM"]`, `[["HH:MM", "HH:MM"], …]` or `[]`.
fn ranges<'a>(field: &str, value: &'a toml::Value) -> Result<Vec<(&'a str, &'a str)>, ConfigError> {
    let shape = || ConfigError::RangesShape {
        field: field.to_owned(),
    };
    let pair = |v: &'a toml::Value| match v.as_array().map(Vec::as_slice) {
        Some([toml::Value::String(open), toml::Value::String(close)]) => {
            Ok((open.as_str(), close.as_str()))
        }
        _ => Err(shape()),
    };
    let items = value.as_array().ok_or_else(shape)?;
    if items.iter().all(toml::Value::is_str) && !items.is_empty() {
        return Ok(vec![pair(value)?]);
    }
    items.iter().map(pair).collect()
}

/// `"YYYY-MM-DD"` exactly.
fn parse_date(text: &str) -> Option<NaiveDate> {
    if text.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// A closed date: a `"YYYY-MM-DD"` string or a TOML local date.
fn closed_date(field: &str, value: &toml::Value) -> Result<NaiveDate, ConfigError> {
    let text = match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.to_string(),
        other => other.to_string(),
    };
    parse_date(&text).ok_or_else(|| ConfigError::BadDate {
        field: field.to_owned(),
        value: text,
    })
}

/// The weekly ranges, closed dates and special hours of `[studio]`.
fn opening_hours(studio: &StudioSection) -> Result<OpeningHours, ConfigError> {
    let mut hours = OpeningHours::closed();
    for (day, value) in &studio.hours {
        let wd = weekday(day).ok_or_else(|| ConfigError::BadWeekday(day.clone()))?;
        let field = format!("studio.hours.{day}");
        let ranges = ranges(&field, value)?;
        hours
            .set_weekday(wd, &ranges)
            .map_err(|source| ConfigError::Hours { field, source })?;
    }
    // Where each exception date was given, to name both places of a date given twice.
    let mut seen: BTreeMap<NaiveDate, String> = BTreeMap::new();
    let mut once = |date: NaiveDate, field: &str| match seen.get(&date) {
        Some(first) => Err(ConfigError::DateTwice {
            field: field.to_owned(),
            date,
            first: first.clone(),
        }),
        None => {
            seen.insert(date, field.to_owned());
            Ok(())
        }
    };
    if let Some(closed) = &studio.closed {
        let dates = closed.as_array().ok_or_else(|| ConfigError::DatesShape {
            field: "studio.closed".into(),
        })?;
        for (i, value) in dates.iter().enumerate() {
            let field = format!("studio.closed[{i}]");
            let date = closed_date(&field, value)?;
            once(date, &field)?;
            hours.close_date(date);
        }
    }
    for (key, value) in &studio.special {
        let field = format!("studio.special.\"{key}\"");
        let date = parse_date(key).ok_or_else(|| ConfigError::BadDate {
            field: field.clone(),
            value: key.clone(),
        })?;
        once(date, &field)?;
        let ranges = ranges(&field, value)?;
        hours
            .set_date(date, &ranges)
            .map_err(|source| ConfigError::Hours { field, source })?;
    }
    Ok(hours)
}

impl StudioConfig {
    pub fn parse(text: &str) -> Result<StudioConfig, ConfigError> {
        let file: File = toml::from_str(text)?;
        let hours = opening_hours(&file.studio)?;
        let mut rooms = Vec::with_capacity(file.rooms.len());
        for (i, r) in file.rooms.into_iter().enumerate() {
            let pricing = prices::pricing(&format!("rooms[{i}]"), r.price, &r.peak)?;
            rooms.push(Room {
                id: RoomId::new(&r.id)?,
                name: r.name,
                durations: r.durations,
                interval: r.interval,
                pricing,
                colour: r.colour,
                changeover: r.changeover,
            });
        }
        if let Some(d) = file
            .desks
            .iter()
            .find(|d| d.id.trim().is_empty() || d.token.trim().is_empty())
        {
            return Err(ConfigError::BadDesk(d.id.clone()));
        }
        let studio = Studio::new(
            &file.studio.name,
            &file.studio.timezone,
            hours,
            rooms,
            file.studio
                .hold_ttl_seconds
                .unwrap_or(frontdesk_core::studio::DEFAULT_HOLD_TTL_SECONDS),
        )?;
        let studio = match &file.studio.currency {
            Some(code) => studio.with_currency(code)?,
            None => studio,
        };
        let studio = match file.studio.no_show_grace_minutes {
            Some(minutes) => studio.with_no_show_grace(minutes)?,
            None => studio,
        };
        let country = match file.studio.country.as_deref().map(str::trim) {
            None => Country::of_zone(&file.studio.timezone),
            Some("") => None,
            Some(code) => Some(code.parse()?),
        };
        let studio = studio.with_country(country);
        Ok(StudioConfig {
            studio,
            desks: file.desks,
        })
    }

    /// The demo studio.
    pub fn demo() -> Result<StudioConfig, ConfigError> {
        Self::parse(DEMO_STUDIO_TOML)
    }
}

mod prices;

#[cfg(test)]
mod tests;
