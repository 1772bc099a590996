//! The store over real SQLite files in a temp dir.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_core::{BookingError, ConflictReason, Hold, HoldError, RoomId, Span};
use frontdesk_store::{
    BookingStatus, Durability, NewBooking, OutboxEntry, Store, StoreError, StudioConfig,
    WriteContext, WriteOutcome,
};
use frontdesk_testkit::studio::{hours, two_rooms, StudioToml};
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use uuid::Uuid;

fn ctx(now: DateTime<Utc>) -> WriteContext<'static> {
    WriteContext::new("desk-1", now)
}

fn berlin(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Berlin
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

/// Rooms `a` (60, 120 minutes) and `b` (60); weekdays 08:00–24:00, weekends all day.
fn studio() -> StudioConfig {
    two_rooms("Test Studios")
        .week(&hours("08:00", "24:00"), &hours("00:00", "24:00"))
        .config()
}

fn open(path: &Path) -> Store {
    let config = studio();
    Store::open_with_studio(path, "desk-1", Durability::Full, config.studio).unwrap()
}

fn booking(room: &str, start: DateTime<Utc>, end: DateTime<Utc>, name: &str) -> NewBooking {
    frontdesk_testkit::booking::walk_in(room, start, end, name)
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .connection()
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn create_cancel_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    let now = berlin(2026, 6, 1, 7, 0);
    let id;
    {
        let mut store = open(&path);
        let new = booking(
            "a",
            berlin(2026, 6, 1, 10, 0),
            berlin(2026, 6, 1, 12, 0),
            " Ada ",
        );
        id = new.id;
        let (rec, outcome) = store
            .create_booking(&new, BookingStatus::Confirmed, &ctx(now))
            .unwrap();
        assert_eq!(outcome, WriteOutcome::Applied);
        assert_eq!(rec.customer.name, "Ada");
        assert_eq!(rec.desk, "desk-1");
        // Replaying the same booking is harmless; reusing its id for other content is not.
        let (again, outcome) = store
            .create_booking(&new, BookingStatus::Confirmed, &ctx(now))
            .unwrap();
        assert_eq!((again, outcome), (rec.clone(), WriteOutcome::Duplicate));
        let mut other = new.clone();
        other.name = "Bob".into();
        assert!(matches!(
            store.create_booking(&other, BookingStatus::Confirmed, &ctx(now)),
            Err(StoreError::IdReused(x)) if x == id
        ));
        // Overlap → conflict naming the overlapping quarter hours, nothing written.
        let overlap = booking(
            "a",
            berlin(2026, 6, 1, 11, 0),
            berlin(2026, 6, 1, 13, 0),
            "Cy",
        );
        let err = store
            .create_booking(&overlap, BookingStatus::Confirmed, &ctx(now))
            .unwrap_err();
        let StoreError::Booking(BookingError::Conflicts(c)) = err else {
            panic!("{err}")
        };
        assert_eq!(
            (c[0].start, c[0].end),
            (berlin(2026, 6, 1, 11, 0), berlin(2026, 6, 1, 12, 0))
        );
        assert_eq!(c[0].reason, ConflictReason::Booked);
        assert_eq!(count(&store, "bookings"), 1);
        // Another room is independent.
        let b = booking(
            "b",
            berlin(2026, 6, 1, 11, 0),
            berlin(2026, 6, 1, 12, 0),
            "Di",
        );
        store
            .create_booking(&b, BookingStatus::Confirmed, &ctx(now))
            .unwrap();
        assert!(store.consistency_check().unwrap().is_empty());
    }
    // Reopen: everything is there, the studio included.
    let mut store = Store::open(&path, "desk-1", Durability::Full).unwrap();
    assert_eq!(store.studio().name, "Test Studios");
    assert_eq!(
        store.booking(id).unwrap().unwrap().status,
        BookingStatus::Confirmed
    );
    let (cancelled, _) = store
        .cancel_booking(id, Some("called off"), &ctx(now))
        .unwrap();
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert_eq!(cancelled.status_reason.as_deref(), Some("called off"));
    let (_, outcome) = store.cancel_booking(id, None, &ctx(now)).unwrap();
    assert_eq!(outcome, WriteOutcome::Duplicate);
    // The time is free again at once.
    let again = booking(
        "a",
        berlin(2026, 6, 1, 10, 0),
        berlin(2026, 6, 1, 11, 0),
        "Eve",
    );
    store
        .create_booking(&again, BookingStatus::Confirmed, &ctx(now))
        .unwrap();
    assert!(store.consistency_check().unwrap().is_empty());
    assert!(matches!(
        store.cancel_booking(Uuid::new_v4(), None, &ctx(now)),
        Err(StoreError::NotFound(_))
    ));
    let audit = frontdesk_store::audit::for_booking(store.connection(), id).unwrap();
    assert_eq!(
        audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(),
        vec!["create", "cancel"]
    );
}

#[test]
fn bad_input_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("desk.sqlite"));
    let now = berlin(2026, 6, 1, 7, 0);
    let cases = [
        (
            booking(
                "a",
                berlin(2026, 6, 1, 10, 5),
                berlin(2026, 6, 1, 11, 0),
                "A",
            ),
            "misaligned",
        ),
        (
            booking(
                "a",
                berlin(2026, 6, 1, 10, 0),
                berlin(2026, 6, 1, 10, 0),
                "A",
            ),
            "empty",
        ),
        (
            booking(
                "a",
                berlin(2026, 6, 1, 11, 0),
                berlin(2026, 6, 1, 10, 0),
                "A",
            ),
            "reversed",
        ),
        (
            booking(
                "zz",
                berlin(2026, 6, 1, 10, 0),
                berlin(2026, 6, 1, 11, 0),
                "A",
            ),
            "unknown room",
        ),
        (
            booking(
                "a",
                berlin(2026, 6, 1, 10, 0),
                berlin(2026, 6, 1, 11, 0),
                "  ",
            ),
            "empty name",
        ),
        (
            booking("a", berlin(2026, 6, 1, 6, 0), berlin(2026, 6, 1, 9, 0), "A"),
            "closed",
        ),
        (
            booking(
                "a",
                berlin(2026, 6, 1, 10, 0),
                berlin(2026, 6, 16, 10, 0),
                "A",
            ),
            "too long",
        ),
    ];
    let outbox = OutboxEntry {
        mutation_id: Uuid::new_v4(),
        kind: "createBooking".into(),
        payload: "{}".into(),
    };
    for (new, what) in cases {
        let err = store
            .create_booking(&new, BookingStatus::Pending, &ctx(now).with_outbox(&outbox))
            .expect_err(what);
        assert!(!err.to_string().is_empty());
    }
    for table in ["bookings", "day_masks", "audit", "outbox", "changes"] {
        assert_eq!(count(&store, table), 0, "{table}");
    }
}

