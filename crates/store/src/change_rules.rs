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
    NoShow,
    Payment(PaymentDto),
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
    if !old.status.occupies() {
        return Err(StoreError::NotChangeable {
            id,
            status: old.status.as_str(),
            what: "only a booking that holds its time can change",
        });
    }
    if old.version != version {
        return Err(StoreError::StaleBooking {
            id,
            current: old.version,
            expected: version,
        });
    }
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
            Planned::NoShow
        }
        Change::Payment(payment) => {
            payment.check(old.price).map_err(StoreError::BadChange)?;
            Planned::Payment(payment.clone())
        }
    })
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
            Planned::NoShow => json!({}),
            Planned::Payment(payment) => json!({"from": old.payment, "to": payment}),
        }
    }
}
