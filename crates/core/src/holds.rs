//! Presence holds: a booking session soft-locks the quanta it is about to book.
//!
//! A session's holds are set as a whole ([`HoldBook::set`]): all-or-nothing, renewed by
//! setting the same spans again, released with [`HoldBook::release`]. A hold lives until
//! `now + ttl` of its last renewal; expired holds are ignored by every check and swept lazily.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use thiserror::Error;
use uuid::Uuid;

use crate::calendar::{Calendar, CalendarError, SpanDays};
use crate::conflict::{conflicts_in, Conflict, ConflictReason};
use crate::mask::DayMask;
use crate::occupancy::BookedDays;
use crate::span::Span;
use crate::studio::RoomId;

/// One booking in progress at one desk.
pub type SessionId = Uuid;

/// A span of a room held by a session.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hold {
    pub room: RoomId,
    pub span: Span,
}

/// A live hold as others see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldView {
    pub session: SessionId,
    pub desk: String,
    pub room: RoomId,
    pub span: Span,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HoldError {
    #[error("hold on {room}: {source}")]
    Calendar {
        room: RoomId,
        #[source]
        source: CalendarError,
    },
    #[error("{}", describe(.0))]
    Conflicts(Vec<Conflict>),
}

fn describe(conflicts: &[Conflict]) -> &'static str {
    if conflicts.iter().all(|c| c.reason == ConflictReason::Held) {
        "someone at another desk is booking part of the chosen time right now: pick another time or wait a moment"
    } else {
        "part of the chosen time is already booked: pick another time"
    }
}

/// The result of a successful [`HoldBook::set`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldsSet {
    pub expires_at: DateTime<Utc>,
    /// Room-dates whose held quanta changed (empty for a plain renewal).
    pub changed: BTreeSet<(RoomId, NaiveDate)>,
}

#[derive(Debug, Clone)]
struct SessionHolds {
    desk: String,
    holds: Vec<Hold>,
    days: Vec<(RoomId, NaiveDate, DayMask)>,
    expires_at: DateTime<Utc>,
}

/// Every session's holds, indexed by room and date.
#[derive(Debug, Clone, Default)]
pub struct HoldBook {
    sessions: HashMap<SessionId, SessionHolds>,
    by_room: HashMap<RoomId, HashMap<NaiveDate, Vec<(SessionId, DayMask)>>>,
    /// No session expires before this instant; sweeping earlier finds nothing.
    next_expiry: Option<DateTime<Utc>>,
}

