use super::*;
use crate::calendar::OpeningHours;
use chrono::{Duration, TimeZone};
use chrono_tz::Europe::Berlin;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn hours() -> OpeningHours {
    let mut h = OpeningHours::closed();
    for wd in crate::calendar::WEEK {
        h.set(wd, "08:00", "24:00").unwrap();
    }
    h
}

fn ask(duration: u32, interval: u32) -> SlotAsk {
    SlotAsk {
        duration,
        interval,
        changeover: 0,
    }
}

fn none(_: NaiveDate) -> DayMask {
    DayMask::EMPTY
}

/// A `now` before every date these tests ask about.
fn long_ago() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap()
}

fn berlin(m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Berlin
        .with_ymd_and_hms(2026, m, d, h, min, s)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn starts_that_are_over_are_not_offered() {
    let cal = Calendar::new(Berlin, hours());
    let d = date(2026, 6, 1);
    let starts = |now| {
        day_slots(&cal, d, ask(60, 60), now, none, none)
            .unwrap()
            .slots
            .iter()
            .map(|s| cal.local(s.start).time().format("%H:%M").to_string())
            .collect::<Vec<_>>()
    };
    // 14:05: the 14:00 quantum is still running, so a walk-in can start at 14:00.
    assert_eq!(starts(berlin(6, 1, 14, 5, 0)).first().unwrap(), "14:00");
    // 14:15: the 14:00 quantum is over.
    assert_eq!(starts(berlin(6, 1, 14, 15, 0)).first().unwrap(), "15:00");
    assert_eq!(starts(berlin(6, 1, 14, 14, 59)).first().unwrap(), "14:00");
    // Before the date, all of it; after it, nothing.
    assert_eq!(starts(berlin(5, 31, 23, 59, 0)).len(), 16);
    assert!(starts(berlin(6, 2, 0, 0, 0)).is_empty());
    // A two-hour booking at 23:00 would end tomorrow: the late start is still offered
    // at 23:10 (tomorrow's quanta are not over).
    let cal = Calendar::new(Berlin, OpeningHours::always());
    let late = day_slots(&cal, d, ask(120, 60), berlin(6, 1, 23, 10, 0), none, none).unwrap();
    assert_eq!(late.slots.len(), 1);
    assert_eq!(late.slots[0].start, berlin(6, 1, 23, 0, 0));
}

#[test]
fn the_month_has_no_start_on_dates_that_are_over() {
    let cal = Calendar::new(Berlin, hours());
    // 21 June, 23:05: 23:00–24:00 still fits today; a 2-hour booking needs 22:00 or
    // 23:00 → 24:00 closes at midnight, so only the 1-hour one is left today.
    let now = berlin(6, 21, 23, 5, 0);
    let month = month_availability(&cal, 2026, 6, ask(60, 60), now, none, none).unwrap();
    for (day, free) in &month {
        assert_eq!(*free, day.day() >= 21, "{day}");
    }
    let month = month_availability(&cal, 2026, 6, ask(120, 60), now, none, none).unwrap();
    for (day, free) in &month {
        assert_eq!(*free, day.day() >= 22, "{day}");
    }
}

#[test]
fn grid_inside_opening_hours() {
    let cal = Calendar::new(Berlin, hours());
    let d = date(2026, 6, 1);
    let slots = day_slots(&cal, d, ask(120, 60), long_ago(), none, none).unwrap();
    assert_eq!(slots.quanta, 96);
    // 08:00 … 22:00 (22:00–24:00 is the last that fits before closing).
    assert_eq!(slots.slots.len(), 15);
    let first = Berlin
        .with_ymd_and_hms(2026, 6, 1, 8, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(slots.slots[0].start, first);
    assert_eq!(slots.slots[0].end, first + Duration::hours(2));
    assert!(slots.slots.windows(2).all(|w| w[0].start < w[1].start));
}

#[test]
fn booked_hides_and_held_reserves() {
    let cal = Calendar::new(Berlin, hours());
    let d = date(2026, 6, 1);
    // Booked 10:00–11:00 (quanta 40..44), held 14:00–14:15 (quanta 56..57).
    let booked = |x: NaiveDate| {
        if x == d {
            DayMask::range(40, 44)
        } else {
            DayMask::EMPTY
        }
    };
    let held = |x: NaiveDate| {
        if x == d {
            DayMask::range(56, 57)
        } else {
            DayMask::EMPTY
        }
    };
    let slots = day_slots(&cal, d, ask(60, 60), long_ago(), booked, held)
        .unwrap()
        .slots;
    let local: Vec<(u32, SlotStatus)> = slots
        .iter()
        .map(|s| {
            (
                cal.local(s.start)
                    .time()
                    .format("%H")
                    .to_string()
                    .parse()
                    .unwrap(),
                s.status,
            )
        })
        .collect();
    assert!(!local.iter().any(|(h, _)| *h == 10));
    assert!(local.contains(&(14, SlotStatus::Reserved)));
    assert!(local.contains(&(13, SlotStatus::Available)));
    assert_eq!(local.len(), 15);
}

#[test]
fn changeover_keeps_starts_clear_of_bookings_on_both_sides() {
    let cal = Calendar::new(Berlin, OpeningHours::always());
    let d = date(2026, 6, 1);
    // Booked 10:00–11:00 and, on the date before, 23:00–24:00.
    let booked = |x: NaiveDate| {
        if x == d {
            DayMask::range(40, 44)
        } else if x == d.pred_opt().unwrap() {
            DayMask::range(92, 96)
        } else {
            DayMask::EMPTY
        }
    };
    let starts = |changeover: u32| -> Vec<String> {
        let asked = SlotAsk {
            duration: 60,
            interval: 30,
            changeover,
        };
        day_slots(&cal, d, asked, long_ago(), booked, none)
            .unwrap()
            .slots
            .iter()
            .map(|s| cal.local(s.start).format("%H:%M").to_string())
            .filter(|t| t.as_str() < "12:00")
            .collect()
    };
    assert_eq!(
        starts(0),
        [
            "00:00", "00:30", "01:00", "01:30", "02:00", "02:30", "03:00", "03:30", "04:00",
            "04:30", "05:00", "05:30", "06:00", "06:30", "07:00", "07:30", "08:00", "08:30",
            "09:00", "11:00", "11:30"
        ]
    );
    // 30 minutes of changeover: not right after midnight (the booking before ends at
    // 24:00), not ending right before 10:00, not starting right at 11:00.
    let with = starts(30);
    assert_eq!(with.first().map(String::as_str), Some("00:30"));
    assert!(with.contains(&"08:30".to_string()) && !with.contains(&"09:00".to_string()));
    assert_eq!(&with[with.len() - 1..], ["11:30"]);
    // The month counts it: a date booked every other hour is full with a 60-minute
    // changeover, free without.
    let gaps =
        |_: NaiveDate| (0..12).fold(DayMask::EMPTY, |m, h| m | DayMask::range(h * 8, h * 8 + 4));
    for (changeover, free) in [(0, true), (60, false)] {
        let asked = SlotAsk {
            duration: 60,
            interval: 60,
            changeover,
        };
        let month = month_availability(&cal, 2026, 6, asked, long_ago(), gaps, none).unwrap();
        assert!(
            month.iter().all(|(_, f)| *f == free),
            "changeover {changeover}"
        );
    }
    let odd = SlotAsk {
        duration: 60,
        interval: 60,
        changeover: 20,
    };
    assert_eq!(
        day_slots(&cal, d, odd, long_ago(), none, none),
        Err(AvailabilityError::BadChangeover(20))
    );
}

#[test]
fn dst_days_have_their_own_grid() {
    let cal = Calendar::new(Berlin, OpeningHours::always());
    let spring = day_slots(&cal, date(2026, 3, 29), ask(60, 60), long_ago(), none, none).unwrap();
    assert_eq!(spring.quanta, 92);
    assert_eq!(spring.slots.len(), 23);
    let fall = day_slots(
        &cal,
        date(2026, 10, 25),
        ask(60, 60),
        long_ago(),
        none,
        none,
    )
    .unwrap();
    assert_eq!(fall.quanta, 100);
    assert_eq!(fall.slots.len(), 25);
}

#[test]
fn spans_reach_into_the_next_day() {
    let cal = Calendar::new(Berlin, OpeningHours::always());
    let d = date(2026, 6, 1);
    let next = d.succ_opt().unwrap();
    // The next day is booked 00:00–01:00: 3 h slots at 22:00 and 23:00 are gone.
    let booked = |x: NaiveDate| {
        if x == next {
            DayMask::range(0, 4)
        } else {
            DayMask::EMPTY
        }
    };
    let slots = day_slots(&cal, d, ask(180, 60), long_ago(), booked, none)
        .unwrap()
        .slots;
    let last = slots.last().unwrap();
    assert_eq!(
        cal.local(last.start).time().format("%H:%M").to_string(),
        "21:00"
    );
    assert_eq!(slots.len(), 22);
    // A two-day booking fits only where nothing at all is booked.
    let long = day_slots(&cal, d, ask(48 * 60, 60), long_ago(), booked, none)
        .unwrap()
        .slots;
    assert_eq!(long.len(), 0);
}

#[test]
fn month_marks_full_days() {
    let cal = Calendar::new(Berlin, hours());
    let full = date(2026, 2, 10);
    let booked = |x: NaiveDate| {
        if x == full {
            DayMask::full(96)
        } else {
            DayMask::EMPTY
        }
    };
    let month = month_availability(&cal, 2026, 2, ask(60, 60), long_ago(), booked, none).unwrap();
    assert_eq!(month.len(), 28);
    assert!(month.iter().all(|(d, free)| *free == (*d != full)));
    assert!(matches!(
        month_availability(&cal, 2026, 13, ask(60, 60), long_ago(), none, none),
        Err(AvailabilityError::BadMonth { .. })
    ));
    assert!(matches!(
        day_slots(&cal, full, ask(50, 60), long_ago(), none, none),
        Err(AvailabilityError::BadDuration(50))
    ));
}
