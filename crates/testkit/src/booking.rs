//! A booking as staff would ask for it, written once for the store's and the desk's tests.

use chrono::{DateTime, Utc};
use frontdesk_store::NewBooking;
use uuid::Uuid;

/// A walk-in: a new id, a name, nothing else.
pub fn walk_in(room: &str, start: DateTime<Utc>, end: DateTime<Utc>, name: &str) -> NewBooking {
    NewBooking {
        id: Uuid::new_v4(),
        room: room.into(),
        start,
        end,
        name: name.into(),
        phone: None,
        email: None,
        note: None,
        session: None,
        series: None,
    }
}

/// A walk-in as a desk asks its server or its store for it: a new id, the name, times in
/// Berlin (the fixture studios' zone), nothing else.
pub fn walk_in_request(
    room: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    name: &str,
) -> frontdesk_protocol::CreateBookingRequest {
    let tz = chrono_tz::Europe::Berlin;
    frontdesk_protocol::CreateBookingRequest {
        id: Uuid::new_v4(),
        room: room.into(),
        start: frontdesk_protocol::in_zone(start, tz),
        end: frontdesk_protocol::in_zone(end, tz),
        customer: frontdesk_protocol::CustomerDto {
            name: name.into(),
            phone: None,
            email: None,
        },
        note: None,
        session: None,
        staff: None,
        series: None,
    }
}
