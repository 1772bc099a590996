//! A booking as staff would ask for it, written once for the store's tests.

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
