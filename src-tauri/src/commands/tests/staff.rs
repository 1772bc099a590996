//! Staff at a standalone desk through the commands: a write asks for a PIN once the studio
//! has staff, wrong PINs are refused and then locked out for a while, the desk signs out
//! after its idle time, settings need an admin, and the activity log names who did what.

use chrono::Duration;
use frontdesk_protocol::ErrorCode;
use serde_json::{json, Value};

use super::{booking, harness, Harness, ID1, ID2};

/// The demo studio as a change, with `staff`.
fn with_staff(h: &Harness, staff: Value) -> Value {
    let mut update = h.invoke("studio", json!({})).unwrap();
    update.as_object_mut().unwrap().remove("quantumMinutes");
    update["staff"] = staff;
    json!({ "update": update })
}

pub(super) fn member_id(h: &Harness, name: &str) -> String {
    let members = h.invoke("staff_members", json!({})).unwrap();
    members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

const MIA: &str = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const JO: &str = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";

pub(super) fn staffed() -> Harness {
    let h = harness();
    h.invoke("choose_demo", json!({})).unwrap();
    // A studio without staff asks nobody: the admin adds the first ones.
    assert_eq!(
        h.invoke("sign_in_state", json!({})).unwrap()["required"],
        false
    );
    let team = json!([
        {"id": MIA, "name": "Mia", "role": "admin", "pin": "471100"},
        {"id": JO, "name": "Jo", "role": "staff", "pin": "123456"}
    ]);
    h.invoke("change_studio", with_staff(&h, team)).unwrap();
    h
}

#[test]
fn a_write_needs_a_pin_and_names_the_staff_member() {
    let h = staffed();
    let state = h.invoke("sign_in_state", json!({})).unwrap();
    assert_eq!(state["required"], true);
    assert_eq!(state["signedIn"], Value::Null);
    let walk_in = booking(
        ID1,
        "studio-a",
        "2027-01-11T10:00:00+01:00",
        "2027-01-11T11:00:00+01:00",
        "Band",
    );
    assert_eq!(
        h.error_code("create_booking", walk_in.clone()),
        ErrorCode::SignInRequired
    );
    assert_eq!(h.rows("bookings"), 0);
    // The window never sees a PIN hash.
    let members = h.invoke("staff_members", json!({})).unwrap();
    assert!(!members.to_string().contains("argon2"), "{members}");
    assert!(!h
        .invoke("studio", json!({}))
        .unwrap()
        .to_string()
        .contains("argon2"));

    let jo = member_id(&h, "Jo");
    let state = h
        .invoke("sign_in", json!({"id": jo, "pin": "123456"}))
        .unwrap();
    assert_eq!(state["signedIn"]["name"], "Jo");
    h.invoke("create_booking", walk_in).unwrap();

    // Jo is no admin: the settings refuse, and nothing changes.
    assert_eq!(
        h.error_code("change_studio", with_staff(&h, json!(null))),
        ErrorCode::AdminRequired
    );

    let log = h.invoke("activity", json!({"query": {}})).unwrap();
    assert_eq!(log[0]["action"], "create");
    assert_eq!(log[0]["staff"], "Jo");
    assert_eq!(log[0]["customer"], "Band");
    assert_eq!(log[0]["desk"], "desk");
    let by_mia = h
        .invoke("activity", json!({"query": {"staff": MIA}}))
        .unwrap();
    assert_eq!(by_mia.as_array().unwrap().len(), 0);
    let on_the_day = h
        .invoke(
            "activity",
            json!({"query": {"date": "2027-01-04", "room": "studio-a"}}),
        )
        .unwrap();
    assert_eq!(on_the_day.as_array().unwrap().len(), 1);
}

#[test]
fn wrong_pins_are_refused_then_locked_out_for_a_while() {
    let h = staffed();
    let mia = member_id(&h, "Mia");
    for _ in 0..3 {
        assert_eq!(
            h.error_code("sign_in", json!({"id": mia, "pin": "000000"})),
            ErrorCode::WrongPin
        );
    }
    // Locked: even the right PIN waits.
    let error = h
        .invoke("sign_in", json!({"id": mia, "pin": "471100"}))
        .unwrap_err();
    assert_eq!(error["code"], "pin_locked");
    assert!(
        error["message"].as_str().unwrap().contains("30 s"),
        "{error}"
    );
    // Another member is not locked.
    let jo = member_id(&h, "Jo");
    h.invoke("sign_in", json!({"id": jo, "pin": "123456"}))
        .unwrap();
    h.invoke("sign_out", json!({})).unwrap();

    h.clock.advance(Duration::seconds(31));
    // One more wrong PIN doubles the wait.
    assert_eq!(
        h.error_code("sign_in", json!({"id": mia, "pin": "999999"})),
        ErrorCode::WrongPin
    );
    let error = h
        .invoke("sign_in", json!({"id": mia, "pin": "471100"}))
        .unwrap_err();
    assert!(
        error["message"].as_str().unwrap().contains("60 s"),
        "{error}"
    );
    h.clock.advance(Duration::seconds(61));
    let state = h
        .invoke("sign_in", json!({"id": mia, "pin": "471100"}))
        .unwrap();
    assert_eq!(state["signedIn"]["role"], "admin");
}

#[test]
fn the_desk_signs_out_after_its_idle_time() {
    let h = staffed();
    let jo = member_id(&h, "Jo");
    assert_eq!(
        h.error_code("set_sign_out_minutes", json!({"minutes": 0})),
        ErrorCode::Invalid
    );
    h.invoke("set_sign_out_minutes", json!({"minutes": 2}))
        .unwrap();
    h.invoke("sign_in", json!({"id": jo, "pin": "123456"}))
        .unwrap();
    h.clock.advance(Duration::seconds(90));
    // Activity keeps Jo signed in.
    h.invoke("touch", json!({})).unwrap();
    h.clock.advance(Duration::seconds(90));
    let state = h.invoke("sign_in_state", json!({})).unwrap();
    assert_eq!(state["signedIn"]["name"], "Jo");
    h.clock.advance(Duration::seconds(31));
    let state = h.invoke("sign_in_state", json!({})).unwrap();
    assert_eq!(state["signedIn"], Value::Null);
    assert_eq!(
        h.error_code(
            "create_booking",
            booking(
                ID2,
                "studio-a",
                "2027-01-11T12:00:00+01:00",
                "2027-01-11T13:00:00+01:00",
                "Late"
            )
        ),
        ErrorCode::SignInRequired
    );
}

#[test]
fn an_admin_checks_and_saves_the_studio_and_bookings_outside_stay() {
    let h = staffed();
    let mia = member_id(&h, "Mia");
    h.invoke("sign_in", json!({"id": mia, "pin": "471100"}))
        .unwrap();
    h.invoke(
        "create_booking",
        booking(
            ID1,
            "studio-a",
            "2027-01-11T20:00:00+01:00",
            "2027-01-11T22:00:00+01:00",
            "Night band",
        ),
    )
    .unwrap();
    // Mondays close at 18:00 now: the evening booking lies outside, and is listed first.
    let mut change = with_staff(&h, Value::Null);
    change["update"]["hours"]["weekly"]["mon"] = json!([["08:00", "18:00"]]);
    let outside = h.invoke("check_studio", change.clone()).unwrap();
    assert_eq!(outside[0]["customer"]["name"], "Night band");
    let saved = h.invoke("change_studio", change.clone()).unwrap();
    assert_eq!(saved["hours"]["weekly"]["mon"], json!([["08:00", "18:00"]]));
    assert_eq!(
        h.invoke("get_booking", json!({"id": ID1})).unwrap()["status"],
        "confirmed"
    );
    // The same change again was made to an older version: stale, nothing saved.
    assert_eq!(h.error_code("change_studio", change), ErrorCode::Stale);
    let log = h.invoke("activity", json!({"query": {}})).unwrap();
    assert_eq!(log[0]["action"], "studio");
    assert_eq!(log[0]["staff"], "Mia");
}
