//! Criterion benchmarks of the engine and the store, each beside the naive alternative
//! measured in the same run; the ratios are printed at the end.
//!
//! `cargo bench -p frontdesk-store --bench engine`
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::path::PathBuf;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::Europe::Berlin;
use criterion::{criterion_group, Criterion};
use frontdesk_core::{
    day_slots, month_availability, BookedDays, Calendar, Hold, HoldBook, Occupancy, OpeningHours,
    RoomId, SlotAsk, Span,
};
use frontdesk_store::{BookingStatus, Durability, NewBooking, Store, WriteContext};
use frontdesk_testkit::studio::StudioToml;
use rusqlite::params;
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

fn studio_toml(rooms: usize) -> StudioToml {
    StudioToml::new("Bench").numbered_rooms(rooms, &[60, 120])
}

fn new_booking(room: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> NewBooking {
    NewBooking {
        id: Uuid::new_v4(),
        room: room.into(),
        start,
        end,
        name: "Bench Customer".into(),
        phone: None,
        email: None,
        note: None,
        session: None,
        series: None,
    }
}

fn hours_8_to_24() -> OpeningHours {
    let mut h = OpeningHours::closed();
    for wd in frontdesk_core::calendar::WEEK {
        h.set(wd, "08:00", "24:00").unwrap();
    }
    h
}

/// A realistic day of one room: a few bookings between 8:00 and midnight.
fn busy_day(
    calendar: &Calendar,
    room: &RoomId,
    date: NaiveDate,
    occ: &mut Occupancy,
    list: &mut Vec<(DateTime<Utc>, DateTime<Utc>)>,
) {
    let day = calendar.day(date).unwrap();
    for (from, to) in [(36, 44), (48, 52), (64, 76), (84, 88)] {
        let span = Span::new(day.instant(from), day.instant(to)).unwrap();
        occ.add(room, calendar.span_days(&span).unwrap().masks());
        list.push((span.start(), span.end()));
    }
}

/// The naive day slots: every start checked against a list of intervals, every quantum's
/// opening read from the wall clock.
fn naive_day_slots(
    tz: chrono_tz::Tz,
    date: NaiveDate,
    len_min: i64,
    step_min: i64,
    bookings: &[(DateTime<Utc>, DateTime<Utc>)],
) -> usize {
    let mut t = date
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_local_timezone(tz)
        .earliest()
        .unwrap()
        .with_timezone(&Utc);
    let mut count = 0;
    while t.with_timezone(&tz).date_naive() == date {
        let end = t + Duration::minutes(len_min);
        let mut ok = true;
        let mut q = t;
        while q < end && ok {
            let local = q.with_timezone(&tz);
            ok = local.hour() >= 8;
            q += Duration::minutes(15);
        }
        if ok && !bookings.iter().any(|(s, e)| *s < end && t < *e) {
            count += 1;
        }
        t += Duration::minutes(step_min);
    }
    count
}

fn engine(c: &mut Criterion) {
    let calendar = Calendar::new(Berlin, hours_8_to_24());
    let date = NaiveDate::from_ymd_opt(2026, 6, 17).unwrap();
    let mut occ = Occupancy::new();
    let mut list = Vec::new();
    let room = RoomId::new("r0").unwrap();
    busy_day(&calendar, &room, date, &mut occ, &mut list);
    let holds = HoldBook::new();
    let now = berlin(2026, 6, 1, 7, 0);

    let mut g = c.benchmark_group("day_slots");
    g.bench_function("one_room_2h", |b| {
        b.iter(|| {
            day_slots(
                &calendar,
                black_box(date),
                SlotAsk {
                    duration: 120,
                    interval: 60,
                    changeover: 0,
                },
                now,
                |d| occ.booked("r0", d),
                |d| holds.held_by_others("r0", d, None, now),
            )
            .unwrap()
        })
    });
    g.bench_function("naive_intervals_2h", |b| {
        b.iter(|| naive_day_slots(Berlin, black_box(date), 120, 60, &list))
    });
    g.finish();

    // 20 rooms, each with a busy day every day of July.
    let mut month_occ = Occupancy::new();
    let mut month_lists: Vec<Vec<(DateTime<Utc>, DateTime<Utc>)>> = vec![Vec::new(); 20];
    for (r, list) in month_lists.iter_mut().enumerate() {
        let room = RoomId::new(&format!("r{r}")).unwrap();
        for d in 1..=31 {
            busy_day(
                &calendar,
                &room,
                NaiveDate::from_ymd_opt(2026, 7, d).unwrap(),
                &mut month_occ,
                list,
            );
        }
    }
    let rooms: Vec<String> = (0..20).map(|r| format!("r{r}")).collect();
    let mut g = c.benchmark_group("month");
    g.bench_function("20_rooms_31_days", |b| {
        b.iter(|| {
            for room in &rooms {
                black_box(
                    month_availability(
                        &calendar,
                        2026,
                        7,
                        SlotAsk {
                            duration: 60,
                            interval: 60,
                            changeover: 0,
                        },
                        now,
                        |d| month_occ.booked(room, d),
                        |d| holds.held_by_others(room, d, None, now),
                    )
                    .unwrap(),
                );
            }
        })
    });
    g.sample_size(10);
    g.bench_function("naive_20_rooms_31_days", |b| {
        b.iter(|| {
            for list in &month_lists {
                for d in 1..=31 {
                    black_box(
                        naive_day_slots(
                            Berlin,
                            NaiveDate::from_ymd_opt(2026, 7, d).unwrap(),
                            60,
                            60,
                            list,
                        ) > 0,
                    );
                }
            }
        })
    });
    g.finish();

    // 8 spans on 4 rooms while 500 other sessions hold 8 spans each.
    let studio_cal = Calendar::new(Berlin, OpeningHours::always());
    let mut book = HoldBook::new();
    let empty = Occupancy::new();
    let mut naive: Vec<(usize, usize, DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    let base = berlin(2026, 6, 1, 0, 0);
    for s in 0..500usize {
        let holds: Vec<Hold> = (0..8)
            .map(|k| {
                let start = base + Duration::minutes(15 * (s * 8 + k) as i64);
                Hold {
                    room: RoomId::new(&format!("r{}", k % 4)).unwrap(),
                    span: Span::new(start, start + Duration::minutes(15)).unwrap(),
                }
            })
            .collect();
        for h in &holds {
            naive.push((
                s,
                h.room.as_str()[1..].parse().unwrap(),
                h.span.start(),
                h.span.end(),
            ));
        }
        book.set(
            &studio_cal,
            Uuid::from_u128(s as u128 + 1),
            "d",
            holds,
            &empty,
            now,
            Duration::seconds(3600),
            |_| 0,
        )
        .unwrap();
    }
    let mine = Uuid::new_v4();
    let far = berlin(2026, 9, 1, 10, 0);
    let my_holds: Vec<Hold> = (0..8)
        .map(|k| {
            let start = far + Duration::hours(k);
            Hold {
                room: RoomId::new(&format!("r{}", k % 4)).unwrap(),
                span: Span::new(start, start + Duration::hours(1)).unwrap(),
            }
        })
        .collect();
    let mut g = c.benchmark_group("holds");
    g.bench_function("set_8_spans", |b| {
        // Alternate two sets so every call is a real change, not the renewal fast path.
        let other: Vec<Hold> = my_holds
            .iter()
            .map(|h| Hold {
                room: h.room.clone(),
                span: Span::new(
                    h.span.start() + Duration::days(1),
                    h.span.end() + Duration::days(1),
                )
                .unwrap(),
            })
            .collect();
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            let holds = if flip {
                my_holds.clone()
            } else {
                other.clone()
            };
            book.set(
                &studio_cal,
                mine,
                "d",
                holds,
                &empty,
                now,
                Duration::seconds(10),
                |_| 0,
            )
            .unwrap()
        })
    });
    g.bench_function("renew_8_spans", |b| {
        b.iter(|| {
            book.set(
                &studio_cal,
                mine,
                "d",
                my_holds.clone(),
                &empty,
                now,
                Duration::seconds(10),
                |_| 0,
            )
            .unwrap()
        })
    });
    g.bench_function("naive_set_8_spans", |b| {
        b.iter(|| {
            let clash = my_holds.iter().any(|h| {
                let r: usize = h.room.as_str()[1..].parse().unwrap();
                naive
                    .iter()
                    .any(|(_, room, s, e)| *room == r && *s < h.span.end() && h.span.start() < *e)
            });
            black_box(clash)
        })
    });
    g.finish();
}

