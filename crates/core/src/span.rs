//! [`Span`]: a half-open interval of instants `[start, end)`.

use chrono::{DateTime, Duration, Utc};
use thiserror::Error;

/// Length of one quantum.
pub const QUANTUM_MINUTES: i64 = 15;
/// The longest span a booking or hold may cover.
pub const MAX_SPAN_DAYS: i64 = 14;

/// A non-empty interval `[start, end)` of at most [`MAX_SPAN_DAYS`] days. Whether it lies on
/// quantum boundaries depends on the studio's calendar and is checked there
/// ([`crate::Calendar::span_days`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SpanError {
    #[error("the time span starting {start} is empty: its end must be after its start")]
    Empty { start: DateTime<Utc> },
    #[error("the time span ends ({end}) before it starts ({start})")]
    Reversed {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    #[error("the time span {start} – {end} is longer than {MAX_SPAN_DAYS} days")]
    TooLong {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
}

impl Span {
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Span, SpanError> {
        if end == start {
            return Err(SpanError::Empty { start });
        }
        if end < start {
            return Err(SpanError::Reversed { start, end });
        }
        if end - start > Duration::days(MAX_SPAN_DAYS) {
            return Err(SpanError::TooLong { start, end });
        }
        Ok(Span { start, end })
    }

    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    pub fn end(&self) -> DateTime<Utc> {
        self.end
    }

    pub fn duration(&self) -> Duration {
        self.end - self.start
    }

    /// The span with `minutes` more on both sides: what a booking with a changeover of
    /// `minutes` must find free, since the booking before it needs its changeover too
    /// (two bookings keep `minutes` apart exactly when each one's widened span misses the
    /// other). Not length-checked: only used to look up masks.
    pub fn widened(&self, minutes: u32) -> Span {
        let by = Duration::minutes(i64::from(minutes));
        Span {
            start: self.start - by,
            end: self.end + by,
        }
    }

    /// True when the two spans share an instant (touching ends do not overlap).
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 4, h, 0, 0).unwrap()
    }

    #[test]
    fn rejects_empty_reversed_and_long() {
        assert_eq!(Span::new(t(3), t(3)), Err(SpanError::Empty { start: t(3) }));
        assert!(matches!(
            Span::new(t(4), t(3)),
            Err(SpanError::Reversed { .. })
        ));
        let start = t(0);
        assert!(Span::new(start, start + Duration::days(14)).is_ok());
        assert!(matches!(
            Span::new(start, start + Duration::days(14) + Duration::minutes(15)),
            Err(SpanError::TooLong { .. })
        ));
    }

    #[test]
    fn overlap_is_half_open() {
        let a = Span::new(t(1), t(3)).unwrap();
        let b = Span::new(t(3), t(4)).unwrap();
        let c = Span::new(t(2), t(4)).unwrap();
        assert!(!a.overlaps(&b));
        assert!(a.overlaps(&c) && c.overlaps(&b));
    }
}
