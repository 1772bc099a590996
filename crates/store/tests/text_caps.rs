//! The desk checks its offline writes with the server's caps: a text past one is refused at
//! once, naming the field, with nothing stored and nothing queued (so the server never
//! refuses the queued change later for its length).
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_protocol::limits::{NAME_MAX, NOTE_MAX, REASON_MAX};
use frontdesk_store::{BookingStatus, Durability, OutboxEntry, Store, StoreError, WriteContext};
use frontdesk_testkit::studio::{hours, two_rooms};
use uuid::Uuid;

fn count(store: &Store, table: &str) -> i64 {
    store
        .connection()
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_offline_booking_past_a_cap_is_refused_and_nothing_is_queued() {
    let dir = tempfile::tempdir().unwrap();
    let config = two_rooms("Caps").week(&hours("00:00", "24:00"), &hours("00:00", "24:00"));
    let mut store = Store::open_with_studio(
        &dir.path().join("desk.sqlite"),
        "desk-1",
        Durability::Full,
        config.config().studio,
    )
    .unwrap();
    let now: DateTime<Utc> = Berlin
        .with_ymd_and_hms(2026, 6, 1, 7, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let start = now + Duration::days(1);
    let outbox = OutboxEntry {
        mutation_id: Uuid::new_v4(),
        kind: "createBooking".into(),
        payload: "{}".into(),
    };
    let ctx = WriteContext::new("desk-1", now);
    let queued = ctx.with_outbox(&outbox);
    let walk_in = |name: &str| {
        frontdesk_testkit::booking::walk_in("a", start, start + Duration::hours(1), name)
    };
    let mut long_note = walk_in("Ada");
    long_note.note = Some("ü".repeat(NOTE_MAX + 1));
    for (new, field) in [
        (walk_in(&"x".repeat(NAME_MAX + 1)), "customer.name"),
        (long_note, "note"),
    ] {
        let err = store
            .create_booking(&new, BookingStatus::Pending, &queued)
            .unwrap_err();
        assert!(
            matches!(err, StoreError::TooLong(ref e) if e.field == field),
            "{err}"
        );
    }
    for table in ["bookings", "outbox", "changes", "day_masks"] {
        assert_eq!(count(&store, table), 0, "{table}");
    }
    // A cancel's reason too.
    let (made, _) = store
        .create_booking(&walk_in("Ada"), BookingStatus::Confirmed, &ctx)
        .unwrap();
    let err = store
        .cancel_booking(made.id, Some(&"r".repeat(REASON_MAX + 1)), &ctx)
        .unwrap_err();
    assert_eq!(err.to_string(), "reason: at most 500 characters");
    assert_eq!(
        store.booking(made.id).unwrap().unwrap().status,
        BookingStatus::Confirmed
    );
}

#[test]
fn a_merge_whose_notes_together_pass_the_cap_is_refused() {
    use frontdesk_protocol::limits::CUSTOMER_NOTES_MAX;
    use frontdesk_store::customer_changes::merged_notes;
    use frontdesk_store::customers::CustomerRecord;
    let record = |notes: &str| CustomerRecord {
        id: Uuid::new_v4(),
        name: "Ada".into(),
        phone: None,
        email: None,
        notes: Some(notes.to_owned()),
        merged_into: None,
        version: 1,
        seq: 1,
    };
    let half = "n".repeat(CUSTOMER_NOTES_MAX / 2);
    let fits = merged_notes(
        &record(&half),
        &record(&"m".repeat(CUSTOMER_NOTES_MAX / 2 - 1)),
    );
    assert_eq!(fits.unwrap().unwrap().chars().count(), CUSTOMER_NOTES_MAX);
    let err = merged_notes(&record(&half), &record(&format!("{half}x"))).unwrap_err();
    assert!(err.to_string().starts_with("notes: "), "{err}");
}