/// 100,000 bookings of one room over three years, in a store on disk.
fn history_store(dir: &std::path::Path) -> (Store, Occupancy) {
    let config = studio_toml(1).config();
    let mut store = Store::open_with_studio(
        &dir.join("history.sqlite"),
        "bench",
        Durability::Normal,
        config.studio,
    )
    .unwrap();
    let first = berlin(2024, 1, 1, 0, 0);
    let now = first - Duration::days(1);
    // 100,000 bookings of 15 min every 16.5 min ≈ 1,146 days.
    for i in 0..100_000i64 {
        let start = first + Duration::minutes(i * 15 + (i / 10) * 15);
        store
            .create_booking(
                &new_booking("r0", start, start + Duration::minutes(15)),
                BookingStatus::Confirmed,
                &ctx(now),
            )
            .unwrap();
    }
    let occ = frontdesk_store::masks::load_all(store.connection()).unwrap();
    (store, occ)
}

fn span_check(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (store, occ) = history_store(dir.path());
    let calendar = store.studio().calendar.clone();
    // Spans spread over the history, half of them free (in the 15-minute gaps) — all 1 h or
    // shorter, checked in turn.
    let probes: Vec<Span> = (0..64i64)
        .map(|k| {
            let start = berlin(2024, 1, 1, 0, 0) + Duration::minutes(15 * (k * 1499 + 10));
            Span::new(
                start,
                start + Duration::minutes(if k % 2 == 0 { 15 } else { 60 }),
            )
            .unwrap()
        })
        .collect();
    let mut g = c.benchmark_group("span_check");
    let mut i = 0;
    g.bench_function("bitmap", |b| {
        b.iter(|| {
            i = (i + 1) % probes.len();
            let days = calendar.span_days(&probes[i]).unwrap();
            let free = days
                .masks()
                .all(|(d, m)| !m.intersects(occ.booked("r0", d)));
            black_box(free)
        })
    });
    let room = RoomId::new("r0").unwrap();
    g.bench_function("bitmap_stored_masks", |b| {
        b.iter(|| {
            i = (i + 1) % probes.len();
            let days = calendar.span_days(&probes[i]).unwrap();
            let mut stored = Occupancy::new();
            let dates: Vec<_> = days.masks().map(|(d, _)| d).collect();
            frontdesk_store::masks::load_range(
                store.connection(),
                &room,
                dates[0],
                dates[dates.len() - 1],
                &mut stored,
            )
            .unwrap();
            let free = days
                .masks()
                .all(|(d, m)| !m.intersects(stored.booked("r0", d)));
            black_box(free)
        })
    });
    // The same question asked of SQLite: an indexed overlap query, bounded by the longest
    // possible booking so the index range stays small.
    let conn = store.connection();
    g.bench_function("sql_overlap_100k", |b| {
        b.iter(|| {
            i = (i + 1) % probes.len();
            let (s, e) = (probes[i].start().timestamp(), probes[i].end().timestamp());
            let busy: bool = conn
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM bookings WHERE room = ?1 AND start_utc < ?3
                       AND start_utc > ?2 - 14 * 86400 AND end_utc > ?2 AND status IN ('confirmed', 'pending'))",
                )
                .unwrap()
                .query_row(params!["r0", s, e], |r| r.get(0))
                .unwrap();
            black_box(busy)
        })
    });
    g.finish();
}

