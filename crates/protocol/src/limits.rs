//! The caps on every text a client sends, in one place: the server refuses a request whose
//! text passes one (422 `invalid`, naming the field, nothing written), and the desk checks
//! the same payloads with the same caps before it stores or queues them, so work done
//! offline is never refused later for its length.
//!
//! Lengths are counted in characters (Unicode scalar values), as staff see them.

use crate::{
    AddDeskRequest, AddStudioRequest, BookSeriesRequest, BookingChange, CancelFollowingRequest,
    CancelRequest, ChangeBookingRequest, ChangeFollowingRequest, CreateBookingRequest, CustomerDto,
    EditCustomerRequest, EnrolRequest, HoldSpan, HoursDto, MergeCustomersRequest, Mutation,
    MutationOp, PreviewSeriesRequest, PushRequest, RoomInfo, RoomsStatusRequest, SeriesRuleDto,
    SetHoldsRequest, StaffRef, StaffUpdate, StudioUpdate,
};

/// A person's or a thing's name: customer, staff member, room, studio, desk.
pub const NAME_MAX: usize = 120;
/// A phone number as typed.
pub const PHONE_MAX: usize = 40;
/// An e-mail address (RFC 5321's longest path).
pub const EMAIL_MAX: usize = 254;
/// A booking's note.
pub const NOTE_MAX: usize = 2_000;
/// A customer's notes.
pub const CUSTOMER_NOTES_MAX: usize = 4_000;
/// Why a booking was cancelled.
pub const REASON_MAX: usize = 500;
/// An id chosen by people: room, studio.
pub const ID_MAX: usize = 64;
/// An IANA timezone name.
pub const TIMEZONE_MAX: usize = 64;
/// A currency code (ISO 4217 has three letters).
pub const CURRENCY_MAX: usize = 8;
/// A local time (`HH:MM`) or a weekday key (`mon`) as the studio's settings carry them.
pub const TIME_MAX: usize = 16;
/// A room's colour (`#rrggbb` or a CSS name).
pub const COLOUR_MAX: usize = 32;
/// A PIN as typed (its digits are checked apart).
pub const PIN_MAX: usize = 16;
/// What staff type to find a customer (`GET /v1/customers?q=`).
pub const SEARCH_MAX: usize = 200;
/// An enrolment code as typed (spaces and dashes included).
pub const CODE_MAX: usize = 32;
/// The desk app's version string.
pub const VERSION_MAX: usize = 64;

/// A text longer than its cap: `name: at most 120 characters`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: at most {max} characters")]
pub struct TooLong {
    /// Where, e.g. `customer.name` or `rooms[2].name`.
    pub field: String,
    pub max: usize,
}

impl TooLong {
    /// The same error inside `outer` (`customer` + `name` → `customer.name`).
    pub fn within(self, outer: &str) -> TooLong {
        TooLong {
            field: format!("{outer}.{}", self.field),
            ..self
        }
    }
}

/// `value` has at most `max` characters, else [`TooLong`] naming `field`. Stops counting
/// at the cap, so a huge text costs no more than a short one.
pub fn cap(field: &str, value: &str, max: usize) -> Result<(), TooLong> {
    // A character takes at least one byte: a short text needs no counting.
    if value.len() <= max || value.chars().nth(max).is_none() {
        Ok(())
    } else {
        Err(TooLong {
            field: field.to_owned(),
            max,
        })
    }
}

/// [`cap`] for an optional text.
pub fn cap_opt(field: &str, value: Option<&str>, max: usize) -> Result<(), TooLong> {
    value.map_or(Ok(()), |v| cap(field, v, max))
}

/// Every text of a request within its cap.
pub trait Capped {
    /// The first text past its cap, if any.
    fn check_caps(&self) -> Result<(), TooLong>;
}

fn within<T: Capped>(outer: &str, inner: &T) -> Result<(), TooLong> {
    inner.check_caps().map_err(|e| e.within(outer))
}

