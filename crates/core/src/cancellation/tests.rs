#![allow(clippy::unwrap_used)]
use super::*;
use chrono::TimeZone;
use chrono_tz::Europe::Berlin;
use proptest::prelude::*;

fn berlin(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Berlin
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .earliest()
        .unwrap()
        .to_utc()
}

fn tier(hours_before: u32, percent: u8) -> FeeTier {
    FeeTier {
        hours_before,
        percent,
    }
}

/// Free until 48 h; 25 % from 48 h, 50 % from 24 h, 100 % from 2 h; no-show 80 %.
fn terms() -> CancellationTerms {
    CancellationTerms {
        free_hours_before: 48,
        tiers: vec![tier(48, 25), tier(24, 50), tier(2, 100)],
        no_show_percent: 80,
        deposit: None,
    }
}

fn second(n: i64) -> Duration {
    Duration::seconds(n)
}

/// The percent charged (None: free) one second before, at, and one second after each
/// boundary of `terms()` for a booking starting at `start`.
fn assert_boundaries(start: DateTime<Utc>) {
    let t = terms();
    let pct = |now: DateTime<Utc>| match fee_for_cancel(&t, 6000, start, now).rule {
        FeeRule::Free => None,
        FeeRule::Tier { percent, .. } => Some(percent),
        FeeRule::NoShow { .. } => unreachable!(),
    };
    for (hours, before, from) in [
        (48, None, Some(25)),
        (24, Some(25), Some(50)),
        (2, Some(50), Some(100)),
    ] {
        let boundary = start - Duration::hours(hours);
        assert_eq!(pct(boundary - second(1)), before, "1 s before {hours} h");
        assert_eq!(pct(boundary), from, "at {hours} h");
        assert_eq!(pct(boundary + second(1)), from, "1 s after {hours} h");
    }
    assert_eq!(
        pct(start + Duration::hours(1)),
        Some(100),
        "after the start"
    );
}

#[test]
fn tiers_at_their_boundaries_on_an_ordinary_day() {
    assert_boundaries(berlin(2027, 1, 13, 10, 0));
}

#[test]
fn a_start_just_after_spring_forward_counts_real_hours() {
    // 2027-03-28 02:00 Berlin jumps to 03:00. A start at 03:00 local (01:00 UTC):
    // 2 h before is 00:00 local (23:00 UTC the day before), not 01:00 local.
    let start = berlin(2027, 3, 28, 3, 0);
    assert_eq!(start, Utc.with_ymd_and_hms(2027, 3, 28, 1, 0, 0).unwrap());
    assert_boundaries(start);
    let t = terms();
    let at = |now| fee_for_cancel(&t, 6000, start, now).amount;
    // A wall-clock count would put 2 h before 03:00 at 01:00; in elapsed time it is
    // midnight, so 00:30 local is already 100 %.
    assert_eq!(at(berlin(2027, 3, 27, 23, 59) + second(59)), 3000);
    assert_eq!(at(berlin(2027, 3, 28, 0, 0)), 6000);
    assert_eq!(at(berlin(2027, 3, 28, 0, 30)), 6000);
    // 24 h before 03:00 CEST is 02:00 CET the day before (wall clock 25 h earlier).
    assert_eq!(at(berlin(2027, 3, 27, 2, 0) - second(1)), 1500);
    assert_eq!(at(berlin(2027, 3, 27, 2, 0)), 3000);
}

#[test]
fn a_start_just_after_fall_back_counts_real_hours() {
    // 2027-10-31 03:00 CEST goes back to 02:00 CET. A start at 04:00 CET (03:00 UTC):
    // 24 h before is 05:00 CEST the day before.
    let start = berlin(2027, 10, 31, 4, 0);
    assert_boundaries(start);
    let t = terms();
    let at = |now| fee_for_cancel(&t, 6000, start, now).amount;
    // 2 h before is the second 02:00 (CET, 01:00 UTC); the first 02:00 (CEST, 00:00 UTC)
    // is three real hours before, still 50 %.
    let first_two = Utc.with_ymd_and_hms(2027, 10, 31, 0, 0, 0).unwrap();
    let second_two = Utc.with_ymd_and_hms(2027, 10, 31, 1, 0, 0).unwrap();
    assert_eq!(at(first_two), 3000);
    assert_eq!(at(second_two - second(1)), 3000);
    assert_eq!(at(second_two), 6000);
    assert_eq!(at(berlin(2027, 10, 30, 5, 0) - second(1)), 1500);
    assert_eq!(at(berlin(2027, 10, 30, 5, 0)), 3000);
}