fn store_writes(c: &mut Criterion) {
    let mut g = c.benchmark_group("store");
    g.sample_size(20);
    for (name, durability) in [
        ("create_booking", Durability::Full),
        ("create_booking_normal_sync", Durability::Normal),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let config = studio_toml(1).config();
        let mut store = Store::open_with_studio(
            &dir.path().join("w.sqlite"),
            "bench",
            durability,
            config.studio,
        )
        .unwrap();
        let first = berlin(2026, 1, 1, 0, 0);
        let mut k = 0i64;
        g.bench_function(name, |b| {
            b.iter(|| {
                k += 1;
                let start = first + Duration::minutes(15 * k);
                store
                    .create_booking(
                        &new_booking("r0", start, start + Duration::minutes(15)),
                        BookingStatus::Confirmed,
                        &ctx(first),
                    )
                    .unwrap()
            })
        });
    }
    // A move through the store (FULL sync, like create_booking above): one booking moved
    // back and forth between two hours of another day, each move made to its version.
    {
        let dir = tempfile::tempdir().unwrap();
        let config = studio_toml(1).config();
        let mut store = Store::open_with_studio(
            &dir.path().join("m.sqlite"),
            "bench",
            Durability::Full,
            config.studio,
        )
        .unwrap();
        let day = |h: u32| berlin(2026, 3, 2, h, 0);
        let booking = new_booking("r0", day(10), day(11));
        let (mut record, _) = store
            .create_booking(&booking, BookingStatus::Confirmed, &ctx(day(0)))
            .unwrap();
        let mut k = 0u32;
        g.bench_function("move_booking", |b| {
            b.iter(|| {
                k += 1;
                let h = if k % 2 == 0 { 10 } else { 12 };
                let change = frontdesk_store::booking_changes::Change::Span {
                    room: "r0".into(),
                    start: day(h),
                    end: day(h + 1),
                    session: None,
                };
                record = store
                    .change_booking(record.id, record.version, &change, &ctx(day(0)))
                    .unwrap()
                    .0;
            })
        });
    }
    // 100 rooms with 5 bookings each today.
    let dir = tempfile::tempdir().unwrap();
    let config = studio_toml(100).config();
    let mut store = Store::open_with_studio(
        &dir.path().join("s.sqlite"),
        "bench",
        Durability::Normal,
        config.studio,
    )
    .unwrap();
    let day = |h: u32| berlin(2026, 6, 1, h, 0);
    for r in 0..100 {
        for h in [9, 11, 13, 15, 17] {
            store
                .create_booking(
                    &new_booking(&format!("r{r}"), day(h), day(h + 1)),
                    BookingStatus::Confirmed,
                    &ctx(day(0)),
                )
                .unwrap();
        }
    }
    let rooms: Vec<String> = (0..100).map(|r| format!("r{r}")).collect();
    let at = berlin(2026, 6, 1, 9, 30);
    g.sample_size(50);
    g.bench_function("rooms_status_100", |b| {
        b.iter(|| store.rooms_status(&rooms, at, at).unwrap())
    });
    g.bench_function("rooms_status_100_one_call_per_room", |b| {
        b.iter(|| {
            for r in &rooms {
                black_box(store.rooms_status(std::slice::from_ref(r), at, at).unwrap());
            }
        })
    });
    g.finish();
}