#[test]
fn offline_booking_commits_with_its_outbox_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("desk.sqlite"));
    let now = berlin(2026, 6, 1, 7, 0);
    let new = booking(
        "a",
        berlin(2026, 6, 1, 10, 0),
        berlin(2026, 6, 1, 11, 0),
        "Walk-in",
    );
    let entry = OutboxEntry {
        mutation_id: Uuid::new_v4(),
        kind: "createBooking".into(),
        payload: "{\"x\":1}".into(),
    };
    let (rec, _) = store
        .create_booking(&new, BookingStatus::Pending, &ctx(now).with_outbox(&entry))
        .unwrap();
    assert_eq!(rec.status, BookingStatus::Pending);
    let queued = store.outbox_peek(10).unwrap();
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].entry, entry);
    store
        .outbox_failed(entry.mutation_id, "server unreachable")
        .unwrap();
    assert_eq!(store.outbox_peek(10).unwrap()[0].attempts, 1);
    store.outbox_done(entry.mutation_id).unwrap();
    assert_eq!(store.outbox_len().unwrap(), 0);
    store.set_sync_cursor(42).unwrap();
    assert_eq!(store.sync_cursor().unwrap(), 42);
}

#[test]
fn holds_block_other_sessions_until_released_or_expired() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("desk.sqlite"));
    let now = berlin(2026, 6, 1, 7, 0);
    let (mine, theirs) = (Uuid::new_v4(), Uuid::new_v4());
    let span = Span::new(berlin(2026, 6, 1, 10, 0), berlin(2026, 6, 1, 11, 0)).unwrap();
    let hold = |room: &str| Hold {
        room: RoomId::new(room).unwrap(),
        span,
    };
    store
        .set_holds(theirs, "desk-2", vec![hold("a")], now)
        .unwrap();
    // My booking over their hold fails; my hold too, on both rooms at once.
    let mut new = booking("a", span.start(), span.end(), "Me");
    new.session = Some(mine);
    assert!(matches!(
        store.create_booking(&new, BookingStatus::Confirmed, &ctx(now)),
        Err(StoreError::Booking(BookingError::Conflicts(_)))
    ));
    let err = store
        .set_holds(mine, "desk-1", vec![hold("b"), hold("a")], now)
        .unwrap_err();
    let StoreError::Hold(HoldError::Conflicts(c)) = err else {
        panic!()
    };
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].reason, ConflictReason::Held);
    assert!(store.holds().session(mine, now).is_none());
    // Unknown rooms are an error.
    assert!(matches!(
        store.set_holds(mine, "desk-1", vec![hold("zz")], now),
        Err(StoreError::Studio(_))
    ));
    // Day slots: reserved for me, available for the holder.
    let date = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let for_me = store
        .day_slots("a", date, 60, None, Some(mine), now)
        .unwrap();
    let ten = for_me
        .slots
        .iter()
        .find(|s| s.start == span.start())
        .unwrap();
    assert_eq!(ten.status, frontdesk_core::SlotStatus::Reserved);
    let for_them = store
        .day_slots("a", date, 60, None, Some(theirs), now)
        .unwrap();
    assert_eq!(
        for_them
            .slots
            .iter()
            .find(|s| s.start == span.start())
            .unwrap()
            .status,
        frontdesk_core::SlotStatus::Available
    );
    // After expiry (10 s without heartbeat) I can book; my own hold is released by it.
    let later = now + Duration::seconds(10);
    store
        .set_holds(mine, "desk-1", vec![hold("a")], later)
        .unwrap();
    store
        .create_booking(&new, BookingStatus::Confirmed, &ctx(later))
        .unwrap();
    assert!(store.holds().session(mine, later).is_none());
    let month = store
        .month_availability("a", 2026, 6, 60, None, later)
        .unwrap();
    assert_eq!(month.len(), 30);
}

