//! Recurring series over a real SQLite file: the free occurrences are booked in one
//! transaction and the others skipped with their reason, booking the same series again
//! changes nothing, "this and all following" cancels exactly those, bad rules write nothing.
#![allow(clippy::unwrap_used)]

use chrono::{Datelike, NaiveDate, NaiveTime};
use frontdesk_core::{Repeat, RoomId, SeriesEnd, SeriesRule, SkipReason};
use frontdesk_store::series::{NewSeries, SeriesShift};
use frontdesk_store::{BookingStatus, Durability, Store, WriteContext};
use frontdesk_testkit::booking::walk_in;
use frontdesk_testkit::clock::berlin;
use frontdesk_testkit::studio::{hours, two_rooms};
use uuid::Uuid;

fn series(first: NaiveDate, end: SeriesEnd) -> NewSeries {
    NewSeries {
        id: Uuid::new_v4(),
        rule: SeriesRule {
            room: RoomId::new("a").unwrap(),
            first,
            start: NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
            minutes: 120,
            repeat: Repeat::Weekly { weeks: 1 },
            end,
        },
        name: "The Weekly Band".into(),
        phone: Some("+49 30 555 0199".into()),
        email: None,
        note: None,
        session: None,
    }
}

#[test]
fn a_series_books_the_free_occurrences_and_skips_the_taken_ones() {
    let dir = tempfile::tempdir().unwrap();
    let config = two_rooms("Test Studios")
        .all_week(&hours("08:00", "24:00"))
        .config();
    let path = dir.path().join("desk.sqlite");
    let mut store =
        Store::open_with_studio(&path, "desk-1", Durability::Full, config.studio).unwrap();
    let now = berlin(2026, 10, 1, 9, 0);
    let ctx = WriteContext::new("desk-1", now);
    // Two Tuesdays are taken at 20:00 already.
    for day in [20, 27] {
        let start = berlin(2026, 10, day, 20, 0);
        let taken = walk_in(
            "a",
            start,
            start + chrono::Duration::hours(1),
            "Someone else",
        );
        store
            .create_booking(&taken, BookingStatus::Confirmed, &ctx)
            .unwrap();
    }
    // Ten Tuesdays at 19:00 from 6 October, across the end of summer time (25 October).
    let weekly = series(
        NaiveDate::from_ymd_opt(2026, 10, 6).unwrap(),
        SeriesEnd::Times(10),
    );
    let preview = store.preview_series(&weekly.rule, None, now).unwrap();
    assert_eq!(preview.len(), 10);
    let done = store
        .book_series(&weekly, BookingStatus::Confirmed, &ctx, |_| Ok(None))
        .unwrap();
    assert_eq!(done.booked.len(), 8);
    let skipped: Vec<(u32, Option<SkipReason>)> = done
        .skipped
        .iter()
        .map(|o| (o.date.day(), o.skip))
        .collect();
    assert_eq!(
        skipped,
        vec![
            (20, Some(SkipReason::Booked)),
            (27, Some(SkipReason::Booked))
        ]
    );
    // Each occurrence is a booking of its own that knows its series, at 19:00 local time.
    for b in &done.booked {
        assert_eq!(b.series, Some(weekly.id));
        let local = b.span.start().with_timezone(&chrono_tz::Europe::Berlin);
        assert_eq!(local.format("%a %H:%M").to_string(), "Tue 19:00");
    }
    assert_eq!(store.consistency_check().unwrap(), vec![]);
    // The same series again (a retried request) books nothing new.
    let again = store
        .book_series(&weekly, BookingStatus::Confirmed, &ctx, |_| Ok(None))
        .unwrap();
    assert_eq!(again.booked.len(), 8);
    assert_eq!(store.series_bookings(weekly.id).unwrap().len(), 8);
    // "This and all following" from the fifth occurrence (10 November) on.
    let fifth = done.booked[3].id;
    assert_eq!(done.booked[3].span.start(), berlin(2026, 11, 10, 19, 0));
    let cancelled = store
        .cancel_series_from(fifth, Some("band split"), &ctx, |_| Ok(None))
        .unwrap();
    assert_eq!(cancelled.len(), 5);
    assert!(cancelled
        .iter()
        .all(|b| b.status == BookingStatus::Cancelled));
    let left: Vec<_> = store
        .series_bookings(weekly.id)
        .unwrap()
        .into_iter()
        .filter(|b| b.status == BookingStatus::Confirmed)
        .map(|b| b.span.start())
        .collect();
    assert_eq!(
        left,
        vec![
            berlin(2026, 10, 6, 19, 0),
            berlin(2026, 10, 13, 19, 0),
            berlin(2026, 11, 3, 19, 0)
        ]
    );
    assert_eq!(store.consistency_check().unwrap(), vec![]);
    // A booking outside any series cannot be cancelled "with the following".
    let single = store
        .bookings_between(
            Some("a"),
            berlin(2026, 10, 20, 0, 0),
            berlin(2026, 10, 21, 0, 0),
        )
        .unwrap();
    let err = store
        .cancel_series_from(single[0].id, None, &ctx, |_| Ok(None))
        .unwrap_err();
    assert!(err.to_string().contains("not part of a series"), "{err}");
}

