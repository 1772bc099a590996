//! A deposit a booking asks for before the session: a share of its price or a fixed
//! amount, in the studio's (or a room's) terms beside its cancellation fees. What a
//! booking asks is worked out once, when it is made, from its price then, and kept on it.

use thiserror::Error;

use crate::cancellation::percent_of;

/// The deposit rule of a studio or a room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Deposit {
    /// This share of the price (1–100 %), rounded half up to the minor unit.
    Percent(u8),
    /// This many minor units (at most the price: a booking never asks more than it costs).
    Amount(u64),
}

/// A deposit rule that cannot be used, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DepositError {
    #[error("{field}: a deposit is 1 to 100 % of the price, not {value} %")]
    Percent { field: String, value: u32 },
    #[error("{field}: a fixed deposit is more than 0")]
    Zero { field: String },
    #[error("{field}: a deposit is a share (percent) or an amount, not both")]
    Both { field: String },
}

impl DepositError {
    pub fn field(&self) -> &str {
        match self {
            DepositError::Percent { field, .. }
            | DepositError::Zero { field }
            | DepositError::Both { field } => field,
        }
    }
}

impl Deposit {
    /// The rule of a share `percent` or a fixed `amount` (one of them), checked; errors name
    /// `prefix.percent` or `prefix.amount`.
    pub fn new(
        percent: Option<u32>,
        amount: Option<u64>,
        prefix: &str,
    ) -> Result<Deposit, DepositError> {
        match (percent, amount) {
            (Some(_), Some(_)) => Err(DepositError::Both {
                field: prefix.to_owned(),
            }),
            (Some(p), None) => match u8::try_from(p) {
                Ok(p) if (1..=100).contains(&p) => Ok(Deposit::Percent(p)),
                _ => Err(DepositError::Percent {
                    field: format!("{prefix}.percent"),
                    value: p,
                }),
            },
            (None, Some(0)) | (None, None) => Err(DepositError::Zero {
                field: format!("{prefix}.amount"),
            }),
            (None, Some(a)) => Ok(Deposit::Amount(a)),
        }
    }

    /// What a booking priced `price` asks as its deposit.
    pub fn of(&self, price: u64) -> u64 {
        match *self {
            Deposit::Percent(p) => percent_of(price, p),
            Deposit::Amount(a) => a.min(price),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_deposit_is_a_share_or_an_amount_never_more_than_the_price() {
        assert_eq!(Deposit::Percent(30).of(8000), 2400);
        assert_eq!(Deposit::Percent(33).of(1001), 330, "rounded half up");
        assert_eq!(Deposit::Percent(100).of(8000), 8000);
        assert_eq!(Deposit::Amount(2500).of(8000), 2500);
        assert_eq!(Deposit::Amount(2500).of(2000), 2000);
        assert_eq!(Deposit::Amount(2500).of(0), 0);
    }

    #[test]
    fn a_rule_that_cannot_be_used_is_refused_naming_the_field() {
        let field = |r: Result<Deposit, DepositError>| r.unwrap_err().field().to_owned();
        assert_eq!(field(Deposit::new(Some(101), None, "d")), "d.percent");
        assert_eq!(field(Deposit::new(Some(0), None, "d")), "d.percent");
        assert_eq!(field(Deposit::new(None, Some(0), "d")), "d.amount");
        assert_eq!(field(Deposit::new(Some(10), Some(100), "d")), "d");
        assert_eq!(Deposit::new(Some(50), None, "d"), Ok(Deposit::Percent(50)));
        assert_eq!(
            Deposit::new(None, Some(2000), "d"),
            Ok(Deposit::Amount(2000))
        );
    }
}
