use super::*;
use crate::calendar::OpeningHours;
use crate::occupancy::Occupancy;
use chrono::TimeZone;
use chrono_tz::Europe::Berlin;

fn cal() -> Calendar {
    Calendar::new(Berlin, OpeningHours::always())
}

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Berlin
        .with_ymd_and_hms(2026, 6, 1, h, m, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn hold(room: &str, from: (u32, u32), to: (u32, u32)) -> Hold {
    Hold {
        room: RoomId::new(room).unwrap(),
        span: Span::new(at(from.0, from.1), at(to.0, to.1)).unwrap(),
    }
}

fn ttl() -> Duration {
    Duration::seconds(10)
}

#[test]
fn all_or_nothing_across_rooms() {
    let cal = cal();
    let mut book = HoldBook::new();
    let mut occ = Occupancy::new();
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    let now = at(9, 0);
    book.set(
        &cal,
        a,
        "desk1",
        vec![hold("studio-b", (14, 0), (15, 0))],
        &occ,
        now,
        ttl(),
        |_| 0,
    )
    .unwrap();
    // b asks for two rooms; one conflicts with a's hold → nothing is held for b.
    let err = book
        .set(
            &cal,
            b,
            "desk2",
            vec![
                hold("studio-a", (10, 0), (11, 0)),
                hold("studio-b", (14, 30), (16, 0)),
            ],
            &occ,
            now,
            ttl(),
            |_| 0,
        )
        .unwrap_err();
    let HoldError::Conflicts(conflicts) = err else {
        panic!("{err:?}")
    };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].room.as_str(), "studio-b");
    assert_eq!(
        (conflicts[0].start, conflicts[0].end),
        (at(14, 30), at(15, 0))
    );
    assert_eq!(conflicts[0].reason, ConflictReason::Held);
    assert!(book.session(b, now).is_none());
    assert!(book
        .held_by_others("studio-a", at(0, 0).date_naive(), None, now)
        .is_empty());

    // A booking is reported as booked, not held.
    let day = cal
        .span_days(&hold("studio-a", (10, 0), (10, 30)).span)
        .unwrap();
    occ.add(&RoomId::new("studio-a").unwrap(), day.masks());
    let err = book
        .set(
            &cal,
            b,
            "desk2",
            vec![hold("studio-a", (9, 0), (11, 0))],
            &occ,
            now,
            ttl(),
            |_| 0,
        )
        .unwrap_err();
    let HoldError::Conflicts(conflicts) = err else {
        panic!()
    };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].reason, ConflictReason::Booked);
    assert_eq!(
        (conflicts[0].start, conflicts[0].end),
        (at(10, 0), at(10, 30))
    );
}

#[test]
fn failed_set_keeps_previous_holds() {
    let cal = cal();
    let occ = Occupancy::new();
    let mut book = HoldBook::new();
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    let now = at(9, 0);
    book.set(
        &cal,
        a,
        "d",
        vec![hold("r", (10, 0), (11, 0))],
        &occ,
        now,
        ttl(),
        |_| 0,
    )
    .unwrap();
    book.set(
        &cal,
        b,
        "d",
        vec![hold("r", (12, 0), (13, 0))],
        &occ,
        now,
        ttl(),
        |_| 0,
    )
    .unwrap();
    assert!(book
        .set(
            &cal,
            a,
            "d",
            vec![hold("r", (12, 0), (13, 0))],
            &occ,
            now,
            ttl(),
            |_| 0
        )
        .is_err());
    let (holds, _) = book.session(a, now).unwrap();
    assert_eq!(holds, &[hold("r", (10, 0), (11, 0))]);
}

