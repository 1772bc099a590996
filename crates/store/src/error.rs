use chrono_tz::Tz;
use frontdesk_core::{
    AvailabilityError, BookingError, CalendarError, HoldError, SeriesError, SpanError, StudioError,
};
use frontdesk_protocol::{in_zone, ConflictDto, ErrorBody, ErrorCode};
use thiserror::Error;
use uuid::Uuid;

use crate::config::ConfigError;

/// Everything a store operation can fail with. Each message says what to do.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("the local database failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the local database holds a value of an unexpected type: {0}")]
    Column(#[from] rusqlite::types::FromSqlError),
    #[error("the database file has no studio yet: start with a studio configuration")]
    NoStudio,
    #[error("the database holds data this version cannot read ({0}): restore a backup or update Frontdesk")]
    Corrupt(String),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Studio(#[from] StudioError),
    #[error(transparent)]
    Span(#[from] SpanError),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error(transparent)]
    Booking(#[from] BookingError),
    #[error(transparent)]
    Hold(#[from] HoldError),
    #[error(transparent)]
    Availability(#[from] AvailabilityError),
    #[error(transparent)]
    Series(#[from] SeriesError),
    #[error("booking {0} is not part of a series: cancel it on its own")]
    NotInSeries(Uuid),
    #[error("there is no customer {0}")]
    NoCustomer(Uuid),
    #[error("customer {id} was changed meanwhile (it is at version {current} now, the change was made to version {expected}); nothing was changed: look at it again and make the change anew")]
    StaleCustomer {
        id: Uuid,
        current: i64,
        expected: i64,
    },
    #[error("there is no room {} in this studio", .0.join(", "))]
    UnknownRooms(Vec<String>),
    #[error("booking {0} is not in conflict: only conflicts can be moved this way")]
    NotInConflict(Uuid),
    #[error("there is no booking {0}")]
    NotFound(Uuid),
    #[error("booking id {0} was already used for a different booking")]
    IdReused(Uuid),
    #[error("the studio was changed meanwhile (it is at version {current} now, the change was made to version {edited}); nothing was saved: reload it and make the change again")]
    StaleStudio { current: i64, edited: i64 },
    #[error("the online booking settings were changed meanwhile (they are at version {current} now, the change was made to version {edited}); nothing was saved: reload them and make the change again")]
    StaleOnlineBooking { current: i64, edited: i64 },
    #[error("timezone: the timezone cannot change while the studio has {bookings} bookings (their local times would move)")]
    TimezoneLocked { bookings: u64 },
    #[error("{field}: {message}")]
    Staff { field: String, message: String },
    #[error("rooms: {room} has {} booking(s) from now on ({}); move or cancel them before removing the room", .bookings.len(), .bookings.join("; "))]
    RoomHasBookings { room: String, bookings: Vec<String> },
    #[error("booking {id} was changed meanwhile (it is at version {current} now, the change was made to version {expected}); nothing was changed: look at it again and make the change anew")]
    StaleBooking {
        id: Uuid,
        current: i64,
        expected: i64,
    },
    #[error("booking {id} is {status}: {what}")]
    NotChangeable {
        id: Uuid,
        status: &'static str,
        what: &'static str,
    },
    #[error("{0}")]
    BadChange(String),
    /// Only an admin of the studio's staff may do this (e.g. waive a fee).
    #[error("{0}: nothing was changed")]
    AdminOnly(&'static str),
    /// A text past its cap ([`frontdesk_protocol::limits`]).
    #[error(transparent)]
    TooLong(#[from] frontdesk_protocol::limits::TooLong),
}

impl StoreError {
    /// The code of the error vocabulary this error is answered with: the one place where
    /// store errors become codes (the server and the desk both use it).
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::Booking(BookingError::Conflicts(_))
            | StoreError::Hold(HoldError::Conflicts(_)) => ErrorCode::Conflict,
            StoreError::IdReused(_) => ErrorCode::IdReused,
            StoreError::StaleStudio { .. }
            | StoreError::StaleOnlineBooking { .. }
            | StoreError::StaleBooking { .. }
            | StoreError::StaleCustomer { .. } => ErrorCode::Stale,
            StoreError::TimezoneLocked { .. }
            | StoreError::Staff { .. }
            | StoreError::RoomHasBookings { .. }
            | StoreError::NotChangeable { .. }
            | StoreError::BadChange(_)
            | StoreError::TooLong(_) => ErrorCode::Invalid,
            StoreError::NotFound(_) | StoreError::NoCustomer(_) => ErrorCode::NotFound,
            StoreError::AdminOnly(_) => ErrorCode::Forbidden,
            StoreError::Studio(StudioError::UnknownRoom(_)) | StoreError::UnknownRooms(_) => {
                ErrorCode::UnknownRoom
            }
            StoreError::Studio(_)
            | StoreError::Span(_)
            | StoreError::Calendar(_)
            | StoreError::Booking(_)
            | StoreError::Hold(_)
            | StoreError::Availability(_)
            | StoreError::Series(_)
            | StoreError::NotInSeries(_)
            | StoreError::NotInConflict(_) => ErrorCode::Invalid,
            StoreError::Sqlite(_)
            | StoreError::Column(_)
            | StoreError::NoStudio
            | StoreError::Corrupt(_)
            | StoreError::Config(_) => ErrorCode::Storage,
        }
    }

    /// The error as the contract's body: its code, its message, and for conflicts every
    /// blocking span with its instants in the studio's timezone `tz`.
    pub fn to_body(&self, tz: Tz) -> ErrorBody {
        let mut body = ErrorBody::new(self.code(), self.to_string());
        match self {
            StoreError::Booking(BookingError::Conflicts(c))
            | StoreError::Hold(HoldError::Conflicts(c)) => {
                body.conflicts = Some(
                    c.iter()
                        .map(|c| ConflictDto::from_core(c, |t| in_zone(t, tz)))
                        .collect(),
                );
            }
            StoreError::Studio(StudioError::UnknownRoom(room)) => {
                body.unknown = Some(vec![room.clone()]);
            }
            StoreError::UnknownRooms(rooms) => body.unknown = Some(rooms.clone()),
            _ => {}
        }
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use frontdesk_core::{Conflict, ConflictReason, RoomId};

    #[test]
    fn conflicts_carry_the_studios_offset_and_unknown_rooms_their_ids() {
        let start = Utc.with_ymd_and_hms(2027, 7, 1, 8, 0, 0).single();
        let (Some(start), Ok(room)) = (start, RoomId::new("studio-a")) else {
            panic!("valid fixture");
        };
        let error = StoreError::Booking(BookingError::Conflicts(vec![Conflict {
            room,
            start,
            end: start + chrono::Duration::hours(1),
            reason: ConflictReason::Booked,
        }]));
        let body = error.to_body(chrono_tz::Europe::Berlin);
        assert_eq!(body.error, ErrorCode::Conflict);
        let conflicts = body.conflicts.unwrap_or_default();
        assert_eq!(conflicts[0].start.to_rfc3339(), "2027-07-01T10:00:00+02:00");

        let unknown = StoreError::UnknownRooms(vec!["studio-z".into()]).to_body(chrono_tz::UTC);
        assert_eq!(unknown.error, ErrorCode::UnknownRoom);
        assert_eq!(unknown.unknown, Some(vec!["studio-z".to_owned()]));
        assert_eq!(
            StoreError::NoStudio.to_body(chrono_tz::UTC).error,
            ErrorCode::Storage
        );
    }
}
