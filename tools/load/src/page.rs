//! The public page under load: switching it on for the rooms the page phases use, and
//! what those phases ask it (the studio `main`, one-hour starts).

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use chrono_tz::Tz;
use frontdesk_client::{Client, Method, ServerSettings, StatusCode};
use serde_json::{json, Value};

use crate::BoxError;

/// The studio's id on a one-studio server.
pub const STUDIO: &str = "main";
/// The live line's event: ask the start times again.
pub const SLOTS_EVENT: &str = "slots";
/// The minutes of every start the page phases ask for (the load studio's only duration).
pub const MINUTES: i64 = 60;

/// Switches the page on as the admin `token`: `rooms` bookable online for an hour, an
/// hour's notice, 60 days ahead. Whatever the settings were, they are saved over.
pub async fn switch_on(base: &str, token: &str, rooms: &[&str]) -> Result<(), BoxError> {
    let admin = Client::local(
        ServerSettings {
            url: base.to_owned(),
            token: token.to_owned(),
        },
        1,
    )?;
    let (status, body) = admin.send(Method::GET, "/v1/online-booking", None).await?;
    let current: Value = serde_json::from_slice(&body)?;
    if status != StatusCode::OK {
        return Err(format!("GET /v1/online-booking answered {status}: {current}").into());
    }
    let version = current["version"].as_i64().unwrap_or(0);
    let rooms: Vec<Value> = rooms
        .iter()
        .map(|r| json!({"room": r, "durations": [MINUTES]}))
        .collect();
    let on = json!({"version": version, "enabled": true, "rooms": rooms,
        "leadMinutes": 60, "daysAhead": 60, "cancelHours": 24});
    let (status, body) = admin
        .send(
            Method::PUT,
            "/v1/online-booking",
            Some(serde_json::to_vec(&on)?),
        )
        .await?;
    if status != StatusCode::OK {
        let body = String::from_utf8_lossy(&body);
        return Err(format!("PUT /v1/online-booking answered {status}: {body}").into());
    }
    Ok(())
}

/// The start at `hour`:00 of `date` in `tz`, as the contract carries it.
pub fn start_at(tz: Tz, date: NaiveDate, hour: u32) -> Result<DateTime<FixedOffset>, BoxError> {
    let local = date
        .and_hms_opt(hour, 0, 0)
        .ok_or_else(|| format!("no {hour}:00"))?;
    Ok(tz
        .from_local_datetime(&local)
        .earliest()
        .ok_or_else(|| format!("{local} does not exist in {tz}"))?
        .fixed_offset())
}

/// `GET …/slots` of `room` on `date` for a visitor `session`.
pub fn slots_path(room: &str, date: NaiveDate, session: uuid::Uuid) -> String {
    format!("/public/v1/studios/{STUDIO}/slots?room={room}&date={date}&duration={MINUTES}&session={session}")
}

/// Which of `starts` a `slots` answer shows `reserved`: bit k for `starts[k]`.
pub fn reserved_mask(body: &[u8], starts: &[DateTime<FixedOffset>]) -> Result<u64, BoxError> {
    let answer: Value = serde_json::from_slice(body)?;
    let slots = answer["slots"]
        .as_array()
        .ok_or("a slots answer without slots")?;
    let mut mask = 0u64;
    for slot in slots {
        if slot["status"].as_str() != Some("reserved") {
            continue;
        }
        let Some(start) = slot["start"]
            .as_str()
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        else {
            return Err(format!("a slot without a start: {slot}").into());
        };
        if let Some(k) = starts.iter().position(|s| *s == start) {
            mask |= 1 << k;
        }
    }
    Ok(mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mask_marks_reserved_starts_at_the_same_instant_in_any_offset() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 12, 11).unwrap();
        let starts = [
            start_at(tz, date, 10).unwrap(),
            start_at(tz, date, 11).unwrap(),
        ];
        let body = br#"{"slots": [
            {"start": "2026-12-11T10:00:00+01:00", "status": "available"},
            {"start": "2026-12-11T10:00:00Z", "status": "reserved"},
            {"start": "2026-12-11T11:00:00+01:00", "status": "reserved"}]}"#;
        assert_eq!(reserved_mask(body, &starts).unwrap(), 0b10);
        assert!(reserved_mask(b"{}", &starts).is_err());
        assert!(reserved_mask(br#"{"slots": [{"status": "reserved"}]}"#, &starts).is_err());
    }
}
