//! A booking's later changes over real SQLite files: moves and resizes free the old time
//! and take the new one together, refusals change nothing, a change made to an older
//! version is refused, and the masks always equal the bookings.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, Utc};
use frontdesk_store::booking_changes::Change;
use frontdesk_store::{BookingStatus, Durability, Store, StoreError, WriteContext};
use frontdesk_testkit::booking::walk_in;
use frontdesk_testkit::clock::berlin;
use frontdesk_testkit::studio::{hours, two_rooms};
use uuid::Uuid;

/// Rooms `a` (40.00 an hour) and `b`, open 08:00–24:00 every day.
fn open(dir: &tempfile::TempDir) -> Store {
    let mut config = two_rooms("Test Studios")
        .all_week(&hours("08:00", "24:00"))
        .config();
    config.studio.rooms[0].pricing.per_hour = 4000;
    Store::open_with_studio(
        &dir.path().join("desk.sqlite"),
        "desk-1",
        Durability::Full,
        config.studio,
    )
    .unwrap()
}

fn at(h: u32) -> DateTime<Utc> {
    berlin(2026, 12, 2, h, 0)
}

fn book(store: &mut Store, room: &str, from: u32, to: u32, name: &str) -> Uuid {
    let new = walk_in(room, at(from), at(to), name);
    let id = new.id;
    store
        .create_booking(&new, BookingStatus::Confirmed, &ctx(at(8)))
        .unwrap();
    id
}

fn ctx(now: DateTime<Utc>) -> WriteContext<'static> {
    WriteContext::new("desk-1", now)
}

fn span(room: &str, from: u32, to: u32) -> Change {
    Change::Span {
        room: room.into(),
        start: at(from),
        end: at(to),
        session: None,
    }
}

/// The starts of 1 h that room offers on the day, as hours.
fn free(store: &Store, room: &str) -> Vec<u32> {
    store
        .day_slots(room, at(12).date_naive(), 60, None, None, at(8))
        .unwrap()
        .slots
        .iter()
        .filter(|s| s.status == frontdesk_core::SlotStatus::Available)
        .map(|s| chrono::Timelike::hour(&s.start.with_timezone(&chrono_tz::Europe::Berlin)))
        .collect()
}

#[test]
fn a_move_frees_the_old_time_and_takes_the_new_one_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let band = book(&mut store, "a", 10, 12, "Band");
    let other = book(&mut store, "b", 10, 11, "Other");
    assert!(!free(&store, "a").contains(&10));

    // Onto the other booking: refused, nothing changed.
    let refused = store
        .change_booking(band, 1, &span("b", 10, 12), &ctx(at(8)))
        .unwrap_err();
    assert_eq!(refused.code(), frontdesk_protocol::ErrorCode::Conflict);
    assert_eq!(store.booking(band).unwrap().unwrap().version, 1);

    // To room b after the other booking; it overlaps its own old hours in time, not room.
    let (moved, _) = store
        .change_booking(band, 1, &span("b", 11, 13), &ctx(at(8)))
        .unwrap();
    assert_eq!((moved.room.as_str(), moved.version), ("b", 2));
    assert!(free(&store, "a").contains(&10) && free(&store, "a").contains(&11));
    assert!(!free(&store, "b").contains(&11) && !free(&store, "b").contains(&12));
    assert_eq!(store.booking(other).unwrap().unwrap().version, 1);

    // Extended by an hour over its own time, then finished early at 12:00.
    let (longer, _) = store
        .change_booking(band, 2, &span("b", 11, 14), &ctx(at(8)))
        .unwrap();
    assert_eq!(longer.span.end(), at(14));
    assert!(longer.price.is_some());
    let (shorter, _) = store
        .change_booking(band, 3, &span("b", 11, 12), &ctx(at(11)))
        .unwrap();
    assert_eq!(shorter.version, 4);
    assert!(free(&store, "b").contains(&12));
    // An extension into the next booking is refused.
    book(&mut store, "b", 13, 14, "Next");
    let refused = store
        .change_booking(band, 4, &span("b", 11, 14), &ctx(at(11)))
        .unwrap_err();
    assert_eq!(refused.code(), frontdesk_protocol::ErrorCode::Conflict);
    // Off the grid: refused.
    let off = Change::Span {
        room: "b".into(),
        start: at(11),
        end: at(12) + Duration::minutes(7),
        session: None,
    };
    assert!(store.change_booking(band, 4, &off, &ctx(at(11))).is_err());
    assert_eq!(store.consistency_check().unwrap(), vec![]);
    let actions: Vec<String> = frontdesk_store::audit::for_booking(store.connection(), band)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["create", "span", "span", "span"]);
}