#[test]
fn a_gap_after_free_time_owes_nothing_and_no_terms_owe_nothing() {
    let start = berlin(2027, 1, 13, 10, 0);
    let gap = CancellationTerms {
        free_hours_before: 48,
        tiers: vec![tier(24, 50)],
        no_show_percent: 0,
        deposit: None,
    };
    assert_eq!(
        fee_for_cancel(&gap, 6000, start, start - Duration::hours(30)),
        Fee::NONE
    );
    assert_eq!(
        fee_for_cancel(&gap, 6000, start, start - Duration::hours(24)).amount,
        3000
    );
    let none = CancellationTerms::default();
    assert!(none.is_free());
    assert_eq!(fee_for_cancel(&none, 6000, start, start), Fee::NONE);
    assert_eq!(fee_for_no_show(&none, 6000).amount, 0);
}

#[test]
fn fees_round_half_up_to_the_minor_unit() {
    assert_eq!(percent_of(6000, 50), 3000);
    assert_eq!(percent_of(1, 50), 1); // 0.5 → 1
    assert_eq!(percent_of(1, 49), 0); // 0.49 → 0
    assert_eq!(percent_of(333, 33), 110); // 109.89 → 110
    assert_eq!(percent_of(1050, 5), 53); // 52.5 → 53
    assert_eq!(percent_of(u64::MAX, 100), u64::MAX);
    assert_eq!(percent_of(0, 100), 0);
    let no_show = fee_for_no_show(&terms(), 6000);
    assert_eq!(no_show.amount, 4800);
    assert_eq!(no_show.rule, FeeRule::NoShow { percent: 80 });
}

#[test]
fn bad_terms_name_the_field() {
    let mut t = terms();
    assert_eq!(t.validate("terms"), Ok(()));
    t.tiers[1].hours_before = 48;
    let e = t.validate("terms").unwrap_err();
    assert_eq!(e.field(), "terms.tiers[1].hoursBefore");
    assert!(e.to_string().contains("fewer than the tier before"), "{e}");

    let mut t = terms();
    t.tiers[2].percent = 101;
    assert_eq!(
        t.validate("rooms[0].terms").unwrap_err().field(),
        "rooms[0].terms.tiers[2].percent"
    );

    let mut t = terms();
    t.no_show_percent = 150;
    let e = t.validate("terms").unwrap_err();
    assert_eq!(
        e,
        TermsError::PercentOver100 {
            field: "terms.noShowPercent".into(),
            value: 150
        }
    );

    let mut t = terms();
    t.tiers[0].hours_before = 72;
    assert_eq!(
        t.validate("terms").unwrap_err().field(),
        "terms.tiers[0].hoursBefore"
    );

    let mut t = terms();
    t.free_hours_before = MAX_HOURS_BEFORE + 1;
    assert_eq!(
        t.validate("terms").unwrap_err().field(),
        "terms.freeHoursBefore"
    );

    let t = CancellationTerms {
        free_hours_before: 100,
        tiers: (0..11).map(|i| tier(100 - i, 10)).collect(),
        no_show_percent: 0,
        deposit: None,
    };
    assert_eq!(t.validate("terms").unwrap_err().field(), "terms.tiers");
}

#[test]
fn rules_round_trip_as_text() {
    for rule in [
        FeeRule::Free,
        FeeRule::Tier {
            index: 2,
            hours_before: 24,
            percent: 50,
        },
        FeeRule::NoShow { percent: 100 },
    ] {
        assert_eq!(rule.to_string().parse::<FeeRule>(), Ok(rule));
    }
    assert!("tier:1:x:5".parse::<FeeRule>().is_err());
    assert!("waived".parse::<FeeRule>().is_err());
}