/// A weekly series of 52 occurrences (Tuesdays 19:00–21:00) over a year in which every
/// date of the room has a busy day: the preview from the day masks beside the naive check of
/// each occurrence against the list of the year's bookings.
fn series(c: &mut Criterion) {
    let calendar = Calendar::new(Berlin, hours_8_to_24());
    let room = RoomId::new("r0").unwrap();
    let first = NaiveDate::from_ymd_opt(2026, 6, 2).unwrap();
    let (mut occ, mut list) = (Occupancy::new(), Vec::new());
    for d in 0..380 {
        busy_day(
            &calendar,
            &room,
            first + Duration::days(d),
            &mut occ,
            &mut list,
        );
    }
    let rule = frontdesk_core::SeriesRule {
        room: room.clone(),
        first,
        start: chrono::NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
        minutes: 120,
        repeat: frontdesk_core::Repeat::Weekly { weeks: 1 },
        end: frontdesk_core::SeriesEnd::Times(52),
    };
    let holds = HoldBook::new();
    let now = berlin(2026, 6, 1, 7, 0);
    let mut g = c.benchmark_group("series");
    g.bench_function("preview_52_weekly", |b| {
        b.iter(|| {
            frontdesk_core::preview_series(&calendar, black_box(&rule), 30, None, &occ, &holds, now)
                .unwrap()
        })
    });
    g.bench_function("naive_52_weekly_intervals", |b| {
        b.iter(|| {
            let mut free = 0;
            for k in 0..52 {
                let date = first + Duration::weeks(k);
                let start = date
                    .and_time(rule.start)
                    .and_local_timezone(Berlin)
                    .earliest()
                    .unwrap()
                    .with_timezone(&Utc);
                let end = start + Duration::minutes(120);
                let pad = Duration::minutes(30);
                let mut open = true;
                let mut q = start;
                while q < end {
                    open &= q.with_timezone(&Berlin).hour() >= 8;
                    q += Duration::minutes(15);
                }
                let clash = black_box(&list)
                    .iter()
                    .any(|(s, e)| *s < end + pad && start - pad < *e);
                free += usize::from(open && !clash);
            }
            free
        })
    });
    g.finish();
}

