//! A report's query: the period (local dates, at most three years) and the rooms, checked
//! against the studio before anything is read.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::MAX_REPORT_MONTHS;
use crate::FieldError;

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
