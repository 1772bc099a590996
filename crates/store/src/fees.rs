//! The fee a booking owes after a late cancellation or a no-show, as the store keeps it:
//! the amount (minor units), the core's rule (`frontdesk_core::cancellation`, stored as its
//! text) and an admin's waiver. Computed by the core from the studio's terms for the
//! booking's room (the room's own first), the booking's price (no price: no fee) and the
//! moment of the action; nothing here reads a clock.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use frontdesk_core::cancellation::{fee_for_cancel, fee_for_no_show, Fee, FeeRule};
use frontdesk_core::Studio;
use frontdesk_protocol::{in_zone, FeeDto, FeeKind, FeePreview, FeePreviewRule, WaiverDto};
use serde_json::{json, Value};

use crate::bookings::BookingRecord;
use crate::StoreError;

/// An admin let a fee go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeWaiver {
    pub reason: String,
    pub at: DateTime<Utc>,
    /// The staff member's name, if one was signed in.
    pub by: Option<String>,
}

/// What a booking owes (only ever stored with an amount above 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingFee {
    /// Minor units of the studio's currency.
    pub amount: u64,
    pub rule: FeeRule,
    pub waiver: Option<FeeWaiver>,
}

/// A fee's columns as both databases keep them: amount, rule, and the waiver's reason,
/// instant (`T`: as the database reads it) and staff name (all `None` without a fee).
pub type FeeColumns<T = DateTime<Utc>> = (
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<T>,
    Option<String>,
);

impl BookingFee {
    /// The core's fee as owed, unwaived; `None` when it owes nothing.
    pub fn owed(fee: Fee) -> Option<BookingFee> {
        (fee.amount > 0 && fee.rule != FeeRule::Free).then_some(BookingFee {
            amount: fee.amount,
            rule: fee.rule,
            waiver: None,
        })
    }

    /// The fee on the wire, instants in the studio's zone `tz`.
    pub fn to_dto(&self, tz: Tz) -> Option<FeeDto> {
        let mut dto = FeeDto::owed(&Fee {
            amount: self.amount,
            rule: self.rule,
        })?;
        dto.waived = self.waiver.as_ref().map(|w| WaiverDto {
            reason: w.reason.clone(),
            at: in_zone(w.at, tz),
            by: w.by.clone(),
        });
        Some(dto)
    }

    /// The server's fee as a desk keeps it.
    pub fn from_dto(dto: &FeeDto) -> BookingFee {
        BookingFee {
            amount: dto.amount,
            rule: dto.core_rule(),
            waiver: dto.waived.as_ref().map(|w| FeeWaiver {
                reason: w.reason.clone(),
                at: w.at.to_utc(),
                by: w.by.clone(),
            }),
        }
    }

    /// The audit's view of it.
    pub fn detail(&self) -> Value {
        json!({"amount": self.amount, "rule": self.rule.to_string()})
    }

    /// The columns of `fee`.
    pub fn columns(fee: Option<&BookingFee>) -> FeeColumns {
        let Some(fee) = fee else {
            return (None, None, None, None, None);
        };
        let waiver = fee.waiver.as_ref();
        (
            Some(i64::try_from(fee.amount).unwrap_or(i64::MAX)),
            Some(fee.rule.to_string()),
            waiver.map(|w| w.reason.clone()),
            waiver.map(|w| w.at),
            waiver.and_then(|w| w.by.clone()),
        )
    }

    /// The fee stored in `columns`; data that breaks a rule is [`StoreError::Corrupt`].
    pub fn from_columns(columns: FeeColumns) -> Result<Option<BookingFee>, StoreError> {
        let corrupt = |what: String| StoreError::Corrupt(format!("booking fee: {what}"));
        let (amount, rule, reason, at, by) = columns;
        let (Some(amount), Some(rule)) = (amount, rule) else {
            return Ok(None);
        };
        let waiver = match (reason, at) {
            (Some(reason), Some(at)) => Some(FeeWaiver { reason, at, by }),
            (None, None) => None,
            _ => return Err(corrupt("a waiver without its reason or time".to_owned())),
        };
        Ok(Some(BookingFee {
            amount: u64::try_from(amount).map_err(|e| corrupt(e.to_string()))?,
            rule: rule
                .parse()
                .map_err(|e: frontdesk_core::cancellation::BadFeeRule| corrupt(e.to_string()))?,
            waiver,
        }))
    }
}

/// The fee cancelling `booking` at `at` owes under `studio`'s terms.
pub fn for_cancel(studio: &Studio, booking: &BookingRecord, at: DateTime<Utc>) -> Fee {
    // Declined before staff approved it (a booking made online that waits): nothing owed.
    if booking.awaiting_approval {
        return Fee::NONE;
    }
    let terms = studio.cancellation.for_room(&booking.room);
    booking.price.map_or(Fee::NONE, |price| {
        fee_for_cancel(terms, price, booking.span.start(), at)
    })
}

/// The fee a no-show of `booking` owes under `studio`'s terms.
pub fn for_no_show(studio: &Studio, booking: &BookingRecord) -> Fee {
    let terms = studio.cancellation.for_room(&booking.room);
    booking
        .price
        .map_or(Fee::NONE, |price| fee_for_no_show(terms, price))
}

/// What cancelling (or marking a no-show of) `booking` at `now` would record, for staff
/// to see before they confirm.
pub fn preview(
    studio: &Studio,
    booking: &BookingRecord,
    kind: FeeKind,
    now: DateTime<Utc>,
) -> FeePreview {
    let terms = studio.cancellation.for_room(&booking.room);
    let fee = match kind {
        FeeKind::Cancel => for_cancel(studio, booking, now),
        FeeKind::NoShow => for_no_show(studio, booking),
    };
    let (rule, percent, hours_before) = match (booking.price, fee.rule) {
        (None, _) => (FeePreviewRule::None, 0, None),
        _ if terms.is_free() => (FeePreviewRule::None, 0, None),
        (_, FeeRule::Free) => (FeePreviewRule::Free, 0, None),
        (_, _) if fee.amount == 0 => (FeePreviewRule::Free, 0, None),
        (
            _,
            FeeRule::Tier {
                hours_before,
                percent,
                ..
            },
        ) => (FeePreviewRule::LateCancel, percent, Some(hours_before)),
        (_, FeeRule::NoShow { percent }) => (FeePreviewRule::NoShow, percent, None),
    };
    FeePreview {
        amount: fee.amount,
        price: booking.price.unwrap_or(0),
        percent: u32::from(percent),
        rule,
        hours_before,
        currency: studio.currency.clone(),
    }
}
