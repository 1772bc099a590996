//! The studio's numbers (added after v1): the occupancy, money and customers reports of a
//! period, and the end-of-day cash-up.
//!
//! Every report answers one request. A period is a range of the studio's local dates, both
//! ends included, at most three years long; `rooms` narrows it to some rooms (all when left
//! out). Money is in minor units of the studio's currency, as everywhere.

use chrono::{DateTime, FixedOffset, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{FieldError, PaymentMethod};

/// The longest period a report covers: three years (36 months from `from`, `to` before it).
pub const MAX_REPORT_MONTHS: u32 = 36;

/// How many customers the customers report ranks.
pub const TOP_CUSTOMERS: usize = 10;

/// The query of every report: `GET /v1/reports/{occupancy,money,customers}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReportQuery {
    /// The first local date, YYYY-MM-DD.
    pub from: NaiveDate,
    /// The last local date, YYYY-MM-DD (included).
    pub to: NaiveDate,
    /// Room ids separated by commas; all rooms when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable = false))]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub rooms: Option<String>,
}

/// A checked report query: the dates in order and within three years, and only rooms the
/// studio has (in the studio's room order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rooms: Vec<String>,
}

/// Why a report query was refused: the field and what is wrong, or the unknown rooms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportQueryError {
    #[error("{}: {}", .0.field, .0.message)]
    Field(FieldError),
    #[error("rooms: the studio has no room {}", .0.join(", "))]
    UnknownRooms(Vec<String>),
}

impl ReportQueryError {
    /// The refusal as the contract answers it (422): `invalid` with the message naming the
    /// field, or `unknown_room` listing the rooms in `unknown` — the same whether the
    /// server or a desk on its own file refuses.
    pub fn to_body(&self) -> crate::ErrorBody {
        match self {
            ReportQueryError::Field(_) => {
                crate::ErrorBody::new(crate::ErrorCode::Invalid, self.to_string())
            }
            ReportQueryError::UnknownRooms(rooms) => crate::ErrorBody {
                unknown: Some(rooms.clone()),
                ..crate::ErrorBody::new(crate::ErrorCode::UnknownRoom, self.to_string())
            },
        }
    }
}

impl ReportQuery {
    /// The query string of a report request (dates and room ids need no escaping).
    pub fn to_query_string(&self) -> String {
        let mut q = format!("from={}&to={}", self.from, self.to);
        if let Some(rooms) = &self.rooms {
            q.push_str("&rooms=");
            q.push_str(rooms);
        }
        q
    }

    /// Checks the query against the studio's rooms (`studio_rooms`, in their order).
    pub fn check(&self, studio_rooms: &[String]) -> Result<ReportPeriod, ReportQueryError> {
        let from = self.from;
        let to = self.to;
        check_dates(from, to)?;
        let rooms = match &self.rooms {
            None => studio_rooms.to_vec(),
            Some(list) => {
                let asked: Vec<&str> = list
                    .split(',')
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .collect();
                if asked.is_empty() {
                    return Err(ReportQueryError::Field(FieldError {
                        field: "rooms".into(),
                        message: "name at least one room, or leave rooms out for all".into(),
                    }));
                }
                let unknown: Vec<String> = asked
                    .iter()
                    .filter(|r| !studio_rooms.iter().any(|s| s == *r))
                    .map(|r| r.to_string())
                    .collect();
                if !unknown.is_empty() {
                    return Err(ReportQueryError::UnknownRooms(unknown));
                }
                studio_rooms
                    .iter()
                    .filter(|s| asked.contains(&s.as_str()))
                    .cloned()
                    .collect()
            }
        };
        Ok(ReportPeriod { from, to, rooms })
    }
}

