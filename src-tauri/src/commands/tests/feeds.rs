//! Calendar feeds and the online booking page live on the studio's server: a standalone
//! desk refuses their commands with `server_required`, in plain words naming what needs the
//! server, before asking anyone.

use frontdesk_protocol::ErrorCode;
use serde_json::json;

use super::harness;

#[test]
fn a_standalone_desk_says_feeds_and_the_booking_page_need_the_studios_server() {
    let h = harness();
    let calls = [
        ("feeds", json!({})),
        (
            "create_feed",
            json!({"request": {"room": "studio-a", "detail": "booked", "label": "Owner"}}),
        ),
        (
            "revoke_feed",
            json!({"id": "11111111-1111-4111-8111-111111111111"}),
        ),
        ("online_booking", json!({})),
        (
            "save_online_booking",
            json!({"settings": {"version": 0, "enabled": true,
                "rooms": [{"room": "studio-a", "durations": [60]}],
                "leadMinutes": 60, "daysAhead": 30, "cancelHours": 24}}),
        ),
    ];
    for (cmd, args) in calls {
        let error = h.invoke(cmd, args).expect_err(cmd);
        let code: ErrorCode = serde_json::from_value(error["code"].clone()).unwrap();
        assert_eq!(code, ErrorCode::ServerRequired, "{cmd}: {error}");
        let message = error["message"].as_str().unwrap();
        assert!(message.contains("studio's server"), "{cmd}: {message}");
        let what = if cmd.contains("online") {
            "online booking page"
        } else {
            "calendar feeds"
        };
        assert!(message.contains(what), "{cmd}: {message}");
    }
}

#[test]
fn a_feed_request_of_an_unknown_detail_is_refused_as_unreadable() {
    let h = harness();
    let error = h
        .invoke(
            "create_feed",
            json!({"request": {"room": null, "detail": "phone"}}),
        )
        .expect_err("detail phone");
    assert!(error.to_string().contains("phone"), "{error}");
}
