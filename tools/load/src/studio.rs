//! The in-process server's studio, and the spans the sessions hold.

use chrono::{DateTime, Duration as ChronoDuration, FixedOffset, NaiveDate, TimeZone};
use chrono_tz::Tz;
use frontdesk_protocol::HoldSpan;

use crate::BoxError;

/// Spans each session holds.
pub const SPANS_PER_SESSION: usize = 8;
/// Token of the in-process server's only desk.
pub const LOCAL_TOKEN: &str = "load-token";
/// Token of the in-process server's admin desk (it switches the public page on).
pub const LOCAL_ADMIN_TOKEN: &str = "load-token-admin";
/// Rooms of the in-process server.
const LOCAL_ROOMS: usize = 100;

/// The tokens of `desks` desks: `token` itself for one, else `token-0` … `token-(desks-1)`.
pub fn desk_tokens(token: &str, desks: usize) -> Vec<String> {
    if desks <= 1 {
        vec![token.to_owned()]
    } else {
        (0..desks).map(|i| format!("{token}-{i}")).collect()
    }
}

/// The in-process server's studio: Berlin, open around the clock, rooms r0..r99, the desk
/// `load`, the admin desk `load-admin` and, with more than one desk, `load-0` … with the tokens of [`desk_tokens`].
pub fn local_studio_toml(desks: usize) -> String {
    let mut text = String::from(
        "[studio]\nname = \"Load test studio\"\ntimezone = \"Europe/Berlin\"\nhold_ttl_seconds = 10\n[studio.hours]\n",
    );
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        text.push_str(&format!("{day} = [\"00:00\", \"24:00\"]\n"));
    }
    for i in 0..LOCAL_ROOMS {
        text.push_str(&format!(
            "\n[[rooms]]\nid = \"r{i}\"\nname = \"Room {i}\"\ndurations = [60]\ninterval = 60\n"
        ));
    }
    text.push_str(&format!(
        "\n[[desks]]\nid = \"load\"\ntoken = \"{LOCAL_TOKEN}\"\n"
    ));
    text.push_str(&format!(
        "\n[[desks]]\nid = \"load-admin\"\ntoken = \"{LOCAL_ADMIN_TOKEN}\"\nrole = \"admin\"\n"
    ));
    if desks > 1 {
        for (i, token) in desk_tokens(LOCAL_TOKEN, desks).iter().enumerate() {
            text.push_str(&format!(
                "\n[[desks]]\nid = \"load-{i}\"\ntoken = \"{token}\"\n"
            ));
        }
    }
    text
}

/// The first instant of a local date (midnight exists in every zone the studio can use;
/// where it does not, the first instant after the gap).
fn start_of_day(tz: Tz, date: NaiveDate) -> Result<DateTime<Tz>, BoxError> {
    for hour in 0..3 {
        let naive = date
            .and_hms_opt(hour, 0, 0)
            .ok_or_else(|| format!("no {hour}:00 on {date}"))?;
        if let Some(t) = tz.from_local_datetime(&naive).earliest() {
            return Ok(t);
        }
    }
    Err(format!("cannot find the start of {date} in {tz}").into())
}

/// A local instant as the contract carries it.
pub fn wire(t: DateTime<Tz>) -> DateTime<FixedOffset> {
    t.fixed_offset()
}

/// The 8 disjoint quarter hours (every other one from the start of `date`) of one room.
pub fn session_spans(tz: Tz, room: &str, date: NaiveDate) -> Result<Vec<HoldSpan>, BoxError> {
    let day = start_of_day(tz, date)?;
    Ok((0..SPANS_PER_SESSION as i64)
        .map(|k| {
            let start = day + ChronoDuration::minutes(30 * k);
            HoldSpan {
                room: room.to_owned(),
                start: wire(start),
                end: wire(start + ChronoDuration::minutes(15)),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontdesk_store::StudioConfig;

    #[test]
    fn the_local_studio_parses_with_every_room() {
        let config = StudioConfig::parse(&local_studio_toml(3)).unwrap();
        assert_eq!(config.studio.rooms.len(), LOCAL_ROOMS);
        let tokens: Vec<&str> = config.desks.iter().map(|d| d.token.as_str()).collect();
        assert_eq!(
            tokens,
            [
                "load-token",
                "load-token-admin",
                "load-token-0",
                "load-token-1",
                "load-token-2"
            ]
        );
        assert_eq!(desk_tokens("t", 1), ["t"]);
    }

    #[test]
    fn spans_are_disjoint_quarter_hours_from_the_start_of_the_day() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        // The spring-forward day: the spans are counted in real time from midnight.
        let date = NaiveDate::from_ymd_opt(2031, 3, 30).unwrap();
        let spans = session_spans(tz, "r1", date).unwrap();
        assert_eq!(spans.len(), SPANS_PER_SESSION);
        assert_eq!(spans[0].start.to_rfc3339(), "2031-03-30T00:00:00+01:00");
        for pair in spans.windows(2) {
            assert_eq!(pair[0].end - pair[0].start, ChronoDuration::minutes(15));
            assert_eq!(pair[1].start - pair[0].start, ChronoDuration::minutes(30));
        }
    }
}
