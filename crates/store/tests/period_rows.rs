//! The rows of the desk's CSV exports over a real SQLite file: the bookings that start in
//! a period's local dates (every status, only the rooms asked for, both ends of the period
//! at local midnight), and the customers of those that hold time, counted under the record
//! a merge kept.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Utc};
use frontdesk_protocol::ReportQuery;
use frontdesk_store::{BookingStatus, Durability, Store, WriteContext};
use frontdesk_testkit::booking::walk_in;
use frontdesk_testkit::clock::berlin;
use frontdesk_testkit::studio::two_rooms;
use uuid::Uuid;

fn at(month: u32, d: u32, h: u32) -> DateTime<Utc> {
    berlin(2026, month, d, h, 0)
}

/// Books `room` for an hour from `start` for `name` (phone `phone`); the booking.
fn book(store: &mut Store, room: &str, start: DateTime<Utc>, name: &str, phone: &str) -> Uuid {
    let mut new = walk_in(room, start, start + chrono::Duration::hours(1), name);
    new.phone = Some(phone.to_owned());
    let ctx = WriteContext::new("desk-1", at(11, 1, 8));
    store
        .create_booking(&new, BookingStatus::Confirmed, &ctx)
        .unwrap()
        .0
        .id
}

#[test]
fn a_periods_bookings_and_customers_by_local_date_and_room() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_with_studio(
        &dir.path().join("desk.sqlite"),
        "desk-1",
        Durability::Normal,
        two_rooms("Test Studios").config().studio,
    )
    .unwrap();
    let _before = book(&mut store, "a", at(11, 30, 23), "Early", "0170 0000001");
    let first = book(&mut store, "a", at(12, 1, 0), "Mia Muster", "0170 1234567");
    let mia_again = book(&mut store, "a", at(12, 10, 23), "Mia", "0170 1234567");
    let ben = book(&mut store, "a", at(12, 3, 10), "Ben", "0171 7654321");
    let _other_room = book(&mut store, "b", at(12, 3, 10), "Ben", "0171 7654321");
    let gone = book(&mut store, "a", at(12, 4, 10), "Cem", "0172 5550000");
    let _after = book(&mut store, "a", at(12, 11, 0), "Late", "0170 0000002");
    let ctx = WriteContext::new("desk-1", at(11, 1, 9));
    store.cancel_booking(gone, None, &ctx).unwrap();

    let period = ReportQuery {
        from: "2026-12-01".parse().unwrap(),
        to: "2026-12-10".parse().unwrap(),
        rooms: Some("a".into()),
    }
    .check(&["a".into(), "b".into()])
    .unwrap();
    let bookings = store.bookings_starting(&period).unwrap();
    let ids: Vec<Uuid> = bookings.iter().map(|b| b.id).collect();
    assert_eq!(ids, [first, ben, gone, mia_again]);
    assert_eq!(bookings[2].status, BookingStatus::Cancelled);

    // Ben merged into Mia: his booking counts under her record; Cem's was cancelled.
    let mia = store.booking(first).unwrap().unwrap().customer_id.unwrap();
    let ben_record = store.booking(ben).unwrap().unwrap().customer_id.unwrap();
    store.merge_customers(mia, ben_record, &ctx).unwrap();
    let customers: Vec<(String, u64)> = store
        .customers_booked(&period)
        .unwrap()
        .into_iter()
        .map(|(c, n)| (c.name, n))
        .collect();
    assert_eq!(customers, [("Mia Muster".to_owned(), 3)]);

    // Both rooms: the same people, Ben's other booking counted too.
    let both = ReportQuery {
        from: period.from,
        to: period.to,
        rooms: None,
    }
    .check(&["a".into(), "b".into()])
    .unwrap();
    assert_eq!(store.bookings_starting(&both).unwrap().len(), 5);
    assert_eq!(store.customers_booked(&both).unwrap()[0].1, 4);
}
