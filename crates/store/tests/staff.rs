//! Staff and the audit log over real SQLite files: PINs stored as salted hashes and kept
//! when not resent, bad staff lists refused naming the field with nothing saved, a room with
//! bookings ahead kept, and the activity screen's filters.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Utc};
use frontdesk_protocol::{StaffRef, StaffRole};
use frontdesk_store::audit::{ActivityFilter, Who};
use frontdesk_store::staff::pin_matches;
use frontdesk_store::{
    BookingStatus, Durability, NewBooking, Store, StoreError, StudioConfig, WriteContext,
};
use frontdesk_testkit::clock::berlin;
use frontdesk_testkit::staff::{admin, keeping_pins, staff};
use frontdesk_testkit::studio::{hours, two_rooms};
use uuid::Uuid;

fn studio() -> StudioConfig {
    two_rooms("Test Studios")
        .all_week(&hours("08:00", "24:00"))
        .config()
}

fn open(dir: &tempfile::TempDir) -> Store {
    let path = dir.path().join("desk.sqlite");
    Store::open_with_studio(&path, "desk-1", Durability::Full, studio().studio).unwrap()
}

fn booking(room: &str, start: DateTime<Utc>, name: &str) -> NewBooking {
    frontdesk_testkit::booking::walk_in(room, start, start + chrono::Duration::hours(1), name)
}

#[test]
fn staff_are_saved_with_salted_pins_and_keep_them_when_not_resent() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let now = berlin(2026, 11, 25, 9, 0);
    let team = vec![admin("Mia", "471100"), staff("Jo", "123456")];
    let studio = store.studio().clone();
    let v = store.studio_version();
    let v = store
        .change_studio(studio.clone(), Some(&team), v, Who::desk("desk-1"), now)
        .unwrap();

    let saved = store.staff().unwrap();
    assert_eq!(
        saved
            .iter()
            .map(|m| (m.name.as_str(), m.role))
            .collect::<Vec<_>>(),
        [("Mia", StaffRole::Admin), ("Jo", StaffRole::Staff)]
    );
    assert!(saved.iter().all(|m| m.pin_hash.starts_with("$argon2id$")));
    assert!(!saved.iter().any(|m| m.pin_hash.contains("471100")));
    assert!(pin_matches(&saved[0].pin_hash, "471100"));
    assert!(!pin_matches(&saved[0].pin_hash, "123456"));

    // Renamed, without PINs: both keep theirs.
    let mut again = keeping_pins(&team);
    again[1].name = "Jo Weber".into();
    let v = store
        .change_studio(studio.clone(), Some(&again), v, Who::desk("desk-1"), now)
        .unwrap();
    let kept = store.staff().unwrap();
    assert_eq!(kept[1].name, "Jo Weber");
    assert!(pin_matches(&kept[1].pin_hash, "123456"));

    // A newcomer without a PIN, and a PIN too short: refused naming the field, nothing saved.
    let mut newcomer = keeping_pins(&team);
    newcomer.push(frontdesk_protocol::StaffUpdate {
        pin: None,
        ..staff("Ali", "000000")
    });
    let refused = store
        .change_studio(studio.clone(), Some(&newcomer), v, Who::desk("desk-1"), now)
        .unwrap_err();
    assert!(
        refused.to_string().starts_with("staff[2].pin:"),
        "{refused}"
    );
    let mut short = keeping_pins(&team);
    short.push(staff("Ali", "4711"));
    let refused = store
        .change_studio(studio, Some(&short), v, Who::desk("desk-1"), now)
        .unwrap_err();
    assert!(
        refused
            .to_string()
            .starts_with("staff[2].pin: a PIN has 6 to 8 digits"),
        "{refused}"
    );
    assert_eq!(store.studio_version(), v);
    assert_eq!(store.staff().unwrap(), kept);

    // Kept in the file.
    drop(store);
    let store = Store::open(&dir.path().join("desk.sqlite"), "desk-1", Durability::Full).unwrap();
    assert_eq!(store.staff().unwrap(), kept);
}

