//! Every command through Tauri's mock runtime (no display), with the desk standalone on a
//! temp data dir: good input answers, bad input is a clear error that writes nothing.

use std::sync::Arc;

use frontdesk_protocol::ErrorCode;
use frontdesk_testkit::clock::{berlin, pinned};
use frontdesk_testkit::invoke::Invoker;
use serde_json::{json, Value};

use crate::desk::Desk;
use crate::events::NoEvents;

mod feeds;
mod reports;
mod server;
mod staff;
mod wrappers;

struct Harness {
    invoker: Invoker,
    desk: Desk,
    clock: Arc<frontdesk_clock::ManualClock>,
    _dir: tempfile::TempDir,
}

/// A standalone desk on the demo studio, its clock pinned to 2027-01-04 09:00 in Berlin:
/// the dates the tests book on lie ahead.
fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let clock = pinned(berlin(2027, 1, 4, 9, 0));
    // The token in a 0600 file of the temp dir: no test touches a real credential store.
    let secrets = crate::desk::SecretStore::file_for(&dir.path().join(crate::desk::DB_FILE));
    let desk = Desk::open_with_secrets(
        dir.path(),
        "desk",
        None,
        secrets,
        Arc::new(NoEvents),
        clock.clone(),
    )
    .unwrap();
    let managed = desk.clone();
    let invoker = Invoker::new(|b| b.manage(managed).invoke_handler(crate::desk_commands!()));
    Harness {
        invoker,
        desk,
        clock,
        _dir: dir,
    }
}

impl Harness {
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.invoker.invoke(cmd, args)
    }

    fn error_code(&self, cmd: &str, args: Value) -> ErrorCode {
        let error = self.invoke(cmd, args).expect_err(cmd);
        assert!(
            !error["message"].as_str().unwrap_or("").is_empty(),
            "{cmd}: {error}"
        );
        serde_json::from_value(error["code"].clone()).unwrap()
    }

    fn rows(&self, table: &str) -> i64 {
        self.desk
            .store()
            .connection()
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }
}

// The demo studio: Europe/Berlin, weekdays 08:00–24:00. 2027-01-11 is a Monday (UTC+1).
fn booking(id: &str, room: &str, start: &str, end: &str, name: &str) -> Value {
    json!({"request": {"id": id, "room": room, "start": start, "end": end, "customer": {"name": name}}})
}

const ID1: &str = "11111111-1111-4111-8111-111111111111";
const ID2: &str = "22222222-2222-4222-8222-222222222222";
const SESSION: &str = "33333333-3333-4333-8333-333333333333";

#[test]
fn studio_and_availability() {
    let h = harness();
    let studio = h.invoke("studio", json!({})).unwrap();
    assert_eq!(studio["timezone"], "Europe/Berlin");
    assert_eq!(studio["rooms"].as_array().unwrap().len(), 4);

    let slots = h
        .invoke(
            "day_slots",
            json!({"room": "studio-a", "date": "2027-01-11", "duration": 120}),
        )
        .unwrap();
    assert_eq!(slots["quanta"], 96);
    assert_eq!(slots["slots"][0]["start"], "2027-01-11T08:00:00+01:00");
    assert_eq!(slots["slots"][0]["status"], "available");
    assert_eq!(
        h.error_code(
            "day_slots",
            json!({"room": "studio-a", "date": "2027-01-11", "duration": 50})
        ),
        ErrorCode::Invalid
    );
    assert_eq!(
        h.error_code(
            "day_slots",
            json!({"room": "nope", "date": "2027-01-11", "duration": 60})
        ),
        ErrorCode::UnknownRoom
    );
    assert!(h
        .invoke(
            "day_slots",
            json!({"room": "studio-a", "date": "11.01.2027", "duration": 60})
        )
        .is_err());

    let month = h
        .invoke(
            "month_availability",
            json!({"room": "studio-a", "year": 2027, "month": 2, "duration": 60}),
        )
        .unwrap();
    assert_eq!(month.as_object().unwrap().len(), 28);
    assert_eq!(
        h.error_code(
            "month_availability",
            json!({"room": "studio-a", "year": 2027, "month": 13, "duration": 60})
        ),
        ErrorCode::Invalid
    );

    let board = h
        .invoke("day_board", json!({"date": "2027-01-11"}))
        .unwrap();
    assert_eq!(board["quanta"], 96);
    assert_eq!(board["rooms"].as_array().unwrap().len(), 4);
    assert_eq!(board["rooms"][0]["open"], json!([[32, 96]]));
}