/// `to` not before `from`, and the period at most [`MAX_REPORT_MONTHS`] long.
pub fn check_dates(from: NaiveDate, to: NaiveDate) -> Result<(), ReportQueryError> {
    if to < from {
        return Err(ReportQueryError::Field(FieldError {
            field: "to".into(),
            message: format!("{to} is before from ({from})"),
        }));
    }
    let limit = from.checked_add_months(Months::new(MAX_REPORT_MONTHS));
    if limit.is_none_or(|limit| to >= limit) {
        return Err(ReportQueryError::Field(FieldError {
            field: "to".into(),
            message: format!(
                "a report covers at most three years: from {from}, to must be before {}",
                limit.map_or_else(|| "then".to_string(), |l| l.to_string())
            ),
        }));
    }
    Ok(())
}

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
/// `billed` is the price of bookings that were not cancelled; `paid` is what was received
/// for bookings of the period (cancelled ones too).
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RoomMoney {
    pub room: String,
    /// Bookings not cancelled.
    pub bookings: u64,
    pub billed: u64,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rooms() -> Vec<String> {
        vec!["a".into(), "b".into(), "c".into()]
    }

    fn query(from: &str, to: &str, rooms: Option<&str>) -> ReportQuery {
        ReportQuery {
            from: d(from),
            to: d(to),
            rooms: rooms.map(String::from),
        }
    }

    #[test]
    fn rooms_come_back_in_the_studios_order() {
        let p = query("2026-01-01", "2026-01-31", Some("c, a"))
            .check(&rooms())
            .unwrap();
        assert_eq!(p.rooms, vec!["a", "c"]);
        let all = query("2026-01-01", "2026-01-01", None)
            .check(&rooms())
            .unwrap();
        assert_eq!(all.rooms, rooms());
    }

    #[test]
    fn three_years_at_most_and_in_order() {
        assert!(query("2024-01-01", "2026-12-31", None)
            .check(&rooms())
            .is_ok());
        let long = query("2024-01-01", "2027-01-01", None)
            .check(&rooms())
            .unwrap_err();
        assert!(
            matches!(&long, ReportQueryError::Field(f) if f.field == "to"),
            "{long}"
        );
        let reversed = query("2026-02-01", "2026-01-31", None)
            .check(&rooms())
            .unwrap_err();
        assert!(matches!(&reversed, ReportQueryError::Field(f) if f.field == "to"));
    }

    #[test]
    fn unknown_and_empty_rooms_are_refused() {
        let unknown = query("2026-01-01", "2026-01-02", Some("a,x,y")).check(&rooms());
        assert_eq!(
            unknown,
            Err(ReportQueryError::UnknownRooms(vec!["x".into(), "y".into()]))
        );
        let empty = query("2026-01-01", "2026-01-02", Some(" , ")).check(&rooms());
        assert!(matches!(empty, Err(ReportQueryError::Field(f)) if f.field == "rooms"));
    }

    #[test]
    fn a_cash_up_totals_receipts_and_refunds_apart() {
        let at: DateTime<FixedOffset> = "2026-03-02T10:00:00+01:00".parse().unwrap();
        let entry = |method, amount, staff: Option<&str>| PaymentEntry {
            at,
            booking: Uuid::nil(),
            room: Some("a".into()),
            customer: None,
            method,
            amount,
            staff: staff.map(String::from),
            desk: "front".into(),
        };
        let cash_up = CashUp::of(PaymentsReport {
            from: d("2026-03-02"),
            to: d("2026-03-02"),
            currency: "EUR".into(),
            payments: vec![
                entry(PaymentMethod::Cash, 4000, Some("Mia")),
                entry(PaymentMethod::Card, 2500, None),
                entry(PaymentMethod::Cash, -1000, Some("Mia")),
                entry(PaymentMethod::Card, 700, Some("Ben")),
            ],
        });
        assert_eq!(
            cash_up.total,
            CashUpTotals {
                received: 7200,
                refunded: 1000
            }
        );
        assert_eq!(
            cash_up.by_method,
            vec![
                CashUpTotal {
                    method: PaymentMethod::Cash,
                    received: 4000,
                    refunded: 1000
                },
                CashUpTotal {
                    method: PaymentMethod::Card,
                    received: 3200,
                    refunded: 0
                },
            ]
        );
        let staff: Vec<_> = cash_up
            .by_staff
            .iter()
            .map(|s| (s.staff.as_deref(), s.received, s.refunded))
            .collect();
        assert_eq!(
            staff,
            vec![
                (None, 2500, 0),
                (Some("Ben"), 700, 0),
                (Some("Mia"), 4000, 1000)
            ]
        );
        assert_eq!(cash_up.payments.len(), 4);
    }
}
