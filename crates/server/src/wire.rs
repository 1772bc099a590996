//! Records of the store → the wire types of the contract, instants in the studio's zone;
//! and request bodies → domain values, with 422 for what the domain refuses.

use chrono::Utc;
use chrono_tz::Tz;
use frontdesk_core::{Hold, RoomId, Span};
use frontdesk_protocol::{BookingDto, BookingStatusDto, CreateBookingRequest, HoldSpan};
use frontdesk_store::{BookingRecord, BookingStatus, NewBooking};

use crate::error::{local, ApiError};

pub fn booking_dto(b: &BookingRecord, tz: Tz) -> BookingDto {
    BookingDto {
        id: b.id,
        room: b.room.to_string(),
        start: local(b.span.start(), tz),
        end: local(b.span.end(), tz),
        customer: b.customer.clone().into(),
        note: b.note.clone(),
        status: match b.status {
            BookingStatus::Cancelled => BookingStatusDto::Cancelled,
            _ => BookingStatusDto::Confirmed,
        },
        desk: b.desk.clone(),
        created_at: local(b.created_at, tz),
        seq: b.seq,
    }
}

pub fn new_booking(r: &CreateBookingRequest) -> NewBooking {
    NewBooking {
        id: r.id,
        room: r.room.clone(),
        start: r.start.with_timezone(&Utc),
        end: r.end.with_timezone(&Utc),
        name: r.customer.name.clone(),
        phone: r.customer.phone.clone(),
        email: r.customer.email.clone(),
        note: r.note.clone(),
        session: r.session,
    }
}

pub fn hold(span: &HoldSpan) -> Result<Hold, ApiError> {
    let room = RoomId::new(&span.room).map_err(|e| ApiError::invalid(e.to_string()))?;
    let span = Span::new(span.start.with_timezone(&Utc), span.end.with_timezone(&Utc))
        .map_err(|e| ApiError::invalid(e.to_string()))?;
    Ok(Hold { room, span })
}