#[test]
fn holds_set_renew_release_and_refuse_bad_spans() {
    let h = harness();
    let span = json!([{"room": "studio-a", "start": "2027-01-11T10:00:00+01:00", "end": "2027-01-11T11:00:00+01:00"}]);
    let expiry = h
        .invoke("set_holds", json!({"session": SESSION, "holds": span}))
        .unwrap();
    assert!(expiry.as_str().unwrap().starts_with("20"));
    h.invoke("set_holds", json!({"session": SESSION, "holds": span}))
        .unwrap(); // heartbeat
    let misaligned = json!([{"room": "studio-a", "start": "2027-01-11T10:07:00+01:00", "end": "2027-01-11T11:00:00+01:00"}]);
    let other = "44444444-4444-4444-8444-444444444444";
    assert_eq!(
        h.error_code("set_holds", json!({"session": other, "holds": misaligned})),
        ErrorCode::Invalid
    );
    let unknown = json!([{"room": "nope", "start": "2027-01-11T10:00:00+01:00", "end": "2027-01-11T11:00:00+01:00"}]);
    assert_eq!(
        h.error_code("set_holds", json!({"session": other, "holds": unknown})),
        ErrorCode::UnknownRoom
    );
    let error = h
        .invoke("set_holds", json!({"session": other, "holds": span}))
        .unwrap_err();
    assert_eq!(error["code"], ErrorCode::Conflict.as_str());
    assert_eq!(error["conflicts"][0]["reason"], "held");
    h.invoke("release_holds", json!({"session": SESSION}))
        .unwrap();
    h.invoke("set_holds", json!({"session": other, "holds": span}))
        .unwrap();
}

