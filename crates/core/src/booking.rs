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
    #[error("{}", describe(.0))]
    Conflicts(Vec<Conflict>),
}

fn describe(conflicts: &[Conflict]) -> &'static str {
    if conflicts
        .iter()
        .all(|c| c.reason == crate::conflict::ConflictReason::Changeover)
    {
        "the time is too close to another booking: the room needs its changeover time between two sessions"
    } else {
        "the time is no longer free: someone else booked or is booking part of it"
    }
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
/// hours, free of bookings and of other sessions' live holds, and `changeover` minutes clear
/// of them on both sides (the room's reset time after each session). Returns the masks to
/// mark as booked (the span itself: changeover is checked, never stored, so changing a
/// room's changeover later needs no rewrite). The caller then releases the session's own
/// holds.
#[allow(clippy::too_many_arguments)]
pub fn admit_booking(
    calendar: &Calendar,
    room: &RoomId,
    span: &Span,
    changeover: u32,
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
    let checked = if changeover == 0 {
        days.clone()
    } else {
        calendar.span_days(&span.widened(changeover))?
    };
    let conflicts = holds.conflicts(
        std::slice::from_ref(&hold),
        std::slice::from_ref(&checked),
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
    changeover: u32,
    session: Option<SessionId>,
    booked: &Occupancy,
    holds: &HoldBook,
    now: DateTime<Utc>,
) -> Result<(SpanDays, SpanDays), BookingError> {
    let old_days = calendar.span_days(old)?;
    let mut without = booked.clone();
    without.remove(old_room, old_days.masks());
    let new_days = admit_booking(
        calendar, room, span, changeover, session, &without, holds, now,
    )?;
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
        let days = admit_booking(&cal, &room, &span, 0, None, &occ, &holds, now).unwrap();
        occ.add(&room, days.masks());
        let overlapping = Span::new(at(1, 11), at(1, 13)).unwrap();
        let Err(BookingError::Conflicts(c)) =
            admit_booking(&cal, &room, &overlapping, 0, None, &occ, &holds, now)
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
            admit_booking(&cal, &room, &tuesday, 0, None, &occ, &holds, now),
            Err(BookingError::Closed { .. })
        ));
        let late = Span::new(at(1, 19), at(1, 21)).unwrap();
        assert!(matches!(
            admit_booking(&cal, &room, &late, 0, None, &occ, &holds, now),
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
                |_| 0,
            )
            .unwrap();
        let Err(BookingError::Conflicts(c)) =
            admit_booking(&cal, &room, &free, 0, Some(me), &occ, &holds, now)
        else {
            panic!()
        };
        assert_eq!(c[0].reason, ConflictReason::Held);
        assert!(admit_booking(&cal, &room, &free, 0, Some(other), &occ, &holds, now).is_ok());
        // After expiry anyone may book.
        let later = now + Duration::seconds(11);
        assert!(admit_booking(&cal, &room, &free, 0, Some(me), &occ, &holds, later).is_ok());
    }

    #[test]
    fn changeover_keeps_bookings_apart() {
        let cal = Calendar::new(Berlin, OpeningHours::always());
        let room = RoomId::new("a").unwrap();
        let (holds, now) = (HoldBook::new(), at(1, 7));
        let mut occ = Occupancy::new();
        let booked = Span::new(at(1, 10), at(1, 12)).unwrap();
        let days = admit_booking(&cal, &room, &booked, 30, None, &occ, &holds, now).unwrap();
        // Only the booking's own quanta are stored.
        assert_eq!(days, cal.span_days(&booked).unwrap());
        occ.add(&room, days.masks());
        let half = Duration::minutes(30);
        // Right after it, or ending right before it: inside the 30 minutes of changeover.
        for (start, end, blocked) in [
            (at(1, 12), at(1, 13), (at(1, 11) + half, at(1, 12))),
            (at(1, 9), at(1, 10), (at(1, 10), at(1, 10) + half)),
        ] {
            let Err(BookingError::Conflicts(c)) = admit_booking(
                &cal,
                &room,
                &Span::new(start, end).unwrap(),
                30,
                None,
                &occ,
                &holds,
                now,
            ) else {
                panic!("{start} – {end} was admitted")
            };
            assert_eq!(
                (c[0].start, c[0].end, c[0].reason),
                (blocked.0, blocked.1, ConflictReason::Changeover)
            );
        }
        // 30 minutes apart on either side is fine; without changeover touching is fine.
        let after = Span::new(at(1, 12) + half, at(1, 13)).unwrap();
        let before = Span::new(at(1, 9) - half, at(1, 10) - half).unwrap();
        let touching = Span::new(at(1, 12), at(1, 13)).unwrap();
        for (span, changeover) in [(after, 30), (before, 30), (touching, 0)] {
            assert!(admit_booking(&cal, &room, &span, changeover, None, &occ, &holds, now).is_ok());
        }
        // Overlapping the booking itself is still "booked", its edge "changeover".
        let over = Span::new(at(1, 11), at(1, 13)).unwrap();
        let Err(BookingError::Conflicts(c)) =
            admit_booking(&cal, &room, &over, 30, None, &occ, &holds, now)
        else {
            panic!()
        };
        let reasons: Vec<_> = c.iter().map(|c| (c.start, c.reason)).collect();
        assert_eq!(
            reasons,
            vec![
                (at(1, 10) + half, ConflictReason::Changeover),
                (at(1, 11), ConflictReason::Booked)
            ]
        );
    }
}
