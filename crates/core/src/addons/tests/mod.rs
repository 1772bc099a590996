mod model;

use super::*;
use crate::availability::{day_slots, SlotAsk, SlotStatus};
use crate::calendar::{Calendar, OpeningHours};
use crate::mask::DayMask;
use chrono::{Duration, NaiveDate, TimeZone, Timelike};
use chrono_tz::Europe::Berlin;
use uuid::Uuid;

fn cal() -> Calendar {
    Calendar::new(Berlin, OpeningHours::always())
}

fn at(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Berlin
        .with_ymd_and_hms(2026, m, d, h, min, 0)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

fn span(from: DateTime<Utc>, to: DateTime<Utc>) -> Span {
    Span::new(from, to).unwrap()
}

fn item(id: &str, name: &str, stock: u16, price_minor: u64, per: Per) -> Item {
    Item::new(id, name, stock, price_minor, per).unwrap()
}

fn catalog() -> Catalog {
    Catalog::new(vec![
        item("amp", "guitar amps", 2, 1500, Per::Booking),
        item("drums", "drum kit", 1, 800, Per::Hour),
        item("broken", "broken mic", 0, 0, Per::Booking),
    ])
    .unwrap()
}

fn ask(item: &str, quantity: i64) -> AddonAsk {
    AddonAsk {
        item: item.into(),
        quantity,
    }
}

fn booked(booking: Uuid, item: &str, quantity: u16, span: Span) -> BookedUse {
    BookedUse {
        booking,
        usage: ItemUse {
            item: ItemId::new(item).unwrap(),
            quantity,
            span,
        },
    }
}

fn usage(booked: &[BookedUse], held: &[HeldUse], exclude: Exclude, now: DateTime<Utc>) -> Usage {
    let window = (at(1, 1, 0, 0), at(12, 31, 0, 0));
    Usage::build(&cal(), booked, held, exclude, now, window, None).unwrap()
}

#[test]
fn catalog_refuses_empty_names_and_repeats() {
    assert_eq!(ItemId::new("Amp"), Err(ItemError::BadId("Amp".into())));
    let blank = Catalog::new(vec![item("a", " ", 1, 0, Per::Booking)]);
    assert_eq!(blank, Err(ItemError::EmptyName { index: 0 }));
    let twice = Catalog::new(vec![
        item("a", "A", 1, 0, Per::Booking),
        item("a", "B", 1, 0, Per::Booking),
    ]);
    assert!(matches!(twice, Err(ItemError::Duplicate { index: 1, .. })));
}

#[test]
fn bad_asks_name_their_field() {
    let c = catalog();
    let field = |asks: &[AddonAsk]| c.needs(asks).unwrap_err().field().unwrap();
    assert_eq!(field(&[ask("amp", 1), ask("piano", 1)]), "addons[1].item");
    assert_eq!(field(&[ask("amp", 0)]), "addons[0].quantity");
    assert_eq!(field(&[ask("amp", -1)]), "addons[0].quantity");
    assert_eq!(
        field(&[ask("drums", 1), ask("amp", 3)]),
        "addons[1].quantity"
    );
    assert_eq!(field(&[ask("amp", 1), ask("amp", 1)]), "addons[1].item");
    // Stock 0 (out for repair): nothing can be asked of it.
    let err = c.needs(&[ask("broken", 1)]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "addons[0].quantity: ask for 1 to 0 of \"broken mic\", not 1"
    );
    assert_eq!(c.needs(&[ask("amp", 2), ask("drums", 1)]).unwrap().len(), 2);
}

#[test]
fn two_rooms_never_take_the_third_amp_of_two() {
    let (c, now) = (catalog(), at(6, 1, 8, 0));
    let first = Uuid::from_u128(1);
    let uses = [booked(
        first,
        "amp",
        2,
        span(at(6, 1, 14, 0), at(6, 1, 15, 0)),
    )];
    let u = usage(&uses, &[], Exclude::default(), now);
    // Another room asks one amp 14:30–16:00 and the drum kit first.
    let wanted = span(at(6, 1, 14, 30), at(6, 1, 16, 0));
    let err = admit_addons(&cal(), &c, &wanted, &[ask("drums", 1), ask("amp", 1)], &u).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("addons[1].quantity"));
    assert_eq!(
        err.to_string(),
        "addons[1].quantity: 2 of 2 \"guitar amps\" are taken 14:30–15:00"
    );
    let AddonError::Short {
        start, end, held, ..
    } = err
    else {
        panic!()
    };
    assert_eq!(
        (start, end, held),
        (at(6, 1, 14, 30), at(6, 1, 15, 0), false)
    );
    // From 15:00 both amps are back; the span is not widened by any room's changeover.
    let after = span(at(6, 1, 15, 0), at(6, 1, 16, 0));
    let got = admit_addons(&cal(), &c, &after, &[ask("amp", 2)], &u).unwrap();
    assert_eq!(got[0].quantity, 2);
    // Moving or extending the booking itself: its own old amps are free for it.
    let own = usage(
        &uses,
        &[],
        Exclude {
            booking: Some(first),
            session: None,
        },
        now,
    );
    let longer = span(at(6, 1, 13, 0), at(6, 1, 16, 0));
    assert!(admit_addons(&cal(), &c, &longer, &[ask("amp", 2)], &own).is_ok());
    assert!(admit_addons(&cal(), &c, &longer, &[ask("amp", 2)], &u).is_err());
}