#[test]
fn multi_day_booking_over_dst() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("desk.sqlite"));
    let now = berlin(2026, 3, 20, 7, 0);
    // Friday 2026-03-27 20:00 → Monday 2026-03-30 00:00 (over the 92-quanta Sunday).
    let new = booking(
        "a",
        berlin(2026, 3, 27, 20, 0),
        berlin(2026, 3, 30, 0, 0),
        "Band",
    );
    store
        .create_booking(&new, BookingStatus::Confirmed, &ctx(now))
        .unwrap();
    assert_eq!(count(&store, "day_masks"), 3);
    let sunday = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
    let slots = store.day_slots("a", sunday, 60, None, None, now).unwrap();
    assert_eq!(slots.quanta, 92);
    assert!(slots.slots.is_empty());
    assert!(store.consistency_check().unwrap().is_empty());
    // Into Monday's closed night: refused.
    let late = booking(
        "b",
        berlin(2026, 3, 29, 22, 0),
        berlin(2026, 3, 30, 1, 0),
        "Late",
    );
    let err = store
        .create_booking(&late, BookingStatus::Confirmed, &ctx(now))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("closed during part of Sun 29 Mar 22:00 – Mon 30 Mar 01:00"),
        "{err}"
    );
    store.cancel_booking(new.id, None, &ctx(now)).unwrap();
    assert_eq!(count(&store, "day_masks"), 0);
    assert_eq!(
        store
            .day_slots("a", sunday, 60, None, None, now)
            .unwrap()
            .slots
            .len(),
        23
    );
}

