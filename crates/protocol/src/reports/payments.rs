//! Payments of a period and the end-of-day cash-up made from them (admin only).

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::PaymentMethod;

// ---------------------------------------------------------------------------------------
// The cash-up (admin only)
// ---------------------------------------------------------------------------------------

/// `GET /v1/reports/payments` (admin only): the payment changes recorded in the period
/// (by when they were recorded, whatever the booking's date), of bookings in the rooms asked
/// for, from the audit: each payment change counts the difference it made; a lowered amount
/// is a refund. The payments export and the cash-up are made from it.
///
/// One page at a time ([`PageQuery`](super::PageQuery): `limit`, `after`): `next` is the
/// cursor of the page after, absent on the last page. The first page (no `after`) also
/// carries the `totals` of the whole period; later pages leave them out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PaymentsReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub currency: String,
    /// What the whole period's changes received and refunded (every page's, not only
    /// this one's); on the first page only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub totals: Option<PaymentTotals>,
    /// This page's changes, in the order they were recorded (then by audit row).
    pub payments: Vec<PaymentEntry>,
    /// Pass as `after` for the page after this one; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub next: Option<String>,
}

/// Received and refunded of a period's payment changes: by method (cash, then card) and
/// overall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PaymentTotals {
    /// Cash, then card.
    pub by_method: Vec<CashUpTotal>,
    pub total: CashUpTotals,
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

impl PaymentTotals {
    /// Nothing received or refunded yet, by each method.
    pub fn zero() -> PaymentTotals {
        PaymentTotals {
            by_method: [PaymentMethod::Cash, PaymentMethod::Card]
                .map(|method| CashUpTotal {
                    method,
                    received: 0,
                    refunded: 0,
                })
                .to_vec(),
            total: CashUpTotals::default(),
        }
    }

    /// Adds a change of `amount` (> 0 received, < 0 refunded) made with `method`.
    pub fn add(&mut self, method: PaymentMethod, amount: i64) {
        let (received, refunded) = received_refunded(amount);
        self.add_sums(method, received, refunded);
    }

    /// Adds what was received and refunded with `method` (a database's sums).
    pub fn add_sums(&mut self, method: PaymentMethod, received: u64, refunded: u64) {
        if let Some(m) = self.by_method.iter_mut().find(|m| m.method == method) {
            m.received += received;
            m.refunded += refunded;
        }
        self.total.received += received;
        self.total.refunded += refunded;
    }

    /// The totals of these changes.
    pub fn of(payments: &[PaymentEntry]) -> PaymentTotals {
        let mut totals = PaymentTotals::zero();
        for p in payments {
            totals.add(p.method, p.amount);
        }
        totals
    }
}

impl PaymentsReport {
    /// Appends the page after this one (asked with this one's `next`): its changes, and its
    /// `next` in place of this one's.
    pub fn append(&mut self, page: PaymentsReport) {
        self.payments.extend(page.payments);
        self.next = page.next;
    }
}

impl CashUp {
    /// The cash-up of a one-day payments report with every page appended: totals by method
    /// (cash, then card) and of the day as the report gives them (summed from its changes
    /// when it has none), by staff member (in name order, none first) from its changes.
    pub fn of(report: PaymentsReport) -> CashUp {
        let totals = report
            .totals
            .unwrap_or_else(|| PaymentTotals::of(&report.payments));
        let mut by_staff = std::collections::BTreeMap::<Option<String>, StaffCashUp>::new();
        for p in &report.payments {
            let (received, refunded) = received_refunded(p.amount);
            let s = by_staff
                .entry(p.staff.clone())
                .or_insert_with(|| StaffCashUp {
                    staff: p.staff.clone(),
                    received: 0,
                    refunded: 0,
                });
            s.received += received;
            s.refunded += refunded;
        }
        CashUp {
            date: report.from,
            currency: report.currency,
            by_method: totals.by_method,
            by_staff: by_staff.into_values().collect(),
            total: totals.total,
            payments: report.payments,
        }
    }
}
