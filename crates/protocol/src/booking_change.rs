//! What happens to a booking after it is made (added after v1): moved to another room or
//! time, extended, shortened or finished early (all a new span), its customer's details and
//! note edited, checked in, marked as a no-show. Each change names the booking's `version`
//! it was made to: if the booking changed since, nothing is applied (409 `stale`).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::CustomerDto;

/// One change, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum BookingChange {
    /// A new room and span: a move, an extension, a shorter session, or finishing early.
    /// The old time is freed and the new one taken in the same transaction; `session`'s
    /// holds (on the new span) do not block it and are released.
    Span {
        room: String,
        start: DateTime<FixedOffset>,
        end: DateTime<FixedOffset>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        session: Option<Uuid>,
    },
    /// The customer's details and the note.
    Details {
        customer: CustomerDto,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        note: Option<String>,
    },
    /// The customer arrived at `at`.
    CheckIn { at: DateTime<FixedOffset> },
    /// The customer did not come (offered from the start plus the grace time).
    NoShow,
    /// What the customer paid: nothing, a deposit, or everything (at most the price).
    Payment { payment: PaymentDto },
    /// An admin lets the booking's fee go (added with fees): `reason` is required and goes
    /// in the audit. Only an admin signed in; a booking without an unwaived fee is refused
    /// naming `fee`.
    WaiveFee { reason: String },
    /// Staff accept a booking made online that waits for their approval.
    Approve,
}

/// Whether and how a booking was paid (added after v1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PaymentDto {
    pub status: PaymentStatus,
    /// Minor units of the studio's currency received so far (0 when unpaid).
    #[serde(deserialize_with = "crate::whole::u64")]
    pub amount: u64,
    /// How it was paid (left out when unpaid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub method: Option<PaymentMethod>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Unpaid,
    Deposit,
    Paid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Cash,
    Card,
}

impl PaymentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Unpaid => "unpaid",
            PaymentStatus::Deposit => "deposit",
            PaymentStatus::Paid => "paid",
        }
    }
    pub fn parse(text: &str) -> Option<PaymentStatus> {
        [
            PaymentStatus::Unpaid,
            PaymentStatus::Deposit,
            PaymentStatus::Paid,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

impl PaymentMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "cash",
            PaymentMethod::Card => "card",
        }
    }
    pub fn parse(text: &str) -> Option<PaymentMethod> {
        [PaymentMethod::Cash, PaymentMethod::Card]
            .into_iter()
            .find(|m| m.as_str() == text)
    }
}

impl PaymentDto {
    /// Not paid at all.
    pub fn unpaid() -> PaymentDto {
        PaymentDto {
            status: PaymentStatus::Unpaid,
            amount: 0,
            method: None,
        }
    }

    pub fn is_unpaid(&self) -> bool {
        self.status == PaymentStatus::Unpaid
    }

    /// Whether this payment can be recorded for a booking that costs `price` (None: no
    /// price known); the error names the field.
    pub fn check(&self, price: Option<u64>) -> Result<(), String> {
        match self.status {
            PaymentStatus::Unpaid if self.amount != 0 || self.method.is_some() => {
                Err("payment.amount: an unpaid booking has no amount or method".into())
            }
            PaymentStatus::Unpaid => Ok(()),
            _ if self.amount == 0 => Err("payment.amount: a payment is more than 0".into()),
            _ if self.method.is_none() => Err("payment.method: cash or card".into()),
            _ => match price {
                Some(price) if self.amount > price => Err(format!(
                    "payment.amount: {} is more than the price, {price}",
                    self.amount
                )),
                _ => Ok(()),
            },
        }
    }
}

/// `POST /v1/bookings/{id}/changes` body (also a `changeBooking` mutation's content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ChangeBookingRequest {
    /// The booking's `version` the change was made to.
    #[serde(deserialize_with = "crate::whole::i64")]
    pub version: i64,
    pub change: BookingChange,
    /// The staff member who makes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub staff: Option<crate::StaffRef>,
}
