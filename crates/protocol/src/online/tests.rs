#![allow(clippy::unwrap_used)]
use super::*;

fn studio() -> StudioInfo {
    serde_json::from_str(
        r#"{"name": "Klangraum Studios", "timezone": "Europe/Berlin", "quantumMinutes": 15,
            "holdTtlSeconds": 60,
            "rooms": [{"id": "studio-a", "name": "Studio A", "durations": [60, 120, 300],
                       "interval": 60},
                      {"id": "studio-b", "name": "Studio B", "durations": [60], "interval": 60}]}"#,
    )
    .unwrap()
}

fn on(rooms: Vec<OnlineRoom>) -> OnlineBooking {
    OnlineBooking {
        enabled: true,
        rooms,
        ..OnlineBooking::default()
    }
}

fn room(id: &str, durations: &[u32]) -> OnlineRoom {
    OnlineRoom {
        room: id.into(),
        durations: durations.to_vec(),
    }
}

fn field(settings: &OnlineBooking) -> Option<String> {
    settings.check(&studio()).err().map(|e| e.field)
}

#[test]
fn settings_read_as_documented_and_are_off_by_default() {
    let dto: OnlineBookingDto = serde_json::from_str(
        r#"{"version": 2, "enabled": true, "rooms": [{"room": "studio-a", "durations": [60, 120]}],
            "leadMinutes": 60, "daysAhead": 30, "cancelHours": 48}"#,
    )
    .unwrap();
    assert_eq!((dto.version, dto.page.as_deref()), (2, None));
    assert_eq!(dto.settings.durations("studio-a"), Some(&[60, 120][..]));
    assert_eq!(dto.settings.durations("studio-b"), None);
    assert_eq!(dto.settings.check(&studio()), Ok(()));
    assert!(!OnlineBooking::default().enabled);
    assert_eq!(OnlineBooking::default().check(&studio()), Ok(()));
    let back = serde_json::to_value(&dto).unwrap();
    assert_eq!(back["cancelHours"], 48);
    assert_eq!(back["rooms"][0]["room"], "studio-a");
}

#[test]
fn settings_the_studio_cannot_offer_are_refused_naming_the_field() {
    assert_eq!(field(&on(vec![])).as_deref(), Some("rooms"));
    assert_eq!(
        field(&on(vec![room("studio-z", &[60])])).as_deref(),
        Some("rooms[0].room")
    );
    assert_eq!(
        field(&on(vec![room("studio-a", &[60]), room("studio-a", &[120])])).as_deref(),
        Some("rooms[1].room")
    );
    assert_eq!(
        field(&on(vec![room("studio-b", &[120])])).as_deref(),
        Some("rooms[0].durations")
    );
    assert_eq!(
        field(&on(vec![room("studio-b", &[])])).as_deref(),
        Some("rooms[0].durations")
    );
    let mut late = on(vec![room("studio-a", &[60])]);
    late.lead_minutes = LEAD_MINUTES_MAX + 1;
    assert_eq!(field(&late).as_deref(), Some("leadMinutes"));
    late.lead_minutes = LEAD_MINUTES_MAX;
    assert_eq!(field(&late), None);
    late.days_ahead = 0;
    assert_eq!(field(&late).as_deref(), Some("daysAhead"));
    late.days_ahead = DAYS_AHEAD_MAX;
    late.cancel_hours = CANCEL_HOURS_MAX + 1;
    assert_eq!(field(&late).as_deref(), Some("cancelHours"));
}

#[test]
fn the_studios_contact_is_a_number_of_its_country_and_an_address() {
    let mut settings = on(vec![room("studio-a", &[60])]);
    settings.contact_phone = Some("+49 30 1234567".into());
    settings.contact_email = Some("hello@klangraum.example".into());
    assert_eq!(field(&settings), None);
    // Without the studio's country a number needs its country code ...
    settings.contact_phone = Some("030 1234567".into());
    let refused = settings.check(&studio()).unwrap_err();
    assert_eq!(refused.field, "contactPhone");
    assert!(
        refused.message.contains("030 1234567"),
        "{}",
        refused.message
    );
    // ... with it, a national number is one.
    let german = StudioInfo {
        country: Some("DE".into()),
        ..studio()
    };
    assert_eq!(settings.check(&german), Ok(()));
    settings.contact_phone = Some("call us".into());
    assert_eq!(settings.check(&german).unwrap_err().field, "contactPhone");
    settings.contact_phone = None;
    for bad in ["hello@", "hello at klangraum.example", "hello@localhost"] {
        settings.contact_email = Some(bad.into());
        assert_eq!(field(&settings).as_deref(), Some("contactEmail"), "{bad}");
    }
    settings.contact_email = Some(format!("{}@klangraum.example", "a".repeat(300)));
    assert_eq!(settings.check_caps().unwrap_err().field, "contactEmail");
    let json = serde_json::to_value(OnlineBooking {
        contact_phone: Some("+49 30 1234567".into()),
        ..OnlineBooking::default()
    })
    .unwrap();
    assert_eq!(json["contactPhone"], "+49 30 1234567");
    assert!(json.get("contactEmail").is_none());
}

#[test]
fn a_booking_from_the_page_reads_as_documented_and_is_capped() {
    let request: PublicBookingRequest = serde_json::from_str(
        r#"{"session": "6f1c8b8e-35b9-4a50-9f66-4d3f1b4c2a10", "room": "studio-a",
            "start": "2026-12-03T10:00:00+01:00", "end": "2026-12-03T11:00:00+01:00",
            "name": "Ada", "email": "ada@example.com"}"#,
    )
    .unwrap();
    assert_eq!(request.language, PageLanguage::En);
    assert_eq!(
        (request.phone.as_deref(), request.website.as_str()),
        (None, "")
    );
    assert!(request.check_caps().is_ok());
    let long = PublicBookingRequest {
        email: "x".repeat(EMAIL_MAX + 1),
        ..request
    };
    assert_eq!(long.check_caps().map_err(|e| e.field), Err("email".into()));
    let status: PublicSlotStatus = serde_json::from_str(r#""yours""#).unwrap();
    assert_eq!(status, PublicSlotStatus::Yours);
}
