//! [`Studio`] and its [`Room`]s, validated once when loaded.

use std::borrow::Borrow;
use std::fmt;

use chrono::Duration;
use chrono_tz::Tz;
use thiserror::Error;

use crate::calendar::{Calendar, OpeningHours};
use crate::span::{MAX_SPAN_DAYS, QUANTUM_MINUTES};

/// Whether `id` is `[a-z0-9-]+` of at most 64 bytes: the ids of rooms and add-on items.
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A room's id: `[a-z0-9-]+`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoomId(String);

impl RoomId {
    pub fn new(id: &str) -> Result<RoomId, StudioError> {
        if valid_id(id) {
            Ok(RoomId(id.to_owned()))
        } else {
            Err(StudioError::BadRoomId(id.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for RoomId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RoomId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A bookable room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub id: RoomId,
    pub name: String,
    /// Minutes a customer can pick, each a positive multiple of 15.
    pub durations: Vec<u32>,
    /// The start-time grid in minutes, a positive multiple of 15.
    pub interval: u32,
    /// What an hour costs (0: not charged by the hour).
    pub pricing: crate::pricing::Pricing,
    /// How screens mark the room, `#rrggbb` (None: the screens' own colour).
    pub colour: Option<String>,
    /// Minutes the room needs after every booking before the next may start (resetting,
    /// cleaning): a multiple of 15 from 0 to [`MAX_CHANGEOVER_MINUTES`].
    pub changeover: u32,
}

/// The longest changeover a room may ask for.
pub const MAX_CHANGEOVER_MINUTES: u32 = 240;

/// Whether `text` is a colour the screens can show: `#rrggbb`.
pub fn valid_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text.bytes().skip(1).all(|b| b.is_ascii_hexdigit())
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StudioError {
    #[error("\"{0}\" is not a valid room id: use lowercase letters, digits and dashes")]
    BadRoomId(String),
    #[error("room \"{0}\" is listed twice")]
    DuplicateRoom(String),
    #[error("room \"{room}\": {minutes} minutes is not a valid duration (a positive multiple of 15, at most {MAX_SPAN_DAYS} days)")]
    BadDuration { room: String, minutes: u32 },
    #[error("room \"{room}\": an interval of {minutes} minutes is not a positive multiple of 15")]
    BadInterval { room: String, minutes: u32 },
    #[error("room \"{room}\" needs a name and at least one duration")]
    IncompleteRoom { room: String },
    #[error("\"{0}\" is not a known IANA timezone (e.g. Europe/Berlin)")]
    UnknownTimezone(String),
    #[error("the hold time must be between 1 and 3600 seconds, not {0}")]
    BadHoldTtl(u64),
    #[error("the studio needs a name")]
    EmptyName,
    #[error("\"{0}\" is not a currency code: use three capital letters (ISO 4217), e.g. EUR")]
    BadCurrency(String),
    #[error("there is no room \"{0}\" in this studio")]
    UnknownRoom(String),
    #[error("the no-show grace time is 0 to 240 minutes, not {0}")]
    BadGrace(u32),
    #[error("room \"{room}\": a changeover of {minutes} minutes is not possible: use a multiple of 15 from 0 to {MAX_CHANGEOVER_MINUTES}")]
    BadChangeover { room: String, minutes: u32 },
    #[error("room \"{room}\": \"{colour}\" is not a colour: use #rrggbb, e.g. #1f7a8c")]
    BadColour { room: String, colour: String },
}

/// A studio: its calendar, its rooms and how long a hold lives without a heartbeat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Studio {
    pub name: String,
    pub calendar: Calendar,
    pub rooms: Vec<Room>,
    pub hold_ttl: Duration,
    /// ISO 4217 code of the prices' currency; prices are integer minor units of it.
    pub currency: String,
    /// Minutes after a booking's start from which staff can mark a no-show.
    pub no_show_grace_minutes: u32,
    /// The country of the phone numbers staff type without a country code (`None`: only
    /// numbers with one parse).
    pub country: Option<crate::phone::Country>,
    /// Cancellation terms (none by default: cancelling and no-shows owe nothing).
    pub cancellation: crate::cancellation::StudioTerms,
}

/// The no-show grace time of a studio that does not set one.
pub const DEFAULT_NO_SHOW_GRACE_MINUTES: u32 = 15;

/// Default hold lifetime without a heartbeat.
pub const DEFAULT_HOLD_TTL_SECONDS: u64 = 10;

pub(crate) fn valid_minutes(minutes: u32) -> bool {
    minutes > 0
        && minutes % QUANTUM_MINUTES as u32 == 0
        && i64::from(minutes) <= MAX_SPAN_DAYS * 24 * 60
}

impl Studio {
    pub fn new(
        name: &str,
        timezone: &str,
        hours: OpeningHours,
        rooms: Vec<Room>,
        hold_ttl_seconds: u64,
    ) -> Result<Studio, StudioError> {
        if name.trim().is_empty() {
            return Err(StudioError::EmptyName);
        }
        let tz: Tz = timezone
            .parse()
            .map_err(|_| StudioError::UnknownTimezone(timezone.to_owned()))?;
        if !(1..=3600).contains(&hold_ttl_seconds) {
            return Err(StudioError::BadHoldTtl(hold_ttl_seconds));
        }
        for (n, room) in rooms.iter().enumerate() {
            let id = room.id.to_string();
            if rooms[..n].iter().any(|r| r.id == room.id) {
                return Err(StudioError::DuplicateRoom(id));
            }
            if room.name.trim().is_empty() || room.durations.is_empty() {
                return Err(StudioError::IncompleteRoom { room: id });
            }
            if let Some(&minutes) = room.durations.iter().find(|&&m| !valid_minutes(m)) {
                return Err(StudioError::BadDuration { room: id, minutes });
            }
            if !valid_minutes(room.interval) {
                return Err(StudioError::BadInterval {
                    room: id,
                    minutes: room.interval,
                });
            }
            if room.changeover % QUANTUM_MINUTES as u32 != 0
                || room.changeover > MAX_CHANGEOVER_MINUTES
            {
                return Err(StudioError::BadChangeover {
                    room: id,
                    minutes: room.changeover,
                });
            }
            if let Some(colour) = room.colour.as_ref().filter(|c| !valid_colour(c)) {
                return Err(StudioError::BadColour {
                    room: id,
                    colour: colour.clone(),
                });
            }
        }
        Ok(Studio {
            name: name.trim().to_owned(),
            calendar: Calendar::new(tz, hours),
            rooms,
            hold_ttl: Duration::seconds(hold_ttl_seconds as i64),
            currency: "EUR".to_owned(),
            no_show_grace_minutes: DEFAULT_NO_SHOW_GRACE_MINUTES,
            country: None,
            cancellation: Default::default(),
        })
    }

    /// The same studio with a no-show grace time of `minutes` (at most 4 hours).
    pub fn with_no_show_grace(mut self, minutes: u32) -> Result<Studio, StudioError> {
        if minutes > 240 {
            return Err(StudioError::BadGrace(minutes));
        }
        self.no_show_grace_minutes = minutes;
        Ok(self)
    }

    /// The same studio with phone numbers of `country` (see [`crate::phone`]).
    pub fn with_country(mut self, country: Option<crate::phone::Country>) -> Studio {
        self.country = country;
        self
    }

    /// The same studio with prices in `code` (three capital letters, ISO 4217).
    pub fn with_currency(mut self, code: &str) -> Result<Studio, StudioError> {
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(StudioError::BadCurrency(code.to_owned()));
        }
        self.currency = code.to_owned();
        Ok(self)
    }

    /// The room with this id.
    pub fn room(&self, id: &str) -> Result<&Room, StudioError> {
        self.rooms
            .iter()
            .find(|r| r.id.as_str() == id)
            .ok_or_else(|| StudioError::UnknownRoom(id.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn room(id: &str, durations: Vec<u32>, interval: u32) -> Room {
        Room {
            id: RoomId::new(id).unwrap(),
            name: "Room".into(),
            durations,
            interval,
            pricing: Default::default(),
            colour: None,
            changeover: 0,
        }
    }

    #[test]
    fn room_ids() {
        assert!(RoomId::new("studio-a").is_ok());
        for bad in ["", "Studio", "a b", "ä", "a_b"] {
            assert_eq!(RoomId::new(bad), Err(StudioError::BadRoomId(bad.into())));
        }
    }

    #[test]
    fn validates_rooms_and_timezone() {
        let hours = OpeningHours::always();
        let ok = Studio::new(
            "S",
            "Europe/Berlin",
            hours.clone(),
            vec![room("a", vec![60], 60)],
            10,
        );
        assert!(ok.is_ok());
        assert_eq!(
            ok.unwrap().room("b"),
            Err(StudioError::UnknownRoom("b".into()))
        );
        assert!(matches!(
            Studio::new("S", "Mars/Olympus", hours.clone(), vec![], 10),
            Err(StudioError::UnknownTimezone(_))
        ));
        assert!(matches!(
            Studio::new("S", "UTC", hours.clone(), vec![room("a", vec![50], 60)], 10),
            Err(StudioError::BadDuration { minutes: 50, .. })
        ));
        for minutes in [20, 255] {
            let mut bad = room("a", vec![60], 60);
            bad.changeover = minutes;
            assert_eq!(
                Studio::new("S", "UTC", hours.clone(), vec![bad], 10),
                Err(StudioError::BadChangeover {
                    room: "a".into(),
                    minutes
                })
            );
        }
        assert!(matches!(
            Studio::new("S", "UTC", hours.clone(), vec![room("a", vec![60], 0)], 10),
            Err(StudioError::BadInterval { minutes: 0, .. })
        ));
        assert!(matches!(
            Studio::new(
                "S",
                "UTC",
                hours.clone(),
                vec![room("a", vec![60], 60), room("a", vec![60], 60)],
                10
            ),
            Err(StudioError::DuplicateRoom(_))
        ));
        assert_eq!(
            Studio::new(" ", "UTC", hours.clone(), vec![], 10),
            Err(StudioError::EmptyName)
        );
        assert_eq!(
            Studio::new("S", "UTC", hours, vec![], 0),
            Err(StudioError::BadHoldTtl(0))
        );
    }
}
