use super::*;
use frontdesk_core::{HoursDay, TimeRange};

const BASE: &str = "[studio]\nname = \"S\"\ntimezone = \"Europe/Berlin\"\n";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn range(open: &str, close: &str) -> TimeRange {
    TimeRange::parse(open, close).unwrap()
}

fn error(body: &str) -> ConfigError {
    StudioConfig::parse(&format!("{BASE}{body}")).unwrap_err()
}

#[test]
fn several_ranges_closed_dates_and_special_hours() {
    let text = r#"
[studio]
name = "Klangraum Studios"
timezone = "Europe/Berlin"
closed = ["2026-12-25", 2026-12-26]

[studio.hours]
mon = [["10:00", "14:00"], ["16:00", "24:00"]]
tue = ["08:00", "24:00"]
wed = [["08:00", "12:00"]]
thu = [["14:00", "16:00"], ["10:00", "14:00"]]
fri = []

[studio.special]
"2026-12-24" = [["10:00", "14:00"]]
"2026-12-31" = ["18:00", "24:00"]
"2027-01-01" = []
"#;
    let config = StudioConfig::parse(text).unwrap();
    let hours = config.studio.calendar.hours();
    assert_eq!(
        hours.on(Weekday::Mon),
        &[range("10:00", "14:00"), range("16:00", "24:00")]
    );
    assert_eq!(hours.on(Weekday::Tue), &[range("08:00", "24:00")]);
    assert_eq!(hours.on(Weekday::Wed), &[range("08:00", "12:00")]);
    // Touching ranges are merged.
    assert_eq!(hours.on(Weekday::Thu), &[range("10:00", "16:00")]);
    assert!(hours.on(Weekday::Fri).is_empty());
    assert!(hours.on(Weekday::Sun).is_empty());
    let exceptions: Vec<_> = hours.exceptions().collect();
    assert_eq!(
        exceptions,
        vec![
            (date(2026, 12, 24), &[range("10:00", "14:00")][..]),
            (date(2026, 12, 25), &[][..]),
            (date(2026, 12, 26), &[][..]),
            (date(2026, 12, 31), &[range("18:00", "24:00")][..]),
            (date(2027, 1, 1), &[][..]),
        ]
    );
    // The open masks follow: Christmas Eve (a Thursday) 10:00–14:00 only.
    let day = config.studio.calendar.day(date(2026, 12, 24)).unwrap();
    assert_eq!(day.open, frontdesk_core::DayMask::range(40, 56));
    let day = config.studio.calendar.day(date(2026, 12, 25)).unwrap();
    assert!(day.open.is_empty());
}

#[test]
fn hours_errors_name_the_field() {
    let cases: Vec<(&str, &str)> = vec![
            (
                "[studio.hours]\nmon = [[\"10:00\", \"14:00\"], [\"12:00\", \"16:00\"]]\n",
                "studio.hours.mon: opening hours of Monday: 10:00–14:00 and 12:00–16:00 overlap",
            ),
            (
                "[studio.hours]\ntue = [\"18:00\", \"02:00\"]\n",
                "studio.hours.tue: opening hours of Tuesday: \"18:00\"–\"02:00\"",
            ),
            (
                "[studio.hours]\nwed = [[\"08:10\", \"12:00\"]]\n",
                "studio.hours.wed: opening hours of Wednesday: \"08:10\"–\"12:00\"",
            ),
            ("[studio.hours]\nthu = [\"08:00\"]\n", "studio.hours.thu: expected one range"),
            (
                "[studio.hours]\nfri = [\"08:00\", [\"10:00\", \"12:00\"]]\n",
                "studio.hours.fri: expected one range",
            ),
            ("[studio.hours]\nsat = \"08:00-24:00\"\n", "studio.hours.sat: expected one range"),
            ("[studio.hours]\nmonday = [\"08:00\", \"20:00\"]\n", "studio.hours.monday:"),
            (
                "closed = [\"2026-12-25\", \"2026-12-32\"]\n",
                "studio.closed[1]: \"2026-12-32\" is not a date",
            ),
            ("closed = [\"2026-12-25\", 7]\n", "studio.closed[1]: \"7\" is not a date"),
            ("closed = [\"2026-1-5\"]\n", "studio.closed[0]: \"2026-1-5\" is not a date"),
            ("closed = \"2026-12-25\"\n", "studio.closed: expected a list of dates"),
            (
                "closed = [\"2026-12-25\", \"2026-12-25\"]\n",
                "studio.closed[1]: 2026-12-25 is already listed in studio.closed[0]",
            ),
            (
                "closed = [\"2026-12-24\"]\n[studio.special]\n\"2026-12-24\" = [[\"10:00\", \"14:00\"]]\n",
                "studio.special.\"2026-12-24\": 2026-12-24 is already listed in studio.closed[0]",
            ),
            (
                "[studio.special]\n\"2026-12-24\" = [[\"14:00\", \"10:00\"]]\n",
                "studio.special.\"2026-12-24\": opening hours of 2026-12-24: \"14:00\"–\"10:00\"",
            ),
            (
                "[studio.special]\n\"2026-12-24\" = [[\"10:00\", \"14:00\"], [\"11:00\", \"12:00\"]]\n",
                "studio.special.\"2026-12-24\": opening hours of 2026-12-24: 10:00–14:00 and 11:00–12:00 overlap",
            ),
            (
                "[studio.special]\n\"24.12.2026\" = [[\"10:00\", \"14:00\"]]\n",
                "studio.special.\"24.12.2026\": \"24.12.2026\" is not a date",
            ),
            ("[studio.special]\n\"2026-12-24\" = 10\n", "studio.special.\"2026-12-24\": expected one range"),
        ];
    for (body, expected) in cases {
        let err = error(body).to_string();
        assert!(
            err.contains(expected),
            "{body}\n→ {err}\nexpected {expected}"
        );
    }
    assert!(matches!(
        error("[studio.hours]\nmon = [[\"10:00\", \"14:00\"], [\"10:00\", \"14:00\"]]\n"),
        ConfigError::Hours {
            field,
            source: HoursError::Overlap { day: HoursDay::Weekday(Weekday::Mon), .. },
        } if field == "studio.hours.mon"
    ));
    // An unknown key next to them is refused too.
    assert!(matches!(error("holidays = []\n"), ConfigError::Toml(_)));
}

