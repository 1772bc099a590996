//! The desk's server is an admin's decision: Settings' server fields need an admin signed in
//! once the studio has staff, a new address needs its credential again, plain HTTP goes to
//! this machine only, and the token never lands in the desk's SQLite file.

use frontdesk_protocol::ErrorCode;
use serde_json::json;

use super::staff::{member_id, staffed};

#[test]
fn server_fields_need_an_admin_and_refuse_plain_http_to_another_host() {
    let h = staffed();
    let connect = json!({"serverUrl": "http://127.0.0.1:9", "token": "stolen-by-nobody"});
    // Nobody signed in: refused, nothing saved.
    assert_eq!(
        h.error_code("save_settings", connect.clone()),
        ErrorCode::SignInRequired
    );
    assert_eq!(
        h.error_code(
            "enrol_desk",
            json!({"serverUrl": "http://127.0.0.1:9", "code": "K7QM-2XRP9F"})
        ),
        ErrorCode::SignInRequired
    );
    // Staff who are no admin: refused too.
    let jo = member_id(&h, "Jo");
    h.invoke("sign_in", json!({"id": jo, "pin": "123456"}))
        .unwrap();
    assert_eq!(
        h.error_code("save_settings", connect.clone()),
        ErrorCode::AdminRequired
    );
    assert_eq!(
        h.error_code("save_settings", json!({"serverUrl": "", "token": ""})),
        ErrorCode::AdminRequired
    );
    assert_eq!(
        h.invoke("get_settings", json!({})).unwrap()["serverUrl"],
        ""
    );

    // An admin may, with the token: plain HTTP only to this machine.
    h.invoke("sign_out", json!({})).unwrap();
    let mia = member_id(&h, "Mia");
    h.invoke("sign_in", json!({"id": mia, "pin": "471100"}))
        .unwrap();
    let refused = h
        .invoke(
            "save_settings",
            json!({"serverUrl": "http://frontdesk.example.com", "token": "t"}),
        )
        .unwrap_err();
    assert_eq!(refused["code"], "invalid");
    let message = refused["message"].as_str().unwrap();
    assert!(message.starts_with("server address:"), "{message}");
    assert!(message.contains("https://"), "{message}");
    assert_eq!(
        h.error_code(
            "enrol_desk",
            json!({"serverUrl": "http://10.1.2.3:8787", "code": "K7QM-2XRP9F"})
        ),
        ErrorCode::Invalid
    );
    assert_eq!(
        h.error_code(
            "enrol_desk",
            json!({"serverUrl": "https://frontdesk.example.com", "code": " - "})
        ),
        ErrorCode::Invalid
    );
    let saved = h.invoke("save_settings", connect).unwrap();
    assert_eq!(saved["hasToken"], true);
    // The token is in the secret store, not in the desk's file.
    let in_file: i64 = h
        .desk
        .store()
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM sync_state WHERE value LIKE '%stolen-by-nobody%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(in_file, 0);
    assert_eq!(
        h.desk.saved_server().unwrap().map(|s| s.token).as_deref(),
        Some("stolen-by-nobody")
    );
    // Nothing keeps that token for another address.
    assert_eq!(
        h.error_code(
            "save_settings",
            json!({"serverUrl": "https://frontdesk.example.com", "token": " "})
        ),
        ErrorCode::Invalid
    );
    // Standalone again: the token goes.
    h.invoke("save_settings", json!({"serverUrl": "", "token": ""}))
        .unwrap();
    assert_eq!(h.desk.saved_server().unwrap(), None);
    assert_eq!(
        h.invoke("get_settings", json!({})).unwrap()["hasToken"],
        false
    );
}
