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
}

impl ConflictReason {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictReason::Booked => "booked",
            ConflictReason::Held => "held",
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
