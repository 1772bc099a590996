//! Customers' phone numbers on a desk's file: parsed with the studio's country, kept in
//! E.164 and matched by it; what does not parse is kept as typed and flagged.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Utc};
use frontdesk_store::customers::{CustomerEdit, CustomerRecord};
use frontdesk_store::{BookingStatus, Durability, Store, WriteContext};
use frontdesk_testkit::booking::walk_in;
use frontdesk_testkit::clock::berlin;
use frontdesk_testkit::studio::two_rooms;

fn at(d: u32, h: u32) -> DateTime<Utc> {
    berlin(2026, 12, d, h, 0)
}

/// A studio's desk file whose country is `country` (`None`: the timezone's, Berlin's).
fn desk(dir: &std::path::Path, country: Option<&str>) -> Store {
    let mut studio = two_rooms("Phone Studios").config().studio;
    if let Some(code) = country {
        studio = studio.with_country(Some(code.parse().unwrap()));
    }
    Store::open_with_studio(&dir.join("desk.sqlite"), "desk", Durability::Full, studio).unwrap()
}

/// Books room `a` on day `d` at 10:00 for a customer with this phone; their record.
fn book(store: &mut Store, d: u32, name: &str, phone: &str) -> CustomerRecord {
    let mut new = walk_in("a", at(d, 10), at(d, 11), name);
    new.phone = Some(phone.to_owned());
    let ctx = WriteContext::new("desk", at(1, 8));
    let (booking, _) = store
        .create_booking(&new, BookingStatus::Confirmed, &ctx)
        .unwrap();
    store
        .customer(booking.customer_id.unwrap())
        .unwrap()
        .unwrap()
}

#[test]
fn a_number_typed_nationally_and_internationally_is_one_customer_in_e164() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = desk(dir.path(), None);
    let first = book(&mut store, 2, "Mia", "0171 2345678");
    let second = book(&mut store, 3, "Mia M.", "+49 171 2345678");
    let third = book(&mut store, 4, "Mia", "0049 (171) 234-56-78");
    assert_eq!((second.id, third.id), (first.id, first.id));
    assert_eq!(first.phone.as_deref(), Some("+491712345678"));
    assert!(!first.phone_unparsed());
    // Another number with the same last nine digits is someone else now.
    let other = book(&mut store, 5, "Olaf", "+43 1 712345678");
    assert_ne!(other.id, first.id);
    assert_eq!(other.phone.as_deref(), Some("+431712345678"));
}

#[test]
fn a_studio_in_another_country_reads_numbers_as_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = desk(dir.path(), Some("AT"));
    let vic = book(&mut store, 2, "Vic", "0664 1234567");
    assert_eq!(vic.phone.as_deref(), Some("+436641234567"));
    assert_eq!(book(&mut store, 3, "Vic", "+43 664 1234567").id, vic.id);
    // The digits of a German mobile number typed nationally are a Vienna number here.
    let vienna = book(&mut store, 4, "Wien", "0171 2345678");
    assert_eq!(vienna.phone.as_deref(), Some("+431712345678"));
    // In a British studio they are no number at all: kept as typed, flagged.
    let london = tempfile::tempdir().unwrap();
    let mut store = desk(london.path(), Some("GB"));
    let mia = book(&mut store, 5, "Mia", "0171 2345678");
    assert_eq!(mia.phone.as_deref(), Some("0171 2345678"));
    assert!(mia.phone_unparsed());
    // Typed with its country code it parses anywhere, and is a record of its own.
    let intl = book(&mut store, 6, "Mia", "+49 171 2345678");
    assert_eq!(intl.phone.as_deref(), Some("+491712345678"));
    assert_ne!(intl.id, mia.id);
}

#[test]
fn garbage_is_kept_as_typed_flagged_and_still_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = desk(dir.path(), None);
    let gil = book(&mut store, 2, "Gil", "ask Gil at the bar, 0815");
    assert_eq!(gil.phone.as_deref(), Some("ask Gil at the bar, 0815"));
    assert!(gil.phone_unparsed());
    assert!(gil.to_dto().phone_unparsed);
    // The same text again is the same record; the digits are its key.
    assert_eq!(
        book(&mut store, 3, "Gil", "ask Gil at the bar, 0815").id,
        gil.id
    );
    let found = store.find_customers("0815", 5, at(10, 8)).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].customer.id, gil.id);
}

#[test]
fn an_edited_number_is_kept_in_e164_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = desk(dir.path(), None);
    let gil = book(&mut store, 2, "Gil", "tbd");
    let edit = CustomerEdit {
        name: "Gil".into(),
        phone: Some(" 0171 / 234 56 78 ".into()),
        email: None,
        notes: None,
    };
    let ctx = WriteContext::new("desk", at(2, 12));
    let (edited, _) = store.edit_customer(gil.id, 1, &edit, &ctx).unwrap();
    assert_eq!(edited.phone.as_deref(), Some("+491712345678"));
    assert!(!edited.to_dto().phone_unparsed);
    // A booking typed the other way now finds the edited record.
    assert_eq!(book(&mut store, 3, "Gil", "+49 171 2345678").id, gil.id);
}
