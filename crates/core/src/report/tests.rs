use chrono::{DateTime, Utc, Weekday};
use chrono_tz::Europe::Berlin;

use super::*;
use crate::calendar::OpeningHours;
use crate::span::Span;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// `2026-06-17T12:00+02:00`.
fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M%:z")
        .unwrap()
        .with_timezone(&Utc)
}

fn room(id: &str, changeover_minutes: u32) -> RoomReportInput {
    RoomReportInput {
        room: RoomId::new(id).unwrap(),
        changeover_minutes,
    }
}

fn ten_to_ten() -> Calendar {
    let mut hours = OpeningHours::closed();
    for wd in crate::calendar::WEEK {
        hours.set(wd, "10:00", "22:00").unwrap();
    }
    Calendar::new(Berlin, hours)
}

/// The occupancy of bookings `(room, start, end)` (local time with offset).
fn booked(calendar: &Calendar, bookings: &[(&str, &str, &str)]) -> Occupancy {
    let mut occ = Occupancy::new();
    for (room, start, end) in bookings {
        let span = Span::new(utc(start), utc(end)).unwrap();
        let days = calendar.span_days(&span).unwrap();
        occ.add(&RoomId::new(room).unwrap(), days.masks());
    }
    occ
}

/// `(open, booked, changeover)` quanta of the `n`th room.
fn totals(f: &OccupancyFigures, n: usize) -> (u64, u64, u64) {
    let r = &f.rooms[n];
    (r.open_quanta, r.booked_quanta, r.changeover_quanta)
}

fn figures(
    calendar: &Calendar,
    from: &str,
    to: &str,
    rooms: &[RoomReportInput],
    occ: &Occupancy,
) -> OccupancyFigures {
    occupancy(calendar, date(from), date(to), rooms, occ).unwrap()
}

fn cell(f: &OccupancyFigures, weekday: Weekday, hour: usize) -> (u64, u64) {
    let c = f.heatmap[weekday.num_days_from_monday() as usize][hour];
    (c.open_quanta, c.booked_quanta)
}

#[test]
fn booked_open_and_changeover_of_one_day() {
    let cal = ten_to_ten();
    // 2026-06-17 is a Wednesday, CEST (+02:00).
    // Two touching bookings, one run 12:00–15:00: changeover 15:00–15:30.
    let occ = booked(
        &cal,
        &[
            ("a", "2026-06-17T12:00+02:00", "2026-06-17T14:00+02:00"),
            ("a", "2026-06-17T14:00+02:00", "2026-06-17T15:00+02:00"),
            // 16:00–17:00 and 17:15–18:00: the gap of one quantum is changeover, then 18:00–18:30.
            ("a", "2026-06-17T16:00+02:00", "2026-06-17T17:00+02:00"),
            ("a", "2026-06-17T17:15+02:00", "2026-06-17T18:00+02:00"),
            // Past closing: only 21:30–22:00 is open time booked, no changeover after 22:00.
            ("a", "2026-06-17T21:30+02:00", "2026-06-17T23:00+02:00"),
            // Before opening: nothing counts, and 09:00–09:30 is closed too.
            ("a", "2026-06-17T08:00+02:00", "2026-06-17T09:00+02:00"),
        ],
    );
    let f = figures(&cal, "2026-06-17", "2026-06-17", &[room("a", 30)], &occ);
    assert_eq!(
        f.rooms,
        vec![RoomFigures {
            room: RoomId::new("a").unwrap(),
            open_quanta: 48,
            booked_quanta: 12 + 4 + 3 + 2,
            changeover_quanta: 2 + 1 + 2,
        }]
    );
    assert_eq!(cell(&f, Weekday::Wed, 12), (4, 4));
    assert_eq!(cell(&f, Weekday::Wed, 17), (4, 3));
    assert_eq!(cell(&f, Weekday::Wed, 21), (4, 2));
    assert_eq!(cell(&f, Weekday::Wed, 8), (0, 0));
    assert_eq!(cell(&f, Weekday::Wed, 22), (0, 0));
    assert_eq!(cell(&f, Weekday::Thu, 12), (0, 0));
    let total: u64 = f.heatmap.iter().flatten().map(|c| c.booked_quanta).sum();
    assert_eq!(total, 21);
}

