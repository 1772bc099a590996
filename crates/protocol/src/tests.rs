//! Round trips of every wire type through its JSON, as the contract writes it.
use super::*;
use chrono::TimeZone;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use uuid::Uuid;

/// Parses `text` as `T`, checks that it serializes back to the same JSON, returns it.
fn round_trip<T: Serialize + DeserializeOwned>(text: &str) -> T {
    let expected: Value = serde_json::from_str(text).unwrap();
    let parsed: T = serde_json::from_str(text).unwrap();
    let back = serde_json::to_value(&parsed).unwrap();
    assert_eq!(back, expected, "round trip of {text}");
    parsed
}

fn at(s: &str) -> Instant {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn uuid(s: &str) -> Uuid {
    s.parse().unwrap()
}

const BOOKING: &str = r#"{
    "id": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11",
    "room": "studio-a",
    "start": "2026-03-29T10:00:00+02:00",
    "end": "2026-03-29T12:00:00+02:00",
    "customer": {"name": "Ada Lovelace", "phone": "+49 30 1234567"},
    "note": null,
    "status": "confirmed",
    "desk": "reception",
    "createdAt": "2026-03-20T09:15:00+01:00",
    "seq": 42,
    "version": 1
}"#;

#[test]
fn health_and_studio() {
    let h: Health = round_trip(r#"{"status": "ok", "version": "0.1.0"}"#);
    assert_eq!(h.status, "ok");
    let s: StudioInfo = round_trip(
        r#"{"name": "Klangraum Studios", "timezone": "Europe/Berlin", "quantumMinutes": 15,
            "holdTtlSeconds": 10,
            "rooms": [{"id": "studio-a", "name": "Studio A", "durations": [60, 120, 300],
                       "interval": 60, "pricePerHour": 4000, "changeover": 30,
                       "peaks": [{"days": ["fri"], "from": "18:00", "to": "24:00",
                                  "pricePerHour": 6000}]}],
            "currency": "EUR", "noShowGraceMinutes": 20,
            "hours": {"weekly": {"mon": [["10:00", "14:00"], ["16:00", "24:00"]], "tue": []},
                      "dates": {"2026-12-25": []}},
            "version": 3}"#,
    );
    assert_eq!((s.version, s.no_show_grace_minutes), (3, 20));
    assert_eq!(s.rooms[0].peaks[0].price_per_hour, 6000);
    assert_eq!(s.hours.as_ref().map(|h| h.weekly["mon"].len()), Some(2));
    // A v1 server's answer, without hours and version, still reads.
    let v1: StudioInfo = serde_json::from_str(
        r#"{"name": "K", "timezone": "Europe/Berlin", "quantumMinutes": 15,
            "holdTtlSeconds": 10, "rooms": []}"#,
    )
    .unwrap();
    assert_eq!((v1.hours, v1.version), (None, 0));
    assert_eq!(s.quantum_minutes, 15);
    assert_eq!(s.hold_ttl_seconds, 10);
    assert_eq!(s.rooms[0].durations, vec![60, 120, 300]);
}

#[test]
fn day_and_month_availability() {
    let d: DaySlotsResponse = round_trip(
        r#"{"room": "studio-a", "date": "2026-03-29", "quanta": 92, "slots": [
            {"start": "2026-03-29T08:00:00+02:00", "end": "2026-03-29T09:00:00+02:00",
             "status": "available"},
            {"start": "2026-03-29T09:00:00+02:00", "end": "2026-03-29T10:00:00+02:00",
             "status": "reserved"}]}"#,
    );
    assert_eq!(d.date, NaiveDate::from_ymd_opt(2026, 3, 29).unwrap());
    assert_eq!(d.quanta, 92);
    assert_eq!(d.slots[0].status, SlotStatusDto::Available);
    assert_eq!(d.slots[1].status, SlotStatusDto::Reserved);
    assert_eq!(d.slots[1].start, at("2026-03-29T07:00:00Z"));

    let m: MonthAvailabilityResponse = round_trip(
        r#"{"room": "studio-a", "month": "2026-03", "duration": 120,
            "days": {"2026-03-01": true, "2026-03-02": false}}"#,
    );
    assert_eq!(
        m.days.get(&NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()),
        Some(&false)
    );
    assert_eq!(m.duration, 120);
}

