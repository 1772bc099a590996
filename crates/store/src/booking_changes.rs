//! What happens to a booking after it is made, each change one transaction checked against
//! the version it was made to: a new span (moved to another room or time, extended,
//! shortened, finished early: the old quanta are freed and the new ones taken together, so
//! no third party ever sees both free or both taken), the customer's details and note, a
//! check-in, a no-show. Each raises the version and writes its audit, change-log and (on a
//! desk working offline) outbox rows with it.

use chrono::{DateTime, Duration, Utc};
use frontdesk_core::SessionId;
use uuid::Uuid;

use crate::bookings::{BookingRecord, WriteContext, WriteOutcome};
use crate::{engine, Store, StoreError};

/// How long before its start a customer can be checked in.
pub const CHECK_IN_EARLY: Duration = Duration::minutes(60);

/// A change of a booking, checked (instants in UTC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Span {
        room: String,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        session: Option<SessionId>,
    },
    Details {
        name: String,
        phone: Option<String>,
        email: Option<String>,
        note: Option<String>,
    },
    CheckIn {
        at: DateTime<Utc>,
    },
    NoShow,
    Payment(frontdesk_protocol::PaymentDto),
    /// An admin lets the booking's fee go, saying why.
    WaiveFee {
        reason: String,
    },
    /// Staff accept a booking made online that waits for their approval.
    Approve,
}

impl Change {
    /// The audit log's word for it (the activity screen labels these).
    pub fn action(&self) -> &'static str {
        match self {
            Change::Span { .. } => "span",
            Change::Details { .. } => "details",
            Change::CheckIn { .. } => "check_in",
            Change::NoShow => "no_show",
            Change::Payment(_) => "payment",
            Change::WaiveFee { .. } => "waive_fee",
            Change::Approve => "approve",
        }
    }
}

impl From<&frontdesk_protocol::BookingChange> for Change {
    fn from(c: &frontdesk_protocol::BookingChange) -> Change {
        use frontdesk_protocol::BookingChange as Wire;
        match c {
            Wire::Span {
                room,
                start,
                end,
                session,
            } => Change::Span {
                room: room.clone(),
                start: start.to_utc(),
                end: end.to_utc(),
                session: *session,
            },
            Wire::Details { customer, note } => Change::Details {
                name: customer.name.clone(),
                phone: customer.phone.clone(),
                email: customer.email.clone(),
                note: note.clone(),
            },
            Wire::CheckIn { at } => Change::CheckIn { at: at.to_utc() },
            Wire::NoShow => Change::NoShow,
            Wire::Payment { payment } => Change::Payment(payment.clone()),
            Wire::WaiveFee { reason } => Change::WaiveFee {
                reason: reason.clone(),
            },
            Wire::Approve => Change::Approve,
        }
    }
}

impl Store {
    /// Applies `change` to booking `id` if it is still at `version` (else
    /// [`StoreError::StaleBooking`], nothing changed), in one transaction (the steps:
    /// [`crate::engine::bookings::change`]). Only bookings that hold time (confirmed or
    /// pending) change; a new span is checked like a new booking against the stored masks
    /// (its own old quanta count as free) and other sessions' live holds.
    pub fn change_booking(
        &mut self,
        id: Uuid,
        version: i64,
        change: &Change,
        ctx: &WriteContext<'_>,
    ) -> Result<(BookingRecord, WriteOutcome), StoreError> {
        let record =
            self.write(|l, studio| engine::bookings::change(l, studio, id, version, change, ctx))?;
        Ok((record, WriteOutcome::Applied))
    }
}
