//! A page of the payments report: `limit` and `after` of `GET /v1/reports/payments`, checked
//! before anything is read, and the opaque cursor `next` of the page after.

use serde::{Deserialize, Serialize};

use super::ReportQueryError;
use crate::FieldError;

/// The most payment changes one page holds, and how many a page holds when `limit` is left
/// out.
pub const PAYMENTS_PAGE_MAX: u32 = 1000;

/// The page asked for, as the query string gives it (`limit` and `after` are read and
/// checked by [`PageQuery::check`], so a bad one gets a 422 naming it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(rename_all = "camelCase")]
pub struct PageQuery {
    /// How many payment changes at most, 1–1000 (1000 when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<u32>, minimum = 1, maximum = 1000, nullable = false))]
    pub limit: Option<String>,
    /// The `next` of the page before (opaque); the first page when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(nullable = false))]
    pub after: Option<String>,
}

/// A checked page: at most `limit` changes, those recorded after `after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaymentsPage {
    pub limit: u32,
    pub after: Option<PaymentsCursor>,
}

impl Default for PaymentsPage {
    /// The first page, as long as a page may be.
    fn default() -> Self {
        PaymentsPage {
            limit: PAYMENTS_PAGE_MAX,
            after: None,
        }
    }
}

impl PaymentsPage {
    /// The query string of this page (to append to the report's, after `&`).
    pub fn to_query_string(&self) -> String {
        let mut q = format!("limit={}", self.limit);
        if let Some(after) = self.after {
            q.push_str("&after=");
            q.push_str(&after.encode());
        }
        q
    }
}

/// Where a page ended: the last change's instant (microseconds since 1970, UTC) and audit
/// row. The next page holds the changes after it in (instant, row) order. On the wire it is
/// an opaque text of 32 hex digits; it names no studio — the rows are always the token's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PaymentsCursor {
    pub at_micros: i64,
    pub id: i64,
}

impl PaymentsCursor {
    /// The cursor as the wire carries it.
    pub fn encode(&self) -> String {
        format!("{:016x}{:016x}", self.at_micros as u64, self.id as u64)
    }

    /// A cursor this server gave, or `None`.
    pub fn decode(text: &str) -> Option<PaymentsCursor> {
        let hex = |t: &str| u64::from_str_radix(t, 16).ok().map(|n| n as i64);
        let digits = text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit());
        if !digits {
            return None;
        }
        Some(PaymentsCursor {
            at_micros: hex(&text[..16])?,
            id: hex(&text[16..])?,
        })
    }
}

impl PageQuery {
    /// `limit` between 1 and [`PAYMENTS_PAGE_MAX`] (that when left out) and `after` a cursor
    /// this server gave; otherwise the field and what is wrong.
    pub fn check(&self) -> Result<PaymentsPage, ReportQueryError> {
        let refused = |field: &str, message: String| {
            ReportQueryError::Field(FieldError {
                field: field.into(),
                message,
            })
        };
        let limit = match self.limit.as_deref().map(str::trim) {
            None => PAYMENTS_PAGE_MAX,
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=PAYMENTS_PAGE_MAX).contains(n))
                .ok_or_else(|| {
                    refused(
                        "limit",
                        format!("\"{text}\" is not a whole number from 1 to {PAYMENTS_PAGE_MAX}"),
                    )
                })?,
        };
        let after = match self.after.as_deref().map(str::trim) {
            None => None,
            Some(text) => Some(PaymentsCursor::decode(text).ok_or_else(|| {
                refused(
                    "after",
                    "not a cursor of this report: pass the `next` of the page before".into(),
                )
            })?),
        };
        Ok(PaymentsPage { limit, after })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(q: PageQuery) -> String {
        match q.check() {
            Err(ReportQueryError::Field(f)) => f.field,
            other => panic!("refused expected, got {other:?}"),
        }
    }

    #[test]
    fn a_cursor_goes_round_and_a_bad_one_is_refused_naming_after() {
        for cursor in [
            PaymentsCursor {
                at_micros: 1_767_225_600_000_000,
                id: 167_999,
            },
            PaymentsCursor {
                at_micros: -1,
                id: i64::MAX,
            },
        ] {
            let text = cursor.encode();
            assert_eq!(text.len(), 32);
            assert_eq!(PaymentsCursor::decode(&text), Some(cursor));
            let page = PageQuery {
                limit: None,
                after: Some(text),
            };
            assert_eq!(page.check().unwrap().after, Some(cursor));
        }
        for bad in ["", "x", "0123", &"g".repeat(32), &"0".repeat(33)] {
            let q = PageQuery {
                limit: None,
                after: Some(bad.into()),
            };
            assert_eq!(field(q), "after", "{bad:?}");
        }
    }

    #[test]
    fn a_limit_is_one_to_a_thousand_and_a_thousand_when_left_out() {
        assert_eq!(
            PageQuery::default().check().unwrap(),
            PaymentsPage::default()
        );
        let limit = |l: &str| PageQuery {
            limit: Some(l.into()),
            after: None,
        };
        assert_eq!(limit("1").check().unwrap().limit, 1);
        assert_eq!(limit("1000").check().unwrap().limit, 1000);
        for bad in ["0", "1001", "-1", "ten", "", "1.5"] {
            assert_eq!(field(limit(bad)), "limit", "{bad:?}");
        }
    }

    #[test]
    fn a_page_writes_its_query_string() {
        let page = PaymentsPage {
            limit: 50,
            after: Some(PaymentsCursor {
                at_micros: 16,
                id: 255,
            }),
        };
        assert_eq!(
            page.to_query_string(),
            "limit=50&after=000000000000001000000000000000ff"
        );
        assert_eq!(PaymentsPage::default().to_query_string(), "limit=1000");
    }
}
