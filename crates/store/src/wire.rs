//! Store records ↔ the contract's wire types, written once for desk and server: a stored
//! booking as the server answers it, a booking request as the store takes it, and the
//! server's booking as a desk stores it.

use chrono_tz::Tz;
use frontdesk_core::{Customer, RoomId, Span};
use frontdesk_protocol::{
    in_zone, BookingDto, BookingStatusDto, CreateBookingRequest, CustomerRecordDto,
    CustomerSummaryDto, EditCustomerRequest, WireSpanError,
};

use crate::customer_search::CustomerSummary;
use crate::customers::{CustomerEdit, CustomerRecord};
use crate::{BookingRecord, BookingStatus, NewBooking, RemoteBooking};

impl BookingRecord {
    /// The booking as the contract shows it, instants in the studio's zone `tz`. A desk's
    /// pending and conflict bookings read as confirmed: the wire knows only confirmed and
    /// cancelled.
    pub fn to_dto(&self, tz: Tz) -> BookingDto {
        BookingDto {
            id: self.id,
            room: self.room.to_string(),
            start: in_zone(self.span.start(), tz),
            end: in_zone(self.span.end(), tz),
            customer: self.customer.clone().into(),
            note: self.note.clone(),
            status: match self.status {
                BookingStatus::Cancelled => BookingStatusDto::Cancelled,
                _ => BookingStatusDto::Confirmed,
            },
            desk: self.desk.clone(),
            created_at: in_zone(self.created_at, tz),
            seq: self.seq,
            price: self.price,
            version: self.version,
            checked_in_at: self.checked_in_at.map(|t| in_zone(t, tz)),
            no_show: self.no_show,
            payment: self.payment.clone(),
            series: self.series,
            customer_id: self.customer_id,
            fee: self.fee.as_ref().and_then(|f| f.to_dto(tz)),
            awaiting_approval: self.awaiting_approval,
            deposit: self.deposit,
        }
    }
}

impl BookingRecord {
    /// The request that creates this booking on a server (a desk pushing its own booking).
    pub fn to_request(&self, tz: Tz) -> CreateBookingRequest {
        CreateBookingRequest {
            id: self.id,
            room: self.room.to_string(),
            start: in_zone(self.span.start(), tz),
            end: in_zone(self.span.end(), tz),
            customer: self.customer.clone().into(),
            note: self.note.clone(),
            session: None,
            staff: None,
            series: self.series,
        }
    }
}

impl From<&CreateBookingRequest> for NewBooking {
    fn from(r: &CreateBookingRequest) -> NewBooking {
        NewBooking {
            id: r.id,
            room: r.room.clone(),
            start: r.start.to_utc(),
            end: r.end.to_utc(),
            name: r.customer.name.clone(),
            phone: r.customer.phone.clone(),
            email: r.customer.email.clone(),
            note: r.note.clone(),
            session: r.session,
            series: r.series,
        }
    }
}

impl CustomerRecord {
    pub fn to_dto(&self) -> CustomerRecordDto {
        CustomerRecordDto {
            id: self.id,
            name: self.name.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            notes: self.notes.clone(),
            merged_into: self.merged_into,
            version: self.version,
            phone_unparsed: self.phone_unparsed(),
        }
    }
}

impl From<&CustomerRecordDto> for CustomerRecord {
    /// The server's record as a desk stores it (its own change-log position is the desk's).
    fn from(dto: &CustomerRecordDto) -> CustomerRecord {
        CustomerRecord {
            id: dto.id,
            name: dto.name.clone(),
            phone: dto.phone.clone(),
            email: dto.email.clone(),
            notes: dto.notes.clone(),
            merged_into: dto.merged_into,
            version: dto.version,
            seq: 0,
        }
    }
}

impl CustomerSummary {
    pub fn to_dto(&self, tz: Tz) -> CustomerSummaryDto {
        CustomerSummaryDto {
            customer: self.customer.to_dto(),
            bookings: self.bookings,
            no_shows: self.no_shows,
            unpaid: self.unpaid,
            last: self.last.map(|t| in_zone(t, tz)),
        }
    }
}

impl From<&EditCustomerRequest> for CustomerEdit {
    fn from(r: &EditCustomerRequest) -> CustomerEdit {
        CustomerEdit {
            name: r.name.clone(),
            phone: r.phone.clone(),
            email: r.email.clone(),
            notes: r.notes.clone(),
        }
    }
}

impl TryFrom<&BookingDto> for RemoteBooking {
    type Error = WireSpanError;

    fn try_from(dto: &BookingDto) -> Result<RemoteBooking, WireSpanError> {
        Ok(RemoteBooking {
            id: dto.id,
            room: RoomId::new(&dto.room)?,
            span: Span::new(dto.start.to_utc(), dto.end.to_utc())?,
            customer: Customer::from(dto.customer.clone()),
            note: dto.note.clone(),
            cancelled: dto.status == BookingStatusDto::Cancelled,
            desk: dto.desk.clone(),
            created_at: dto.created_at.to_utc(),
            price: dto.price,
            version: dto.version,
            checked_in_at: dto.checked_in_at.map(|t| t.to_utc()),
            no_show: dto.no_show,
            payment: dto.payment.clone(),
            series: dto.series,
            customer_id: dto.customer_id,
            fee: dto.fee.as_ref().map(crate::fees::BookingFee::from_dto),
            awaiting_approval: dto.awaiting_approval,
            deposit: dto.deposit,
        })
    }
}
