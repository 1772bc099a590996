use super::*;
use crate::calendar::OpeningHours;
use chrono::{Datelike, Weekday};
use chrono_tz::Europe::Berlin;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn weekly(first: NaiveDate, start: &str, end: SeriesEnd) -> SeriesRule {
    SeriesRule {
        room: RoomId::new("a").unwrap(),
        first,
        start: NaiveTime::parse_from_str(start, "%H:%M").unwrap(),
        minutes: 120,
        repeat: Repeat::Weekly { weeks: 1 },
        end,
    }
}

/// The preview over an empty room, no holds, no changeover.
fn plain(cal: &Calendar, rule: &SeriesRule) -> Vec<Occurrence> {
    preview_series(
        cal,
        rule,
        0,
        None,
        &Occupancy::new(),
        &HoldBook::new(),
        long_ago(),
    )
    .unwrap()
}

fn long_ago() -> DateTime<Utc> {
    date(2026, 1, 1).and_hms_opt(0, 0, 0).unwrap().and_utc()
}

#[test]
fn a_weekly_series_keeps_its_local_time_across_dst() {
    let cal = Calendar::new(Berlin, OpeningHours::always());
    // Tuesdays 19:00 around the end of summer time (Sunday 25 October 2026).
    let rule = weekly(date(2026, 10, 13), "19:00", SeriesEnd::Times(3));
    let got = plain(&cal, &rule);
    let local: Vec<String> = got
        .iter()
        .map(|o| {
            cal.local(o.span.unwrap().start())
                .format("%a %d %H:%M")
                .to_string()
        })
        .collect();
    assert_eq!(local, ["Tue 13 19:00", "Tue 20 19:00", "Tue 27 19:00"]);
    // In UTC the last one is an hour later: 17:00 in summer, 18:00 in winter.
    let utc: Vec<u32> = got.iter().map(|o| o.span.unwrap().start().hour()).collect();
    assert_eq!(utc, [17, 17, 18]);
    assert!(got.iter().all(|o| o.skip.is_none()));
}

#[test]
fn the_preview_names_why_each_occurrence_cannot_be_booked() {
    // Open 10:00–22:00, closed on 24 November; room a needs 30 minutes of changeover.
    let hours = OpeningHours::closed();
    let mut hours = crate::hours::WEEK
        .iter()
        .fold(hours, |h, wd| h.with(*wd, "10:00", "22:00").unwrap());
    hours.close_date(date(2026, 11, 24));
    hours
        .set_date(date(2026, 12, 1), &[("10:00", "20:00")])
        .unwrap();
    let cal = Calendar::new(Berlin, hours);
    let room = RoomId::new("a").unwrap();
    let rule = weekly(
        date(2026, 11, 3),
        "19:00",
        SeriesEnd::Until(date(2027, 1, 5)),
    );
    assert_eq!(rule.first.weekday(), Weekday::Tue);
    let mut booked = Occupancy::new();
    let mut book = |d: NaiveDate, from: &str, to: &str| {
        let at = |t: &str| {
            Berlin
                .from_local_datetime(&d.and_time(NaiveTime::parse_from_str(t, "%H:%M").unwrap()))
                .unwrap()
                .with_timezone(&Utc)
        };
        let span = Span::new(at(from), at(to)).unwrap();
        booked.add(&room, cal.span_days(&span).unwrap().masks());
    };
    book(date(2026, 11, 10), "20:00", "21:00"); // overlaps
    book(date(2026, 11, 17), "21:00", "21:30"); // 21:00: right after, inside the changeover
    book(date(2026, 12, 15), "18:00", "19:00"); // ends right at 19:00
    let mut holds = HoldBook::new();
    let other = uuid::Uuid::from_u128(7);
    let held = rule.span_on(&cal, date(2026, 12, 22)).unwrap();
    holds
        .set(
            &cal,
            other,
            "desk-2",
            vec![crate::holds::Hold {
                room: room.clone(),
                span: held,
            }],
            &booked,
            long_ago(),
            Duration::seconds(10),
            |_| 0,
        )
        .unwrap();
    let got = preview_series(&cal, &rule, 30, None, &booked, &holds, long_ago()).unwrap();
    let reasons: Vec<(u32, Option<SkipReason>)> =
        got.iter().map(|o| (o.date.day(), o.skip)).collect();
    use SkipReason::*;
    assert_eq!(
        reasons,
        vec![
            (3, None),
            (10, Some(Booked)),
            (17, Some(Changeover)),
            (24, Some(Closed)),
            (1, Some(OutsideHours)),
            (8, None),
            (15, Some(Changeover)),
            (22, Some(Held)),
            (29, None),
            (5, None),
        ]
    );
    // Asked after the first one started: it is over.
    let later = rule.span_on(&cal, rule.first).unwrap().start() + Duration::minutes(15);
    let got = preview_series(&cal, &rule, 30, None, &booked, &holds, later).unwrap();
    assert_eq!(got[0].skip, Some(Over));
}