#[test]
fn consistency_check_finds_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("desk.sqlite"));
    let now = berlin(2026, 6, 1, 7, 0);
    let new = booking(
        "a",
        berlin(2026, 6, 1, 10, 0),
        berlin(2026, 6, 1, 11, 0),
        "Ada",
    );
    store
        .create_booking(&new, BookingStatus::Confirmed, &ctx(now))
        .unwrap();
    store
        .connection()
        .execute("DELETE FROM day_masks", [])
        .unwrap();
    let diff = store.consistency_check().unwrap();
    assert_eq!(diff.len(), 1);
    assert_eq!(diff[0].room.as_str(), "a");
    assert_eq!(diff[0].expected.count(), 4);
    assert!(diff[0].stored.is_empty());
}

static STATEMENTS: AtomicUsize = AtomicUsize::new(0);

fn count_statement(event: TraceEvent<'_>) {
    if let TraceEvent::Stmt(_, _) = event {
        STATEMENTS.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn rooms_status_uses_two_queries_for_any_number_of_rooms() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("server.sqlite");
    let config = StudioToml::new("Big").numbered_rooms(100, &[60]).config();
    let mut store =
        Store::open_with_studio(&path, "server", Durability::Normal, config.studio).unwrap();
    let day = |h| berlin(2026, 6, 1, h, 0);
    let now = day(0);
    for i in 0..100 {
        let room = format!("r{i}");
        for h in [9, 11, 13, 15, 17] {
            store
                .create_booking(
                    &booking(&room, day(h), day(h + 1), "X"),
                    BookingStatus::Confirmed,
                    &ctx(now),
                )
                .unwrap();
        }
    }
    let at = berlin(2026, 6, 1, 9, 30);
    for n in [1usize, 10, 100] {
        let rooms: Vec<String> = (0..n).map(|i| format!("r{i}")).collect();
        store
            .connection()
            .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(count_statement));
        STATEMENTS.store(0, Ordering::SeqCst);
        let status = store.rooms_status(&rooms, at, now).unwrap();
        let statements = STATEMENTS.load(Ordering::SeqCst);
        store.connection().trace_v2(TraceEventCodes::empty(), None);
        assert_eq!(statements, 2, "{n} rooms");
        assert_eq!(status.len(), n);
        for s in status.values() {
            assert_eq!(s.current.as_ref().unwrap().span.start(), day(9));
            assert_eq!(
                s.next.iter().map(|b| b.span.start()).collect::<Vec<_>>(),
                vec![day(11), day(13), day(15)]
            );
            assert!(!s.held);
        }
    }
    let err = store
        .rooms_status(&["r1".into(), "nope".into(), "gone".into()], at, now)
        .unwrap_err();
    assert!(err.to_string().contains("nope, gone"), "{err}");
}

#[test]
fn change_log_pages_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("server.sqlite"));
    let now = berlin(2026, 6, 1, 7, 0);
    let mut ids = Vec::new();
    for h in 8..14 {
        let new = booking(
            "a",
            berlin(2026, 6, 1, h, 0),
            berlin(2026, 6, 1, h + 1, 0),
            "X",
        );
        ids.push(new.id);
        store
            .create_booking(&new, BookingStatus::Confirmed, &ctx(now))
            .unwrap();
    }
    store.cancel_booking(ids[0], None, &ctx(now)).unwrap();
    let (page, more) = store.changes_since(0, 4).unwrap();
    assert!(more);
    assert_eq!(
        page.iter().map(|b| b.id).collect::<Vec<_>>(),
        ids[1..5].to_vec()
    );
    let (rest, more) = store.changes_since(page[3].seq, 4).unwrap();
    assert!(!more);
    assert_eq!(rest.len(), 2);
    assert_eq!(rest[1].id, ids[0]);
    assert_eq!(rest[1].status, BookingStatus::Cancelled);
    assert!(rest.windows(2).all(|w| w[0].seq < w[1].seq));
    let found = store.search_bookings("x", 10).unwrap();
    assert_eq!(found.len(), 6);
    let between = store
        .bookings_between(
            Some("a"),
            berlin(2026, 6, 1, 9, 30),
            berlin(2026, 6, 1, 11, 0),
        )
        .unwrap();
    assert_eq!(between.len(), 2);
}

