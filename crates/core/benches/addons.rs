//! Offered starts of one room for a 1-hour booking (15-minute grid, 15 minutes changeover)
//! that needs two add-ons (a guitar amp and the drum kit), in a studio of 20 rooms whose
//! bookings take add-ons, with live holds of other desks on some. Measured in the same run:
//!
//! - `day_slots_plain`: the room's start times without add-ons (`day_slots` on its masks);
//! - `day_slots_two_addons`: the same plus what a request with add-ons does: count the
//!   uses of the asked items on the date and the next into per-quantum usage
//!   (`Usage::build`) and cut the
//!   starts by per-item short masks (`offer_with_addons`). Target: ≤ 2× the plain one.
//! - `day_slots_two_addons_naive`: the same start times, each start checked quantum by
//!   quantum against every use (a per-start loop over bookings).
//!
//! The bench first checks that the engine and the naive count offer the same starts.
//!
//! `cargo bench -p frontdesk-core --bench addons`
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Europe::Berlin;
use criterion::{criterion_group, Criterion};
use frontdesk_core::addons::{AddonAsk, BookedUse, Catalog, Exclude, HeldUse, Item, ItemId};
use frontdesk_core::addons::{ItemUse, Per, Usage};
use frontdesk_core::calendar::WEEK;
use frontdesk_core::occupancy::BookedDays;
use frontdesk_core::{day_slots, offer_with_addons, DayMask, DaySlots, SlotAsk, SlotStatus};
use frontdesk_core::{Calendar, Occupancy, OpeningHours, RoomId, Span};
use measure::{cpu_ticks, median, stolen_since};
use uuid::Uuid;

mod measure;

const ROOMS: usize = 20;

/// One desk's question and everything the studio has booked and held.
struct Studio {
    calendar: Calendar,
    date: NaiveDate,
    now: DateTime<Utc>,
    me: Uuid,
    ask: SlotAsk,
    occupancy: Occupancy,
    booked: Vec<BookedUse>,
    held: Vec<HeldUse>,
    catalog: Catalog,
    asks: Vec<AddonAsk>,
}

fn item(id: &str, name: &str, stock: u16, price_minor: u64, per: Per) -> Item {
    Item::new(id, name, stock, price_minor, per).unwrap()
}

fn uses(item_ids: &[&str], span: Span) -> Vec<ItemUse> {
    item_ids
        .iter()
        .map(|id| ItemUse {
            item: ItemId::new(id).unwrap(),
            quantity: 1,
            span,
        })
        .collect()
}

/// Open 08:00–24:00; on `date` and the day after, each of 20 rooms has about 14 bookings of
/// 45–75 minutes from 08:00 (as in the report bench; the room asked about, `r0`, a third of
/// them), a quarter of them with an amp, a seventh with the drum kit, an eleventh with the
/// engineer; other desks hold an amp at three times of the date.
fn studio(date: NaiveDate) -> Studio {
    let mut hours = OpeningHours::closed();
    for wd in WEEK {
        hours.set(wd, "08:00", "24:00").unwrap();
    }
    let calendar = Calendar::new(Berlin, hours);
    let days = calendar.days(date, 2).unwrap();
    let now = days[0].start - Duration::hours(1);
    let mut occupancy = Occupancy::new();
    let mut booked = Vec::new();
    for r in 0..ROOMS {
        let room = RoomId::new(&format!("r{r}")).unwrap();
        for (d, day) in days.iter().enumerate() {
            let mut q = 32;
            for k in 0..14 {
                let mix = (r * 7 + d * 13 + k * 5) % 6;
                let len = 3 + (mix % 3) as u32;
                if q + len > day.quanta {
                    break;
                }
                let span = Span::new(day.instant(q), day.instant(q + len)).unwrap();
                q += len + (mix % 2) as u32;
                // The room asked about is quieter: every third of its bookings happens.
                if r == 0 && k % 3 != 0 {
                    continue;
                }
                occupancy.add(&room, calendar.span_days(&span).unwrap().masks());
                let mut items = Vec::new();
                for (id, every, by) in [("amp", 4, 1), ("drums", 7, 3), ("engineer", 11, 2)] {
                    if (r * by + k) % every == 0 {
                        items.push(id);
                    }
                }
                let booking = Uuid::from_u128(booked.len() as u128 + 1);
                booked.extend(
                    uses(&items, span)
                        .into_iter()
                        .map(|usage| BookedUse { booking, usage }),
                );
            }
        }
    }
    let held = [40, 60, 80]
        .iter()
        .enumerate()
        .flat_map(|(n, &q)| {
            let span = Span::new(days[0].instant(q), days[0].instant(q + 6)).unwrap();
            uses(&["amp"], span).into_iter().map(move |usage| HeldUse {
                session: Uuid::from_u128(9000 + n as u128),
                expires_at: now + Duration::seconds(10),
                usage,
            })
        })
        .collect();
    let catalog = Catalog::new(vec![
        item("amp", "Guitar amp", 6, 1500, Per::Booking),
        item("drums", "Drum kit", 3, 800, Per::Hour),
        item("engineer", "Engineer", 1, 4000, Per::Hour),
    ])
    .unwrap();
    let asks = ["amp", "drums"]
        .iter()
        .map(|id| AddonAsk {
            item: (*id).into(),
            quantity: 1,
        })
        .collect();
    Studio {
        calendar,
        date,
        now,
        me: Uuid::from_u128(1 << 64),
        ask: SlotAsk {
            duration: 60,
            interval: 15,
            changeover: 15,
        },
        occupancy,
        booked,
        held,
        catalog,
        asks,
    }
}

