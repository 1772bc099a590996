//! Studio configurations for tests, built from a few words: the TOML format of
//! `studio.toml`, written in one place.

use frontdesk_protocol::{StudioInfo, StudioUpdate};
use frontdesk_store::StudioConfig;

/// A studio under construction; [`StudioToml::toml`] writes it, [`StudioToml::config`]
/// parses it.
#[derive(Debug, Clone)]
pub struct StudioToml {
    name: String,
    timezone: String,
    weekdays: String,
    weekend: String,
    ttl: Option<u64>,
    /// id, name, durations, changeover minutes
    rooms: Vec<(String, String, Vec<u32>, u32)>,
    desks: Vec<(String, String, bool)>,
}

/// Opening hours `from`–`to` as the TOML value of one weekday.
pub fn hours(from: &str, to: &str) -> String {
    format!("[\"{from}\", \"{to}\"]")
}

impl StudioToml {
    /// A studio in Europe/Berlin, open around the clock every day, without rooms or desks.
    pub fn new(name: &str) -> StudioToml {
        StudioToml {
            name: name.into(),
            timezone: "Europe/Berlin".into(),
            weekdays: hours("00:00", "24:00"),
            weekend: hours("00:00", "24:00"),
            ttl: None,
            rooms: Vec::new(),
            desks: Vec::new(),
        }
    }

    /// The same opening hours every day, e.g. `hours("08:00", "24:00")`.
    pub fn all_week(mut self, ranges: &str) -> Self {
        self.weekdays = ranges.into();
        self.weekend = ranges.into();
        self
    }

    /// Monday to Friday one way, Saturday and Sunday another.
    pub fn week(mut self, weekdays: &str, weekend: &str) -> Self {
        self.weekdays = weekdays.into();
        self.weekend = weekend.into();
        self
    }

    pub fn hold_ttl(mut self, seconds: u64) -> Self {
        self.ttl = Some(seconds);
        self
    }

    /// A room with a 60-minute start grid.
    pub fn room(mut self, id: &str, name: &str, durations: &[u32]) -> Self {
        self.rooms
            .push((id.into(), name.into(), durations.to_vec(), 0));
        self
    }

    /// The room added last needs `minutes` of changeover after every booking.
    pub fn changeover(mut self, minutes: u32) -> Self {
        if let Some(room) = self.rooms.last_mut() {
            room.3 = minutes;
        }
        self
    }

    /// Rooms `r0`, `r1`, … named "Room 0", "Room 1", …
    pub fn numbered_rooms(mut self, count: usize, durations: &[u32]) -> Self {
        for i in 0..count {
            self = self.room(&format!("r{i}"), &format!("Room {i}"), durations);
        }
        self
    }

    /// A development desk token (stored in the config, as `studio.toml` allows).
    pub fn desk(mut self, id: &str, token: &str) -> Self {
        self.desks.push((id.into(), token.into(), false));
        self
    }

    /// A development token with the admin role: it may change the studio.
    pub fn admin_desk(mut self, id: &str, token: &str) -> Self {
        self.desks.push((id.into(), token.into(), true));
        self
    }

    /// The configuration as `studio.toml` text.
    pub fn toml(&self) -> String {
        let mut s = format!(
            "[studio]\nname = \"{}\"\ntimezone = \"{}\"\n",
            self.name, self.timezone
        );
        if let Some(ttl) = self.ttl {
            s.push_str(&format!("hold_ttl_seconds = {ttl}\n"));
        }
        s.push_str("[studio.hours]\n");
        for day in ["mon", "tue", "wed", "thu", "fri"] {
            s.push_str(&format!("{day} = {}\n", self.weekdays));
        }
        for day in ["sat", "sun"] {
            s.push_str(&format!("{day} = {}\n", self.weekend));
        }
        for (id, name, durations, changeover) in &self.rooms {
            let durations: Vec<String> = durations.iter().map(u32::to_string).collect();
            s.push_str(&format!(
                "[[rooms]]\nid = \"{id}\"\nname = \"{name}\"\ndurations = [{}]\ninterval = 60\n\
                 changeover = {changeover}\n",
                durations.join(", ")
            ));
        }
        for (id, token, admin) in &self.desks {
            let role = if *admin { "admin" } else { "desk" };
            s.push_str(&format!(
                "[[desks]]\nid = \"{id}\"\ntoken = \"{token}\"\nrole = \"{role}\"\n"
            ));
        }
        s
    }

    /// The parsed configuration (a fixture that does not parse fails the test).
    pub fn config(&self) -> StudioConfig {
        StudioConfig::parse(&self.toml()).expect("the fixture studio parses")
    }
}

/// An edit of the studio `info` describes that changes nothing yet (its staff kept):
/// `StudioUpdate { name: …, ..editing(&info) }`.
pub fn editing(info: &StudioInfo) -> StudioUpdate {
    StudioUpdate {
        version: info.version,
        name: info.name.clone(),
        timezone: info.timezone.clone(),
        hold_ttl_seconds: info.hold_ttl_seconds,
        rooms: info.rooms.clone(),
        hours: info
            .hours
            .clone()
            .expect("a server answers the studio with its hours"),
        currency: info.currency.clone(),
        no_show_grace_minutes: info.no_show_grace_minutes,
        country: info.country.clone(),
        staff: None,
        cancellation_terms: info.cancellation_terms.clone(),
        room_terms: info.room_terms.clone(),
    }
}

/// Cancellation terms the fee tests share: free until 48 hours before the start, 25 % from
/// 48 hours, 50 % from 24 hours; a no-show 80 %.
pub fn late_fee_terms() -> frontdesk_core::cancellation::CancellationTerms {
    use frontdesk_core::cancellation::{CancellationTerms, FeeTier};
    let tier = |hours_before, percent| FeeTier {
        hours_before,
        percent,
    };
    CancellationTerms {
        free_hours_before: 48,
        tiers: vec![tier(48, 25), tier(24, 50)],
        no_show_percent: 80,
        deposit: None,
    }
}

/// Klangraum Studios: Studio A (60, 120 and 300 minutes) and Studio B (60), open around the
/// clock, with the development desks `reception` (`token-a`) and `bar` (`token-b`), and the
/// admin desk `office` (`token-admin`).
pub fn klangraum() -> StudioToml {
    StudioToml::new("Klangraum Studios")
        .room("studio-a", "Studio A", &[60, 120, 300])
        .room("studio-b", "Studio B", &[60])
        .desk("reception", "token-a")
        .desk("bar", "token-b")
        .admin_desk("office", "token-admin")
}

/// Two plain rooms `a` (60, 120 minutes) and `b` (60), for store tests.
pub fn two_rooms(name: &str) -> StudioToml {
    StudioToml::new(name)
        .room("a", "A", &[60, 120])
        .room("b", "B", &[60])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixture_studios_parse() {
        let k = klangraum().hold_ttl(5).config();
        assert_eq!(k.studio.rooms.len(), 2);
        assert_eq!(k.desks.len(), 3);
        assert_eq!(k.desks[2].role, frontdesk_store::DeskRole::Admin);
        let bench = StudioToml::new("Bench")
            .week(&hours("08:00", "24:00"), &hours("00:00", "24:00"))
            .numbered_rooms(20, &[60])
            .config();
        assert_eq!(bench.studio.rooms.len(), 20);
    }
}
