//! Request bodies → domain values, with 422 for what the domain refuses. The conversions
//! themselves live once, in the protocol and store crates (`HoldSpan::to_hold`,
//! `BookingRecord::to_dto`, `NewBooking::from`).

use frontdesk_core::Hold;
use frontdesk_protocol::HoldSpan;

use crate::error::ApiError;

pub fn hold(span: &HoldSpan) -> Result<Hold, ApiError> {
    span.to_hold().map_err(|e| ApiError::invalid(e.to_string()))
}
