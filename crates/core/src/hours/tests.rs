use super::*;
use crate::availability::{day_slots, month_availability};
use crate::calendar::{Calendar, CalendarError};
use crate::span::Span;
use chrono::Duration;
use chrono_tz::Europe::Berlin;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn range(open: &str, close: &str) -> TimeRange {
    TimeRange::parse(open, close).unwrap()
}

fn open_on(hours: OpeningHours, d: NaiveDate) -> DayMask {
    Calendar::new(Berlin, hours).day(d).unwrap().open
}

fn ask(duration: u32, interval: u32) -> crate::availability::SlotAsk {
    crate::availability::SlotAsk {
        duration,
        interval,
        changeover: 0,
    }
}

fn none(_: NaiveDate) -> DayMask {
    DayMask::EMPTY
}

#[test]
fn opening_hours_mask() {
    let hours = OpeningHours::closed()
        .with(Weekday::Sun, "08:00", "24:00")
        .unwrap()
        .with(Weekday::Sat, "10:30", "18:00")
        .unwrap();
    let cal = Calendar::new(Berlin, hours);
    // Saturday 2026-05-02.
    assert_eq!(
        cal.day(date(2026, 5, 2)).unwrap().open,
        DayMask::range(42, 72)
    );
    // Sunday 2026-03-29: 08:00 CEST is 7 real hours after midnight.
    assert_eq!(
        cal.day(date(2026, 3, 29)).unwrap().open,
        DayMask::range(28, 92)
    );
    // Sunday 2026-10-25: 08:00 CET is 9 real hours after midnight.
    assert_eq!(
        cal.day(date(2026, 10, 25)).unwrap().open,
        DayMask::range(36, 100)
    );
    // Monday: closed.
    assert_eq!(cal.day(date(2026, 5, 4)).unwrap().open, DayMask::EMPTY);
}

#[test]
fn time_ranges() {
    let r = range("10:00", "24:00");
    assert_eq!((r.open(), r.close()), (600, 1440));
    assert_eq!(r.to_string(), "10:00–24:00");
    assert_eq!(r.to_hhmm(), ("10:00".to_owned(), "24:00".to_owned()));
    assert_eq!(TimeRange::new(600, 1440), Ok(r));
    assert_eq!(
        TimeRange::new(605, 700),
        Err(RangeError {
            open: "10:05".into(),
            close: "11:40".into()
        })
    );
    for (o, c) in [
        ("08:00", "08:00"),
        ("9:00", "10:00"),
        ("+8:00", "10:00"),
        ("08:10", "10:00"),
        ("10:00", "24:15"),
        ("24:00", "24:00"),
        ("10:60", "12:00"),
        ("x", "y"),
        ("18:00", "02:00"),
    ] {
        assert_eq!(
            TimeRange::parse(o, c),
            Err(RangeError {
                open: o.into(),
                close: c.into()
            })
        );
    }
}

#[test]
fn several_ranges_a_day() {
    let hours = OpeningHours::closed()
        .with_weekday(Weekday::Mon, &[("16:00", "24:00"), ("10:00", "14:00")])
        .unwrap();
    // Sorted, whatever the order given.
    assert_eq!(
        hours.on(Weekday::Mon),
        &[range("10:00", "14:00"), range("16:00", "24:00")]
    );
    assert!(hours.on(Weekday::Tue).is_empty());
    // Monday 2026-05-04.
    let open = open_on(hours.clone(), date(2026, 5, 4));
    assert_eq!(open, DayMask::range(40, 56) | DayMask::range(64, 96));
    assert_eq!(open.runs().collect::<Vec<_>>(), vec![(40, 56), (64, 96)]);
    // A booking across the gap is refused, one inside a range is not.
    let cal = Calendar::new(Berlin, hours);
    let inside = Span::new(
        utc("2026-05-04T10:00:00+02:00"),
        utc("2026-05-04T14:00:00+02:00"),
    );
    let across = Span::new(
        utc("2026-05-04T13:00:00+02:00"),
        utc("2026-05-04T17:00:00+02:00"),
    );
    assert!(cal.is_open(&cal.span_days(&inside.unwrap()).unwrap()));
    assert!(!cal.is_open(&cal.span_days(&across.unwrap()).unwrap()));
    // Day slots of one hour on the hour: 10–13 and 16–23.
    let slots = day_slots(
        &cal,
        date(2026, 5, 4),
        ask(60, 60),
        utc("2026-01-01T00:00:00Z"),
        none,
        none,
    )
    .unwrap();
    let starts: Vec<u32> = slots
        .slots
        .iter()
        .map(|s| cal.local(s.start).format("%H").to_string().parse().unwrap())
        .collect();
    assert_eq!(starts, vec![10, 11, 12, 13, 16, 17, 18, 19, 20, 21, 22, 23]);
}

