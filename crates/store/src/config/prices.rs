//! A room's prices in `studio.toml`: `price` per hour in minor units, and peak rates.
//!
//! ```toml
//! [[rooms]]
//! id = "studio-a"
//! price = 4000                     # 40.00 per hour in the studio's currency
//! [[rooms.peak]]
//! days = ["fri", "sat"]
//! from = "18:00"
//! to = "24:00"
//! price = 6000
//! ```

use frontdesk_core::{PeakRate, Pricing, TimeRange};
use serde::Deserialize;

use super::{weekday, ConfigError};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PeakSection {
    days: Vec<String>,
    from: String,
    to: String,
    price: i64,
}

fn amount(field: String, value: i64) -> Result<u64, ConfigError> {
    u64::try_from(value).map_err(|_| ConfigError::Price {
        field,
        message: format!("{value} is negative: a price is 0 or more minor units (cents)"),
    })
}

/// The pricing of the room at `field` (`rooms[i]`).
pub(super) fn pricing(
    field: &str,
    price: i64,
    peaks: &[PeakSection],
) -> Result<Pricing, ConfigError> {
    let per_hour = amount(format!("{field}.price"), price)?;
    let mut rates = Vec::with_capacity(peaks.len());
    for (i, p) in peaks.iter().enumerate() {
        let at = format!("{field}.peak[{i}]");
        let weekdays = p
            .days
            .iter()
            .map(|d| {
                weekday(d).ok_or_else(|| ConfigError::Price {
                    field: format!("{at}.days"),
                    message: format!("\"{d}\" is not a weekday (mon, tue, … sun)"),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let window = TimeRange::parse(&p.from, &p.to).map_err(|e| ConfigError::Price {
            field: format!("{at}.from"),
            message: e.to_string(),
        })?;
        rates.push(PeakRate {
            weekdays,
            window,
            per_hour: amount(format!("{at}.price"), p.price)?,
        });
    }
    Ok(Pricing {
        per_hour,
        peaks: rates,
    })
}
