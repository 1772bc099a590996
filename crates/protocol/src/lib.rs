//! Wire types of the Frontdesk central server's HTTP contract v1 (`shared/api.md`).
//!
//! Shared by the server and the desk. JSON field names are camelCase; instants are RFC 3339
//! with offset ([`Instant`]); dates are the studio's local dates; durations are minutes.
//! Optional request fields may be left out; unknown fields are accepted and ignored, so a
//! newer peer can add fields without breaking an older one.

use chrono::{DateTime, FixedOffset};

/// The version segment of every path: `/v1/...`.
pub const API_VERSION: &str = "v1";

/// An instant on the wire: RFC 3339 with the studio's offset, e.g. `2026-03-29T10:00:00+02:00`.
pub type Instant = DateTime<FixedOffset>;

mod convert;
mod error_code;
pub use convert::{in_zone, WireSpanError};
pub use error_code::ErrorCode;

mod activity;
mod availability;
mod booking_change;
mod bookings;
mod cancellation;
mod chain;
mod customers;
mod desks;
mod errors;
mod feeds;
mod fees;
mod holds;
pub mod limits;
mod messages;
mod online;
mod reports;
mod series;
mod staff;
mod status;
mod stream;
mod studio;
mod studio_convert;
mod sync;
mod whole;

pub use activity::*;
pub use availability::*;
pub use booking_change::*;
pub use bookings::*;
pub use cancellation::*;
pub use chain::*;
pub use customers::*;
pub use desks::*;
pub use errors::*;
pub use feeds::*;
pub use fees::*;
pub use holds::*;
pub use messages::*;
pub use online::*;
pub use reports::*;
pub use series::*;
pub use staff::*;
pub use status::*;
pub use stream::*;
pub use studio::*;
pub use studio_convert::FieldError;
pub use sync::*;

#[cfg(test)]
mod tests;
