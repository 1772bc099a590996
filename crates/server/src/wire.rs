//! Records of the store → the wire types of the contract, instants in the studio's zone;
//! and request bodies → domain values, with 422 for what the domain refuses. The
//! conversions themselves live once, in the protocol and store crates.

use chrono_tz::Tz;
use frontdesk_core::Hold;
use frontdesk_protocol::{BookingDto, CreateBookingRequest, HoldSpan};
use frontdesk_store::{BookingRecord, NewBooking};

use crate::error::ApiError;

pub fn booking_dto(b: &BookingRecord, tz: Tz) -> BookingDto {
    b.to_dto(tz)
}

pub fn new_booking(r: &CreateBookingRequest) -> NewBooking {
    NewBooking::from(r)
}

pub fn hold(span: &HoldSpan) -> Result<Hold, ApiError> {
    span.to_hold().map_err(|e| ApiError::invalid(e.to_string()))
}
