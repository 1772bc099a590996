//! A pull's page bounded in bytes as well as rows: the changes of bookings and customers
//! are taken in change-log order until their JSON passes [`PULL_PAGE_BYTES`] (always at
//! least one), and the cursor stops at the last one taken, so the desk pulls on from there
//! and nothing is skipped.

use chrono_tz::Tz;
use frontdesk_protocol::{Change, CustomerRecordDto};
use frontdesk_store::customers::CustomerRecord;
use frontdesk_store::BookingRecord;

/// A pull stops adding changes once their JSON passes this many bytes.
pub const PULL_PAGE_BYTES: usize = 1024 * 1024;

/// What a pull answers: its changes, customers, cursor and whether more follow.
#[derive(Debug)]
pub struct Page {
    pub changes: Vec<Change>,
    pub customers: Vec<CustomerRecordDto>,
    pub cursor: i64,
    pub more: bool,
}

/// The page of `bookings` and `customers` (both changed after `since`; `more` if the rows
/// were cut by the row limit), cut in change-log order after the change whose JSON brings
/// the page past `bound` bytes. Changes sharing a sequence number stay on one page.
pub fn bounded(
    bookings: Vec<BookingRecord>,
    mut customers: Vec<CustomerRecord>,
    more: bool,
    since: i64,
    tz: Tz,
    bound: usize,
) -> Page {
    customers.sort_by_key(|c| c.seq);
    let mut page = Page {
        changes: Vec::with_capacity(bookings.len()),
        customers: Vec::new(),
        cursor: since,
        more,
    };
    let mut bookings = bookings.into_iter().peekable();
    let mut customers = customers.into_iter().peekable();
    let mut bytes = 0;
    loop {
        let next_booking = bookings.peek().map(|b| b.seq);
        let next_customer = customers.peek().map(|c| c.seq);
        let seq = match (next_booking, next_customer) {
            (None, None) => return page,
            (Some(b), Some(c)) => b.min(c),
            (Some(s), None) | (None, Some(s)) => s,
        };
        if bytes > bound && seq != page.cursor {
            page.more = true;
            return page;
        }
        if next_booking == Some(seq) {
            if let Some(b) = bookings.next() {
                let change = Change {
                    seq: b.seq,
                    booking: b.to_dto(tz),
                };
                bytes += json_len(&change);
                page.changes.push(change);
            }
        } else if let Some(c) = customers.next() {
            let dto = c.to_dto();
            bytes += json_len(&dto);
            page.customers.push(dto);
        }
        page.cursor = page.cursor.max(seq);
    }
}

/// The length of `value`'s JSON, counted without keeping it.
fn json_len(value: &impl serde::Serialize) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Writing to a counter cannot fail, nor can these types' serialization.
    let _ = serde_json::to_writer(&mut count, value);
    count.0
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use uuid::Uuid;

    fn customer(seq: i64, notes: usize) -> CustomerRecord {
        CustomerRecord {
            id: Uuid::new_v4(),
            name: "Ada".into(),
            phone: None,
            email: None,
            notes: Some("n".repeat(notes)),
            merged_into: None,
            version: 1,
            seq,
        }
    }

    #[test]
    fn cuts_after_the_change_that_passes_the_bound_and_keeps_a_sequence_together() {
        let tz = chrono_tz::Europe::Berlin;
        let all: Vec<CustomerRecord> = [3, 1, 2, 2, 4].map(|s| customer(s, 100)).into();
        // Every record's JSON has the same length: the second passes the bound.
        let one = json_len(&all[0].to_dto());
        let page = bounded(Vec::new(), all.clone(), false, 0, tz, one + 1);
        let seq_of = |id: Uuid| all.iter().find(|c| c.id == id).map(|c| c.seq).unwrap();
        let seqs: Vec<i64> = page.customers.iter().map(|c| seq_of(c.id)).collect();
        assert_eq!(seqs, [1, 2, 2], "both changes of seq 2");
        assert_eq!((page.cursor, page.more), (2, true));
        let page = bounded(Vec::new(), all.clone(), false, 0, tz, 1);
        assert_eq!((page.customers.len(), page.cursor), (1, 1), "at least one");
        let page = bounded(Vec::new(), all.clone(), false, 0, tz, usize::MAX);
        assert_eq!(
            (page.customers.len(), page.cursor, page.more),
            (5, 4, false)
        );
        let empty = bounded(Vec::new(), Vec::new(), false, 7, tz, 1);
        assert_eq!((empty.cursor, empty.more), (7, false));
    }
}