impl HoldBook {
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes `session`'s holds exactly `holds`, expiring at `now + ttl`: all of them or none.
    /// Fails, changing nothing, if any quantum is booked or held by another live session;
    /// the error names every conflicting run of quanta and why.
    #[allow(clippy::too_many_arguments)]
    pub fn set(
        &mut self,
        calendar: &Calendar,
        session: SessionId,
        desk: &str,
        holds: Vec<Hold>,
        booked: &impl BookedDays,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<HoldsSet, HoldError> {
        if let Some(renewed) = self.renew(session, desk, &holds, now, ttl) {
            return Ok(renewed);
        }
        let expires_at = now + ttl;
        let mut cut = Vec::with_capacity(holds.len());
        for hold in &holds {
            let days = calendar
                .span_days(&hold.span)
                .map_err(|source| HoldError::Calendar {
                    room: hold.room.clone(),
                    source,
                })?;
            cut.push(days);
        }
        let conflicts = self.conflicts(&holds, &cut, Some(session), booked, now);
        if !conflicts.is_empty() {
            return Err(HoldError::Conflicts(conflicts));
        }
        let mut changed = self.remove_session(session);
        let mut days: Vec<(RoomId, NaiveDate, DayMask)> = Vec::new();
        for (hold, span_days) in holds.iter().zip(&cut) {
            for (date, mask) in span_days.masks() {
                match days
                    .iter_mut()
                    .find(|(r, d, _)| *r == hold.room && *d == date)
                {
                    Some(entry) => entry.2 |= mask,
                    None => days.push((hold.room.clone(), date, mask)),
                }
            }
        }
        for (room, date, mask) in &days {
            self.by_room
                .entry(room.clone())
                .or_default()
                .entry(*date)
                .or_default()
                .push((session, *mask));
            changed.insert((room.clone(), *date));
        }
        self.next_expiry = Some(self.next_expiry.map_or(expires_at, |t| t.min(expires_at)));
        self.sessions.insert(
            session,
            SessionHolds {
                desk: desk.to_owned(),
                holds,
                days,
                expires_at,
            },
        );
        Ok(HoldsSet {
            expires_at,
            changed,
        })
    }

    /// The heartbeat: when the session's live holds are exactly `holds`, moves their expiry
    /// to `now + ttl` and returns `Some`. Live holds still exclude everyone else, so nothing
    /// needs checking. `None` when anything differs or the holds had expired.
    pub fn renew(
        &mut self,
        session: SessionId,
        desk: &str,
        holds: &[Hold],
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Option<HoldsSet> {
        self.sweep(now);
        let current = self.sessions.get_mut(&session)?;
        if current.holds != holds || current.desk != desk {
            return None;
        }
        current.expires_at = now + ttl;
        Some(HoldsSet {
            expires_at: current.expires_at,
            changed: BTreeSet::new(),
        })
    }

    /// The room-dates the session holds time on (live or not yet swept).
    pub fn session_days(&self, session: SessionId) -> BTreeSet<(RoomId, NaiveDate)> {
        self.sessions
            .get(&session)
            .map(|s| s.days.iter().map(|(r, d, _)| (r.clone(), *d)).collect())
            .unwrap_or_default()
    }

    /// Every conflict of `holds` (already cut into days) with bookings and with live holds
    /// of sessions other than `session`.
    pub fn conflicts(
        &self,
        holds: &[Hold],
        cut: &[SpanDays],
        session: Option<SessionId>,
        booked: &impl BookedDays,
        now: DateTime<Utc>,
    ) -> Vec<Conflict> {
        let mut conflicts = Vec::new();
        for (hold, days) in holds.iter().zip(cut) {
            let room = hold.room.as_str();
            conflicts_in(
                &hold.room,
                days,
                ConflictReason::Booked,
                |d| booked.booked(room, d),
                &mut conflicts,
            );
            conflicts_in(
                &hold.room,
                days,
                ConflictReason::Held,
                |d| {
                    self.held_by_others(room, d, session, now)
                        .without(booked.booked(room, d))
                },
                &mut conflicts,
            );
        }
        conflicts.sort();
        conflicts.dedup();
        conflicts
    }

    /// Frees every hold of the session. Returns the room-dates that changed.
    pub fn release(&mut self, session: SessionId) -> BTreeSet<(RoomId, NaiveDate)> {
        self.remove_session(session)
    }

    /// Quanta of `room` on `date` held by live sessions other than `except`.
    pub fn held_by_others(
        &self,
        room: &str,
        date: NaiveDate,
        except: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> DayMask {
        let Some(entries) = self.by_room.get(room).and_then(|days| days.get(&date)) else {
            return DayMask::EMPTY;
        };
        let mut mask = DayMask::EMPTY;
        for (session, m) in entries {
            if Some(*session) != except && self.is_live(*session, now) {
                mask |= *m;
            }
        }
        mask
    }

    /// Live holds touching `date` on `room`, in start order.
    pub fn holds_on(&self, room: &str, date: NaiveDate, now: DateTime<Utc>) -> Vec<HoldView> {
        let Some(entries) = self.by_room.get(room).and_then(|days| days.get(&date)) else {
            return Vec::new();
        };
        let mut views = Vec::new();
        for (session, _) in entries {
            let Some(s) = self.sessions.get(session).filter(|s| s.expires_at > now) else {
                continue;
            };
            for hold in s.holds.iter().filter(|h| h.room.as_str() == room) {
                let view = HoldView {
                    session: *session,
                    desk: s.desk.clone(),
                    room: hold.room.clone(),
                    span: hold.span,
                    expires_at: s.expires_at,
                };
                if !views.contains(&view) {
                    views.push(view);
                }
            }
        }
        views.sort_by_key(|v| (v.span.start(), v.session));
        views
    }

    /// The session's live holds and their expiry, if it has any.
    pub fn session(
        &self,
        session: SessionId,
        now: DateTime<Utc>,
    ) -> Option<(&[Hold], DateTime<Utc>)> {
        self.sessions
            .get(&session)
            .filter(|s| s.expires_at > now)
            .map(|s| (s.holds.as_slice(), s.expires_at))
    }

    /// True when any live session holds time on `room`, whatever the date.
    pub fn room_is_held(&self, room: &str, now: DateTime<Utc>) -> bool {
        self.by_room.get(room).is_some_and(|days| {
            days.values()
                .flatten()
                .any(|(session, _)| self.is_live(*session, now))
        })
    }

    /// Number of sessions with live holds.
    pub fn live_sessions(&self, now: DateTime<Utc>) -> usize {
        self.sessions
            .values()
            .filter(|s| s.expires_at > now)
            .count()
    }

    fn is_live(&self, session: SessionId, now: DateTime<Utc>) -> bool {
        self.sessions
            .get(&session)
            .is_some_and(|s| s.expires_at > now)
    }

    /// Drops expired sessions. Returns the room-dates whose holds went away.
    pub fn sweep(&mut self, now: DateTime<Utc>) -> BTreeSet<(RoomId, NaiveDate)> {
        let mut changed = BTreeSet::new();
        if self.next_expiry.is_none_or(|t| t > now) {
            return changed;
        }
        let expired: Vec<SessionId> = self
            .sessions
            .iter()
            .filter(|(_, s)| s.expires_at <= now)
            .map(|(id, _)| *id)
            .collect();
        for session in expired {
            changed.extend(self.remove_session(session));
        }
        self.next_expiry = self.sessions.values().map(|s| s.expires_at).min();
        changed
    }

    fn remove_session(&mut self, session: SessionId) -> BTreeSet<(RoomId, NaiveDate)> {
        let mut changed = BTreeSet::new();
        let Some(old) = self.sessions.remove(&session) else {
            return changed;
        };
        for (room, date, _) in old.days {
            if let Some(days) = self.by_room.get_mut(room.as_str()) {
                if let Some(entries) = days.get_mut(&date) {
                    entries.retain(|(s, _)| *s != session);
                    if entries.is_empty() {
                        days.remove(&date);
                    }
                }
                if days.is_empty() {
                    self.by_room.remove(room.as_str());
                }
            }
            changed.insert((room, date));
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::OpeningHours;
    use crate::occupancy::Occupancy;
    use chrono::TimeZone;
    use chrono_tz::Europe::Berlin;

    fn cal() -> Calendar {
        Calendar::new(Berlin, OpeningHours::always())
    }

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Berlin
            .with_ymd_and_hms(2026, 6, 1, h, m, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn hold(room: &str, from: (u32, u32), to: (u32, u32)) -> Hold {
        Hold {
            room: RoomId::new(room).unwrap(),
            span: Span::new(at(from.0, from.1), at(to.0, to.1)).unwrap(),
        }
    }

    fn ttl() -> Duration {
        Duration::seconds(10)
    }

    #[test]
    fn all_or_nothing_across_rooms() {
        let cal = cal();
        let mut book = HoldBook::new();
        let mut occ = Occupancy::new();
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let now = at(9, 0);
        book.set(
            &cal,
            a,
            "desk1",
            vec![hold("studio-b", (14, 0), (15, 0))],
            &occ,
            now,
            ttl(),
        )
        .unwrap();
        // b asks for two rooms; one conflicts with a's hold → nothing is held for b.
        let err = book
            .set(
                &cal,
                b,
                "desk2",
                vec![
                    hold("studio-a", (10, 0), (11, 0)),
                    hold("studio-b", (14, 30), (16, 0)),
                ],
                &occ,
                now,
                ttl(),
            )
            .unwrap_err();
        let HoldError::Conflicts(conflicts) = err else {
            panic!("{err:?}")
        };
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].room.as_str(), "studio-b");
        assert_eq!(
            (conflicts[0].start, conflicts[0].end),
            (at(14, 30), at(15, 0))
        );
        assert_eq!(conflicts[0].reason, ConflictReason::Held);
        assert!(book.session(b, now).is_none());
        assert!(book
            .held_by_others("studio-a", at(0, 0).date_naive(), None, now)
            .is_empty());

        // A booking is reported as booked, not held.
        let day = cal
            .span_days(&hold("studio-a", (10, 0), (10, 30)).span)
            .unwrap();
        occ.add(&RoomId::new("studio-a").unwrap(), day.masks());
        let err = book
            .set(
                &cal,
                b,
                "desk2",
                vec![hold("studio-a", (9, 0), (11, 0))],
                &occ,
                now,
                ttl(),
            )
            .unwrap_err();
        let HoldError::Conflicts(conflicts) = err else {
            panic!()
        };
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].reason, ConflictReason::Booked);
        assert_eq!(
            (conflicts[0].start, conflicts[0].end),
            (at(10, 0), at(10, 30))
        );
    }

    #[test]
    fn failed_set_keeps_previous_holds() {
        let cal = cal();
        let occ = Occupancy::new();
        let mut book = HoldBook::new();
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let now = at(9, 0);
        book.set(
            &cal,
            a,
            "d",
            vec![hold("r", (10, 0), (11, 0))],
            &occ,
            now,
            ttl(),
        )
        .unwrap();
        book.set(
            &cal,
            b,
            "d",
            vec![hold("r", (12, 0), (13, 0))],
            &occ,
            now,
            ttl(),
        )
        .unwrap();
        assert!(book
            .set(
                &cal,
                a,
                "d",
                vec![hold("r", (12, 0), (13, 0))],
                &occ,
                now,
                ttl()
            )
            .is_err());
        let (holds, _) = book.session(a, now).unwrap();
        assert_eq!(holds, &[hold("r", (10, 0), (11, 0))]);
    }

    #[test]
    fn expiry_and_renewal() {
        let cal = cal();
        let occ = Occupancy::new();
        let mut book = HoldBook::new();
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let spans = vec![hold("r", (10, 0), (11, 0))];
        let t0 = at(9, 0);
        let set = book
            .set(&cal, a, "d", spans.clone(), &occ, t0, ttl())
            .unwrap();
        assert_eq!(set.expires_at, t0 + ttl());
        assert_eq!(set.changed.len(), 1);
        // Renewed at +5 s: still live at +12 s.
        let renewed = book
            .set(
                &cal,
                a,
                "d",
                spans.clone(),
                &occ,
                t0 + Duration::seconds(5),
                ttl(),
            )
            .unwrap();
        assert!(renewed.changed.is_empty());
        let date = t0.with_timezone(&Berlin).date_naive();
        assert!(!book
            .held_by_others("r", date, None, t0 + Duration::seconds(12))
            .is_empty());
        assert!(book
            .set(
                &cal,
                b,
                "d",
                spans.clone(),
                &occ,
                t0 + Duration::seconds(12),
                ttl()
            )
            .is_err());
        // Expired at exactly +15 s: b may take it.
        let later = t0 + Duration::seconds(15);
        assert!(book.held_by_others("r", date, None, later).is_empty());
        book.set(&cal, b, "d", spans.clone(), &occ, later, ttl())
            .unwrap();
        // a's renewal now fails: its holds had expired and b holds the time.
        assert!(book.set(&cal, a, "d", spans, &occ, later, ttl()).is_err());
        assert_eq!(book.live_sessions(later), 1);
    }

    #[test]
    fn release_and_isolation() {
        let cal = cal();
        let occ = Occupancy::new();
        let mut book = HoldBook::new();
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let now = at(9, 0);
        book.set(
            &cal,
            a,
            "d",
            vec![hold("r1", (10, 0), (11, 0))],
            &occ,
            now,
            ttl(),
        )
        .unwrap();
        // Same time, another room: no conflict.
        book.set(
            &cal,
            b,
            "d",
            vec![hold("r2", (10, 0), (11, 0))],
            &occ,
            now,
            ttl(),
        )
        .unwrap();
        let changed = book.release(a);
        assert_eq!(changed.len(), 1);
        assert!(book.release(a).is_empty());
        book.set(
            &cal,
            b,
            "d",
            vec![hold("r1", (10, 0), (11, 0))],
            &occ,
            now,
            ttl(),
        )
        .unwrap();
        let date = now.with_timezone(&Berlin).date_naive();
        let views = book.holds_on("r1", date, now);
        assert_eq!(views.len(), 1);
        assert_eq!(views[0].session, b);
        assert!(book.holds_on("r2", date, now).is_empty());
    }

    #[test]
    fn misaligned_hold_is_an_error_and_changes_nothing() {
        let cal = cal();
        let occ = Occupancy::new();
        let mut book = HoldBook::new();
        let a = Uuid::new_v4();
        let err = book
            .set(
                &cal,
                a,
                "d",
                vec![hold("r", (10, 0), (10, 20))],
                &occ,
                at(9, 0),
                ttl(),
            )
            .unwrap_err();
        assert!(matches!(err, HoldError::Calendar { .. }));
        assert!(book.session(a, at(9, 0)).is_none());
    }
}
