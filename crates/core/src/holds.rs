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
use crate::conflict::{conflicts_in, mark_changeover, Conflict, ConflictReason};
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
    /// Fails, changing nothing, if any quantum is booked or held by another live session, or
    /// lies within a room's `changeover` minutes of such a quantum; the error names every
    /// conflicting run of quanta and why.
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
        changeover: impl Fn(&RoomId) -> u32,
    ) -> Result<HoldsSet, HoldError> {
        if let Some(renewed) = self.renew(session, desk, &holds, now, ttl) {
            return Ok(renewed);
        }
        let expires_at = now + ttl;
        let mut cut = Vec::with_capacity(holds.len());
        let mut checked = Vec::with_capacity(holds.len());
        for hold in &holds {
            let cut_span = |span: &Span| {
                calendar
                    .span_days(span)
                    .map_err(|source| HoldError::Calendar {
                        room: hold.room.clone(),
                        source,
                    })
            };
            cut.push(cut_span(&hold.span)?);
            checked.push(cut_span(&hold.span.widened(changeover(&hold.room)))?);
        }
        let conflicts = self.conflicts(&holds, &checked, Some(session), booked, now);
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

    /// Every conflict of `holds` with bookings and with live holds of sessions other than
    /// `session`. `cut` is each hold's span cut into days, widened by its room's changeover
    /// (see [`Span::widened`]); conflicts outside the span itself are
    /// [`ConflictReason::Changeover`].
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
            let mut found = Vec::new();
            conflicts_in(
                &hold.room,
                days,
                ConflictReason::Booked,
                |d| booked.booked(room, d),
                &mut found,
            );
            conflicts_in(
                &hold.room,
                days,
                ConflictReason::Held,
                |d| {
                    self.held_by_others(room, d, session, now)
                        .without(booked.booked(room, d))
                },
                &mut found,
            );
            mark_changeover(found, hold.span.start(), hold.span.end(), &mut conflicts);
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
mod tests;