#[test]
fn expiry_and_renewal() {
    let cal = cal();
    let occ = Occupancy::new();
    let mut book = HoldBook::new();
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    let spans = vec![hold("r", (10, 0), (11, 0))];
    let t0 = at(9, 0);
    let set = book
        .set(&cal, a, "d", spans.clone(), &occ, t0, ttl(), |_| 0)
        .unwrap();
    assert_eq!(set.expires_at, t0 + ttl());
    assert_eq!(set.changed.len(), 1);
    // Renewed at +5 s: still live at +12 s.
    let renewed = book
        .set(
            &cal,
            a,
            "d",
            spans.clone(),
            &occ,
            t0 + Duration::seconds(5),
            ttl(),
            |_| 0,
        )
        .unwrap();
    assert!(renewed.changed.is_empty());
    let date = t0.with_timezone(&Berlin).date_naive();
    assert!(!book
        .held_by_others("r", date, None, t0 + Duration::seconds(12))
        .is_empty());
    assert!(book
        .set(
            &cal,
            b,
            "d",
            spans.clone(),
            &occ,
            t0 + Duration::seconds(12),
            ttl(),
            |_| 0
        )
        .is_err());
    // Expired at exactly +15 s: b may take it.
    let later = t0 + Duration::seconds(15);
    assert!(book.held_by_others("r", date, None, later).is_empty());
    book.set(&cal, b, "d", spans.clone(), &occ, later, ttl(), |_| 0)
        .unwrap();
    // a's renewal now fails: its holds had expired and b holds the time.
    assert!(book
        .set(&cal, a, "d", spans, &occ, later, ttl(), |_| 0)
        .is_err());
    assert_eq!(book.live_sessions(later), 1);
}

#[test]
fn release_and_isolation() {
    let cal = cal();
    let occ = Occupancy::new();
    let mut book = HoldBook::new();
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    let now = at(9, 0);
    book.set(
        &cal,
        a,
        "d",
        vec![hold("r1", (10, 0), (11, 0))],
        &occ,
        now,
        ttl(),
        |_| 0,
    )
    .unwrap();
    // Same time, another room: no conflict.
    book.set(
        &cal,
        b,
        "d",
        vec![hold("r2", (10, 0), (11, 0))],
        &occ,
        now,
        ttl(),
        |_| 0,
    )
    .unwrap();
    let changed = book.release(a);
    assert_eq!(changed.len(), 1);
    assert!(book.release(a).is_empty());
    book.set(
        &cal,
        b,
        "d",
        vec![hold("r1", (10, 0), (11, 0))],
        &occ,
        now,
        ttl(),
        |_| 0,
    )
    .unwrap();
    let date = now.with_timezone(&Berlin).date_naive();
    let views = book.holds_on("r1", date, now);
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].session, b);
    assert!(book.holds_on("r2", date, now).is_empty());
}

#[test]
fn misaligned_hold_is_an_error_and_changes_nothing() {
    let cal = cal();
    let occ = Occupancy::new();
    let mut book = HoldBook::new();
    let a = Uuid::new_v4();
    let err = book
        .set(
            &cal,
            a,
            "d",
            vec![hold("r", (10, 0), (10, 20))],
            &occ,
            at(9, 0),
            ttl(),
            |_| 0,
        )
        .unwrap_err();
    assert!(matches!(err, HoldError::Calendar { .. }));
    assert!(book.session(a, at(9, 0)).is_none());
}

#[test]
fn changeover_keeps_holds_apart_per_room() {
    let cal = cal();
    let mut book = HoldBook::new();
    let occ = Occupancy::new();
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    let now = at(9, 0);
    // Room a needs 30 minutes after each session, room b none.
    let changeover = |room: &RoomId| if room.as_str() == "a" { 30 } else { 0 };
    let first = vec![hold("a", (14, 0), (15, 0)), hold("b", (14, 0), (15, 0))];
    book.set(&cal, a, "d1", first, &occ, now, ttl(), changeover)
        .unwrap();
    let touching = vec![hold("a", (15, 0), (16, 0))];
    let Err(HoldError::Conflicts(c)) =
        book.set(&cal, b, "d2", touching, &occ, now, ttl(), changeover)
    else {
        panic!("a hold right after another one in room a was set")
    };
    assert_eq!(
        (c[0].start, c[0].end, c[0].reason),
        (at(14, 30), at(15, 0), ConflictReason::Changeover)
    );
    let apart = vec![hold("a", (15, 30), (16, 0)), hold("b", (15, 0), (16, 0))];
    book.set(&cal, b, "d2", apart, &occ, now, ttl(), changeover)
        .unwrap();
}