#[test]
fn a_room_with_bookings_ahead_cannot_be_removed_and_the_refusal_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let now = berlin(2026, 11, 25, 9, 0);
    let ctx = WriteContext::new("desk-1", now);
    store
        .create_booking(
            &booking("b", berlin(2026, 11, 27, 19, 0), "The Driftwood"),
            BookingStatus::Confirmed,
            &ctx,
        )
        .unwrap();
    let mut without_b = store.studio().clone();
    without_b.rooms.retain(|r| r.id.as_str() != "b");
    let v = store.studio_version();
    let refused = store
        .change_studio(without_b.clone(), None, v, Who::desk("desk-1"), now)
        .unwrap_err();
    assert!(matches!(refused, StoreError::RoomHasBookings { .. }));
    let message = refused.to_string();
    assert!(
        message.contains("2026-11-27 19:00 The Driftwood"),
        "{message}"
    );
    assert_eq!(store.studio().rooms.len(), 2);
    assert_eq!(store.studio_version(), v);

    // After the booking's end the room can go.
    let later = berlin(2026, 11, 27, 20, 0);
    store
        .change_studio(without_b, None, v, Who::desk("desk-1"), later)
        .unwrap();
    assert_eq!(store.studio().rooms.len(), 1);
}

#[test]
fn the_activity_log_names_the_staff_member_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let mia = StaffRef::new(Uuid::new_v4(), "Mia");
    let jo = StaffRef::new(Uuid::new_v4(), "Jo");
    let day1 = berlin(2026, 11, 25, 9, 0);
    let day2 = berlin(2026, 11, 26, 9, 0);
    let first = booking("a", berlin(2026, 11, 28, 10, 0), "Band A");
    let second = booking("b", berlin(2026, 11, 28, 10, 0), "Band B");
    let by = |who, now| WriteContext::new("reception", now).by(Some(who));
    store
        .create_booking(&first, BookingStatus::Confirmed, &by(&mia, day1))
        .unwrap();
    store
        .create_booking(&second, BookingStatus::Confirmed, &by(&jo, day2))
        .unwrap();
    store
        .cancel_booking(first.id, Some("called off"), &by(&jo, day2))
        .unwrap();

    let all = store
        .activity(&ActivityFilter {
            limit: 50,
            ..Default::default()
        })
        .unwrap();
    let lines: Vec<_> = all
        .iter()
        .map(|e| {
            (
                e.staff.as_ref().map(|s| s.name.as_str()),
                e.action.as_str(),
                e.customer.as_deref(),
                e.desk.as_str(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (Some("Jo"), "cancel", Some("Band A"), "reception"),
            (Some("Jo"), "create", Some("Band B"), "reception"),
            (Some("Mia"), "create", Some("Band A"), "reception"),
        ]
    );
    let of = |filter: ActivityFilter| {
        store
            .activity(&ActivityFilter {
                limit: 50,
                ..filter
            })
            .unwrap()
            .len()
    };
    assert_eq!(
        of(ActivityFilter {
            staff: Some(mia.id),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        of(ActivityFilter {
            room: Some("a".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        of(ActivityFilter {
            booking: Some(second.id),
            ..Default::default()
        }),
        1
    );
    let (from, to) = (berlin(2026, 11, 25, 0, 0), berlin(2026, 11, 26, 0, 0));
    assert_eq!(
        of(ActivityFilter {
            from: Some(from),
            to: Some(to),
            ..Default::default()
        }),
        1
    );
    let newest_two = store
        .activity(&ActivityFilter {
            limit: 2,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(newest_two, all[..2]);
}

#[test]
fn lockouts_and_departures_are_kept_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let now = berlin(2026, 11, 25, 9, 0);
    let team = vec![admin("Mia", "471100"), staff("Jo", "123456")];
    let studio = store.studio().clone();
    let v = store.studio_version();
    let v = store
        .change_studio(studio.clone(), Some(&team), v, Who::desk("desk-1"), now)
        .unwrap();
    let jo = team[1].id;
    for _ in 0..3 {
        store.record_pin_try(jo, false, now).unwrap();
    }
    let later = now + chrono::Duration::hours(1);
    store
        .change_studio(
            studio,
            Some(&keeping_pins(&team[..1])),
            v,
            Who::desk("desk-1"),
            later,
        )
        .unwrap();

    drop(store);
    let store = Store::open(&dir.path().join("desk.sqlite"), "desk-1", Durability::Full).unwrap();
    let tries = store.pin_tries(jo).unwrap();
    assert_eq!(tries.wrong, 3);
    assert_eq!(tries.wait(now), Some(chrono::Duration::seconds(30)));
    assert_eq!(
        store.staff_left_at(jo).unwrap(),
        Some((later, "Jo".to_owned()))
    );
    assert_eq!(store.staff_left_at(team[0].id).unwrap(), None);
}