#[test]
fn holds() {
    let req: SetHoldsRequest = round_trip(
        r#"{"holds": [{"room": "studio-a", "start": "2026-03-29T10:00:00+02:00",
                       "end": "2026-03-29T12:00:00+02:00"}]}"#,
    );
    assert_eq!(req.holds[0].room, "studio-a");
    let resp: SetHoldsResponse = round_trip(
        r#"{"session": "0b6f0e0c-3d0a-4c4e-8f37-4d5d8a0e9c21",
            "expiresAt": "2026-03-29T09:30:10+02:00",
            "holds": [{"room": "studio-a", "start": "2026-03-29T10:00:00+02:00",
                       "end": "2026-03-29T12:00:00+02:00"}]}"#,
    );
    assert_eq!(resp.session, uuid("0b6f0e0c-3d0a-4c4e-8f37-4d5d8a0e9c21"));
    let list: HoldsResponse = round_trip(
        r#"{"holds": [{"room": "studio-a", "start": "2026-03-29T10:00:00+02:00",
                       "end": "2026-03-29T12:00:00+02:00", "desk": "reception",
                       "expiresAt": "2026-03-29T09:30:10+02:00"}]}"#,
    );
    assert_eq!(list.holds[0].desk, "reception");
}

#[test]
fn create_booking_with_and_without_optionals() {
    let full: CreateBookingRequest = round_trip(
        r#"{"id": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11", "room": "studio-a",
            "start": "2026-03-29T10:00:00+02:00", "end": "2026-03-29T12:00:00+02:00",
            "customer": {"name": "Ada", "phone": "+49 30 1", "email": "ada@example.org"},
            "note": "bring a DI box", "session": "0b6f0e0c-3d0a-4c4e-8f37-4d5d8a0e9c21"}"#,
    );
    assert_eq!(full.note.as_deref(), Some("bring a DI box"));
    assert!(full.session.is_some());
    let bare: CreateBookingRequest = round_trip(
        r#"{"id": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11", "room": "studio-a",
            "start": "2026-03-29T10:00:00+02:00", "end": "2026-03-29T12:00:00+02:00",
            "customer": {"name": "Ada"}}"#,
    );
    assert_eq!(bare.note, None);
    assert_eq!(bare.customer.email, None);
}

