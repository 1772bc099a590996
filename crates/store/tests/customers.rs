//! Customer records over a real SQLite file: one record per person (matched on phone
//! digits or email), lookup by any part of the name or three digits of the phone, the
//! counts staff see, edits made to a version, merges whose bookings follow.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, Utc};
use frontdesk_store::booking_changes::Change;
use frontdesk_store::customers::CustomerEdit;
use frontdesk_store::{BookingStatus, Durability, Store, StoreError, WriteContext};
use frontdesk_testkit::booking::walk_in;
use frontdesk_testkit::clock::berlin;
use frontdesk_testkit::studio::two_rooms;

fn at(d: u32, h: u32) -> DateTime<Utc> {
    berlin(2026, 12, d, h, 0)
}

fn ctx(now: DateTime<Utc>) -> WriteContext<'static> {
    WriteContext::new("desk-1", now)
}

/// Books room `a` on day `d` at `h` for one hour for a customer.
fn book(
    store: &mut Store,
    d: u32,
    h: u32,
    name: &str,
    phone: Option<&str>,
    email: Option<&str>,
) -> uuid::Uuid {
    let mut new = walk_in("a", at(d, h), at(d, h + 1), name);
    new.phone = phone.map(str::to_owned);
    new.email = email.map(str::to_owned);
    let (record, _) = store
        .create_booking(&new, BookingStatus::Confirmed, &ctx(at(1, 8)))
        .unwrap();
    record.customer_id.unwrap()
}

#[test]
fn the_same_person_is_one_record_found_by_any_part_of_name_or_phone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    let mut config = two_rooms("Test Studios").config();
    config.studio.rooms[0].pricing.per_hour = 4000;
    let mut store =
        Store::open_with_studio(&path, "desk-1", Durability::Full, config.studio).unwrap();
    let band = book(
        &mut store,
        2,
        10,
        "The Weekly Band",
        Some("+49 30 555-0199"),
        None,
    );
    // The same number written differently, and later by email only: the same record.
    assert_eq!(
        book(&mut store, 3, 10, "Weekly Band", Some("030 5550199"), None),
        band
    );
    let ada = book(
        &mut store,
        4,
        10,
        "Ada Lovelace",
        None,
        Some("Ada@Example.org"),
    );
    assert_eq!(
        book(
            &mut store,
            5,
            10,
            "A. Lovelace",
            None,
            Some("ada@example.org")
        ),
        ada
    );
    // A name-only walk-in is a record of its own.
    let walk = book(&mut store, 6, 10, "Walk-in Wendy", None, None);
    assert!(walk != band && walk != ada);

    let now = at(10, 8);
    let names = |text: &str| -> Vec<String> {
        store
            .find_customers(text, 10, now)
            .unwrap()
            .into_iter()
            .map(|c| c.customer.name)
            .collect()
    };
    assert_eq!(names("555"), ["The Weekly Band"]);
    assert_eq!(names("0199"), ["The Weekly Band"]);
    assert_eq!(names("weekly"), ["The Weekly Band"]);
    assert_eq!(names("love"), ["Ada Lovelace"]);
    assert_eq!(names("example.org"), ["Ada Lovelace"]);
    assert_eq!(names("Wa"), ["Walk-in Wendy"]);
    assert!(names("zzz").is_empty());
    assert!(names("  ").is_empty());
    // What a fuzzer types is an answer, not an error: quotes, NUL, FTS syntax.
    assert!(names("\"555").is_empty());
    assert!(names("¤5\u{0}\u{12}ó{a").is_empty());
    assert!(names("Lovelace OR NEAR(x)").is_empty());
    assert_eq!(names("lace\u{0}"), ["Ada Lovelace"]);

    // Counts: two bookings, one a no-show; the other one is unpaid (it has begun).
    let first = store.customer_bookings(band).unwrap();
    assert_eq!(first.len(), 2);
    let older = first.last().unwrap();
    store
        .change_booking(
            older.id,
            1,
            &Change::NoShow,
            &ctx(older.span.start() + Duration::hours(1)),
        )
        .unwrap();
    let summary = store.customer_summary(band, now).unwrap().unwrap();
    assert_eq!((summary.bookings, summary.no_shows), (2, 1));
    assert_eq!(summary.unpaid, 8000, "{summary:?}");
    // The file keeps it all.
    drop(store);
    let store = Store::open(&path, "desk-1", Durability::Full).unwrap();
    assert_eq!(
        store.customer(band).unwrap().unwrap().name,
        "The Weekly Band"
    );
}

#[test]
fn edits_need_the_current_version_and_merges_take_the_bookings_along() {
    let dir = tempfile::tempdir().unwrap();
    let config = two_rooms("Test Studios").config();
    let mut store = Store::open_with_studio(
        &dir.path().join("desk.sqlite"),
        "desk-1",
        Durability::Full,
        config.studio,
    )
    .unwrap();
    let phone = book(&mut store, 2, 10, "Mia Muster", Some("0170 1234567"), None);
    let mail = book(&mut store, 3, 10, "Mia M.", None, Some("mia@example.org"));
    assert_ne!(phone, mail);
    let edit = CustomerEdit {
        name: "Mia Muster".into(),
        phone: Some("0170 1234567".into()),
        email: None,
        notes: Some("Brings her own microphone".into()),
    };
    let (edited, _) = store
        .edit_customer(phone, 1, &edit, &ctx(at(1, 9)))
        .unwrap();
    assert_eq!(edited.version, 2);
    // Made to version 1 again: refused, nothing changed.
    let stale = store
        .edit_customer(phone, 1, &edit, &ctx(at(1, 9)))
        .unwrap_err();
    assert!(
        matches!(stale, StoreError::StaleCustomer { current: 2, .. }),
        "{stale}"
    );
    let empty = CustomerEdit {
        name: " ".into(),
        ..edit.clone()
    };
    assert!(store
        .edit_customer(phone, 2, &empty, &ctx(at(1, 9)))
        .is_err());
    // A merge with itself is refused and writes nothing.
    let itself = store
        .merge_customers(phone, phone, &ctx(at(1, 9)))
        .unwrap_err();
    assert!(itself.to_string().contains("itself"), "{itself}");
    assert_eq!(store.customer(phone).unwrap().unwrap().version, 2);
    // Merged: Mia's bookings are one list, the email record points to the phone record,
    // lookup shows her once, and her email now finds her.
    let (kept, _) = store.merge_customers(phone, mail, &ctx(at(1, 9))).unwrap();
    assert_eq!(kept.email.as_deref(), Some("mia@example.org"));
    assert_eq!(store.customer_bookings(phone).unwrap().len(), 2);
    assert!(store.customer_bookings(mail).unwrap().is_empty());
    assert_eq!(
        store.customer(mail).unwrap().unwrap().merged_into,
        Some(phone)
    );
    let found = store.find_customers("mia", 10, at(1, 9)).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].bookings, 2);
    // A new booking with the merged record's email lands on the kept one.
    assert_eq!(
        book(&mut store, 9, 10, "Mia", None, Some("MIA@example.org")),
        phone
    );
}
