//! `studio.toml` (the format of the server contract) → a validated [`Studio`], plus the
//! demo studio a desk uses when no server is configured.

use std::collections::BTreeMap;

use chrono::Weekday;
use frontdesk_core::{CalendarError, OpeningHours, Room, RoomId, Studio, StudioError};
use serde::Deserialize;
use thiserror::Error;

/// A small studio in Berlin for a desk without a server: the README's run command shows a
/// usable app at once.
pub const DEMO_STUDIO_TOML: &str = r#"
[studio]
name = "Klangraum Studios (demo)"
timezone = "Europe/Berlin"
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
    #[error("studio configuration, hours of \"{day}\": {source}")]
    Hours {
        day: String,
        #[source]
        source: CalendarError,
    },
    #[error(
        "studio configuration: \"{0}\" is not a weekday (use mon, tue, wed, thu, fri, sat, sun)"
    )]
    BadWeekday(String),
    #[error("studio configuration: desk \"{0}\" needs an id and a token")]
    BadDesk(String),
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
    hours: BTreeMap<String, [String; 2]>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoomSection {
    id: String,
    name: String,
    durations: Vec<u32>,
    interval: u32,
}

/// A desk allowed to call the server, with its development token.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskEntry {
    pub id: String,
    pub token: String,
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

impl StudioConfig {
    pub fn parse(text: &str) -> Result<StudioConfig, ConfigError> {
        let file: File = toml::from_str(text)?;
        let mut hours = OpeningHours::closed();
        for (day, [open, close]) in &file.studio.hours {
            let wd = weekday(day).ok_or_else(|| ConfigError::BadWeekday(day.clone()))?;
            hours
                .set(wd, open, close)
                .map_err(|source| ConfigError::Hours {
                    day: day.clone(),
                    source,
                })?;
        }
        let mut rooms = Vec::with_capacity(file.rooms.len());
        for r in file.rooms {
            rooms.push(Room {
                id: RoomId::new(&r.id)?,
                name: r.name,
                durations: r.durations,
                interval: r.interval,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_contract_example() {
        let text = r#"
[studio]
name = "Klangraum Studios"
timezone = "Europe/Berlin"
hold_ttl_seconds = 10
[studio.hours]
mon = ["08:00", "24:00"]
tue = ["08:00", "24:00"]

[[rooms]]
id = "studio-a"
name = "Studio A"
durations = [60, 120, 300]
interval = 60

[[desks]]
id = "reception"
token = "dev-token-reception"
"#;
        let config = StudioConfig::parse(text).unwrap();
        assert_eq!(config.studio.name, "Klangraum Studios");
        assert_eq!(config.studio.rooms.len(), 1);
        assert_eq!(
            config.studio.calendar.hours().on(Weekday::Mon),
            Some((480, 1440))
        );
        assert_eq!(config.studio.calendar.hours().on(Weekday::Wed), None);
        assert_eq!(config.desks[0].id, "reception");
    }

    #[test]
    fn the_deployment_example_is_valid() {
        let example =
            StudioConfig::parse(include_str!("../../../deploy/studio.example.toml")).unwrap();
        assert_eq!(example.studio.rooms.len(), 2);
        assert!(example.desks.is_empty());
    }

    #[test]
    fn demo_is_valid() {
        let demo = StudioConfig::demo().unwrap();
        assert_eq!(demo.studio.rooms.len(), 4);
    }

    #[test]
    fn errors_name_the_problem() {
        let base = "[studio]\nname = \"S\"\ntimezone = \"Europe/Berlin\"\n";
        let bad_day = format!("{base}[studio.hours]\nmonday = [\"08:00\", \"20:00\"]\n");
        assert!(matches!(
            StudioConfig::parse(&bad_day),
            Err(ConfigError::BadWeekday(_))
        ));
        let bad_hours = format!("{base}[studio.hours]\nmon = [\"20:00\", \"08:00\"]\n");
        assert!(matches!(
            StudioConfig::parse(&bad_hours),
            Err(ConfigError::Hours { .. })
        ));
        let bad_room = format!(
            "{base}[[rooms]]\nid = \"Studio A\"\nname = \"A\"\ndurations = [60]\ninterval = 60\n"
        );
        let err = StudioConfig::parse(&bad_room).unwrap_err();
        assert!(err.to_string().contains("Studio A"), "{err}");
        assert!(matches!(
            StudioConfig::parse("[studio]\nname = 1"),
            Err(ConfigError::Toml(_))
        ));
    }
}
