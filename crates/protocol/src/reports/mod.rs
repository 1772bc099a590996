//! The studio's numbers (added after v1): the occupancy, money and customers reports of a
//! period, and the end-of-day cash-up.
//!
//! Every report answers one request. A period is a range of the studio's local dates, both
//! ends included, at most three years long; `rooms` narrows it to some rooms (all when left
//! out). Money is in minor units of the studio's currency, as everywhere.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::PaymentMethod;

mod page;
mod payments;
mod query;
pub use page::*;
pub use payments::*;
pub use query::*;

/// The longest period a report covers: three years (36 months from `from`, `to` before it).
pub const MAX_REPORT_MONTHS: u32 = 36;

/// How many customers the customers report ranks.
pub const TOP_CUSTOMERS: usize = 10;

// ---------------------------------------------------------------------------------------
// Occupancy (any desk)
// ---------------------------------------------------------------------------------------

/// `GET /v1/reports/occupancy`: how busy each room was, from the day masks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OccupancyReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The rooms asked for, in the studio's order.
    pub rooms: Vec<RoomOccupancy>,
    /// The selected rooms together: 7 × 24 cells, Monday 00:00 first, then by hour.
    pub heatmap: Vec<HeatCell>,
}

/// One room over the period. Utilisation is `booked / open`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RoomOccupancy {
    pub room: String,
    /// Minutes the studio was open (opening hours, closed and special dates).
    pub open_minutes: u64,
    /// Minutes of open time booked (confirmed bookings).
    pub booked_minutes: u64,
    /// Minutes of open time kept free after bookings for the room's changeover (not
    /// booked, not counted in `booked_minutes`).
    pub changeover_minutes: u64,
}

/// One weekday × hour of the local day, summed over the period and the selected rooms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HeatCell {
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    /// The local hour, 0–23 (on the day clocks go back, the repeated hour counts twice).
    pub hour: u8,
    pub open_minutes: u64,
    pub booked_minutes: u64,
}

// ---------------------------------------------------------------------------------------
// Money (admin only)
// ---------------------------------------------------------------------------------------

/// `GET /v1/reports/money`: what bookings starting in the period cost and brought in.
/// `billed` is what each booking owes, as its receipt says: its fee when a late
/// cancellation or a no-show recorded one (nothing once waived), nothing for a booking
/// cancelled without a fee, else its price; `fees` is the part of it that is fees. `paid`
/// is what was received for bookings of the period (cancelled ones too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MoneyReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// The rooms asked for, in the studio's order (rooms without bookings too).
    pub by_room: Vec<RoomMoney>,
    /// Every month the period touches, in order (months without bookings too).
    pub by_month: Vec<MonthMoney>,
    /// Cash, then card (methods with nothing received too).
    pub by_method: Vec<MethodMoney>,
    pub unpaid: Unpaid,
}

impl MoneyReport {
    /// The report of `period` with every room, month (`YYYY-MM`, in order) and method at
    /// zero, for a database's sums to be added to.
    pub fn zero(
        period: &ReportPeriod,
        currency: &str,
        months: impl IntoIterator<Item = String>,
    ) -> MoneyReport {
        MoneyReport {
            from: period.from,
            to: period.to,
            currency: currency.to_owned(),
            by_room: period
                .rooms
                .iter()
                .map(|room| RoomMoney {
                    room: room.clone(),
                    bookings: 0,
                    billed: 0,
                    fees: 0,
                    paid: 0,
                })
                .collect(),
            by_month: months
                .into_iter()
                .map(|month| MonthMoney {
                    month,
                    billed: 0,
                    fees: 0,
                    paid: 0,
                })
                .collect(),
            by_method: [PaymentMethod::Cash, PaymentMethod::Card]
                .map(|method| MethodMoney { method, paid: 0 })
                .to_vec(),
            unpaid: Unpaid {
                bookings: 0,
                amount: 0,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RoomMoney {
    pub room: String,
    /// Bookings not cancelled.
    pub bookings: u64,
    pub billed: u64,
    /// The unwaived fees of late cancellations and no-shows, part of `billed` (added with
    /// fees; 0 from an older server).
    #[serde(default)]
    pub fees: u64,
    pub paid: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MonthMoney {
    /// `YYYY-MM`, the local month of the bookings' starts.
    pub month: String,
    pub billed: u64,
    /// The unwaived fees, part of `billed` (added with fees).
    #[serde(default)]
    pub fees: u64,
    pub paid: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MethodMoney {
    pub method: PaymentMethod,
    pub paid: u64,
}

/// Confirmed bookings (not no-shows) with a price of which less than all was paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Unpaid {
    pub bookings: u64,
    /// What is still to be paid: price less paid, summed.
    pub amount: u64,
}

// ---------------------------------------------------------------------------------------
// Customers (any desk)
// ---------------------------------------------------------------------------------------

/// `GET /v1/reports/customers`: rates and regulars of bookings starting in the period.
/// Rates are the counts over `bookings`; the series share is `series / (bookings -
/// cancelled)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CustomersReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Bookings made (confirmed or cancelled).
    pub bookings: u64,
    pub cancelled: u64,
    /// Not cancelled, and the customer did not come.
    pub no_shows: u64,
    /// Not cancelled, and an occurrence of a recurring series.
    pub series: u64,
    /// At most [`TOP_CUSTOMERS`], most bookings (not cancelled) first, then most minutes,
    /// then by id.
    pub top: Vec<TopCustomer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TopCustomer {
    /// The customer record (a merged record counts under the one it was merged into).
    pub customer: Uuid,
    pub name: String,
    pub bookings: u64,
    pub minutes: u64,
}

#[cfg(test)]
mod tests;