#[test]
fn server_bookings_overlapping_local_work_keep_masks_consistent() {
    use frontdesk_core::Customer;
    use frontdesk_store::RemoteBooking;
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("desk.sqlite"));
    let now = berlin(2026, 6, 1, 7, 0);
    // A walk-in booked offline, 10:00–12:00.
    let mine = booking(
        "a",
        berlin(2026, 6, 1, 10, 0),
        berlin(2026, 6, 1, 12, 0),
        "Mine",
    );
    store
        .create_booking(&mine, BookingStatus::Pending, &ctx(now))
        .unwrap();
    // Another desk's confirmed booking arrives, 11:00–13:00, overlapping it.
    let theirs = RemoteBooking {
        id: Uuid::new_v4(),
        room: RoomId::new("a").unwrap(),
        span: Span::new(berlin(2026, 6, 1, 11, 0), berlin(2026, 6, 1, 13, 0)).unwrap(),
        customer: Customer::new("Theirs", None, None).unwrap(),
        note: None,
        cancelled: false,
        desk: "bar".into(),
        created_at: now,
        price: Some(8000),
        version: 1,
        checked_in_at: None,
        no_show: false,
        payment: frontdesk_protocol::PaymentDto::unpaid(),
        series: None,
        customer_id: None,
        fee: None,
        awaiting_approval: false,
        deposit: None,
    };
    store
        .apply_remote_page(&[(theirs.clone(), 7)], &[], 7, now)
        .unwrap();
    assert_eq!(store.sync_cursor().unwrap(), 7);
    assert_eq!(store.booking(theirs.id).unwrap().unwrap().price, Some(8000));
    assert!(store.consistency_check().unwrap().is_empty());
    // The server refuses mine: it stays, in conflict, and 11:00–13:00 stays booked.
    let kept = store
        .mark_conflict(mine.id, "taken by another desk", now)
        .unwrap();
    assert_eq!(
        (kept.status, kept.status_reason.as_deref()),
        (BookingStatus::Conflict, Some("taken by another desk"))
    );
    assert!(store.consistency_check().unwrap().is_empty());
    let date = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let slots = store.day_slots("a", date, 60, None, None, now).unwrap();
    let starts: Vec<_> = slots.slots.iter().map(|s| s.start).collect();
    assert!(starts.contains(&berlin(2026, 6, 1, 10, 0)));
    assert!(!starts.contains(&berlin(2026, 6, 1, 11, 0)));
    assert_eq!(store.conflicts().unwrap().len(), 1);
    // Cancelled on the server: its time is free here too; applying it again changes nothing.
    let cancelled = RemoteBooking {
        cancelled: true,
        ..theirs
    };
    store.apply_remote(&cancelled, Some(8), now).unwrap();
    let before = count(&store, "changes");
    store.apply_remote(&cancelled, Some(8), now).unwrap();
    assert_eq!(count(&store, "changes"), before);
    assert!(store.consistency_check().unwrap().is_empty());
    assert_eq!(count(&store, "day_masks"), 0);
}

#[test]
fn a_group_commit_keeps_every_write_and_ends_at_full_sync() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("group.sqlite");
    let synchronous = |s: &Store| -> i64 {
        s.connection()
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap()
    };
    {
        let mut store = open(&path);
        assert_eq!(synchronous(&store), 2, "FULL outside a group");
        let now = berlin(2027, 1, 4, 8, 0);
        store.begin_group().unwrap();
        assert_eq!(synchronous(&store), 1, "NORMAL inside a group");
        for h in 9..13 {
            store
                .create_booking(
                    &booking(
                        "a",
                        berlin(2027, 1, 11, h, 0),
                        berlin(2027, 1, 11, h + 1, 0),
                        "Group",
                    ),
                    BookingStatus::Confirmed,
                    &ctx(now),
                )
                .unwrap();
        }
        store.end_group().unwrap();
        assert_eq!(synchronous(&store), 2, "FULL again after the group");
    }
    let store = open(&path);
    assert_eq!(count(&store, "bookings"), 4);
    assert!(store.consistency_check().unwrap().is_empty());
}

