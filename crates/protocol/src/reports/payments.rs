//! Payments of a period and the end-of-day cash-up made from them (admin only).

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::PaymentMethod;

// ---------------------------------------------------------------------------------------
// The cash-up (admin only)
// ---------------------------------------------------------------------------------------

/// `GET /v1/reports/payments` (admin only): every payment change recorded in the period
/// (by when it was recorded, whatever the booking's date), of bookings in the rooms asked
/// for, from the audit: each payment change counts the difference it made; a lowered amount
/// is a refund. The payments export and the cash-up are made from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PaymentsReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub currency: String,
    /// In the order they were recorded (then by audit row).
    pub payments: Vec<PaymentEntry>,
}

/// The end-of-day cash-up: the payments recorded on one local date, totalled (made from a
/// one-day [`PaymentsReport`] by [`CashUp::of`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CashUp {
    pub date: NaiveDate,
    pub currency: String,
    /// In the order they were recorded.
    pub payments: Vec<PaymentEntry>,
    /// Cash, then card.
    pub by_method: Vec<CashUpTotal>,
    /// By staff member's name, in name order (none: recorded before the studio had staff).
    pub by_staff: Vec<StaffCashUp>,
    /// Everything received and refunded that date.
    pub total: CashUpTotals,
}

/// One payment change: `amount` > 0 received, < 0 refunded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PaymentEntry {
    /// In the studio's timezone.
    pub at: DateTime<FixedOffset>,
    pub booking: Uuid,
    pub room: Option<String>,
    pub customer: Option<String>,
    pub method: PaymentMethod,
    pub amount: i64,
    pub staff: Option<String>,
    pub desk: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CashUpTotals {
    pub received: u64,
    pub refunded: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CashUpTotal {
    pub method: PaymentMethod,
    pub received: u64,
    pub refunded: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StaffCashUp {
    pub staff: Option<String>,
    pub received: u64,
    pub refunded: u64,
}

/// What an amount adds: (received, refunded).
fn received_refunded(amount: i64) -> (u64, u64) {
    if amount >= 0 {
        (amount.unsigned_abs(), 0)
    } else {
        (0, amount.unsigned_abs())
    }
}

impl CashUp {
    /// The cash-up of a one-day payments report: totals by method (cash, then card), by
    /// staff member (in name order, none first) and of the day.
    pub fn of(report: PaymentsReport) -> CashUp {
        let mut by_method = [PaymentMethod::Cash, PaymentMethod::Card].map(|method| CashUpTotal {
            method,
            received: 0,
            refunded: 0,
        });
        let mut by_staff = std::collections::BTreeMap::<Option<String>, StaffCashUp>::new();
        let mut total = CashUpTotals::default();
        for p in &report.payments {
            let (received, refunded) = received_refunded(p.amount);
            if let Some(m) = by_method.iter_mut().find(|m| m.method == p.method) {
                m.received += received;
                m.refunded += refunded;
            }
            let s = by_staff
                .entry(p.staff.clone())
                .or_insert_with(|| StaffCashUp {
                    staff: p.staff.clone(),
                    received: 0,
                    refunded: 0,
                });
            s.received += received;
            s.refunded += refunded;
            total.received += received;
            total.refunded += refunded;
        }
        CashUp {
            date: report.from,
            currency: report.currency,
            by_method: by_method.to_vec(),
            by_staff: by_staff.into_values().collect(),
            total,
            payments: report.payments,
        }
    }
}
