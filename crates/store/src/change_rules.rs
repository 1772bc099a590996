//! The rules a change of a booking must pass before anything is written, apart from whether
//! its new span is free (which the engine checks against the masks, `admit_move`): the
//! booking still holds time and is at the version the change was made to, a check-in lies
//! in its window, a no-show after the grace time, a payment within the price. Pure, so the
//! desk's file and the server's PostgreSQL apply the same rules.

use chrono::{DateTime, Duration, Utc};
use frontdesk_core::{Customer, RoomId, SessionId, Span, Studio};
use frontdesk_protocol::PaymentDto;
use serde_json::{json, Value};

use crate::booking_changes::{Change, CHECK_IN_EARLY};
use crate::bookings::{clean, BookingRecord};
use crate::fees::{self, BookingFee};
use crate::StoreError;

/// A change that passed its rules: what to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Planned {
    /// The booking's new place, still to be admitted by the engine.
    Span {
        room: RoomId,
        span: Span,
        changeover: u32,
        price: u64,
        session: Option<SessionId>,
    },
    Details {
        customer: Customer,
        note: Option<String>,
    },
    CheckIn {
        at: DateTime<Utc>,
    },
    /// The fee the no-show owes (a fee recorded before is kept).
    NoShow {
        fee: Option<BookingFee>,
    },
    Payment(PaymentDto),
    /// The booking's unwaived fee let go, for `reason` (trimmed); who may is the engine's
    /// check (an admin of the stored staff).
    WaiveFee {
        reason: String,
    },
    /// The booking no longer waits for approval.
    Approve,
}

/// Checks `change` of `old`, made to `version`, at `now`.
pub fn plan_change(
    studio: &Studio,
    old: &BookingRecord,
    version: i64,
    change: &Change,
    now: DateTime<Utc>,
) -> Result<Planned, StoreError> {
    crate::text_caps::change(change)?;
    let id = old.id;
    if let Change::WaiveFee { reason } = change {
        // A cancelled booking's fee is waived too: no time is taken or freed.
        same_version(old, version)?;
        return plan_waiver(old, reason);
    }
    if !old.status.occupies() {
        return Err(StoreError::NotChangeable {
            id,
            status: old.status.as_str(),
            what: "only a booking that holds its time can change",
        });
    }
    same_version(old, version)?;
    let calendar = &studio.calendar;
    Ok(match change {
        Change::Span {
            room,
            start,
            end,
            session,
        } => {
            let target = studio.room(room)?;
            let span = Span::new(*start, *end)?;
            Planned::Span {
                room: target.id.clone(),
                span,
                changeover: target.changeover,
                price: target.pricing.price(calendar, &span),
                session: *session,
            }
        }
        Change::Details {
            name,
            phone,
            email,
            note,
        } => Planned::Details {
            customer: Customer::new(name, phone.as_deref(), email.as_deref())?,
            note: clean(note),
        },
        Change::CheckIn { at } => {
            if *at > now + Duration::minutes(5) {
                return Err(StoreError::BadChange(
                    "at: a check-in cannot lie in the future".to_owned(),
                ));
            }
            if *at < old.span.start() - CHECK_IN_EARLY || *at >= old.span.end() {
                let from = calendar.local(old.span.start() - CHECK_IN_EARLY);
                return Err(StoreError::BadChange(format!(
                    "at: a customer checks in from {} (an hour before the start) until the end",
                    from.format("%d %b %H:%M")
                )));
            }
            Planned::CheckIn { at: *at }
        }
        Change::NoShow => {
            if old.checked_in_at.is_some() {
                return Err(StoreError::NotChangeable {
                    id,
                    status: "checked in",
                    what: "a customer who arrived is no no-show",
                });
            }
            let grace = studio.no_show_grace_minutes;
            let from = old.span.start() + Duration::minutes(i64::from(grace));
            if now < from {
                let local = calendar.local(from).format("%H:%M");
                return Err(StoreError::BadChange(format!(
                    "a no-show can be marked from {local}, {grace} minutes after the start"
                )));
            }
            let fee = match &old.fee {
                Some(recorded) => Some(recorded.clone()),
                None => BookingFee::owed(fees::for_no_show(studio, old)),
            };
            Planned::NoShow { fee }
        }
        Change::Payment(payment) => {
            payment.check(old.price).map_err(StoreError::BadChange)?;
            Planned::Payment(payment.clone())
        }
        Change::WaiveFee { reason } => plan_waiver(old, reason)?,
        Change::Approve if old.awaiting_approval => Planned::Approve,
        Change::Approve => {
            return Err(StoreError::BadChange(format!(
                "approve: booking {id} does not wait for approval"
            )))
        }
    })
}

/// [`StoreError::StaleBooking`] unless `old` is at `version`.
fn same_version(old: &BookingRecord, version: i64) -> Result<(), StoreError> {
    if old.version != version {
        return Err(StoreError::StaleBooking {
            id: old.id,
            current: old.version,
            expected: version,
        });
    }
    Ok(())
}

/// A waiver needs a reason and a fee that is owed.
fn plan_waiver(old: &BookingRecord, reason: &str) -> Result<Planned, StoreError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::BadChange(
            "reason: say why the fee is waived (it goes in the audit)".to_owned(),
        ));
    }
    match &old.fee {
        None => Err(StoreError::BadChange(format!(
            "fee: booking {} owes no fee to waive",
            old.id
        ))),
        Some(fee) if fee.waiver.is_some() => Err(StoreError::BadChange(format!(
            "fee: the fee of booking {} was waived already",
            old.id
        ))),
        Some(_) => Ok(Planned::WaiveFee {
            reason: reason.to_owned(),
        }),
    }
}

impl Planned {
    /// The audit row's detail: what the booking was and what it is now.
    pub fn detail(&self, old: &BookingRecord) -> Value {
        match self {
            Planned::Span {
                room, span, price, ..
            } => {
                json!({"from": {"room": old.room.as_str(), "start": old.span.start(), "end": old.span.end()},
                       "to": {"room": room.as_str(), "start": span.start(), "end": span.end()},
                       "price": price})
            }
            Planned::Details { customer, note } => {
                json!({"from": {"name": old.customer.name, "phone": old.customer.phone,
                                "email": old.customer.email, "note": old.note},
                       "to": {"name": customer.name, "phone": customer.phone,
                              "email": customer.email, "note": note}})
            }
            Planned::CheckIn { at } => json!({ "at": at }),
            Planned::NoShow { fee } => json!({ "fee": fee.as_ref().map(BookingFee::detail) }),
            Planned::Payment(payment) => json!({"from": old.payment, "to": payment}),
            Planned::WaiveFee { reason } => {
                json!({"reason": reason, "fee": old.fee.as_ref().map(BookingFee::detail)})
            }
            Planned::Approve => json!({}),
        }
    }
}