#[test]
fn bookings_create_find_cancel_and_bad_input_writes_nothing() {
    let h = harness();
    for (args, code) in [
        (
            booking(
                ID2,
                "studio-a",
                "2027-01-11T10:10:00+01:00",
                "2027-01-11T11:00:00+01:00",
                "Ada",
            ),
            ErrorCode::Invalid,
        ),
        (
            booking(
                ID2,
                "nope",
                "2027-01-11T10:00:00+01:00",
                "2027-01-11T11:00:00+01:00",
                "Ada",
            ),
            ErrorCode::UnknownRoom,
        ),
        (
            booking(
                ID2,
                "studio-a",
                "2027-01-11T10:00:00+01:00",
                "2027-01-11T11:00:00+01:00",
                "   ",
            ),
            ErrorCode::Invalid,
        ),
        (
            booking(
                ID2,
                "studio-a",
                "2027-01-11T06:00:00+01:00",
                "2027-01-11T09:00:00+01:00",
                "Ada",
            ),
            ErrorCode::Invalid,
        ),
        (
            booking(
                ID2,
                "studio-a",
                "2027-01-11T11:00:00+01:00",
                "2027-01-11T10:00:00+01:00",
                "Ada",
            ),
            ErrorCode::Invalid,
        ),
    ] {
        assert_eq!(h.error_code("create_booking", args.clone()), code, "{args}");
    }
    for table in ["bookings", "day_masks", "audit", "outbox", "changes"] {
        assert_eq!(h.rows(table), 0, "{table}");
    }

    let created = h
        .invoke(
            "create_booking",
            booking(
                ID1,
                "studio-a",
                "2027-01-11T10:00:00+01:00",
                "2027-01-11T12:00:00+01:00",
                "Ada Lovelace",
            ),
        )
        .unwrap();
    assert_eq!(created["status"], "confirmed"); // standalone: the desk is the authority
    assert_eq!(created["start"], "2027-01-11T10:00:00+01:00");
    let overlap = h
        .invoke(
            "create_booking",
            booking(
                ID2,
                "studio-a",
                "2027-01-11T11:00:00+01:00",
                "2027-01-11T12:00:00+01:00",
                "Bob",
            ),
        )
        .unwrap_err();
    assert_eq!(overlap["code"], ErrorCode::Conflict.as_str());
    assert_eq!(overlap["conflicts"][0]["reason"], "booked");
    assert_eq!(h.rows("bookings"), 1);

    assert_eq!(
        h.invoke("get_booking", json!({"id": ID1})).unwrap()["customer"]["name"],
        "Ada Lovelace"
    );
    assert_eq!(
        h.error_code("get_booking", json!({"id": ID2})),
        ErrorCode::NotFound
    );
    assert_eq!(
        h.invoke("find_bookings", json!({"name": "lovel"}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        h.invoke("find_bookings", json!({"date": "2027-01-11"}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(h.error_code("find_bookings", json!({})), ErrorCode::Invalid);

    let status = h
        .invoke("rooms_status", json!({"rooms": ["studio-a", "studio-b"]}))
        .unwrap();
    assert_eq!(status.as_object().unwrap().len(), 2);
    assert_eq!(
        h.error_code("rooms_status", json!({"rooms": ["studio-a", "nope"]})),
        ErrorCode::UnknownRoom
    );

    let board = h
        .invoke("day_board", json!({"date": "2027-01-11"}))
        .unwrap();
    assert_eq!(
        board["rooms"][0]["bookings"][0]["customer"]["name"],
        "Ada Lovelace"
    );

    let cancelled = h
        .invoke("cancel_booking", json!({"id": ID1, "reason": "called off"}))
        .unwrap();
    assert_eq!(
        (cancelled["status"].as_str(), cancelled["reason"].as_str()),
        (Some("cancelled"), Some("called off"))
    );
    assert_eq!(
        h.error_code("cancel_booking", json!({"id": ID2})),
        ErrorCode::NotFound
    );
    // The time is free again.
    h.invoke(
        "create_booking",
        booking(
            ID2,
            "studio-a",
            "2027-01-11T11:00:00+01:00",
            "2027-01-11T12:00:00+01:00",
            "Bob",
        ),
    )
    .unwrap();
    assert!(h.desk.store().consistency_check().unwrap().is_empty());
}

#[test]
fn sync_conflicts_and_settings() {
    let h = harness();
    let status = h.invoke("sync_status", json!({})).unwrap();
    assert_eq!(
        (status["configured"].as_bool(), status["pending"].as_u64()),
        (Some(false), Some(0))
    );
    assert_eq!(h.invoke("sync_now", json!({})).unwrap()["online"], false);
    assert_eq!(h.invoke("conflicts", json!({})).unwrap(), json!([]));
    h.invoke(
        "create_booking",
        booking(
            ID1,
            "studio-a",
            "2027-01-11T10:00:00+01:00",
            "2027-01-11T12:00:00+01:00",
            "Ada",
        ),
    )
    .unwrap();
    assert_eq!(
        h.error_code("move_conflict", json!({"id": ID1, "room": "studio-b", "start": "2027-01-11T10:00:00+01:00", "end": "2027-01-11T12:00:00+01:00"})),
        ErrorCode::Invalid
    );

    assert_eq!(
        h.invoke("get_settings", json!({})).unwrap(),
        json!({"serverUrl": "", "hasToken": false, "startFullscreen": false, "firstRun": true})
    );
    assert_eq!(
        h.error_code(
            "save_settings",
            json!({"serverUrl": "ftp://x", "token": "t"})
        ),
        ErrorCode::Invalid
    );
    let saved = h
        .invoke(
            "save_settings",
            json!({"serverUrl": "http://127.0.0.1:9", "token": "secret"}),
        )
        .unwrap();
    assert_eq!(
        saved,
        json!({"serverUrl": "http://127.0.0.1:9", "hasToken": true, "startFullscreen": false,
               "firstRun": false})
    );
    // No token is kept for a new address: it comes with its own.
    assert_eq!(
        h.error_code(
            "save_settings",
            json!({"serverUrl": "http://127.0.0.2:9", "token": ""})
        ),
        ErrorCode::Invalid
    );
    assert_eq!(
        h.desk.saved_server().unwrap().map(|s| s.token).as_deref(),
        Some("secret")
    );
    assert_eq!(
        h.invoke("set_start_fullscreen", json!({"on": true}))
            .unwrap()["startFullscreen"],
        true
    );
    assert!(h.desk.start_fullscreen().unwrap());
    assert_eq!(
        h.invoke("sync_status", json!({})).unwrap()["configured"],
        true
    );
    assert_eq!(
        h.error_code(
            "test_connection",
            json!({"serverUrl": "http://127.0.0.1:9", "token": "x"})
        ),
        ErrorCode::Unreachable
    );
    // Back to standalone.
    h.invoke("save_settings", json!({"serverUrl": "", "token": ""}))
        .unwrap();
    assert_eq!(
        h.invoke("sync_status", json!({})).unwrap()["configured"],
        false
    );
}

#[test]
fn quote_prices_a_span_before_booking_and_refuses_a_bad_one() {
    let h = harness();
    // The demo studio charges nothing by the hour.
    let quote = h
        .invoke(
            "quote",
            json!({"room": "studio-a", "start": "2027-01-11T10:00:00+01:00", "end": "2027-01-11T12:00:00+01:00"}),
        )
        .unwrap();
    assert_eq!(quote, json!({"price": 0, "currency": "EUR"}));
    assert_eq!(
        h.error_code(
            "quote",
            json!({"room": "studio-a", "start": "2027-01-11T12:00:00+01:00", "end": "2027-01-11T10:00:00+01:00"})
        ),
        ErrorCode::Invalid
    );
    assert_eq!(
        h.error_code(
            "quote",
            json!({"room": "nope", "start": "2027-01-11T10:00:00+01:00", "end": "2027-01-11T11:00:00+01:00"})
        ),
        ErrorCode::UnknownRoom
    );
}

#[test]
fn a_new_desk_is_in_its_first_run_until_it_chooses_the_demo() {
    let h = harness();
    assert_eq!(
        h.invoke("get_settings", json!({})).unwrap()["firstRun"],
        true
    );
    let studio = h.invoke("choose_demo", json!({})).unwrap();
    assert_eq!(studio["name"], "Klangraum Studios (demo)");
    assert_eq!(
        h.invoke("get_settings", json!({})).unwrap()["firstRun"],
        false
    );
    // Only once.
    assert_eq!(h.error_code("choose_demo", json!({})), ErrorCode::Invalid);
}

#[test]
fn a_new_desk_sets_up_its_own_studio_once_and_bad_input_names_the_field() {
    let h = harness();
    let version = h.invoke("studio", json!({})).unwrap()["version"].clone();
    let mut update = json!({
        "version": version, "name": "Tonstudio Nord", "timezone": "Europe/Vienna",
        "holdTtlSeconds": 10, "currency": "EUR",
        "rooms": [
            {"id": "live-room", "name": "Live room", "durations": [60, 120], "interval": 60,
             "pricePerHour": 4050, "peaks": []},
            {"id": "booth", "name": "Booth", "durations": [60], "interval": 60,
             "pricePerHour": 0, "peaks": []}
        ],
        "hours": {"weekly": {"mon": [["10:00", "24:00"]], "tue": [["10:00", "24:00"]]},
                  "dates": {"2027-01-12": []}}
    });
    update["rooms"][1]["durations"] = json!([50]);
    let error = h
        .invoke("setup_studio", json!({"update": update}))
        .unwrap_err();
    assert_eq!(error["code"], "invalid");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .starts_with("rooms[1].durations"),
        "{error}"
    );
    assert_eq!(
        h.invoke("get_settings", json!({})).unwrap()["firstRun"],
        true
    );

    update["rooms"][1]["durations"] = json!([60]);
    let studio = h.invoke("setup_studio", json!({"update": update})).unwrap();
    assert_eq!(studio["name"], "Tonstudio Nord");
    assert_eq!(studio["timezone"], "Europe/Vienna");
    assert_eq!(studio["rooms"][0]["pricePerHour"], 4050);
    assert_eq!(
        h.invoke("get_settings", json!({})).unwrap()["firstRun"],
        false
    );
    // The closed Tuesday offers nothing; the Monday from 10:00 (Vienna).
    let closed = h
        .invoke(
            "day_slots",
            json!({"room": "booth", "date": "2027-01-12", "duration": 60}),
        )
        .unwrap();
    assert_eq!(closed["slots"], json!([]));
    let monday = h
        .invoke(
            "day_slots",
            json!({"room": "booth", "date": "2027-01-11", "duration": 60}),
        )
        .unwrap();
    assert_eq!(monday["slots"][0]["start"], "2027-01-11T10:00:00+01:00");
    // Only on the first start.
    assert_eq!(
        h.error_code("setup_studio", json!({"update": update})),
        ErrorCode::Invalid
    );
}