#[test]
fn no_changeover_without_pad_and_rooms_kept_apart() {
    let cal = ten_to_ten();
    let occ = booked(
        &cal,
        &[
            ("a", "2026-06-17T12:00+02:00", "2026-06-17T13:00+02:00"),
            ("b", "2026-06-17T12:00+02:00", "2026-06-17T12:30+02:00"),
        ],
    );
    let rooms = [room("b", 0), room("a", 45), room("c", 15)];
    let f = figures(&cal, "2026-06-15", "2026-06-21", &rooms, &occ);
    let got: Vec<_> = f
        .rooms
        .iter()
        .map(|r| {
            (
                r.room.as_str(),
                r.open_quanta,
                r.booked_quanta,
                r.changeover_quanta,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("b", 7 * 48, 2, 0),
            ("a", 7 * 48, 4, 3),
            ("c", 7 * 48, 0, 0)
        ]
    );
    // Open time counts once per selected room.
    assert_eq!(cell(&f, Weekday::Wed, 12), (12, 6));
    assert_eq!(cell(&f, Weekday::Sun, 10), (12, 0));
}

#[test]
fn spring_forward_has_no_two_oclock() {
    let cal = Calendar::new(Berlin, OpeningHours::always());
    // Sunday 2026-03-29: 01:00 CET to 04:00 CEST is two real hours, eight quanta.
    let occ = booked(
        &cal,
        &[("a", "2026-03-29T01:00+01:00", "2026-03-29T04:00+02:00")],
    );
    let f = figures(&cal, "2026-03-29", "2026-03-29", &[room("a", 0)], &occ);
    assert_eq!(totals(&f, 0), (92, 8, 0));
    assert_eq!(cell(&f, Weekday::Sun, 1), (4, 4));
    assert_eq!(cell(&f, Weekday::Sun, 2), (0, 0));
    assert_eq!(cell(&f, Weekday::Sun, 3), (4, 4));
    let open: u64 = f.heatmap.iter().flatten().map(|c| c.open_quanta).sum();
    assert_eq!(open, 92);
}

#[test]
fn fall_back_counts_the_repeated_hour_twice() {
    let cal = Calendar::new(Berlin, OpeningHours::always());
    // Sunday 2026-10-25: 01:30 CEST to 02:30 CET is two real hours: 01:30–02:00 (hour 1),
    // 02:00–03:00 CEST and 02:00–02:30 CET (hour 2).
    let occ = booked(
        &cal,
        &[("a", "2026-10-25T01:30+02:00", "2026-10-25T02:30+01:00")],
    );
    let f = figures(&cal, "2026-10-25", "2026-10-25", &[room("a", 60)], &occ);
    assert_eq!(totals(&f, 0), (100, 8, 4));
    assert_eq!(cell(&f, Weekday::Sun, 1), (4, 2));
    assert_eq!(cell(&f, Weekday::Sun, 2), (8, 6));
    assert_eq!(cell(&f, Weekday::Sun, 3), (4, 0));
}

#[test]
fn closed_and_special_dates_change_the_open_time() {
    let mut hours = OpeningHours::closed()
        .with(Weekday::Wed, "10:00", "22:00")
        .unwrap()
        .with(Weekday::Thu, "10:00", "22:00")
        .unwrap()
        .with_date(date("2026-06-18"), &[("14:00", "16:00")])
        .unwrap();
    hours.close_date(date("2026-06-17"));
    let cal = Calendar::new(Berlin, hours);
    let occ = booked(
        &cal,
        &[
            ("a", "2026-06-17T12:00+02:00", "2026-06-17T13:00+02:00"),
            ("a", "2026-06-18T15:00+02:00", "2026-06-18T17:00+02:00"),
        ],
    );
    let f = figures(&cal, "2026-06-17", "2026-06-18", &[room("a", 15)], &occ);
    assert_eq!(totals(&f, 0), (8, 4, 0));
    assert_eq!(cell(&f, Weekday::Wed, 12), (0, 0));
    assert_eq!(cell(&f, Weekday::Thu, 15), (4, 4));
    assert_eq!(cell(&f, Weekday::Thu, 16), (0, 0));
}

#[test]
fn a_multi_day_booking_counts_on_every_date_and_a_reversed_period_is_empty() {
    let cal = ten_to_ten();
    let occ = booked(
        &cal,
        &[("a", "2026-06-17T20:00+02:00", "2026-06-19T11:00+02:00")],
    );
    let f = figures(&cal, "2026-06-17", "2026-06-19", &[room("a", 30)], &occ);
    assert_eq!(totals(&f, 0), (3 * 48, 8 + 48 + 4, 2));
    let none = figures(&cal, "2026-06-19", "2026-06-17", &[room("a", 30)], &occ);
    assert_eq!(none.rooms[0].open_quanta, 0);
    assert!(none.heatmap.iter().flatten().all(|c| c.open_quanta == 0));
}
