//! [`Conflict`]: which time of which room blocks a hold or booking, and why.

use chrono::{DateTime, NaiveDate, Utc};

use crate::calendar::SpanDays;
use crate::mask::DayMask;
use crate::studio::RoomId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConflictReason {
    /// A confirmed (or locally pending) booking covers it.
    Booked,
    /// Another session holds it and its hold has not expired.
    Held,
    /// Free itself, but too close to a booking or hold before or after it: the room needs
    /// its changeover time between two sessions.
    Changeover,
}

impl ConflictReason {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictReason::Booked => "booked",
            ConflictReason::Held => "held",
            ConflictReason::Changeover => "changeover",
        }
    }
}

/// A maximal run of conflicting quanta `[start, end)` on one room.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Conflict {
    pub room: RoomId,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub reason: ConflictReason,
}

/// Conflicts found on a span widened by the room's changeover, with the parts outside the
/// span itself (`[start, end)`) told apart as [`ConflictReason::Changeover`].
pub(crate) fn mark_changeover(
    found: Vec<Conflict>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    out: &mut Vec<Conflict>,
) {
    for c in found {
        let pieces = [
            (c.start, c.end.min(start), ConflictReason::Changeover),
            (c.start.max(start), c.end.min(end), c.reason),
            (c.start.max(end), c.end, ConflictReason::Changeover),
        ];
        for (from, to, reason) in pieces {
            if from < to {
                out.push(Conflict {
                    room: c.room.clone(),
                    start: from,
                    end: to,
                    reason,
                });
            }
        }
    }
}

/// The conflicting runs of a span: its quanta that `blocked` marks, merged across midnight.
pub(crate) fn conflicts_in(
    room: &RoomId,
    days: &SpanDays,
    reason: ConflictReason,
    mut blocked: impl FnMut(NaiveDate) -> DayMask,
    out: &mut Vec<Conflict>,
) {
    let first = out.len();
    for (day, mask) in days.iter() {
        for (from, to) in (*mask & blocked(day.date)).runs() {
            let (start, end) = (day.instant(from), day.instant(to));
            let len = out.len();
            if len > first && out[len - 1].end == start {
                out[len - 1].end = end;
            } else {
                out.push(Conflict {
                    room: room.clone(),
                    start,
                    end,
                    reason,
                });
            }
        }
    }
}