fn each<T: Capped>(outer: &str, items: &[T]) -> Result<(), TooLong> {
    items
        .iter()
        .enumerate()
        .try_for_each(|(i, item)| within(&format!("{outer}[{i}]"), item))
}

fn staff_ref(staff: Option<&StaffRef>) -> Result<(), TooLong> {
    staff.map_or(Ok(()), |s| within("staff", s))
}

impl Capped for StaffRef {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap("name", &self.name, NAME_MAX)
    }
}

impl Capped for CustomerDto {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap("name", &self.name, NAME_MAX)?;
        cap_opt("phone", self.phone.as_deref(), PHONE_MAX)?;
        cap_opt("email", self.email.as_deref(), EMAIL_MAX)
    }
}

impl Capped for CreateBookingRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap("room", &self.room, ID_MAX)?;
        within("customer", &self.customer)?;
        cap_opt("note", self.note.as_deref(), NOTE_MAX)?;
        staff_ref(self.staff.as_ref())
    }
}

impl Capped for CancelRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap_opt("reason", self.reason.as_deref(), REASON_MAX)?;
        staff_ref(self.staff.as_ref())
    }
}

impl Capped for BookingChange {
    fn check_caps(&self) -> Result<(), TooLong> {
        match self {
            BookingChange::Span { room, .. } => cap("room", room, ID_MAX),
            BookingChange::Details { customer, note } => {
                within("customer", customer)?;
                cap_opt("note", note.as_deref(), NOTE_MAX)
            }
            BookingChange::WaiveFee { reason } => cap("reason", reason, REASON_MAX),
            BookingChange::CheckIn { .. }
            | BookingChange::NoShow
            | BookingChange::Approve
            | BookingChange::Payment { .. } => Ok(()),
        }
    }
}

impl Capped for ChangeBookingRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        within("change", &self.change)?;
        staff_ref(self.staff.as_ref())
    }
}

impl Capped for EditCustomerRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap("name", &self.name, NAME_MAX)?;
        cap_opt("phone", self.phone.as_deref(), PHONE_MAX)?;
        cap_opt("email", self.email.as_deref(), EMAIL_MAX)?;
        cap_opt("notes", self.notes.as_deref(), CUSTOMER_NOTES_MAX)?;
        staff_ref(self.staff.as_ref())
    }
}

impl Capped for MergeCustomersRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        staff_ref(self.staff.as_ref())
    }
}

impl Capped for SeriesRuleDto {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap("room", &self.room, ID_MAX)?;
        cap("start", &self.start, TIME_MAX)
    }
}

impl Capped for PreviewSeriesRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        within("rule", &self.rule)
    }
}

impl Capped for BookSeriesRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        within("rule", &self.rule)?;
        within("customer", &self.customer)?;
        cap_opt("note", self.note.as_deref(), NOTE_MAX)?;
        staff_ref(self.staff.as_ref())
    }
}

impl Capped for CancelFollowingRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap_opt("reason", self.reason.as_deref(), REASON_MAX)?;
        staff_ref(self.staff.as_ref())
    }
}

impl Capped for ChangeFollowingRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap("room", &self.room, ID_MAX)?;
        cap("start", &self.start, TIME_MAX)?;
        staff_ref(self.staff.as_ref())
    }
}

impl Capped for RoomInfo {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap("id", &self.id, ID_MAX)?;
        cap("name", &self.name, NAME_MAX)?;
        cap_opt("colour", self.colour.as_deref(), COLOUR_MAX)?;
        for (i, peak) in self.peaks.iter().enumerate() {
            let field = |name: &str| format!("peaks[{i}].{name}");
            for (k, day) in peak.days.iter().enumerate() {
                cap(&field(&format!("days[{k}]")), day, TIME_MAX)?;
            }
            cap(&field("from"), &peak.from, TIME_MAX)?;
            cap(&field("to"), &peak.to, TIME_MAX)?;
        }
        Ok(())
    }
}

