//! Whole numbers as JSON allows them: `4710` and `4710.0` are the same integer (JSON Schema
//! says so, and generic clients and fuzzers send either). Fields that count money or
//! versions read both, and refuse fractions and out-of-range values with a plain message.

use serde::de::{Deserializer, Error, Visitor};

struct Whole;

/// Integers are taken exactly; a float only when it is whole and within ±2^53 (where every
/// whole float is exact).
impl Visitor<'_> for Whole {
    type Value = i128;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a whole number")
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<i128, E> {
        Ok(i128::from(v))
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<i128, E> {
        Ok(i128::from(v))
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<i128, E> {
        const EXACT: f64 = 9_007_199_254_740_992.0;
        if v.fract() == 0.0 && v.abs() <= EXACT {
            Ok(v as i128)
        } else {
            Err(E::custom(format!("{v} is not a whole number")))
        }
    }
}

/// A `u64` from `4710` or `4710.0`; negative or fractional numbers are refused.
pub fn u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let v = d.deserialize_any(Whole)?;
    u64::try_from(v)
        .map_err(|_| D::Error::custom(format!("{v} is not a whole number of 0 or more")))
}

/// A `u32` from `10` or `10.0`; negative, fractional or larger numbers are refused.
pub fn u32<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = d.deserialize_any(Whole)?;
    u32::try_from(v)
        .map_err(|_| D::Error::custom(format!("{v} is not a whole number from 0 to 4294967295")))
}

/// A whole number type of these fields, read as its function here reads it.
trait Read: Sized {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

impl Read for u32 {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        u32(d)
    }
}

impl Read for u64 {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        u64(d)
    }
}

/// An optional whole number; `null` is `None`.
fn optional<'de, D: Deserializer<'de>, T: Read>(d: D) -> Result<Option<T>, D::Error> {
    struct Optional<T>(std::marker::PhantomData<T>);
    impl<'de, T: Read> Visitor<'de> for Optional<T> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a whole number or null")
        }
        fn visit_none<E: Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_unit<E: Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Option<T>, D2::Error> {
            T::read(d).map(Some)
        }
    }
    d.deserialize_option(Optional(std::marker::PhantomData))
}

/// An optional `u32` as [`u32`] reads it; `null` is `None`.
pub fn opt_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    optional(d)
}

/// An optional `u64` as [`u64`] reads it (an amount: no fraction of a minor unit); `null`
/// is `None`.
pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    optional(d)
}

/// An `i64` from `3` or `3.0`; fractional numbers are refused.
pub fn i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let v = d.deserialize_any(Whole)?;
    i64::try_from(v).map_err(|_| D::Error::custom(format!("{v} is out of range")))
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    struct Money {
        #[serde(deserialize_with = "super::u64")]
        amount: u64,
        #[serde(deserialize_with = "super::i64")]
        version: i64,
    }

    #[test]
    fn whole_numbers_read_with_or_without_a_point() {
        let m: Money = serde_json::from_str(r#"{"amount": 4710.0, "version": 3}"#).unwrap();
        assert_eq!((m.amount, m.version), (4710, 3));
        let m: Money = serde_json::from_str(r#"{"amount": 4710, "version": 3.0}"#).unwrap();
        assert_eq!((m.amount, m.version), (4710, 3));
        // Exact at the ends of the range.
        let m: Money = serde_json::from_str(
            r#"{"amount": 18446744073709551615, "version": 9223372036854775806}"#,
        )
        .unwrap();
        assert_eq!((m.amount, m.version), (u64::MAX, i64::MAX - 1));
        for bad in [
            r#"{"amount": 47.5, "version": 1}"#,
            r#"{"amount": -5, "version": 1}"#,
            r#"{"amount": 1, "version": 1.5}"#,
            r#"{"amount": "1", "version": 1}"#,
        ] {
            assert!(serde_json::from_str::<Money>(bad).is_err(), "{bad}");
        }
    }
}