#[test]
fn occurrences_never_overlap_each_other() {
    let cal = Calendar::new(Berlin, OpeningHours::always());
    let rule = SeriesRule {
        minutes: 26 * 60,
        repeat: Repeat::Daily,
        ..weekly(date(2026, 6, 1), "10:00", SeriesEnd::Times(4))
    };
    let got = plain(&cal, &rule);
    let skips: Vec<Option<SkipReason>> = got.iter().map(|o| o.skip).collect();
    assert_eq!(
        skips,
        [
            None,
            Some(SkipReason::Booked),
            None,
            Some(SkipReason::Booked)
        ]
    );
}

#[test]
fn a_start_skipped_by_dst_is_named() {
    let cal = Calendar::new(Berlin, OpeningHours::always());
    // 02:30 does not exist on Sunday 29 March 2026.
    let rule = weekly(date(2026, 3, 22), "02:30", SeriesEnd::Times(2));
    let got = plain(&cal, &rule);
    assert_eq!(got[1].span, None);
    assert_eq!(got[1].skip, Some(SkipReason::NoSuchTime));
}

#[test]
fn bad_rules_are_refused_with_what_is_wrong() {
    let first = date(2026, 6, 1);
    let base = weekly(first, "19:00", SeriesEnd::Times(10));
    let with = |f: &dyn Fn(&mut SeriesRule)| {
        let mut rule = base.clone();
        f(&mut rule);
        rule.dates()
    };
    assert_eq!(
        with(&|r| r.repeat = Repeat::Weekly { weeks: 0 }),
        Err(SeriesError::ZeroWeeks)
    );
    assert_eq!(
        with(&|r| r.end = SeriesEnd::Times(0)),
        Err(SeriesError::ZeroTimes)
    );
    assert_eq!(
        with(&|r| r.end = SeriesEnd::Until(date(2026, 5, 1))),
        Err(SeriesError::UntilBeforeFirst {
            first,
            until: date(2026, 5, 1)
        })
    );
    // 52 weekly occurrences fit in a year; 54 do not, nor an end two years away.
    assert_eq!(with(&|r| r.end = SeriesEnd::Times(52)).unwrap().len(), 52);
    assert_eq!(
        with(&|r| r.end = SeriesEnd::Times(54)),
        Err(SeriesError::TooLong)
    );
    assert_eq!(
        with(&|r| r.end = SeriesEnd::Until(date(2028, 6, 1))),
        Err(SeriesError::TooLong)
    );
    // Nothing a request can send overflows the date arithmetic.
    assert_eq!(
        with(&|r| {
            r.repeat = Repeat::Weekly { weeks: u32::MAX };
            r.end = SeriesEnd::Times(u32::MAX);
        }),
        Err(SeriesError::TooLong)
    );
    assert_eq!(
        with(&|r| r.first = NaiveDate::MAX),
        Err(SeriesError::OutOfRange(NaiveDate::MAX))
    );
    assert_eq!(with(&|r| r.minutes = 50), Err(SeriesError::BadDuration(50)));
    assert!(matches!(
        with(&|r| r.start = NaiveTime::from_hms_opt(19, 10, 0).unwrap()),
        Err(SeriesError::Misaligned(_))
    ));
    // Every second week until a date: the dates the rule gives.
    let fortnightly = with(&|r| {
        r.repeat = Repeat::Weekly { weeks: 2 };
        r.end = SeriesEnd::Until(date(2026, 7, 13));
    })
    .unwrap();
    assert_eq!(
        fortnightly,
        [
            date(2026, 6, 1),
            date(2026, 6, 15),
            date(2026, 6, 29),
            date(2026, 7, 13)
        ]
    );
}