#[test]
fn a_change_made_to_an_older_version_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let band = book(&mut store, "a", 10, 12, "Band");
    let details = Change::Details {
        name: "Band (new phone)".into(),
        phone: Some("0170 123".into()),
        email: None,
        note: Some("  ".into()),
    };
    let (edited, _) = store
        .change_booking(band, 1, &details, &ctx(at(8)))
        .unwrap();
    assert_eq!(edited.customer.phone.as_deref(), Some("0170 123"));
    assert_eq!(edited.note, None);
    let stale = store
        .change_booking(band, 1, &span("a", 12, 14), &ctx(at(8)))
        .unwrap_err();
    assert!(matches!(
        stale,
        StoreError::StaleBooking {
            current: 2,
            expected: 1,
            ..
        }
    ));
    assert_eq!(stale.code(), frontdesk_protocol::ErrorCode::Stale);
    assert_eq!(store.booking(band).unwrap().unwrap().span.start(), at(10));
    let nameless = Change::Details {
        name: " ".into(),
        phone: None,
        email: None,
        note: None,
    };
    assert!(store
        .change_booking(band, 2, &nameless, &ctx(at(8)))
        .is_err());
    assert_eq!(store.booking(band).unwrap().unwrap().version, 2);
}

#[test]
fn check_in_and_no_show_follow_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let late = book(&mut store, "a", 10, 12, "Late band");
    // Not before the start plus the grace time.
    let early = store
        .change_booking(
            late,
            1,
            &Change::NoShow,
            &ctx(at(10) + Duration::minutes(10)),
        )
        .unwrap_err();
    assert!(early.to_string().contains("from 10:15"), "{early}");
    let (marked, _) = store
        .change_booking(
            late,
            1,
            &Change::NoShow,
            &ctx(at(10) + Duration::minutes(15)),
        )
        .unwrap();
    assert!(marked.no_show);

    let arrived = book(&mut store, "b", 10, 12, "On time");
    // Not the day before, nor more than an hour before the start.
    let too_early = store
        .change_booking(arrived, 1, &Change::CheckIn { at: at(8) }, &ctx(at(8)))
        .unwrap_err();
    assert!(too_early.to_string().contains("09:00"), "{too_early}");
    let (checked, _) = store
        .change_booking(arrived, 1, &Change::CheckIn { at: at(10) }, &ctx(at(10)))
        .unwrap();
    assert_eq!(checked.checked_in_at, Some(at(10)));
    assert!(store
        .change_booking(arrived, 2, &Change::NoShow, &ctx(at(11)))
        .is_err());
    // A cancelled booking does not change.
    store.cancel_booking(arrived, None, &ctx(at(11))).unwrap();
    let refused = store
        .change_booking(arrived, 3, &Change::CheckIn { at: at(11) }, &ctx(at(11)))
        .unwrap_err();
    assert!(
        matches!(refused, StoreError::NotChangeable { .. }),
        "{refused}"
    );
    let missing = store
        .change_booking(Uuid::new_v4(), 1, &Change::NoShow, &ctx(at(11)))
        .unwrap_err();
    assert_eq!(missing.code(), frontdesk_protocol::ErrorCode::NotFound);
}

#[test]
fn payments_are_checked_against_the_price() {
    use frontdesk_protocol::{PaymentDto, PaymentMethod, PaymentStatus};
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let id = book(&mut store, "a", 10, 12, "Payer");
    let price = store.booking(id).unwrap().unwrap().price.unwrap();
    assert_eq!(price, 8000);
    let pay = |status, amount, method| {
        Change::Payment(PaymentDto {
            status,
            amount,
            method,
        })
    };
    let too_much = store
        .change_booking(
            id,
            1,
            &pay(PaymentStatus::Paid, price + 1, Some(PaymentMethod::Card)),
            &ctx(at(9)),
        )
        .unwrap_err();
    assert!(
        too_much.to_string().starts_with("payment.amount"),
        "{too_much}"
    );
    let no_method = store
        .change_booking(id, 1, &pay(PaymentStatus::Deposit, 1000, None), &ctx(at(9)))
        .unwrap_err();
    assert!(
        no_method.to_string().starts_with("payment.method"),
        "{no_method}"
    );
    assert!(store
        .change_booking(id, 1, &pay(PaymentStatus::Unpaid, 5, None), &ctx(at(9)))
        .is_err());
    let (deposit, _) = store
        .change_booking(
            id,
            1,
            &pay(PaymentStatus::Deposit, 1000, Some(PaymentMethod::Cash)),
            &ctx(at(9)),
        )
        .unwrap();
    assert_eq!((deposit.payment.amount, deposit.version), (1000, 2));
    let (paid, _) = store
        .change_booking(
            id,
            2,
            &pay(PaymentStatus::Paid, price, Some(PaymentMethod::Card)),
            &ctx(at(12)),
        )
        .unwrap();
    assert_eq!(paid.payment.status, PaymentStatus::Paid);
    // Kept in the file.
    drop(store);
    let store = Store::open(&dir.path().join("desk.sqlite"), "desk-1", Durability::Full).unwrap();
    assert_eq!(store.booking(id).unwrap().unwrap().payment, paid.payment);
}