#[test]
fn touching_ranges_are_merged() {
    let merged = OpeningHours::closed()
        .with_weekday(Weekday::Mon, &[("14:00", "16:00"), ("10:00", "14:00")])
        .unwrap();
    assert_eq!(merged.on(Weekday::Mon), &[range("10:00", "16:00")]);
    let one = OpeningHours::closed()
        .with(Weekday::Mon, "10:00", "16:00")
        .unwrap();
    assert_eq!(merged, one);
    // `set` replaces all of a weekday's ranges with one.
    let mut h = OpeningHours::closed()
        .with_weekday(Weekday::Fri, &[("08:00", "09:00"), ("10:00", "11:00")])
        .unwrap();
    h.set(Weekday::Fri, "12:00", "13:00").unwrap();
    assert_eq!(h.on(Weekday::Fri), &[range("12:00", "13:00")]);
    // No ranges: closed.
    h.set_weekday(Weekday::Fri, &[]).unwrap();
    assert_eq!(h, OpeningHours::closed());
}

#[test]
fn bad_ranges_name_the_day_and_the_range() {
    let mut h = OpeningHours::closed();
    let overlap = h
        .set_weekday(Weekday::Mon, &[("13:00", "15:00"), ("10:00", "14:00")])
        .unwrap_err();
    assert_eq!(
        overlap,
        HoursError::Overlap {
            day: HoursDay::Weekday(Weekday::Mon),
            first: range("10:00", "14:00"),
            second: range("13:00", "15:00"),
        }
    );
    assert_eq!(
        overlap.to_string(),
        "opening hours of Monday: 10:00–14:00 and 13:00–15:00 overlap"
    );
    // The same range twice, and one inside another, overlap too.
    for ranges in [
        [("10:00", "14:00"), ("10:00", "14:00")],
        [("08:00", "20:00"), ("12:00", "13:00")],
    ] {
        assert!(matches!(
            h.set_weekday(Weekday::Tue, &ranges),
            Err(HoursError::Overlap { .. })
        ));
    }
    for (o, c) in [("18:00", "02:00"), ("08:00", "08:00"), ("08:10", "10:00")] {
        let err = h
            .set_weekday(Weekday::Wed, &[("06:00", "07:00"), (o, c)])
            .unwrap_err();
        assert_eq!(
            err,
            HoursError::BadRange {
                day: HoursDay::Weekday(Weekday::Wed),
                open: o.into(),
                close: c.into()
            }
        );
        assert!(err.to_string().contains("Wednesday"), "{err}");
        assert!(
            err.to_string().contains(&format!("\"{o}\"–\"{c}\"")),
            "{err}"
        );
    }
    let err = h
        .set_date(date(2026, 12, 24), &[("14:00", "10:00")])
        .unwrap_err();
    assert!(
        err.to_string().starts_with("opening hours of 2026-12-24:"),
        "{err}"
    );
    // The one-range form reports through `CalendarError`.
    assert!(matches!(
        h.set(Weekday::Mon, "10:00", "24:15"),
        Err(CalendarError::Hours(HoursError::BadRange { .. }))
    ));
    // Nothing was changed by the refused calls.
    assert_eq!(h, OpeningHours::closed());
}