#[test]
fn room_status_current_is_only_a_running_booking() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("current.sqlite"));
    let day = |h, m| berlin(2027, 1, 11, h, m);
    let now = day(8, 0);
    let mut make = |h: u32, len: u32| {
        store
            .create_booking(
                &booking("a", day(h, 0), day(h + len, 0), "X"),
                BookingStatus::Confirmed,
                &ctx(now),
            )
            .unwrap()
            .0
    };
    let nine = make(9, 2); // 09–11
    let twelve = make(12, 1); // 12–13
    let current = |store: &Store, h, m| {
        store
            .rooms_status(&["a".into(), "b".into()], day(h, m), now)
            .unwrap()["a"]
            .current
            .as_ref()
            .map(|b| b.id)
    };
    assert_eq!(current(&store, 8, 59), None, "before the first");
    assert_eq!(
        current(&store, 10, 59),
        Some(nine.id),
        "inside a two-hour booking"
    );
    assert_eq!(current(&store, 11, 0), None, "at its end");
    assert_eq!(current(&store, 11, 30), None, "between bookings");
    assert_eq!(current(&store, 12, 0), Some(twelve.id));
    store
        .cancel_booking(twelve.id, Some("no show"), &ctx(now))
        .unwrap();
    assert_eq!(
        current(&store, 12, 30),
        None,
        "a cancelled booking is not current"
    );
    assert_eq!(
        current(&store, 10, 0),
        Some(nine.id),
        "the one before still is at its time"
    );
}

/// Several ranges a weekday, closed dates and special hours (one on the spring-forward
/// day) come back from the file as they went in, and bookings and slots follow them.
#[test]
fn opening_hours_with_ranges_closed_and_special_dates_survive_a_reopen() {
    let text = r##"
[studio]
name = "Hours Studio"
timezone = "Europe/Berlin"
closed = ["2026-12-25", "2026-12-26"]
[studio.hours]
mon = [["10:00", "14:00"], ["16:00", "24:00"]]
tue = [["10:00", "14:00"], ["16:00", "24:00"]]
wed = [["10:00", "14:00"], ["16:00", "24:00"]]
thu = ["08:00", "24:00"]
fri = ["08:00", "24:00"]
sat = []
[studio.special]
"2026-12-24" = [["10:00", "14:00"]]
"2027-03-28" = [["01:00", "04:00"], ["18:00", "20:00"]]
[[rooms]]
id = "a"
name = "A"
durations = [60, 120]
interval = 60
colour = "#1f7a8c"
"##;
    let config = StudioConfig::parse(text).unwrap();
    assert_eq!(config.studio.rooms[0].colour.as_deref(), Some("#1f7a8c"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    drop(
        Store::open_with_studio(&path, "desk-1", Durability::Full, config.studio.clone()).unwrap(),
    );
    let mut store = Store::open(&path, "desk-1", Durability::Full).unwrap();
    assert_eq!(store.studio(), &config.studio);

    let now = berlin(2026, 12, 1, 7, 0);
    let start_hours = |date: NaiveDate| -> Vec<String> {
        store
            .day_slots("a", date, 60, None, None, now)
            .unwrap()
            .slots
            .iter()
            .map(|s| s.start.with_timezone(&Berlin).format("%H:%M").to_string())
            .collect()
    };
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    // Monday 2026-12-21: two ranges.
    assert_eq!(
        start_hours(date(2026, 12, 21)),
        [
            "10:00", "11:00", "12:00", "13:00", "16:00", "17:00", "18:00", "19:00", "20:00",
            "21:00", "22:00", "23:00"
        ]
    );
    // Thursday 2026-12-24: the special hours replace 08:00–24:00.
    assert_eq!(
        start_hours(date(2026, 12, 24)),
        ["10:00", "11:00", "12:00", "13:00"]
    );
    assert!(start_hours(date(2026, 12, 25)).is_empty());
    assert!(start_hours(date(2026, 12, 26)).is_empty());
    // Sunday 2027-03-28, 92 quanta: 01:00 CET, then 03:00 CEST (02:00 does not exist).
    let spring = store
        .day_slots("a", date(2027, 3, 28), 60, None, None, now)
        .unwrap();
    assert_eq!(spring.quanta, 92);
    let starts: Vec<String> = spring
        .slots
        .iter()
        .map(|s| {
            s.start
                .with_timezone(&Berlin)
                .format("%H:%M%:z")
                .to_string()
        })
        .collect();
    assert_eq!(
        starts,
        ["01:00+01:00", "03:00+02:00", "18:00+02:00", "19:00+02:00"]
    );
    let month = store
        .month_availability("a", 2026, 12, 60, None, now)
        .unwrap();
    for (d, free) in month {
        // Saturdays are closed, Sundays not listed (closed), and the two holidays.
        let weekend = matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun);
        let closed = weekend || matches!(d.day(), 25 | 26);
        assert_eq!(free, !closed, "{d}");
    }

    // Bookings: inside a range yes, across the gap or on a closed date no.
    let ok = booking(
        "a",
        berlin(2026, 12, 21, 12, 0),
        berlin(2026, 12, 21, 14, 0),
        "In",
    );
    store
        .create_booking(&ok, BookingStatus::Confirmed, &ctx(now))
        .unwrap();
    for (start, end) in [
        (berlin(2026, 12, 21, 13, 0), berlin(2026, 12, 21, 15, 0)),
        (berlin(2026, 12, 24, 14, 0), berlin(2026, 12, 24, 15, 0)),
        (berlin(2026, 12, 25, 10, 0), berlin(2026, 12, 25, 11, 0)),
    ] {
        let err = store
            .create_booking(
                &booking("a", start, end, "Out"),
                BookingStatus::Confirmed,
                &ctx(now),
            )
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Booking(BookingError::Closed { .. })),
            "{start}: {err}"
        );
    }
    assert_eq!(count(&store, "bookings"), 1);
}