#[test]
fn the_no_show_grace_time_is_the_studios() {
    let dir = tempfile::tempdir().unwrap();
    let config = two_rooms("Test Studios")
        .all_week(&hours("08:00", "24:00"))
        .config();
    let studio = config.studio.with_no_show_grace(30).unwrap();
    let mut store = Store::open_with_studio(
        &dir.path().join("desk.sqlite"),
        "desk-1",
        Durability::Full,
        studio,
    )
    .unwrap();
    let late = book(&mut store, "a", 10, 12, "Late band");
    let early = store
        .change_booking(
            late,
            1,
            &Change::NoShow,
            &ctx(at(10) + Duration::minutes(20)),
        )
        .unwrap_err();
    assert!(
        early.to_string().contains("from 10:30, 30 minutes"),
        "{early}"
    );
    store
        .change_booking(
            late,
            1,
            &Change::NoShow,
            &ctx(at(10) + Duration::minutes(30)),
        )
        .unwrap();
    // Kept in the file; more than 4 hours is refused.
    drop(store);
    let store = Store::open(&dir.path().join("desk.sqlite"), "desk-1", Durability::Full).unwrap();
    assert_eq!(store.studio().no_show_grace_minutes, 30);
    assert!(store.studio().clone().with_no_show_grace(241).is_err());
}

/// The reasons of a refused write's conflicts.
fn reasons(error: StoreError) -> Vec<frontdesk_core::ConflictReason> {
    let body = error.to_body(chrono_tz::Europe::Berlin);
    assert_eq!(
        body.error,
        frontdesk_protocol::ErrorCode::Conflict,
        "{body:?}"
    );
    body.conflicts
        .unwrap_or_default()
        .iter()
        .map(|c| c.reason.into())
        .collect()
}

#[test]
fn changeover_keeps_bookings_moves_extensions_and_holds_apart_in_one_room_only() {
    use frontdesk_core::ConflictReason::Changeover;
    let dir = tempfile::tempdir().unwrap();
    let config = two_rooms("Test Studios")
        .changeover(60)
        .all_week(&hours("08:00", "24:00"))
        .config();
    let path = dir.path().join("desk.sqlite");
    let mut store =
        Store::open_with_studio(&path, "desk-1", Durability::Full, config.studio).unwrap();
    // Room a has no changeover, room b 60 minutes.
    let first = book(&mut store, "b", 10, 12, "First");
    assert_eq!(store.studio().room("b").unwrap().changeover, 60);
    let touching = |start: u32, end: u32| walk_in("b", at(start), at(end), "Next");
    for (start, end) in [(12, 13), (9, 10)] {
        let refused = store
            .create_booking(&touching(start, end), BookingStatus::Confirmed, &ctx(at(8)))
            .unwrap_err();
        assert_eq!(reasons(refused), vec![Changeover]);
    }
    let second = book(&mut store, "b", 13, 14, "Second");
    // Room a has none: bookings there may touch.
    book(&mut store, "a", 10, 12, "Room a");
    book(&mut store, "a", 12, 13, "Right after it");
    // The start times of room b leave an hour after each booking and before the next.
    let mut expected = vec![8];
    expected.extend(15..24);
    assert_eq!(free(&store, "b"), expected);
    // Extending the first booking by an hour, or moving the second one closer, is refused
    // and changes nothing.
    let longer = store
        .change_booking(first, 1, &span("b", 10, 13), &ctx(at(8)))
        .unwrap_err();
    assert_eq!(reasons(longer), vec![Changeover]);
    let closer = store
        .change_booking(second, 1, &span("b", 12, 13), &ctx(at(8)))
        .unwrap_err();
    assert_eq!(reasons(closer), vec![Changeover]);
    assert_eq!(store.booking(first).unwrap().unwrap().span.end(), at(12));
    assert_eq!(store.booking(second).unwrap().unwrap().version, 1);
    assert_eq!(store.consistency_check().unwrap(), vec![]);
    // A hold right after the second booking is refused for the changeover.
    let hold = frontdesk_core::Hold {
        room: frontdesk_core::RoomId::new("b").unwrap(),
        span: frontdesk_core::Span::new(at(14), at(15)).unwrap(),
    };
    let held = store
        .set_holds(Uuid::new_v4(), "desk-1", vec![hold], at(8))
        .unwrap_err();
    assert_eq!(reasons(held), vec![Changeover]);
    // Moving the second booking later keeps it an hour clear: 15:00 is fine.
    store
        .change_booking(second, 1, &span("b", 15, 16), &ctx(at(8)))
        .unwrap();
}