#[test]
fn closed_dates() {
    let mut hours = OpeningHours::closed();
    for wd in WEEK {
        hours.set(wd, "08:00", "24:00").unwrap();
    }
    hours.close_date(date(2026, 12, 25));
    assert_eq!(hours.exception(date(2026, 12, 25)), Some(&[][..]));
    assert_eq!(hours.exception(date(2026, 12, 24)), None);
    assert!(hours.on_date(date(2026, 12, 25)).is_empty());
    assert_eq!(open_on(hours.clone(), date(2026, 12, 25)), DayMask::EMPTY);
    assert_eq!(
        open_on(hours.clone(), date(2026, 12, 24)),
        DayMask::range(32, 96)
    );
    assert_eq!(
        open_on(hours.clone(), date(2026, 12, 26)),
        DayMask::range(32, 96)
    );
    // The month view and bookings follow.
    let cal = Calendar::new(Berlin, hours.clone());
    let month = month_availability(
        &cal,
        2026,
        12,
        ask(60, 60),
        utc("2026-01-01T00:00:00Z"),
        none,
        none,
    )
    .unwrap();
    for (d, free) in month {
        assert_eq!(free, d != date(2026, 12, 25), "{d}");
    }
    let span = Span::new(
        utc("2026-12-25T10:00:00+01:00"),
        utc("2026-12-25T11:00:00+01:00"),
    );
    assert!(!cal.is_open(&cal.span_days(&span.unwrap()).unwrap()));
    // Clearing the date gives back the weekday's hours.
    assert!(hours.clear_date(date(2026, 12, 25)));
    assert!(!hours.clear_date(date(2026, 12, 25)));
    assert_eq!(hours.exceptions().count(), 0);
}

#[test]
fn special_hours_replace_the_weekday() {
    let hours = OpeningHours::closed()
        .with(Weekday::Thu, "08:00", "24:00")
        .unwrap()
        // Thursday 2026-12-24: a short day.
        .with_date(date(2026, 12, 24), &[("10:00", "14:00")])
        .unwrap()
        // Monday 2026-12-28, normally closed: a private event.
        .with_date(
            date(2026, 12, 28),
            &[("18:00", "20:00"), ("21:00", "23:00")],
        )
        .unwrap();
    assert_eq!(
        open_on(hours.clone(), date(2026, 12, 24)),
        DayMask::range(40, 56)
    );
    assert_eq!(
        open_on(hours.clone(), date(2026, 12, 31)),
        DayMask::range(32, 96)
    );
    assert_eq!(
        open_on(hours.clone(), date(2026, 12, 28)),
        DayMask::range(72, 80) | DayMask::range(84, 92)
    );
    assert_eq!(
        hours
            .exceptions()
            .map(|(d, r)| (d, r.len()))
            .collect::<Vec<_>>(),
        vec![(date(2026, 12, 24), 1), (date(2026, 12, 28), 2)]
    );
}

#[test]
fn the_last_exception_set_on_a_date_wins() {
    let d = date(2026, 12, 24);
    let mut h = OpeningHours::always();
    h.close_date(d);
    h.set_date(d, &[("10:00", "14:00")]).unwrap();
    assert_eq!(h.on_date(d), &[range("10:00", "14:00")]);
    h.close_date(d);
    assert!(h.on_date(d).is_empty());
    // Special hours without ranges are a closure.
    let mut g = OpeningHours::always();
    g.set_date(d, &[]).unwrap();
    assert_eq!(g, h);
    // A refused special leaves the date as it was.
    assert!(h.set_date(d, &[("10:00", "09:00")]).is_err());
    assert!(h.on_date(d).is_empty());
}