#[test]
fn booking_with_null_note() {
    let b: BookingDto = round_trip(BOOKING);
    assert_eq!(b.note, None);
    assert_eq!(b.status, BookingStatusDto::Confirmed);
    assert_eq!(b.seq, 42);
    assert_eq!(b.created_at.offset().local_minus_utc(), 3600);
    // `note` is written as null, not left out.
    let v = serde_json::to_value(&b).unwrap();
    assert_eq!(v.get("note"), Some(&Value::Null));
    // A missing note reads as None too.
    let mut without = v.clone();
    without.as_object_mut().unwrap().remove("note");
    let b2: BookingDto = serde_json::from_value(without).unwrap();
    assert_eq!(b2, b);
    // A v1 server's booking has no version: it reads as the first.
    let mut v1 = v.clone();
    v1.as_object_mut().unwrap().remove("version");
    let b3: BookingDto = serde_json::from_value(v1).unwrap();
    assert_eq!((b3.version, b3.checked_in_at, b3.no_show), (1, None, false));

    let cancelled = BOOKING.replace("\"confirmed\"", "\"cancelled\"");
    let c: BookingDto = round_trip(&cancelled);
    assert_eq!(c.status, BookingStatusDto::Cancelled);
    let list: BookingsResponse = round_trip(&format!(r#"{{"bookings": [{BOOKING}]}}"#));
    assert_eq!(list.bookings.len(), 1);
}

#[test]
fn cancel_and_room_status() {
    let r: CancelRequest = round_trip(r#"{"reason": "band split up"}"#);
    assert_eq!(r.reason.as_deref(), Some("band split up"));
    let empty: CancelRequest = round_trip("{}");
    assert_eq!(empty, CancelRequest::default());

    let req: RoomsStatusRequest =
        round_trip(r#"{"rooms": ["studio-a", "studio-b"], "at": "2026-03-29T10:30:00+02:00"}"#);
    assert_eq!(req.rooms.len(), 2);
    let now: RoomsStatusRequest = round_trip(r#"{"rooms": ["studio-a"]}"#);
    assert_eq!(now.at, None);

    let resp: RoomsStatusResponse = round_trip(&format!(
        r#"{{"rooms": {{"studio-a": {{"current": {BOOKING}, "next": [], "held": false}},
                      "studio-b": {{"current": null, "next": [{BOOKING}], "held": true}}}}}}"#
    ));
    assert!(resp.rooms["studio-a"].current.is_some());
    assert!(resp.rooms["studio-b"].current.is_none());
    assert!(resp.rooms["studio-b"].held);
}

#[test]
fn kind_tagged_mutations() {
    let push: PushRequest = round_trip(
        r#"{"mutations": [
            {"id": "11111111-1111-4111-8111-111111111111", "kind": "createBooking",
             "booking": {"id": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11", "room": "studio-a",
                         "start": "2026-03-29T10:00:00+02:00",
                         "end": "2026-03-29T12:00:00+02:00", "customer": {"name": "Ada"}}},
            {"id": "22222222-2222-4222-8222-222222222222", "kind": "cancelBooking",
             "bookingId": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11", "reason": "ill"},
            {"id": "33333333-3333-4333-8333-333333333333", "kind": "cancelBooking",
             "bookingId": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11"}]}"#,
    );
    let m = &push.mutations;
    assert_eq!(m[0].id, uuid("11111111-1111-4111-8111-111111111111"));
    match &m[0].op {
        MutationOp::CreateBooking { booking } => assert_eq!(booking.room, "studio-a"),
        other => panic!("expected createBooking, got {other:?}"),
    }
    assert_eq!(
        m[1].op,
        MutationOp::CancelBooking {
            booking_id: uuid("6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11"),
            reason: Some("ill".into()),
            staff: None,
        }
    );
    assert!(matches!(
        m[2].op,
        MutationOp::CancelBooking { reason: None, .. }
    ));

    // Serialized form carries `kind` next to `id`, camelCase.
    let v = serde_json::to_value(&m[1]).unwrap();
    assert_eq!(
        v,
        json!({"id": "22222222-2222-4222-8222-222222222222", "kind": "cancelBooking",
               "bookingId": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11", "reason": "ill"})
    );
    // Unknown kinds are rejected.
    assert!(serde_json::from_str::<Mutation>(
        r#"{"id": "22222222-2222-4222-8222-222222222222", "kind": "moveBooking"}"#
    )
    .is_err());
}

#[test]
fn push_results() {
    let resp: PushResponse = round_trip(&format!(
        r#"{{"results": [
            {{"id": "11111111-1111-4111-8111-111111111111", "status": "applied",
              "booking": {BOOKING}}},
            {{"id": "22222222-2222-4222-8222-222222222222", "status": "duplicate"}},
            {{"id": "33333333-3333-4333-8333-333333333333", "status": "conflict",
              "conflicts": [{{"room": "studio-a", "start": "2026-03-29T10:00:00+02:00",
                              "end": "2026-03-29T11:00:00+02:00", "reason": "booked"}}],
              "message": "Studio A is booked 10:00–11:00"}},
            {{"id": "44444444-4444-4444-8444-444444444444", "status": "invalid",
              "message": "the customer's name is missing"}}]}}"#
    ));
    let s: Vec<PushStatus> = resp.results.iter().map(|r| r.status).collect();
    assert_eq!(
        s,
        [
            PushStatus::Applied,
            PushStatus::Duplicate,
            PushStatus::Conflict,
            PushStatus::Invalid
        ]
    );
    assert_eq!(
        resp.results[2].conflicts.as_ref().unwrap()[0].reason,
        ConflictReasonDto::Booked
    );
}

#[test]
fn push_result_without_optionals_leaves_them_out() {
    let r = PushResult {
        id: uuid("22222222-2222-4222-8222-222222222222"),
        status: PushStatus::Duplicate,
        booking: None,
        conflicts: None,
        message: None,
    };
    let text = serde_json::to_string(&r).unwrap();
    assert_eq!(
        text,
        r#"{"id":"22222222-2222-4222-8222-222222222222","status":"duplicate"}"#
    );
}

#[test]
fn pull() {
    let p: PullResponse = round_trip(&format!(
        r#"{{"changes": [{{"seq": 42, "booking": {BOOKING}}}], "cursor": 42, "more": false,
             "studioVersion": 2}}"#
    ));
    assert_eq!(p.studio_version, 2);
    let v1: PullResponse =
        serde_json::from_str(r#"{"changes": [], "cursor": 0, "more": false}"#).unwrap();
    assert_eq!(v1.studio_version, 0);
    assert_eq!(p.changes[0].seq, 42);
    assert_eq!(p.cursor, 42);
    assert!(!p.more);
}

#[test]
fn error_bodies() {
    let e: ErrorBody = round_trip(
        r#"{"error": "conflict", "message": "Studio A is held by another desk",
            "conflicts": [{"room": "studio-a", "start": "2026-03-29T10:00:00+02:00",
                           "end": "2026-03-29T10:15:00+02:00", "reason": "held"}]}"#,
    );
    assert_eq!(e.error, ErrorCode::Conflict);
    assert_eq!(
        e.conflicts.as_ref().unwrap()[0].reason,
        ConflictReasonDto::Held
    );
    let reused: ErrorBody =
        round_trip(r#"{"error": "id_reused", "message": "that id belongs to another booking"}"#);
    assert_eq!(reused.error, ErrorCode::IdReused);
    assert_eq!(
        reused,
        ErrorBody::new(ErrorCode::IdReused, "that id belongs to another booking")
    );
    let unknown: ErrorBody = round_trip(
        r#"{"error": "unknown_room", "message": "no room studio-z", "unknown": ["studio-z"]}"#,
    );
    assert_eq!(unknown.error, ErrorCode::UnknownRoom);
    assert_eq!(unknown.unknown, Some(vec!["studio-z".to_owned()]));
    assert_eq!(
        serde_json::to_value(ErrorBody::conflict("busy", vec![])).unwrap(),
        json!({"error": "conflict", "message": "busy", "conflicts": []})
    );
}

#[test]
fn events() {
    let c: ChangeEvent = round_trip(r#"{"seq": 43}"#);
    assert_eq!(c.seq, 43);
    let h: HoldsEvent =
        round_trip(r#"{"room": "studio-a", "dates": ["2026-03-29", "2026-03-30"]}"#);
    assert_eq!(h.dates.len(), 2);
}

#[test]
fn unknown_fields_are_accepted() {
    let h: Health =
        serde_json::from_str(r#"{"status": "ok", "version": "1", "uptime": 3}"#).unwrap();
    assert_eq!(h.status, "ok");
    let m: Mutation = serde_json::from_str(
        r#"{"id": "22222222-2222-4222-8222-222222222222", "kind": "cancelBooking",
            "bookingId": "6f1c2b1e-8a53-4a5e-9d55-3b0c6e0f7a11", "origin": "desk-2"}"#,
    )
    .unwrap();
    assert!(matches!(m.op, MutationOp::CancelBooking { .. }));
}

#[test]
fn core_conversions() {
    use frontdesk_core::{Conflict, ConflictReason, RoomId, SlotStatus};
    assert_eq!(
        SlotStatusDto::from(SlotStatus::Reserved),
        SlotStatusDto::Reserved
    );
    assert_eq!(
        SlotStatus::from(SlotStatusDto::Available),
        SlotStatus::Available
    );
    assert_eq!(
        ConflictReasonDto::from(ConflictReason::Held),
        ConflictReasonDto::Held
    );
    assert_eq!(
        ConflictReason::from(ConflictReasonDto::Booked),
        ConflictReason::Booked
    );

    let plus2 = FixedOffset::east_opt(2 * 3600).unwrap();
    let c = Conflict {
        room: RoomId::new("studio-a").unwrap(),
        start: Utc.with_ymd_and_hms(2026, 3, 29, 8, 0, 0).unwrap(),
        end: Utc.with_ymd_and_hms(2026, 3, 29, 9, 0, 0).unwrap(),
        reason: ConflictReason::Booked,
    };
    let dto = ConflictDto::from_core(&c, |t| t.with_timezone(&plus2));
    assert_eq!(
        serde_json::to_value(&dto).unwrap(),
        json!({"room": "studio-a", "start": "2026-03-29T10:00:00+02:00",
               "end": "2026-03-29T11:00:00+02:00", "reason": "booked"})
    );

    let slot = frontdesk_core::Slot {
        start: c.start,
        end: c.end,
        status: SlotStatus::Reserved,
    };
    let s = SlotDto::from_core(&slot, |t| t.with_timezone(&plus2));
    assert_eq!(s.start.to_rfc3339(), "2026-03-29T10:00:00+02:00");
    assert_eq!(s.status, SlotStatusDto::Reserved);
}

#[test]
fn a_series_rule_reads_whole_numbers_with_a_point_and_names_a_missing_end() {
    let text = r#"{"room": "studio-a", "first": "2026-06-02", "start": "19:00",
                   "minutes": 120.0, "repeat": "weekly", "everyWeeks": 2.0, "times": 4.0}"#;
    let rule: SeriesRuleDto = serde_json::from_str(text).unwrap();
    assert_eq!(
        (rule.minutes, rule.every_weeks, rule.times),
        (120, 2, Some(4))
    );
    let core = rule.to_rule().unwrap();
    assert_eq!(core.end, frontdesk_core::SeriesEnd::Times(4));
    let fraction = text.replace("4.0", "4.5");
    assert!(serde_json::from_str::<SeriesRuleDto>(&fraction).is_err());
    let endless = SeriesRuleDto {
        times: None,
        ..rule
    };
    assert_eq!(endless.to_rule().unwrap_err().field, "rule.until");
    let round: SeriesRuleDto = round_trip(
        r#"{"room": "studio-a", "first": "2026-06-02", "start": "19:00", "minutes": 120,
            "repeat": "daily", "everyWeeks": 1, "until": "2026-06-30"}"#,
    );
    assert_eq!(round.times, None);
}
