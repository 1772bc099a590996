//! The payments report read page by page (`limit`, `after` ← `next`), checked as it goes:
//! every page but the last is full, only the first carries the totals, and a page's cursor
//! moves forward. Returns the pages appended, to compare with the unpaged naive model.

use frontdesk_protocol::{PaymentsCursor, PaymentsPage, PaymentsReport};

/// Asks `page` for every page of `limit` changes and appends them.
pub fn read_all<E: std::fmt::Debug>(
    limit: u32,
    mut page: impl FnMut(&PaymentsPage) -> Result<PaymentsReport, E>,
) -> PaymentsReport {
    let first = PaymentsPage { limit, after: None };
    let mut report = page(&first).expect("the first page");
    assert!(report.totals.is_some(), "the first page carries the totals");
    let mut count = 1;
    while let Some(next) = report.next.clone() {
        assert_eq!(
            report.payments.len(),
            count * limit as usize,
            "every page before the last holds {limit} changes"
        );
        let after = PaymentsCursor::decode(&next).expect("a cursor the backend gave");
        let more = page(&PaymentsPage {
            limit,
            after: Some(after),
        })
        .expect("a page after the first");
        assert!(
            more.totals.is_none(),
            "only the first page carries the totals"
        );
        assert!(more.payments.len() <= limit as usize);
        if let Some(again) = more.next.as_deref().and_then(PaymentsCursor::decode) {
            assert!(again > after, "the cursor moves forward");
        }
        report.append(more);
        count += 1;
    }
    report
}
