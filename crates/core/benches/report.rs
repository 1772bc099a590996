//! The occupancy report of 20 rooms × 365 days from their day masks (`report::occupancy`)
//! beside the naive alternative measured in the same run: the same bookings' spans walked
//! minute by minute with chrono-tz (each minute's local date, hour and opening hours), and
//! the open time walked the same way. The naive side counts no changeover, so the ratio
//! understates the engine's lead. Target: the engine ≤ 5 ms.
//!
//! `cargo bench -p frontdesk-core --bench report`
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};
use chrono_tz::Europe::Berlin;
use criterion::{criterion_group, Criterion};
use frontdesk_core::calendar::WEEK;
use frontdesk_core::report::{occupancy, RoomReportInput};
use frontdesk_core::{Calendar, Occupancy, OpeningHours, RoomId, Span};
use measure::{cpu_ticks, median, stolen_since};

mod measure;

const ROOMS: usize = 20;
const DAYS: usize = 365;

struct Year {
    calendar: Calendar,
    from: NaiveDate,
    to: NaiveDate,
    rooms: Vec<RoomReportInput>,
    occupancy: Occupancy,
    spans: Vec<Vec<(DateTime<Utc>, DateTime<Utc>)>>,
}

/// 2026 in Berlin (both DST changes), open 08:00–24:00; each room-day about 14 bookings of
/// 45–75 minutes from 02:00, with or without a quarter between them, chosen by a fixed
/// formula of room and day.
fn year() -> Year {
    let mut hours = OpeningHours::closed();
    for wd in WEEK {
        hours.set(wd, "08:00", "24:00").unwrap();
    }
    let calendar = Calendar::new(Berlin, hours);
    let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let days = calendar.days(from, DAYS).unwrap();
    let mut occupancy = Occupancy::new();
    let mut spans = vec![Vec::new(); ROOMS];
    let rooms: Vec<RoomReportInput> = (0..ROOMS)
        .map(|r| RoomReportInput {
            room: RoomId::new(&format!("r{r}")).unwrap(),
            changeover_minutes: 15 * (r as u32 % 3),
        })
        .collect();
    for (r, room) in rooms.iter().enumerate() {
        for (d, day) in days.iter().enumerate() {
            let mut q = 8;
            for k in 0..14 {
                let mix = (r * 7 + d * 13 + k * 5) % 6;
                let len = 3 + (mix % 3) as u32;
                if q + len > day.quanta {
                    break;
                }
                let span = Span::new(day.instant(q), day.instant(q + len)).unwrap();
                occupancy.add(&room.room, calendar.span_days(&span).unwrap().masks());
                spans[r].push((span.start(), span.end()));
                q += len + (mix % 2) as u32;
            }
        }
    }
    Year {
        to: days[DAYS - 1].date,
        calendar,
        from,
        rooms,
        occupancy,
        spans,
    }
}

/// The naive report: booked and open minutes per room and the weekday × hour heatmap, one
/// time zone conversion per minute.
fn naive(year: &Year) -> (Vec<(u64, u64)>, Vec<[u64; 2]>) {
    let tz = year.calendar.timezone();
    let hours = year.calendar.hours();
    let is_open = |t: DateTime<Utc>| {
        let local = t.with_timezone(&tz);
        let wall = local.hour() * 60 + local.minute();
        let open = hours
            .on_date(local.date_naive())
            .iter()
            .any(|r| r.open() <= wall && wall < r.close());
        (open, local)
    };
    let mut heat = vec![[0u64; 2]; 7 * 24];
    let cell = |local: &DateTime<chrono_tz::Tz>| {
        local.date_naive().weekday().num_days_from_monday() as usize * 24 + local.hour() as usize
    };
    let start = year.calendar.day_start(year.from).unwrap();
    let end = year
        .calendar
        .day_start(year.to.succ_opt().unwrap())
        .unwrap();
    let mut open_minutes = 0;
    let mut t = start;
    while t < end {
        let (open, local) = is_open(t);
        if open {
            open_minutes += 1;
            heat[cell(&local)][0] += year.rooms.len() as u64;
        }
        t += Duration::minutes(1);
    }
    let rooms = year
        .spans
        .iter()
        .map(|spans| {
            let mut booked = 0;
            for (s, e) in spans {
                let mut t = *s;
                while t < *e {
                    let (open, local) = is_open(t);
                    if open {
                        booked += 1;
                        heat[cell(&local)][1] += 1;
                    }
                    t += Duration::minutes(1);
                }
            }
            (open_minutes, booked)
        })
        .collect();
    (rooms, heat)
}

fn engine(year: &Year) -> frontdesk_core::report::OccupancyFigures {
    occupancy(
        &year.calendar,
        year.from,
        year.to,
        &year.rooms,
        &year.occupancy,
    )
    .unwrap()
}

fn report(c: &mut Criterion) {
    let year = year();
    // Both count the same booked and open minutes.
    let (naive_rooms, naive_heat) = naive(&year);
    let fast = engine(&year);
    for (f, (open, booked)) in fast.rooms.iter().zip(&naive_rooms) {
        assert_eq!((f.open_quanta * 15, f.booked_quanta * 15), (*open, *booked));
    }
    let heat_booked: u64 = naive_heat.iter().map(|c| c[1]).sum();
    let fast_booked: u64 = fast.rooms.iter().map(|r| r.booked_quanta * 15).sum();
    assert_eq!(heat_booked, fast_booked);

    let mut g = c.benchmark_group("report");
    g.bench_function("occupancy_20_rooms_365_days", |b| {
        b.iter(|| black_box(engine(black_box(&year))))
    });
    g.sample_size(10);
    g.bench_function("naive_minutes_20_rooms_365_days", |b| {
        b.iter(|| black_box(naive(black_box(&year))))
    });
    g.finish();
    ratio(&year);
}

/// Both again, back to back, with the share of the cores the host took meanwhile.
fn ratio(year: &Year) {
    let before = cpu_ticks();
    let fast = median(101, || {
        black_box(engine(year));
    });
    let slow = median(5, || {
        black_box(naive(year));
    });
    let steal = stolen_since(before);
    println!(
        "\nreport/occupancy 20 rooms × 365 days: engine {:.2} ms (median of 101, target ≤ 5 ms), \
         naive minute walk {:.0} ms (median of 5): ratio {:.0}×; stolen by the host {}",
        fast.as_secs_f64() * 1e3,
        slow.as_secs_f64() * 1e3,
        slow.as_secs_f64() / fast.as_secs_f64(),
        steal,
    );
}

criterion_group!(benches, report);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
