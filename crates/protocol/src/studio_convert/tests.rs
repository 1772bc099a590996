use super::*;

fn update() -> StudioUpdate {
    StudioUpdate {
        version: 1,
        name: "Klangraum".into(),
        timezone: "Europe/Berlin".into(),
        hold_ttl_seconds: 10,
        rooms: vec![RoomInfo {
            id: "studio-a".into(),
            name: "Studio A".into(),
            durations: vec![60, 120],
            interval: 60,
            price_per_hour: 4000,
            peaks: vec![PeakRateDto {
                days: vec!["fri".into(), "sat".into()],
                from: "18:00".into(),
                to: "24:00".into(),
                price_per_hour: 6000,
            }],
            colour: Some("#1f7a8c".into()),
            changeover: 30,
        }],
        hours: HoursDto {
            weekly: [(
                "mon".to_owned(),
                vec![
                    ["10:00".to_owned(), "14:00".to_owned()],
                    ["16:00".to_owned(), "24:00".to_owned()],
                ],
            )]
            .into_iter()
            .collect(),
            dates: [(
                chrono::NaiveDate::from_ymd_opt(2026, 12, 25).unwrap(),
                vec![],
            )]
            .into_iter()
            .collect(),
        },
        currency: "EUR".into(),
        no_show_grace_minutes: 15,
        country: Some("AT".into()),
        staff: None,
        cancellation_terms: None,
        room_terms: Default::default(),
    }
}

#[test]
fn a_studio_goes_to_the_wire_and_back_unchanged() {
    let studio = update().to_studio().unwrap();
    let info = StudioInfo::from_studio(&studio, 7);
    assert_eq!(info.version, 7);
    assert_eq!(info.to_studio().unwrap(), studio);
    let hours = info.hours.unwrap();
    assert_eq!(hours.weekly["mon"].len(), 2);
    assert_eq!(hours.weekly["tue"], Vec::<RangeDto>::new());
    assert_eq!(hours.dates.len(), 1);
}

#[test]
fn bad_input_names_the_field() {
    let field = |u: StudioUpdate| u.to_studio().unwrap_err().field;
    let mut u = update();
    u.rooms[0].durations = vec![50];
    assert_eq!(field(u), "rooms[0].durations");
    let mut u = update();
    u.rooms.push(u.rooms[0].clone());
    assert_eq!(field(u), "rooms[1].id");
    let mut u = update();
    u.rooms[0].id = "Studio A".into();
    assert_eq!(field(u), "rooms[0].id");
    let mut u = update();
    u.timezone = "Mars/Olympus".into();
    assert_eq!(field(u), "timezone");
    let mut u = update();
    u.rooms[0].colour = Some("teal".into());
    assert_eq!(field(u), "rooms[0].colour");
    let mut u = update();
    u.rooms[0].changeover = 20;
    assert_eq!(field(u), "rooms[0].changeover");
    let mut u = update();
    u.hours
        .weekly
        .insert("tue".into(), vec![["14:00".into(), "12:00".into()]]);
    assert_eq!(field(u), "hours.weekly.tue");
    let mut u = update();
    u.hours.weekly.insert(
        "wed".into(),
        vec![
            ["10:00".into(), "14:00".into()],
            ["12:00".into(), "16:00".into()],
        ],
    );
    assert_eq!(field(u), "hours.weekly.wed");
    let mut u = update();
    u.hours.weekly.insert("xyz".into(), vec![]);
    assert_eq!(field(u), "hours.weekly.xyz");
    let mut u = update();
    u.name = " ".into();
    assert_eq!(field(u), "name");
    let mut u = update();
    u.rooms[0].peaks[0].days = vec!["friday".into()];
    assert_eq!(field(u), "rooms[0].peaks[0].days");
    let mut u = update();
    u.currency = "euro".into();
    assert_eq!(field(u), "currency");
    let mut u = update();
    u.country = Some("Germany".into());
    assert_eq!(field(u), "country");
}

#[test]
fn a_studio_has_the_country_it_names_or_its_timezones() {
    let country = |code: Option<&str>, zone: &str| {
        let mut u = update();
        u.country = code.map(str::to_owned);
        u.timezone = zone.into();
        u.to_studio().unwrap().country.map(|c| c.to_string())
    };
    assert_eq!(country(Some("at"), "Europe/Berlin").as_deref(), Some("AT"));
    assert_eq!(country(None, "Europe/Berlin").as_deref(), Some("DE"));
    assert_eq!(country(None, "UTC"), None);
    assert_eq!(country(Some(""), "Europe/Berlin"), None);
    // A server's studio without a country (an older server) has none.
    let mut info = StudioInfo::from_studio(&update().to_studio().unwrap(), 1);
    assert_eq!(info.country.as_deref(), Some("AT"));
    info.country = None;
    assert_eq!(info.to_studio().unwrap().country, None);
}