/// Mean time of a benchmark id in this run, from criterion's estimates.
fn mean_ns(id: &str) -> Option<f64> {
    let exe = std::env::current_exe().ok()?;
    // <target>/<profile>/deps/<bench> → <target>/criterion
    let target: PathBuf = exe.parent()?.parent()?.parent()?.to_path_buf();
    let text = std::fs::read_to_string(
        target
            .join("criterion")
            .join(id)
            .join("new")
            .join("estimates.json"),
    )
    .ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["mean"]["point_estimate"].as_f64()
}

fn report() {
    println!("\nRatios measured in this run (naive ÷ engine):");
    for (naive, fast, target) in [
        ("span_check/sql_overlap_100k", "span_check/bitmap", "≥ 100×"),
        (
            "span_check/sql_overlap_100k",
            "span_check/bitmap_stored_masks",
            "",
        ),
        ("day_slots/naive_intervals_2h", "day_slots/one_room_2h", ""),
        ("month/naive_20_rooms_31_days", "month/20_rooms_31_days", ""),
        ("holds/naive_set_8_spans", "holds/set_8_spans", ""),
        (
            "series/naive_52_weekly_intervals",
            "series/preview_52_weekly",
            "(target: preview ≤ 1 ms)",
        ),
        (
            "store/rooms_status_100_one_call_per_room",
            "store/rooms_status_100",
            "",
        ),
        (
            "store/create_booking",
            "store/create_booking_normal_sync",
            "(FULL ÷ NORMAL sync)",
        ),
        (
            "store/move_booking",
            "store/create_booking",
            "(move ÷ create; target ≤ 2×)",
        ),
    ] {
        match (mean_ns(naive), mean_ns(fast)) {
            (Some(n), Some(f)) => println!(
                "  {fast:<34} {:>12.1} ns   {naive:<42} {:>12.1} ns   ratio {:>8.1}× {target}",
                f,
                n,
                n / f
            ),
            _ => println!("  {fast}: no estimate found (was it filtered out?)"),
        }
    }
}

criterion_group!(benches, engine, span_check, store_writes, series);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    report();
}