#[test]
fn bad_series_are_refused_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let config = two_rooms("Test Studios").config();
    let path = dir.path().join("desk.sqlite");
    let mut store =
        Store::open_with_studio(&path, "desk-1", Durability::Full, config.studio).unwrap();
    let now = berlin(2026, 10, 1, 9, 0);
    let ctx = WriteContext::new("desk-1", now);
    let first = NaiveDate::from_ymd_opt(2026, 10, 6).unwrap();
    let mut zero = series(first, SeriesEnd::Times(4));
    zero.rule.repeat = Repeat::Weekly { weeks: 0 };
    let long = series(
        first,
        SeriesEnd::Until(NaiveDate::from_ymd_opt(2028, 1, 1).unwrap()),
    );
    for bad in [zero, long] {
        let err = store
            .book_series(&bad, BookingStatus::Confirmed, &ctx, |_| Ok(None))
            .unwrap_err();
        assert_eq!(err.code(), frontdesk_protocol::ErrorCode::Invalid, "{err}");
        assert!(store.series_bookings(bad.id).unwrap().is_empty());
    }
    assert!(store
        .bookings_between(None, berlin(2026, 10, 1, 0, 0), berlin(2028, 1, 2, 0, 0))
        .unwrap()
        .is_empty());
}

#[test]
fn this_and_all_following_move_together_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let config = two_rooms("Test Studios")
        .all_week(&hours("08:00", "24:00"))
        .config();
    let path = dir.path().join("desk.sqlite");
    let mut store =
        Store::open_with_studio(&path, "desk-1", Durability::Full, config.studio).unwrap();
    let ctx = WriteContext::new("desk-1", berlin(2026, 10, 1, 9, 0));
    let weekly = series(
        NaiveDate::from_ymd_opt(2026, 10, 6).unwrap(),
        SeriesEnd::Times(4),
    );
    let done = store
        .book_series(&weekly, BookingStatus::Confirmed, &ctx, |_| Ok(None))
        .unwrap();
    // Room b is taken on the third Tuesday at 20:30.
    let start = berlin(2026, 10, 20, 20, 30);
    let taken = walk_in(
        "b",
        start,
        start + chrono::Duration::hours(1),
        "Someone else",
    );
    store
        .create_booking(&taken, BookingStatus::Confirmed, &ctx)
        .unwrap();
    let second = done.booked[1].id;
    let shift = |start: (u32, u32), minutes| SeriesShift {
        room: "b".into(),
        start: NaiveTime::from_hms_opt(start.0, start.1, 0).unwrap(),
        minutes,
    };
    // 20:00 for an hour collides on the third week: nothing moves.
    let refused = store
        .change_series_from(second, &shift((20, 0), 60), &ctx, |_, _| Ok(None))
        .unwrap_err();
    assert_eq!(
        refused.code(),
        frontdesk_protocol::ErrorCode::Conflict,
        "{refused}"
    );
    let rooms = |store: &Store| -> Vec<(String, String)> {
        store
            .series_bookings(weekly.id)
            .unwrap()
            .iter()
            .map(|b| {
                let local = b.span.start().with_timezone(&chrono_tz::Europe::Berlin);
                (b.room.to_string(), local.format("%d %H:%M").to_string())
            })
            .collect()
    };
    let before = rooms(&store);
    assert!(before.iter().all(|(room, _)| room == "a"));
    // 18:00 for 90 minutes fits: the first week stays, the others move.
    let moved = store
        .change_series_from(second, &shift((18, 0), 90), &ctx, |_, _| Ok(None))
        .unwrap();
    assert_eq!(moved.len(), 3);
    assert!(moved
        .iter()
        .all(|b| b.version == 2 && b.span.duration() == chrono::Duration::minutes(90)));
    assert_eq!(
        rooms(&store),
        [
            ("a", "06 19:00"),
            ("b", "13 18:00"),
            ("b", "20 18:00"),
            ("b", "27 18:00")
        ]
        .map(|(r, t)| (r.to_owned(), t.to_owned()))
    );
    assert_eq!(store.consistency_check().unwrap(), vec![]);
    // A start off the quarter hour is refused naming what is wrong.
    let odd = store
        .change_series_from(second, &shift((18, 10), 90), &ctx, |_, _| Ok(None))
        .unwrap_err();
    assert!(odd.to_string().contains("quarter hour"), "{odd}");
}
