//! Cancellation terms and the fee a late cancellation or a no-show owes. Pure: the price,
//! the booking's start and `now` are given.
//!
//! Terms: cancelling is free until [`CancellationTerms::free_hours_before`] hours before the
//! start; then fee tiers, each "from `hours_before` hours before the start, `percent` % of
//! the price", the latest tier that has begun applies (a cancellation after the start
//! falls in the last tier). Between the end of free cancellation and the first tier (when
//! the first tier begins later than free cancellation ends) no fee is owed. A no-show owes
//! [`CancellationTerms::no_show_percent`] % of the price.
//!
//! Hours before the start are elapsed hours between UTC instants: a night with a clock
//! change counts its real length, so a DST change never moves a boundary by an hour.
//!
//! Money is integer minor units: a fee is `price × percent / 100`, rounded once, half up
//! to the minor unit (`(price × percent + 50) / 100`, computed without overflow).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, Utc};
use thiserror::Error;

use crate::studio::{RoomId, Studio};

/// The most tiers a studio or room may have.
pub const MAX_TIERS: usize = 10;
/// The furthest a boundary may lie before the start: one year of hours.
pub const MAX_HOURS_BEFORE: u32 = 24 * 366;

/// From `hours_before` hours before the start (that instant included), `percent` % of the
/// price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FeeTier {
    pub hours_before: u32,
    pub percent: u8,
}

/// A studio's (or a room's) cancellation terms. The default owes nothing, ever.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct CancellationTerms {
    /// Cancelling is free strictly before `start − free_hours_before` hours.
    pub free_hours_before: u32,
    /// Ordered from the furthest from the start to the nearest: `hours_before` strictly
    /// falling, each at most `free_hours_before`.
    pub tiers: Vec<FeeTier>,
    /// What a no-show owes, in percent of the price.
    pub no_show_percent: u8,
    /// The deposit a booking asks for (`None`: none).
    pub deposit: Option<crate::deposit::Deposit>,
}

/// Terms that cannot be used, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TermsError {
    #[error("{field}: {value} % is over 100 %")]
    PercentOver100 { field: String, value: u32 },
    #[error("{field}: {value} hours is more than {MAX_HOURS_BEFORE} (a year)")]
    TooManyHours { field: String, value: u32 },
    #[error("{field}: {value} hours must be fewer than the tier before it ({before} hours): tiers go from the furthest before the start to the nearest")]
    TierNotOrdered {
        field: String,
        value: u32,
        before: u32,
    },
    #[error(
        "{field}: {value} hours is before free cancellation ends ({free} hours before the start)"
    )]
    TierInFreeTime {
        field: String,
        value: u32,
        free: u32,
    },
    #[error("{field}: at most {MAX_TIERS} tiers")]
    TooManyTiers { field: String },
    #[error("{field}: there is no room \"{room}\" in this studio")]
    UnknownRoom { field: String, room: String },
}

impl TermsError {
    /// The field the error is about, e.g. `cancellationTerms.tiers[1].hoursBefore` (the
    /// names the wire uses).
    pub fn field(&self) -> &str {
        match self {
            TermsError::PercentOver100 { field, .. }
            | TermsError::TooManyHours { field, .. }
            | TermsError::TierNotOrdered { field, .. }
            | TermsError::TierInFreeTime { field, .. }
            | TermsError::TooManyTiers { field }
            | TermsError::UnknownRoom { field, .. } => field,
        }
    }
}

impl CancellationTerms {
    /// Whether these terms can never owe anything (the default).
    pub fn is_free(&self) -> bool {
        self.no_show_percent == 0 && self.tiers.iter().all(|t| t.percent == 0)
    }

    /// Checks the terms; `prefix` names them in errors (`cancellationTerms`,
    /// `roomTerms.live`).
    pub fn validate(&self, prefix: &str) -> Result<(), TermsError> {
        let hours = |field: String, value: u32| {
            if value > MAX_HOURS_BEFORE {
                Err(TermsError::TooManyHours { field, value })
            } else {
                Ok(())
            }
        };
        let percent = |field: String, value: u8| {
            if value > 100 {
                Err(TermsError::PercentOver100 {
                    field,
                    value: u32::from(value),
                })
            } else {
                Ok(())
            }
        };
        hours(format!("{prefix}.freeHoursBefore"), self.free_hours_before)?;
        percent(format!("{prefix}.noShowPercent"), self.no_show_percent)?;
        if self.tiers.len() > MAX_TIERS {
            return Err(TermsError::TooManyTiers {
                field: format!("{prefix}.tiers"),
            });
        }
        let mut before: Option<u32> = None;
        for (i, tier) in self.tiers.iter().enumerate() {
            let field = format!("{prefix}.tiers[{i}].hoursBefore");
            hours(field.clone(), tier.hours_before)?;
            if let Some(before) = before.filter(|b| tier.hours_before >= *b) {
                return Err(TermsError::TierNotOrdered {
                    field,
                    value: tier.hours_before,
                    before,
                });
            }
            if tier.hours_before > self.free_hours_before {
                return Err(TermsError::TierInFreeTime {
                    field,
                    value: tier.hours_before,
                    free: self.free_hours_before,
                });
            }
            percent(format!("{prefix}.tiers[{i}].percent"), tier.percent)?;
            before = Some(tier.hours_before);
        }
        Ok(())
    }
}