#[test]
fn special_hours_on_a_spring_forward_day() {
    // Sunday 2027-03-28, Berlin: 02:00 CET jumps to 03:00 CEST; 92 quanta from 00:00 CET.
    let d = date(2027, 3, 28);
    let with = |ranges: &[(&str, &str)]| {
        let hours = OpeningHours::always().with_date(d, ranges).unwrap();
        Calendar::new(Berlin, hours).day(d).unwrap()
    };
    let day = with(&[("01:00", "04:00")]);
    assert_eq!(day.quanta, 92);
    assert_eq!(day.start, utc("2027-03-27T23:00:00Z"));
    // 01:00–02:00 CET is quanta 4–7; 03:00–04:00 CEST is quanta 8–11: 8 quanta, not 12.
    assert_eq!(day.open, DayMask::range(4, 12));
    assert_eq!(day.instant(4), utc("2027-03-28T01:00:00+01:00"));
    assert_eq!(day.instant(12), utc("2027-03-28T04:00:00+02:00"));
    // The hour that does not exist opens nothing.
    assert_eq!(with(&[("02:00", "03:00")]).open, DayMask::EMPTY);
    // 02:15–03:15 opens only 03:00 CEST, quantum 8.
    assert_eq!(with(&[("02:15", "03:15")]).open, DayMask::range(8, 9));
    // Two ranges on both sides of the jump.
    assert_eq!(
        with(&[("00:00", "01:00"), ("03:30", "24:00")]).open,
        DayMask::range(0, 4) | DayMask::range(10, 92)
    );
    // Bookings follow the mask: 01:00 CET → 04:00 CEST is open, to 04:15 is not.
    let cal = Calendar::new(
        Berlin,
        OpeningHours::always()
            .with_date(d, &[("01:00", "04:00")])
            .unwrap(),
    );
    let span = |end| Span::new(utc("2027-03-28T01:00:00+01:00"), utc(end)).unwrap();
    assert!(cal.is_open(&cal.span_days(&span("2027-03-28T04:00:00+02:00")).unwrap()));
    assert!(!cal.is_open(&cal.span_days(&span("2027-03-28T04:15:00+02:00")).unwrap()));
}

#[test]
fn special_hours_on_a_fall_back_day() {
    // Sunday 2027-10-31, Berlin: 03:00 CEST falls back to 02:00 CET; 100 quanta.
    let d = date(2027, 10, 31);
    let with = |ranges: &[(&str, &str)]| {
        let hours = OpeningHours::closed().with_date(d, ranges).unwrap();
        Calendar::new(Berlin, hours).day(d).unwrap()
    };
    let day = with(&[("01:00", "04:00")]);
    assert_eq!(day.quanta, 100);
    assert_eq!(day.start, utc("2027-10-30T22:00:00Z"));
    // 01:00–02:00 CEST (4–7), 02:00–03:00 CEST (8–11), 02:00–03:00 CET (12–15),
    // 03:00–04:00 CET (16–19): the repeated hour counts twice, 16 quanta.
    assert_eq!(day.open, DayMask::range(4, 20));
    assert_eq!(day.instant(12), utc("2027-10-31T02:00:00+01:00"));
    assert_eq!(day.instant(20), utc("2027-10-31T04:00:00+01:00"));
    // The repeated hour alone: both of its passes.
    assert_eq!(with(&[("02:00", "03:00")]).open, DayMask::range(8, 16));
    // Closed during it: both passes closed.
    assert_eq!(
        with(&[("00:00", "02:00"), ("03:00", "24:00")]).open,
        DayMask::range(0, 8) | DayMask::range(16, 100)
    );
    // The weekday of the day after is untouched (closed), and a span running from the
    // first 02:00 to the second 03:00 is open under 01:00–04:00.
    let cal = Calendar::new(
        Berlin,
        OpeningHours::closed()
            .with_date(d, &[("01:00", "04:00")])
            .unwrap(),
    );
    assert_eq!(cal.day(d + Duration::days(1)).unwrap().open, DayMask::EMPTY);
    let span = Span::new(
        utc("2027-10-31T02:00:00+02:00"),
        utc("2027-10-31T03:00:00+01:00"),
    );
    assert!(cal.is_open(&cal.span_days(&span.unwrap()).unwrap()));
}
