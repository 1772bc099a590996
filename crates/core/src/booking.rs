//! The rules a booking must pass.

use chrono::{DateTime, NaiveDateTime, Utc};
use thiserror::Error;

use crate::calendar::{Calendar, CalendarError, SpanDays};
use crate::conflict::Conflict;
use crate::holds::{Hold, HoldBook, SessionId};
use crate::occupancy::{BookedDays, Occupancy};
use crate::span::Span;
use crate::studio::RoomId;

/// Who the booking is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BookingError {
    #[error("the customer's name is missing")]
    EmptyName,
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error("the studio is closed during part of {} – {}: pick a time inside opening hours", wall(.local_start), wall(.local_end))]
    Closed {
        local_start: NaiveDateTime,
        local_end: NaiveDateTime,
    },
    #[error("the time is no longer free: someone else booked or is booking part of it")]
    Conflicts(Vec<Conflict>),
}

fn wall(t: &NaiveDateTime) -> String {
    t.format("%a %d %b %H:%M").to_string()
}

impl Customer {
    /// Trims the fields; a blank name is an error, blank phone/email become `None`.
    pub fn new(
        name: &str,
        phone: Option<&str>,
        email: Option<&str>,
    ) -> Result<Customer, BookingError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(BookingError::EmptyName);
        }
        let clean = |s: Option<&str>| {
            s.map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        Ok(Customer {
            name: name.to_owned(),
            phone: clean(phone),
            email: clean(email),
        })
    }
}

/// Checks a booking of `span` on `room` for `session`: on quantum boundaries, inside opening
/// hours, free of bookings and of other sessions' live holds. Returns the masks to mark as
/// booked. The caller then releases the session's own holds.
pub fn admit_booking(
    calendar: &Calendar,
    room: &RoomId,
    span: &Span,
    session: Option<SessionId>,
    booked: &impl BookedDays,
    holds: &HoldBook,
    now: DateTime<Utc>,
) -> Result<SpanDays, BookingError> {
    let days = calendar.span_days(span)?;
    if !calendar.is_open(&days) {
        return Err(BookingError::Closed {
            local_start: calendar.local(span.start()),
            local_end: calendar.local(span.end()),
        });
    }
    let hold = Hold {
        room: room.clone(),
        span: *span,
    };
    let conflicts = holds.conflicts(
        std::slice::from_ref(&hold),
        std::slice::from_ref(&days),
        session,
        booked,
        now,
    );
    if conflicts.is_empty() {
        Ok(days)
    } else {
        Err(BookingError::Conflicts(conflicts))
    }
}

/// Checks moving a booking from `old` on `old_room` to `span` on `room` (another room, an
/// earlier or later start, a longer or shorter session): as [`admit_booking`], with the
/// booking's own old quanta counted free, so it never conflicts with itself. Returns the old
/// and the new masks; the caller swaps them in one step, so nobody ever sees both spans free
/// or both taken.
#[allow(clippy::too_many_arguments)]
pub fn admit_move(
    calendar: &Calendar,
    old_room: &RoomId,
    old: &Span,
    room: &RoomId,
    span: &Span,
    session: Option<SessionId>,
    booked: &Occupancy,
    holds: &HoldBook,
    now: DateTime<Utc>,
) -> Result<(SpanDays, SpanDays), BookingError> {
    let old_days = calendar.span_days(old)?;
    let mut without = booked.clone();
    without.remove(old_room, old_days.masks());
    let new_days = admit_booking(calendar, room, span, session, &without, holds, now)?;
    Ok((old_days, new_days))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::OpeningHours;
    use crate::conflict::ConflictReason;
    use crate::occupancy::Occupancy;
    use chrono::{Duration, TimeZone, Weekday};
    use chrono_tz::Europe::Berlin;
    use uuid::Uuid;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Berlin
            .with_ymd_and_hms(2026, 6, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn customer_name_required() {
        assert_eq!(
            Customer::new("  ", None, None),
            Err(BookingError::EmptyName)
        );
        let c = Customer::new(" Ada ", Some(" "), Some("ada@example.org")).unwrap();
        assert_eq!(
            (c.name.as_str(), c.phone, c.email.as_deref()),
            ("Ada", None, Some("ada@example.org"))
        );
    }

    #[test]
    fn rules() {
        let hours = OpeningHours::closed()
            .with(Weekday::Mon, "08:00", "20:00")
            .unwrap();
        let cal = Calendar::new(Berlin, hours);
        let room = RoomId::new("a").unwrap();
        let mut occ = Occupancy::new();
        let mut holds = HoldBook::new();
        let now = at(1, 7);
        // 2026-06-01 is a Monday.
        let span = Span::new(at(1, 10), at(1, 12)).unwrap();
        let days = admit_booking(&cal, &room, &span, None, &occ, &holds, now).unwrap();
        occ.add(&room, days.masks());
        let overlapping = Span::new(at(1, 11), at(1, 13)).unwrap();
        let Err(BookingError::Conflicts(c)) =
            admit_booking(&cal, &room, &overlapping, None, &occ, &holds, now)
        else {
            panic!()
        };
        assert_eq!(
            (c[0].start, c[0].end, c[0].reason),
            (at(1, 11), at(1, 12), ConflictReason::Booked)
        );
        // Closed on Tuesday and after 20:00.
        let tuesday = Span::new(at(2, 10), at(2, 11)).unwrap();
        assert!(matches!(
            admit_booking(&cal, &room, &tuesday, None, &occ, &holds, now),
            Err(BookingError::Closed { .. })
        ));
        let late = Span::new(at(1, 19), at(1, 21)).unwrap();
        assert!(matches!(
            admit_booking(&cal, &room, &late, None, &occ, &holds, now),
            Err(BookingError::Closed { .. })
        ));
        // Someone else's live hold blocks; the holder itself may book.
        let (me, other) = (Uuid::new_v4(), Uuid::new_v4());
        let free = Span::new(at(1, 14), at(1, 15)).unwrap();
        holds
            .set(
                &cal,
                other,
                "d2",
                vec![Hold {
                    room: room.clone(),
                    span: free,
                }],
                &occ,
                now,
                Duration::seconds(10),
            )
            .unwrap();
        let Err(BookingError::Conflicts(c)) =
            admit_booking(&cal, &room, &free, Some(me), &occ, &holds, now)
        else {
            panic!()
        };
        assert_eq!(c[0].reason, ConflictReason::Held);
        assert!(admit_booking(&cal, &room, &free, Some(other), &occ, &holds, now).is_ok());
        // After expiry anyone may book.
        let later = now + Duration::seconds(11);
        assert!(admit_booking(&cal, &room, &free, Some(me), &occ, &holds, later).is_ok());
    }
}