/// The room's start times without add-ons.
fn plain(s: &Studio) -> DaySlots {
    let booked = |d: NaiveDate| s.occupancy.booked("r0", d);
    let none = |_: NaiveDate| DayMask::EMPTY;
    day_slots(&s.calendar, s.date, s.ask, s.now, booked, none).unwrap()
}

/// The same, cut by the add-ons: usage counted from the uses, then masks.
fn engine(s: &Studio) -> DaySlots {
    let slots = plain(s);
    let usage = usage(s);
    offer_with_addons(&s.calendar, slots, &s.catalog, &s.asks, &usage).unwrap()
}

/// The usage a request with add-ons counts: the date and the reach of its last start.
fn usage(s: &Studio) -> Usage {
    let day = s.calendar.bounds(s.date).unwrap();
    let reach = day.end() + Duration::minutes(i64::from(s.ask.duration));
    let exclude = Exclude {
        booking: None,
        session: Some(s.me),
    };
    Usage::build(
        &s.calendar,
        &s.booked,
        &s.held,
        exclude,
        s.now,
        (day.start, reach),
        Some(&s.asks),
    )
    .unwrap()
}

/// The same, each start checked quantum by quantum against every use.
fn naive(s: &Studio) -> DaySlots {
    let mut slots = plain(s);
    let stock = |id: &str| u32::from(s.catalog.get(id).unwrap().stock);
    slots.slots.retain_mut(|slot| {
        let (mut dropped, mut reserved) = (false, false);
        for ask in &s.asks {
            let (q, stock) = (ask.quantity as u32, stock(&ask.item));
            let mut t = slot.start;
            while t < slot.end {
                let covers = |u: &ItemUse| {
                    u.item.as_str() == ask.item && u.span.start() <= t && t < u.span.end()
                };
                let booked: u32 = s
                    .booked
                    .iter()
                    .filter(|b| covers(&b.usage))
                    .map(|b| u32::from(b.usage.quantity))
                    .sum();
                let held: u32 = s
                    .held
                    .iter()
                    .filter(|h| h.expires_at > s.now && h.session != s.me && covers(&h.usage))
                    .map(|h| u32::from(h.usage.quantity))
                    .sum();
                dropped |= booked + q > stock;
                reserved |= booked + held + q > stock;
                t += Duration::minutes(15);
            }
        }
        if reserved {
            slot.status = SlotStatus::Reserved;
        }
        !dropped
    });
    slots
}

fn addons(c: &mut Criterion) {
    let june = studio(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());
    let autumn = studio(NaiveDate::from_ymd_opt(2026, 10, 25).unwrap());
    for s in [&june, &autumn] {
        assert_eq!(engine(s), naive(s));
    }
    let mut g = c.benchmark_group("addons");
    g.bench_function("day_slots_plain", |b| {
        b.iter(|| black_box(plain(black_box(&june))))
    });
    g.bench_function("day_slots_two_addons", |b| {
        b.iter(|| black_box(engine(black_box(&june))))
    });
    g.bench_function("day_slots_two_addons_naive", |b| {
        b.iter(|| black_box(naive(black_box(&june))))
    });
    g.finish();
    for s in [&june, &autumn] {
        ratio(s);
    }
}

/// All three again, back to back, with the share of the cores the host took meanwhile.
fn ratio(s: &Studio) {
    let before = cpu_ticks();
    let runs = 1001;
    let base = median(runs, || {
        black_box(plain(s));
    });
    let fast = median(runs, || {
        black_box(engine(s));
    });
    let counting = median(runs, || {
        black_box(usage(s));
    });
    let prebuilt = usage(s);
    let cutting = median(runs, || {
        let slots = plain(s);
        black_box(offer_with_addons(&s.calendar, slots, &s.catalog, &s.asks, &prebuilt).unwrap());
    });
    let slow = median(101, || {
        black_box(naive(s));
    });
    let steal = stolen_since(before);
    let (room, offered) = (plain(s), engine(s));
    let reserved = offered
        .slots
        .iter()
        .filter(|x| x.status == SlotStatus::Reserved)
        .count();
    println!(
        "\naddons {} ({} quanta, {} uses booked, {} held): room alone {} starts, with amp + drum kit {} \
         ({} reserved). Medians: plain {:.1} µs, two add-ons {:.1} µs (of {runs}): {:.2}× (target ≤ 2×) \
         [counting the usage {:.1} µs; plain + cutting by a counted usage {:.1} µs: {:.2}×]; \
         naive per-start count {:.0} µs (of 101): {:.0}× the engine; stolen by the host {}",
        s.date,
        room.quanta,
        s.booked.len(),
        s.held.len(),
        room.slots.len(),
        offered.slots.len(),
        reserved,
        base.as_secs_f64() * 1e6,
        fast.as_secs_f64() * 1e6,
        fast.as_secs_f64() / base.as_secs_f64(),
        counting.as_secs_f64() * 1e6,
        cutting.as_secs_f64() * 1e6,
        cutting.as_secs_f64() / base.as_secs_f64(),
        slow.as_secs_f64() * 1e6,
        slow.as_secs_f64() / fast.as_secs_f64(),
        steal,
    );
}

criterion_group!(benches, addons);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
