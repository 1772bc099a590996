use frontdesk_core::{
    AvailabilityError, BookingError, CalendarError, HoldError, SpanError, StudioError,
};
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
    #[error("there is no room {} in this studio", .0.join(", "))]
    UnknownRooms(Vec<String>),
    #[error("booking {0} is not in conflict: only conflicts can be moved this way")]
    NotInConflict(Uuid),
    #[error("there is no booking {0}")]
    NotFound(Uuid),
    #[error("booking id {0} was already used for a different booking")]
    IdReused(Uuid),
}