#[test]
fn parses_the_contract_example() {
    let text = r#"
[studio]
name = "Klangraum Studios"
timezone = "Europe/Berlin"
hold_ttl_seconds = 10
[studio.hours]
mon = ["08:00", "24:00"]
tue = ["08:00", "24:00"]

[[rooms]]
id = "studio-a"
name = "Studio A"
durations = [60, 120, 300]
interval = 60

[[desks]]
id = "reception"
token = "dev-token-reception"
"#;
    let config = StudioConfig::parse(text).unwrap();
    assert_eq!(config.studio.name, "Klangraum Studios");
    assert_eq!(config.studio.rooms.len(), 1);
    assert_eq!(
        config.studio.calendar.hours().on(Weekday::Mon),
        &[TimeRange::new(480, 1440).unwrap()]
    );
    assert!(config.studio.calendar.hours().on(Weekday::Wed).is_empty());
    assert_eq!(config.desks[0].id, "reception");
}

#[test]
fn the_deployment_example_is_valid() {
    let example =
        StudioConfig::parse(include_str!("../../../../deploy/studio.example.toml")).unwrap();
    assert_eq!(example.studio.rooms.len(), 2);
    assert!(example.desks.is_empty());
}

#[test]
fn demo_is_valid() {
    let demo = StudioConfig::demo().unwrap();
    assert_eq!(demo.studio.rooms.len(), 4);
}

#[test]
fn errors_name_the_problem() {
    let base = "[studio]\nname = \"S\"\ntimezone = \"Europe/Berlin\"\n";
    let bad_day = format!("{base}[studio.hours]\nmonday = [\"08:00\", \"20:00\"]\n");
    assert!(matches!(
        StudioConfig::parse(&bad_day),
        Err(ConfigError::BadWeekday(_))
    ));
    let bad_hours = format!("{base}[studio.hours]\nmon = [\"20:00\", \"08:00\"]\n");
    assert!(matches!(
        StudioConfig::parse(&bad_hours),
        Err(ConfigError::Hours { .. })
    ));
    let bad_room = format!(
        "{base}[[rooms]]\nid = \"Studio A\"\nname = \"A\"\ndurations = [60]\ninterval = 60\n"
    );
    let err = StudioConfig::parse(&bad_room).unwrap_err();
    assert!(err.to_string().contains("Studio A"), "{err}");
    assert!(matches!(
        StudioConfig::parse("[studio]\nname = 1"),
        Err(ConfigError::Toml(_))
    ));
}

#[test]
fn the_studios_country_is_given_or_its_timezones() {
    let country = |extra: &str, zone: &str| {
        let text = format!("[studio]\nname = \"S\"\ntimezone = \"{zone}\"\n{extra}");
        StudioConfig::parse(&text)
            .unwrap()
            .studio
            .country
            .map(|c| c.to_string())
    };
    assert_eq!(country("", "Europe/Berlin").as_deref(), Some("DE"));
    assert_eq!(country("", "Europe/Vienna").as_deref(), Some("AT"));
    assert_eq!(country("", "UTC"), None);
    assert_eq!(
        country("country = \"ch\"\n", "Europe/Berlin").as_deref(),
        Some("CH")
    );
    assert_eq!(country("country = \"\"\n", "Europe/Berlin"), None);
    let demo = StudioConfig::demo().unwrap().studio;
    assert_eq!(demo.country.map(|c| c.to_string()).as_deref(), Some("DE"));
    let err = error("country = \"Germany\"\n");
    assert!(matches!(err, ConfigError::Country(_)), "{err}");
    assert!(err.to_string().contains("studio.country"), "{err}");
}