impl Capped for HoursDto {
    fn check_caps(&self) -> Result<(), TooLong> {
        let ranges = |field: String, ranges: &[crate::RangeDto]| {
            ranges.iter().enumerate().try_for_each(|(i, [from, to])| {
                cap(&format!("{field}[{i}][0]"), from, TIME_MAX)?;
                cap(&format!("{field}[{i}][1]"), to, TIME_MAX)
            })
        };
        for (day, list) in &self.weekly {
            cap("weekly", day, TIME_MAX)?;
            ranges(format!("weekly.{day}"), list)?;
        }
        for (date, list) in &self.dates {
            ranges(format!("dates.{date}"), list)?;
        }
        Ok(())
    }
}

impl Capped for StaffUpdate {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap("name", &self.name, NAME_MAX)?;
        cap_opt("pin", self.pin.as_deref(), PIN_MAX)
    }
}

impl Capped for StudioUpdate {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap("name", &self.name, NAME_MAX)?;
        cap("timezone", &self.timezone, TIMEZONE_MAX)?;
        cap("currency", &self.currency, CURRENCY_MAX)?;
        each("rooms", &self.rooms)?;
        within("hours", &self.hours)?;
        self.staff.as_deref().map_or(Ok(()), |s| each("staff", s))
    }
}

impl Capped for HoldSpan {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap("room", &self.room, ID_MAX)
    }
}

impl Capped for SetHoldsRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        each("holds", &self.holds)
    }
}

impl Capped for RoomsStatusRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        for (i, room) in self.rooms.iter().enumerate() {
            cap(&format!("rooms[{i}]"), room, ID_MAX)?;
        }
        Ok(())
    }
}

impl Capped for AddStudioRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap("id", &self.id, ID_MAX)?;
        within("studio", &self.studio)
    }
}

impl Capped for AddDeskRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap("name", &self.name, NAME_MAX)
    }
}

impl Capped for EnrolRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        cap("code", &self.code, CODE_MAX)?;
        cap_opt("appVersion", self.app_version.as_deref(), VERSION_MAX)
    }
}

impl Capped for MutationOp {
    fn check_caps(&self) -> Result<(), TooLong> {
        match self {
            MutationOp::CreateBooking { booking } => within("booking", booking),
            MutationOp::CancelBooking { reason, staff, .. } => {
                cap_opt("reason", reason.as_deref(), REASON_MAX)?;
                staff_ref(staff.as_ref())
            }
            MutationOp::ChangeBooking { request, .. } => within("request", request),
            MutationOp::EditCustomer { request, .. } => within("request", request),
            MutationOp::MergeCustomers { request, .. } => within("request", request),
        }
    }
}

impl Capped for Mutation {
    fn check_caps(&self) -> Result<(), TooLong> {
        self.op.check_caps()
    }
}

/// A push is checked mutation by mutation: one oversized mutation is refused alone
/// (`invalid`), the others are applied as usual.
impl Capped for PushRequest {
    fn check_caps(&self) -> Result<(), TooLong> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_and_names_the_field() {
        assert!(cap("name", &"é".repeat(NAME_MAX), NAME_MAX).is_ok());
        let err = cap("name", &"é".repeat(NAME_MAX + 1), NAME_MAX).unwrap_err();
        assert_eq!(err.to_string(), "name: at most 120 characters");
        assert_eq!(
            err.within("customer").to_string(),
            "customer.name: at most 120 characters"
        );
    }

    #[test]
    fn a_booking_names_its_oversized_field() {
        let request: CreateBookingRequest = serde_json::from_value(serde_json::json!({
            "id": "00000000-0000-0000-0000-000000000001",
            "room": "a",
            "start": "2031-03-03T10:00:00+01:00",
            "end": "2031-03-03T11:00:00+01:00",
            "customer": {"name": "Ana", "email": "x".repeat(EMAIL_MAX + 1)},
            "note": "fine",
        }))
        .unwrap();
        let err = request.check_caps().unwrap_err();
        assert_eq!(err.field, "customer.email");
        let op = MutationOp::CreateBooking { booking: request };
        assert_eq!(op.check_caps().unwrap_err().field, "booking.customer.email");
    }
}