/// A booking stores the price it was made at: the room's hourly rate, its peak rate in the
/// peak window; a later change of rates does not alter it.
#[test]
fn a_booking_keeps_the_price_it_was_made_at() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prices.sqlite");
    let config = StudioConfig::parse(
        r#"
[studio]
name = "Priced"
timezone = "Europe/Berlin"
currency = "CHF"
[studio.hours]
fri = ["00:00", "24:00"]
[[rooms]]
id = "a"
name = "A"
durations = [60, 120]
interval = 60
price = 4000
[[rooms.peak]]
days = ["fri"]
from = "18:00"
to = "24:00"
price = 6000
"#,
    )
    .unwrap();
    let mut store =
        Store::open_with_studio(&path, "desk-1", Durability::Full, config.studio.clone()).unwrap();
    assert_eq!(store.studio().currency, "CHF");
    // Friday 2026-06-05 17:00–19:00: one hour at 40.00, one at 60.00.
    let (booked, _) = store
        .create_booking(
            &booking(
                "a",
                berlin(2026, 6, 5, 17, 0),
                berlin(2026, 6, 5, 19, 0),
                "Band",
            ),
            BookingStatus::Confirmed,
            &ctx(berlin(2026, 6, 1, 9, 0)),
        )
        .unwrap();
    assert_eq!(booked.price, Some(10_000));
    // The rates double; the booking keeps its price, a new one pays the new rate.
    let mut dearer = config.studio.clone();
    dearer.rooms[0].pricing.per_hour = 8000;
    dearer.rooms[0].pricing.peaks[0].per_hour = 12_000;
    let version = store.studio_version();
    store
        .change_studio(
            dearer,
            None,
            version,
            frontdesk_store::audit::Who::desk("office"),
            berlin(2026, 6, 1, 9, 0),
        )
        .unwrap();
    drop(store);
    let store = Store::open(&path, "desk-1", Durability::Full).unwrap();
    assert_eq!(store.studio().rooms[0].pricing.per_hour, 8000);
    assert_eq!(
        store.booking(booked.id).unwrap().unwrap().price,
        Some(10_000)
    );
    let span =
        frontdesk_core::Span::new(berlin(2026, 6, 5, 17, 0), berlin(2026, 6, 5, 19, 0)).unwrap();
    assert_eq!(store.quote("a", &span).unwrap(), 20_000);
    // A negative price in studio.toml is refused, naming the field.
    let negative = StudioConfig::parse(
        "[studio]\nname = \"N\"\ntimezone = \"Europe/Berlin\"\n[[rooms]]\nid = \"a\"\nname = \"A\"\ndurations = [60]\ninterval = 60\nprice = -1\n",
    )
    .unwrap_err();
    assert!(
        negative.to_string().contains("rooms[0].price"),
        "{negative}"
    );
}
