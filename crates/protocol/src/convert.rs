//! Conversions between the wire types and the core's, written once for desk and server:
//! instants go out in the studio's timezone ([`in_zone`]) and come in as UTC.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use frontdesk_core::holds::HoldView;
use frontdesk_core::{Hold, RoomId, Span, SpanError, StudioError};
use thiserror::Error;

use crate::{HoldInfo, HoldSpan, Instant};

/// An instant in the studio's timezone, as it goes on the wire.
pub fn in_zone(t: DateTime<Utc>, tz: Tz) -> Instant {
    t.with_timezone(&tz).fixed_offset()
}

/// Why a span on the wire is not a span of the domain.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WireSpanError {
    #[error(transparent)]
    Room(#[from] StudioError),
    #[error(transparent)]
    Span(#[from] SpanError),
}

impl HoldSpan {
    /// The hold this span asks for.
    pub fn to_hold(&self) -> Result<Hold, WireSpanError> {
        Ok(Hold {
            room: RoomId::new(&self.room)?,
            span: Span::new(self.start.to_utc(), self.end.to_utc())?,
        })
    }
}

impl HoldInfo {
    /// A live hold as `GET /v1/holds` lists it.
    pub fn from_view(v: &HoldView, tz: Tz) -> HoldInfo {
        HoldInfo {
            room: v.room.to_string(),
            start: in_zone(v.span.start(), tz),
            end: in_zone(v.span.end(), tz),
            desk: v.desk.clone(),
            expires_at: in_zone(v.expires_at, tz),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hold_span_becomes_a_hold_or_says_why_not() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap_or_default();
        let span = HoldSpan {
            room: "studio-a".into(),
            start: at("2027-03-28T10:00:00+02:00"),
            end: at("2027-03-28T11:00:00+02:00"),
        };
        let hold = span.to_hold();
        assert!(matches!(&hold, Ok(h) if h.room.as_str() == "studio-a"));
        let reversed = HoldSpan {
            start: span.end,
            end: span.start,
            ..span.clone()
        };
        assert!(matches!(reversed.to_hold(), Err(WireSpanError::Span(_))));
        let bad_room = HoldSpan {
            room: "Studio A".into(),
            ..span
        };
        assert!(matches!(bad_room.to_hold(), Err(WireSpanError::Room(_))));
    }
}
