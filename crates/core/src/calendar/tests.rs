use super::*;
use chrono_tz::{America::New_York, Asia::Kathmandu, Europe::Berlin};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn berlin() -> Calendar {
    Calendar::new(Berlin, OpeningHours::always())
}

#[test]
fn past_quanta_are_counted_in_real_time_on_dst_days() {
    let spring = berlin().day(date(2026, 3, 29)).unwrap();
    // 03:40 CEST is 2 h 40 min after midnight: ten quanta over, the 11th running.
    assert_eq!(
        spring.past(utc("2026-03-29T03:40:00+02:00")),
        DayMask::range(0, 10)
    );
    assert_eq!(spring.past(spring.start), DayMask::EMPTY);
    assert_eq!(
        spring.past(spring.start - Duration::days(3)),
        DayMask::EMPTY
    );
    assert_eq!(spring.past(spring.end()), spring.full());
    assert_eq!(spring.past(spring.end() + Duration::days(3)), spring.full());
    let fall = berlin().day(date(2026, 10, 25)).unwrap();
    // 02:10 CET, the second 02:00: three hours and ten minutes after midnight.
    assert_eq!(
        fall.past(utc("2026-10-25T02:10:00+01:00")),
        DayMask::range(0, 12)
    );
}

#[test]
fn quanta_per_day_follow_dst() {
    let cal = berlin();
    assert_eq!(cal.quanta(date(2026, 3, 28)).unwrap(), 96);
    assert_eq!(cal.quanta(date(2026, 3, 29)).unwrap(), 92);
    assert_eq!(cal.quanta(date(2026, 10, 25)).unwrap(), 100);
    let ny = Calendar::new(New_York, OpeningHours::always());
    assert_eq!(ny.quanta(date(2026, 3, 8)).unwrap(), 92);
    assert_eq!(ny.quanta(date(2026, 11, 1)).unwrap(), 100);
    assert_eq!(ny.quanta(date(2026, 11, 2)).unwrap(), 96);
}

#[test]
fn day_start_is_local_midnight() {
    let cal = berlin();
    assert_eq!(
        cal.day_start(date(2026, 7, 1)).unwrap(),
        utc("2026-06-30T22:00:00Z")
    );
    assert_eq!(
        cal.day_start(date(2026, 1, 1)).unwrap(),
        utc("2025-12-31T23:00:00Z")
    );
    let nepal = Calendar::new(Kathmandu, OpeningHours::always());
    assert_eq!(
        nepal.day_start(date(2026, 1, 1)).unwrap(),
        utc("2025-12-31T18:15:00Z")
    );
}

#[test]
fn day_start_after_a_jump_over_midnight() {
    // America/Santiago springs forward at local midnight: 2026-09-06 starts at 01:00 -03.
    let cal = Calendar::new(chrono_tz::America::Santiago, OpeningHours::always());
    let start = cal.day_start(date(2026, 9, 6)).unwrap();
    assert_eq!(
        cal.local(start).time(),
        NaiveTime::from_hms_opt(1, 0, 0).unwrap()
    );
    assert_eq!(cal.quanta(date(2026, 9, 6)).unwrap(), 92);
}

#[test]
fn locate_counts_quanta_from_day_start() {
    let cal = berlin();
    // 03:00 CEST on the spring-forward day is 2 real hours after midnight: quantum 8.
    let (day, q) = cal.locate(utc("2026-03-29T01:00:00Z")).unwrap();
    assert_eq!((day.date, q), (date(2026, 3, 29), 8));
    // On the fall-back day, the second 02:00 (CET) is quantum 12.
    let (day, q) = cal.locate(utc("2026-10-25T01:00:00Z")).unwrap();
    assert_eq!((day.date, q), (date(2026, 10, 25), 12));
    assert!(matches!(
        cal.locate(utc("2026-05-01T10:07:00Z")),
        Err(CalendarError::Misaligned { .. })
    ));
    assert!(matches!(
        cal.locate(utc("2026-05-01T10:00:00.5Z")),
        Err(CalendarError::Misaligned { .. })
    ));
}

#[test]
fn span_across_days() {
    let cal = berlin();
    // 2026-03-28 22:00 → 2026-03-31 02:00 local (crosses the 92-quanta day).
    let span = Span::new(utc("2026-03-28T21:00:00Z"), utc("2026-03-31T00:00:00Z")).unwrap();
    let days = cal.span_days(&span).unwrap();
    let masks: Vec<_> = days.masks().collect();
    assert_eq!(masks.len(), 4);
    assert_eq!(masks[0], (date(2026, 3, 28), DayMask::range(88, 96)));
    assert_eq!(masks[1], (date(2026, 3, 29), DayMask::full(92)));
    assert_eq!(masks[2], (date(2026, 3, 30), DayMask::full(96)));
    assert_eq!(masks[3], (date(2026, 3, 31), DayMask::range(0, 8)));
    // Ending exactly at midnight touches no quantum of the next date.
    let span = Span::new(utc("2026-05-01T20:00:00Z"), utc("2026-05-01T22:00:00Z")).unwrap();
    let masks: Vec<_> = cal.span_days(&span).unwrap().masks().collect();
    assert_eq!(masks, vec![(date(2026, 5, 1), DayMask::range(88, 96))]);
}

#[test]
fn days_are_consecutive() {
    let cal = berlin();
    let days = cal.days(date(2026, 10, 24), 3).unwrap();
    assert_eq!(
        days.iter().map(|d| d.quanta).collect::<Vec<_>>(),
        vec![96, 100, 96]
    );
    assert_eq!(days[0].end(), days[1].start);
    assert_eq!(days[1].end(), days[2].start);
}