#[test]
fn live_holds_of_others_count_until_they_expire() {
    let (c, now) = (catalog(), at(6, 1, 8, 0));
    let (me, other) = (Uuid::from_u128(7), Uuid::from_u128(8));
    let hold = HeldUse {
        session: other,
        expires_at: now + Duration::seconds(10),
        usage: ItemUse {
            item: ItemId::new("drums").unwrap(),
            quantity: 1,
            span: span(at(6, 1, 10, 0), at(6, 1, 11, 0)),
        },
    };
    let wanted = span(at(6, 1, 9, 0), at(6, 1, 12, 0));
    let asks = [ask("drums", 1)];
    let mine = Exclude {
        booking: None,
        session: Some(me),
    };
    let u = usage(&[], std::slice::from_ref(&hold), mine, now);
    let err = admit_addons(&cal(), &c, &wanted, &asks, &u).unwrap_err();
    assert!(
        matches!(
            err,
            AddonError::Short {
                held: true,
                taken: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err
        .to_string()
        .ends_with("10:00–11:00 (another desk is booking them right now)"));
    // The holder itself, or anyone after expiry, may take it.
    let theirs = Exclude {
        booking: None,
        session: Some(other),
    };
    let u = usage(&[], std::slice::from_ref(&hold), theirs, now);
    assert!(admit_addons(&cal(), &c, &wanted, &asks, &u).is_ok());
    let later = now + Duration::seconds(10);
    let u = usage(&[], std::slice::from_ref(&hold), mine, later);
    assert!(admit_addons(&cal(), &c, &wanted, &asks, &u).is_ok());
}

#[test]
fn counts_follow_the_real_length_of_dst_days() {
    let (c, now) = (catalog(), at(3, 1, 0, 0));
    let kit = Uuid::from_u128(3);
    // 2026-03-29: 92 quanta; 2026-10-25: 100. A night use across each change.
    for (d, quanta) in [((3, 28), 92), ((10, 24), 100)] {
        let night = span(at(d.0, d.1, 22, 0), at(d.0, d.1 + 1, 6, 0));
        let uses = [booked(kit, "drums", 1, night)];
        let u = usage(&uses, &[], Exclude::default(), now);
        let next = NaiveDate::from_ymd_opt(2026, d.0, d.1 + 1).unwrap();
        let counts = u.day("drums", next).unwrap();
        assert_eq!(counts.quanta(), quanta);
        // Taken until 06:00 local: 4 hours of real quanta after midnight, ± the jump.
        let taken = (0..quanta).filter(|&q| counts.booked(q) == 1).count() as u32;
        assert_eq!(taken, 24 + quanta - 96);
        // A span from 23:00 to 01:00 across midnight is short as one run.
        let wanted = span(at(d.0, d.1, 23, 0), at(d.0, d.1 + 1, 1, 0));
        let err = admit_addons(&cal(), &c, &wanted, &[ask("drums", 1)], &u).unwrap_err();
        let AddonError::Short { start, end, .. } = err else {
            panic!()
        };
        assert_eq!((start, end), (wanted.start(), wanted.end()));
    }
}

#[test]
fn prices_in_minor_units() {
    let s = |minutes: i64| {
        span(
            at(6, 1, 10, 0),
            at(6, 1, 10, 0) + Duration::minutes(minutes),
        )
    };
    let amp = item("amp", "Amp", 2, 1500, Per::Booking);
    assert_eq!(amp.price(2, &s(240)), Some(3000));
    let hourly = item("eng", "Engineer", 1, 4001, Per::Hour);
    assert_eq!(hourly.price(1, &s(60)), Some(4001));
    // 45 minutes: 3 × 4001 / 4 = 3000.75 → 3001 (rounded once, half up).
    assert_eq!(hourly.price(1, &s(45)), Some(3001));
    // 2 × 4001 × 1/4 = 2000.5 → 2001.
    assert_eq!(hourly.price(2, &s(15)), Some(2001));
    // A started quarter counts whole: 61 minutes are 5 quarters.
    assert_eq!(hourly.price(1, &s(61)), Some(5001));
    // The night of 2026-10-25 01:00–04:00 local is 4 real hours.
    let night = span(at(10, 25, 1, 0), at(10, 25, 4, 0));
    assert_eq!(hourly.price(1, &night), Some(4 * 4001));
    let huge = item("x", "X", 2, u64::MAX, Per::Booking);
    assert_eq!(huge.price(2, &s(15)), None);
    let c = Catalog::new(vec![huge]).unwrap();
    let needs = c.needs(&[ask("x", 2)]).unwrap();
    let err = prices(&needs, &s(15)).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("addons[0].quantity"));
}

#[test]
fn offered_starts_drop_short_and_mark_held() {
    let (c, now) = (catalog(), at(5, 31, 0, 0));
    let d = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let ask_2h = SlotAsk {
        duration: 120,
        interval: 60,
        changeover: 0,
    };
    let none = |_: NaiveDate| DayMask::EMPTY;
    let room = day_slots(&cal(), d, ask_2h, now, none, none).unwrap();
    assert_eq!(room.slots.len(), 24);
    // The drum kit is booked 10:00–11:00 and held by another desk 23:30–00:30.
    let uses = [booked(
        Uuid::from_u128(1),
        "drums",
        1,
        span(at(6, 1, 10, 0), at(6, 1, 11, 0)),
    )];
    let hold = HeldUse {
        session: Uuid::from_u128(9),
        expires_at: now + Duration::seconds(10),
        usage: ItemUse {
            item: ItemId::new("drums").unwrap(),
            quantity: 1,
            span: span(at(6, 1, 23, 30), at(6, 2, 0, 30)),
        },
    };
    let u = usage(&uses, &[hold], Exclude::default(), now);
    let got = offer_with_addons(&cal(), room.clone(), &c, &[ask("drums", 1)], &u).unwrap();
    let hours: Vec<(u32, SlotStatus)> = got
        .slots
        .iter()
        .map(|s| (cal().local(s.start).hour(), s.status))
        .collect();
    // 09:00 and 10:00 meet the booking; 22:00 and 23:00 meet the hold (23:00 across midnight).
    assert!(!hours.iter().any(|(h, _)| *h == 9 || *h == 10));
    assert_eq!(hours.len(), 22);
    for (h, status) in hours {
        let held = h == 22 || h == 23;
        assert_eq!(status == SlotStatus::Reserved, held, "{h}:00");
    }
    // The amps are free all day: nothing changes; no asks, nothing changes.
    let amps = offer_with_addons(&cal(), room.clone(), &c, &[ask("amp", 2)], &u).unwrap();
    assert_eq!(amps, room);
    assert_eq!(
        offer_with_addons(&cal(), room.clone(), &c, &[], &u).unwrap(),
        room
    );
    // Bad asks are refused here too.
    let err = offer_with_addons(&cal(), room, &c, &[ask("drums", 2)], &u).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("addons[0].quantity"));
}