/// Valid terms: falling hours within the free time.
fn arb_terms() -> impl Strategy<Value = CancellationTerms> {
    (
        0u32..200,
        prop::collection::btree_set(0u32..200, 0..5),
        prop::collection::vec(0u8..=100, 5),
        0u8..=100,
    )
        .prop_map(|(free, hours, percents, no_show)| {
            let mut hours: Vec<u32> = hours.into_iter().filter(|h| *h <= free).collect();
            hours.reverse();
            CancellationTerms {
                free_hours_before: free,
                tiers: hours
                    .iter()
                    .zip(percents)
                    .map(|(h, p)| tier(*h, p))
                    .collect(),
                no_show_percent: no_show,
                deposit: None,
            }
        })
}

/// The naive model: whole seconds before the start, every tier looked at, the nearest one
/// that has begun wins; rounding by quotient and remainder.
fn naive(terms: &CancellationTerms, price: u64, start: DateTime<Utc>, now: DateTime<Utc>) -> u64 {
    let left = (start - now).num_seconds();
    if left > i64::from(terms.free_hours_before) * 3600 {
        return 0;
    }
    let begun = terms
        .tiers
        .iter()
        .filter(|t| left <= i64::from(t.hours_before) * 3600);
    let Some(t) = begun.min_by_key(|t| t.hours_before) else {
        return 0;
    };
    let product = u128::from(price) * u128::from(t.percent);
    let (q, r) = (product / 100, product % 100);
    (q + u128::from(r >= 50)) as u64
}

proptest! {
    #[test]
    fn cancel_fees_match_the_naive_model(
        terms in arb_terms(),
        price in 0u64..10_000_000,
        offset in -3600i64 * 24..3600 * 250,
        day in 0i64..730,
    ) {
        prop_assert_eq!(terms.validate("terms"), Ok(()));
        // Starts on the quarter-hour grid over two years of Berlin's clock changes.
        let start = berlin(2026, 1, 1, 0, 0) + Duration::days(day) + Duration::minutes(15 * (offset.rem_euclid(96)));
        let now = start - Duration::seconds(offset);
        let fee = fee_for_cancel(&terms, price, start, now);
        prop_assert_eq!(fee.amount, naive(&terms, price, start, now));
        prop_assert!(fee.amount <= price);
    }
}

#[test]
fn a_room_override_wins_and_must_name_a_room_of_the_studio() {
    use crate::studio::{Room, RoomId, Studio};
    let room = |id: &str| Room {
        id: RoomId::new(id).unwrap(),
        name: id.into(),
        durations: vec![60],
        interval: 60,
        pricing: Default::default(),
        colour: None,
        changeover: 0,
    };
    let studio = Studio::new(
        "S",
        "Europe/Berlin",
        crate::OpeningHours::always(),
        vec![room("a"), room("b")],
        10,
    )
    .unwrap();
    let own = CancellationTerms {
        no_show_percent: 100,
        ..Default::default()
    };
    let with = |rooms: Vec<(&str, CancellationTerms)>| {
        studio.clone().with_cancellation(StudioTerms {
            studio: terms(),
            rooms: rooms
                .into_iter()
                .map(|(id, t)| (RoomId::new(id).unwrap(), t))
                .collect(),
        })
    };
    let s = with(vec![("b", own.clone())]).unwrap();
    assert_eq!(
        s.cancellation.for_room(&RoomId::new("a").unwrap()),
        &terms()
    );
    assert_eq!(s.cancellation.for_room(&RoomId::new("b").unwrap()), &own);
    let e = with(vec![("c", own.clone())]).unwrap_err();
    assert_eq!(e.field(), "roomTerms.c");
    let mut bad = own;
    bad.no_show_percent = 101;
    assert_eq!(
        with(vec![("b", bad)]).unwrap_err().field(),
        "roomTerms.b.noShowPercent"
    );
}