/// Which rule set a fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeeRule {
    /// Cancelled in free time (or under terms without a tier): nothing owed.
    Free,
    /// Cancelled late: tier `index` of the terms (from `hours_before` hours, `percent` %).
    Tier {
        index: usize,
        hours_before: u32,
        percent: u8,
    },
    /// Not shown up: `percent` % of the price.
    NoShow { percent: u8 },
}

/// The fee owed and the rule that set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fee {
    /// Minor units of the studio's currency.
    pub amount: u64,
    pub rule: FeeRule,
}

impl Fee {
    /// No fee.
    pub const NONE: Fee = Fee {
        amount: 0,
        rule: FeeRule::Free,
    };
}

/// `percent` % of `price`, rounded half up to the minor unit.
pub fn percent_of(price: u64, percent: u8) -> u64 {
    let scaled = u128::from(price) * u128::from(percent) + 50;
    // percent ≤ 255, so the quotient is at most 2.55 × price and fits in u64 for any
    // price up to u64::MAX / 3; saturate beyond.
    u64::try_from(scaled / 100).unwrap_or(u64::MAX)
}

/// The fee a cancellation at `now` of a booking priced `price` and starting at `start` owes.
pub fn fee_for_cancel(
    terms: &CancellationTerms,
    price: u64,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Fee {
    let boundary = |hours: u32| start - Duration::hours(i64::from(hours));
    if now < boundary(terms.free_hours_before) {
        return Fee::NONE;
    }
    terms
        .tiers
        .iter()
        .enumerate()
        .rev()
        .find(|(_, t)| now >= boundary(t.hours_before))
        .map_or(Fee::NONE, |(index, t)| Fee {
            amount: percent_of(price, t.percent),
            rule: FeeRule::Tier {
                index,
                hours_before: t.hours_before,
                percent: t.percent,
            },
        })
}

/// The fee a no-show of a booking priced `price` owes.
pub fn fee_for_no_show(terms: &CancellationTerms, price: u64) -> Fee {
    Fee {
        amount: percent_of(price, terms.no_show_percent),
        rule: FeeRule::NoShow {
            percent: terms.no_show_percent,
        },
    }
}

/// A rule as it is stored beside the fee: `free`, `tier:<index>:<hours>:<percent>`,
/// `no_show:<percent>`.
impl fmt::Display for FeeRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeeRule::Free => f.write_str("free"),
            FeeRule::Tier {
                index,
                hours_before,
                percent,
            } => write!(f, "tier:{index}:{hours_before}:{percent}"),
            FeeRule::NoShow { percent } => write!(f, "no_show:{percent}"),
        }
    }
}

/// A stored rule that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("\"{0}\" is not a fee rule")]
pub struct BadFeeRule(pub String);

impl FromStr for FeeRule {
    type Err = BadFeeRule;

    fn from_str(text: &str) -> Result<FeeRule, BadFeeRule> {
        let bad = || BadFeeRule(text.to_owned());
        let parts: Vec<&str> = text.split(':').collect();
        match parts.as_slice() {
            ["free"] => Ok(FeeRule::Free),
            ["tier", index, hours, percent] => Ok(FeeRule::Tier {
                index: index.parse().map_err(|_| bad())?,
                hours_before: hours.parse().map_err(|_| bad())?,
                percent: percent.parse().map_err(|_| bad())?,
            }),
            ["no_show", percent] => Ok(FeeRule::NoShow {
                percent: percent.parse().map_err(|_| bad())?,
            }),
            _ => Err(bad()),
        }
    }
}

/// A studio's terms and the rooms that have terms of their own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StudioTerms {
    pub studio: CancellationTerms,
    pub rooms: BTreeMap<RoomId, CancellationTerms>,
}

impl StudioTerms {
    /// The terms a booking of `room` is under: the room's own, else the studio's.
    pub fn for_room(&self, room: &RoomId) -> &CancellationTerms {
        self.rooms.get(room).unwrap_or(&self.studio)
    }
}

impl Studio {
    /// The studio under `terms`, checked: each valid (errors name `cancellationTerms…` or
    /// `roomTerms.ID…`), each override for a room of the studio.
    pub fn with_cancellation(mut self, terms: StudioTerms) -> Result<Studio, TermsError> {
        terms.studio.validate("cancellationTerms")?;
        for (room, room_terms) in &terms.rooms {
            let field = format!("roomTerms.{room}");
            if self.room(room.as_str()).is_err() {
                return Err(TermsError::UnknownRoom {
                    field,
                    room: room.to_string(),
                });
            }
            room_terms.validate(&field)?;
        }
        self.cancellation = terms;
        Ok(self)
    }
}

#[cfg(test)]
mod tests;
