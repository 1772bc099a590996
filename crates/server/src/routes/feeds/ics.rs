//! A feed's iCalendar text (RFC 5545), written with the `icalendar` crate: one VEVENT per
//! booking, all times in UTC, and nothing in it that depends on when it is asked for (no
//! "now"), so the same bookings give the same bytes — and the same ETag.

use std::collections::HashMap;

use frontdesk_protocol::FeedDetail;
use frontdesk_store::feed_tokens::FeedEvent;
use icalendar::{Calendar, Component, EventLike, EventStatus, Property};

/// What a feed's events show for a booking when the feed shows no names.
pub const BOOKED: &str = "Booked";

/// Suggested time between a client's polls (clients may poll less often: Google Calendar
/// takes hours).
const REFRESH: chrono::Duration = chrono::Duration::hours(1);

/// The feed's calendar: its name (the studio's, or the studio's and the room's), the room
/// names by id (LOCATION), and what it shows of the customer.
#[derive(Debug)]
pub struct FeedCalendar {
    pub name: String,
    pub room_names: HashMap<String, String>,
    pub detail: FeedDetail,
}

/// The stable UID of a booking's event.
pub fn uid(booking: uuid::Uuid) -> String {
    format!("{booking}@frontdesk")
}

impl FeedCalendar {
    /// The whole calendar as text (CRLF lines, folded at 75 octets).
    pub fn write(&self, events: &[FeedEvent]) -> String {
        let mut calendar = Calendar::empty();
        calendar
            .append_property(Property::new("VERSION", "2.0"))
            .append_property(Property::new("PRODID", "-//Frontdesk//Calendar feed//EN"))
            .append_property(Property::new("CALSCALE", "GREGORIAN"))
            .append_property(Property::new("METHOD", "PUBLISH"))
            .name(&self.name)
            .ttl(&REFRESH);
        for event in events {
            calendar.push(self.event(event));
        }
        calendar.to_string()
    }

    fn event(&self, booking: &FeedEvent) -> icalendar::Event {
        let summary = match self.detail {
            FeedDetail::Name => booking.customer_name.as_str(),
            FeedDetail::Booked => BOOKED,
        };
        let location = self
            .room_names
            .get(&booking.room)
            .map_or(booking.room.as_str(), String::as_str);
        let sequence = u32::try_from(booking.version.saturating_sub(1)).unwrap_or(0);
        icalendar::Event::new()
            .uid(&uid(booking.id))
            .timestamp(booking.updated_at)
            .last_modified(booking.updated_at)
            .starts(booking.start)
            .ends(booking.end)
            .summary(summary)
            .location(location)
            .sequence(sequence)
            .status(if booking.cancelled {
                EventStatus::Cancelled
            } else {
                EventStatus::Confirmed
            })
            .done()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::{TimeZone, Utc};

    fn booking(version: i64, cancelled: bool) -> FeedEvent {
        let at = |h| Utc.with_ymd_and_hms(2026, 3, 29, h, 0, 0).unwrap();
        FeedEvent {
            id: uuid::Uuid::from_u128(7),
            room: "studio-a".into(),
            start: at(8),
            end: at(10),
            customer_name: "Jo, \"the\" drummer; Berlin".into(),
            cancelled,
            version,
            updated_at: at(6),
        }
    }

    fn calendar(detail: FeedDetail) -> FeedCalendar {
        FeedCalendar {
            name: "Klangraum Studios – Studio A".into(),
            room_names: HashMap::from([("studio-a".into(), "Studio A".into())]),
            detail,
        }
    }

    #[test]
    fn an_event_carries_utc_times_its_sequence_and_status() {
        let text = calendar(FeedDetail::Name).write(&[booking(3, true)]);
        for line in [
            "BEGIN:VCALENDAR\r\n",
            "VERSION:2.0\r\n",
            "METHOD:PUBLISH\r\n",
            "X-WR-CALNAME:Klangraum Studios – Studio A\r\n",
            "UID:00000000-0000-0000-0000-000000000007@frontdesk\r\n",
            "DTSTART:20260329T080000Z\r\n",
            "DTEND:20260329T100000Z\r\n",
            "DTSTAMP:20260329T060000Z\r\n",
            "SEQUENCE:2\r\n",
            "STATUS:CANCELLED\r\n",
            "LOCATION:Studio A\r\n",
            "SUMMARY:Jo\\, \"the\" drummer\\; Berlin\r\n",
        ] {
            assert!(text.contains(line), "{line:?} missing in\n{text}");
        }
        assert_eq!(
            text,
            calendar(FeedDetail::Name).write(&[booking(3, true)]),
            "deterministic"
        );
    }

    #[test]
    fn a_booked_feed_shows_no_name() {
        let text = calendar(FeedDetail::Booked).write(&[booking(1, false)]);
        assert!(text.contains("SUMMARY:Booked\r\n"), "{text}");
        assert!(text.contains("STATUS:CONFIRMED\r\n"));
        assert!(text.contains("SEQUENCE:0\r\n"));
        assert!(!text.contains("drummer"));
    }
}
