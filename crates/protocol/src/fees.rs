//! The fee a booking owes after a late cancellation or a no-show (issue 25), on the wire:
//! what the booking carries ([`FeeDto`]), an admin's waiver ([`WaiverDto`]) and the desk's
//! preview before staff confirm ([`FeePreview`]). Amounts are integer minor units of the
//! studio's currency; the core (`frontdesk_core::cancellation`) computes every figure.

use frontdesk_core::cancellation::{Fee, FeeRule};
use serde::{Deserialize, Serialize};

/// Which rule set a fee that is owed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FeeRuleDto {
    /// Cancelled inside a fee tier.
    LateCancel,
    /// The customer did not come.
    NoShow,
}

/// An admin let the fee go: why, when and who.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct WaiverDto {
    pub reason: String,
    /// RFC 3339 with the studio's offset.
    pub at: chrono::DateTime<chrono::FixedOffset>,
    /// The staff member's name (left out when no member was signed in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub by: Option<String>,
}

/// The fee a booking owes (added after v1; left out when nothing is owed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FeeDto {
    /// Minor units of the studio's currency.
    #[serde(deserialize_with = "crate::whole::u64")]
    pub amount: u64,
    pub rule: FeeRuleDto,
    /// Percent of the price the rule charges.
    pub percent: u32,
    /// A late cancellation's tier: from this many hours before the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub hours_before: Option<u32>,
    /// A late cancellation's tier: its place in the terms (0 the furthest from the start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub tier: Option<u32>,
    /// Set once an admin waived it: nothing is owed any more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub waived: Option<WaiverDto>,
}

impl FeeDto {
    /// The core's fee on the wire, without a waiver; `None` when nothing is owed (free
    /// time, or a rule of 0 %).
    pub fn owed(fee: &Fee) -> Option<FeeDto> {
        if fee.amount == 0 {
            return None;
        }
        let (rule, percent, hours_before, tier) = match fee.rule {
            FeeRule::Free => return None,
            FeeRule::Tier {
                index,
                hours_before,
                percent,
            } => (
                FeeRuleDto::LateCancel,
                percent,
                Some(hours_before),
                u32::try_from(index).ok(),
            ),
            FeeRule::NoShow { percent } => (FeeRuleDto::NoShow, percent, None, None),
        };
        Some(FeeDto {
            amount: fee.amount,
            rule,
            percent: u32::from(percent),
            hours_before,
            tier,
            waived: None,
        })
    }

    /// The core's rule of this fee (a tier sent without its place counts as the first).
    pub fn core_rule(&self) -> FeeRule {
        let percent = u8::try_from(self.percent.min(100)).unwrap_or(100);
        match self.rule {
            FeeRuleDto::LateCancel => FeeRule::Tier {
                index: self.tier.and_then(|t| usize::try_from(t).ok()).unwrap_or(0),
                hours_before: self.hours_before.unwrap_or(0),
                percent,
            },
            FeeRuleDto::NoShow => FeeRule::NoShow { percent },
        }
    }
}

/// What a fee preview is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum FeeKind {
    Cancel,
    NoShow,
}

/// Which rule a preview applied: `none` (the studio has no terms, or the booking no
/// price), `free` (inside free cancellation, or a rule of 0 %), or the rule of a fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FeePreviewRule {
    None,
    Free,
    LateCancel,
    NoShow,
}

/// The fee a cancellation or a no-show would record now, shown before staff confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FeePreview {
    /// Minor units of `currency`.
    pub amount: u64,
    /// The booking's price (0 without one).
    pub price: u64,
    pub percent: u32,
    pub rule: FeePreviewRule,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub hours_before: Option<u32>,
    /// ISO 4217 code of the studio's currency.
    pub currency: String,
}
