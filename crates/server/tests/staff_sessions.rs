//! Staff the server can believe, on the real server (127.0.0.1 port 0) over SQLite and
//! PostgreSQL: a PIN checked by the server gives a staff session that writes carry; a
//! forged staff id or name is refused or not recorded; offline sign-ins are recorded as
//! such and checked at sync; wrong-PIN lockouts survive a restart; desks get offline
//! verifiers bound to their own token, never a PIN hash.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Client, Method, ServerSettings, StatusCode};
use frontdesk_server::{Database, ManualClock, RunningServer};
use frontdesk_store::pin_verifier::{record_matches, token_key, verifier_matches};
use frontdesk_testkit::backend::Backend;
use frontdesk_testkit::clock::{berlin, pinned};
use frontdesk_testkit::on_both_databases;
use frontdesk_testkit::server::{any_port, serve_database};
use frontdesk_testkit::studio::klangraum;
use serde_json::{json, Value};
use uuid::Uuid;

const MIA: &str = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const JO: &str = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const ALI: &str = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
const A: &str = "token-a";
const B: &str = "token-b";
const ADMIN: &str = "token-admin";

on_both_databases!(
    a_forged_staff_member_is_refused_and_the_audit_names_only_the_verified_one,
    offline_sign_ins_are_recorded_as_such_and_checked_at_sync,
    wrong_pins_lock_a_member_out_across_a_server_restart,
    desks_get_verifiers_bound_to_their_token_and_no_pin_hash,
);

struct Harness {
    server: Option<RunningServer>,
    database: Database,
    clock: Arc<ManualClock>,
    url: String,
    _dir: tempfile::TempDir,
}

fn rfc(t: DateTime<Utc>) -> String {
    t.with_timezone(&Berlin).to_rfc3339()
}

impl Harness {
    async fn start(db: Backend) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let database = db.fresh(dir.path());
        let clock = pinned(berlin(2026, 6, 1, 7, 0));
        let mut h = Harness {
            server: None,
            database,
            clock,
            url: String::new(),
            _dir: dir,
        };
        h.restart().await;
        h
    }

    async fn restart(&mut self) {
        if let Some(server) = self.server.take() {
            server.stop().await;
        }
        let config = klangraum().all_week(r#"["00:00", "24:00"]"#).config();
        let server = serve_database(
            config,
            self.database.clone(),
            any_port(),
            self.clock.clone(),
        )
        .await;
        self.url = server.url();
        self.server = Some(server);
    }

    fn client(&self, token: &str, session: Option<&str>) -> Client {
        Client::new(ServerSettings {
            url: self.url.clone(),
            token: token.into(),
        })
        .unwrap()
        .with_staff_session(session)
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        token: &str,
        session: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let body = body.map(|b| serde_json::to_vec(&b).unwrap());
        let (status, bytes) = self
            .client(token, session)
            .send(method, path, body)
            .await
            .unwrap();
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap()
        };
        (status, value)
    }

    /// Sets the studio's staff (an admin token's change).
    async fn set_staff(&self, staff: Value) {
        let (status, body) = self.change_staff(staff).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    async fn change_staff(&self, staff: Value) -> (StatusCode, Value) {
        let (_, studio) = self.call(Method::GET, "/v1/studio", A, None, None).await;
        let all_day = json!([["00:00", "24:00"]]);
        let change = json!({
            "version": studio["version"], "name": "Klangraum Studios",
            "timezone": "Europe/Berlin", "holdTtlSeconds": 10,
            "rooms": [
                {"id": "studio-a", "name": "Studio A", "durations": [60, 120, 300], "interval": 60},
                {"id": "studio-b", "name": "Studio B", "durations": [60], "interval": 60}
            ],
            "hours": {"weekly": {"mon": all_day, "tue": all_day, "wed": all_day,
                "thu": all_day, "fri": all_day, "sat": all_day, "sun": all_day}},
            "staff": staff,
        });
        self.call(Method::PUT, "/v1/studio", ADMIN, None, Some(change))
            .await
    }

    async fn team(&self) {
        self.set_staff(json!([
            {"id": MIA, "name": "Mia", "role": "admin", "pin": "471100"},
            {"id": JO, "name": "Jo", "role": "staff", "pin": "123456"},
            {"id": ALI, "name": "Ali", "role": "staff", "pin": "246800"},
        ]))
        .await;
    }

    async fn sign_in(&self, token: &str, staff: &str, pin: &str) -> (StatusCode, Value) {
        self.call(
            Method::POST,
            "/v1/staff/sessions",
            token,
            None,
            Some(json!({"staffId": staff, "pin": pin})),
        )
        .await
    }

    async fn session(&self, token: &str, staff: &str, pin: &str) -> String {
        let (status, body) = self.sign_in(token, staff, pin).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["session"].as_str().unwrap().to_owned()
    }

    /// A booking on 1 June at `hour` (one hour) by `staff`, sent with `session`.
    async fn book(
        &self,
        hour: u32,
        staff: Option<Value>,
        session: Option<&str>,
    ) -> (StatusCode, Value, Uuid) {
        let id = Uuid::new_v4();
        let mut body = json!({"id": id, "room": "studio-a",
            "start": rfc(berlin(2026, 6, 1, hour, 0)), "end": rfc(berlin(2026, 6, 1, hour + 1, 0)),
            "customer": {"name": "Band"}});
        if let Some(staff) = staff {
            body["staff"] = staff;
        }
        let (status, answer) = self
            .call(Method::POST, "/v1/bookings", A, session, Some(body))
            .await;
        (status, answer, id)
    }

    /// (action, staff) of the activity log of 1 June, newest first, bookings only.
    async fn creates(&self) -> Vec<Option<String>> {
        let (_, log) = self
            .call(Method::GET, "/v1/activity?date=2026-06-01", A, None, None)
            .await;
        log["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "create")
            .map(|e| {
                let offline = e["staffOffline"] == true;
                e["staff"].as_str().map(|name| match offline {
                    true => format!("{name} (offline sign-in)"),
                    false => name.to_owned(),
                })
            })
            .collect()
    }

    async fn stop(mut self) {
        if let Some(server) = self.server.take() {
            server.stop().await;
        }
    }
}

fn forbidden(status: StatusCode, body: &Value) -> String {
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"], "forbidden", "{body}");
    body["message"].as_str().unwrap().to_owned()
}

/// A staff id or name a desk makes up is never recorded: named without a session, or with
/// another member's session, the write is refused and nothing is written; with the
/// member's own session the audit has the server's name for them, whatever was sent.
async fn a_forged_staff_member_is_refused_and_the_audit_names_only_the_verified_one(db: Backend) {
    let h = Harness::start(db).await;
    h.team().await;
    let forged = json!({"id": MIA, "name": "Mia (forged by reception)"});
    let (status, body, id) = h.book(10, Some(forged.clone()), None).await;
    assert!(forbidden(status, &body).contains("staff session"), "{body}");
    let (status, _) = h
        .call(Method::GET, &format!("/v1/bookings/{id}"), A, None, None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "nothing was written");

    let (status, body) = h.sign_in(A, JO, "654321").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::FORBIDDEN, Some("wrong_pin"))
    );
    let (status, body) = h.sign_in(A, &Uuid::new_v4().to_string(), "123456").await;
    assert!(
        forbidden(status, &body).contains("no staff member"),
        "{body}"
    );
    let jo = h.session(A, JO, "123456").await;
    let (status, body) = h
        .call(
            Method::POST,
            "/v1/staff/sessions",
            A,
            None,
            Some(json!({"staffId": JO, "pin": "123456"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        (body["name"].as_str(), body["admin"].as_bool()),
        (Some("Jo"), Some(false))
    );

    // Jo's session, Mia's id: refused.
    let (status, body, id) = h.book(10, Some(forged), Some(&jo)).await;
    assert!(forbidden(status, &body).contains("Jo's"), "{body}");
    let (status, _) = h
        .call(Method::GET, &format!("/v1/bookings/{id}"), A, None, None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A made-up session: refused.
    let (status, body, _) = h.book(10, None, Some("fs_made_up")).await;
    forbidden(status, &body);
    // Jo's session at another desk: refused.
    let (status, body) = h
        .call(
            Method::POST,
            "/v1/bookings/00000000-0000-4000-8000-000000000001/cancel",
            B,
            Some(&jo),
            None,
        )
        .await;
    assert!(forbidden(status, &body).contains("another desk"), "{body}");

    // Jo's own session, any name sent: recorded as "Jo".
    let (status, body, _) = h
        .book(
            11,
            Some(json!({"id": JO, "name": "Jo the Great"})),
            Some(&jo),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body, _) = h.book(12, None, Some(&jo)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        h.creates().await,
        [Some("Jo".to_owned()), Some("Jo".to_owned())]
    );

    // Signed out: the session is no more.
    let (status, _) = h
        .call(
            Method::DELETE,
            &format!("/v1/staff/sessions/{jo}"),
            A,
            None,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body, _) = h.book(13, None, Some(&jo)).await;
    forbidden(status, &body);
    assert_eq!(h.creates().await.len(), 2, "nothing more was written");

    // A member removed from the staff: their session ends with them.
    let mia = h.session(A, MIA, "471100").await;
    h.set_staff(json!([{"id": JO, "name": "Jo", "role": "admin"}]))
        .await;
    let (status, body, _) = h.book(14, None, Some(&mia)).await;
    forbidden(status, &body);
    h.stop().await;
}

fn offline(staff: &str, name: &str, at: DateTime<Utc>) -> Value {
    json!({"id": staff, "name": name, "offline": true, "at": rfc(at)})
}

fn create(hour: u32, staff: Value) -> Value {
    json!({"id": Uuid::new_v4(), "kind": "createBooking", "booking": {
        "id": Uuid::new_v4(), "room": "studio-b",
        "start": rfc(berlin(2026, 6, 1, hour, 0)), "end": rfc(berlin(2026, 6, 1, hour + 1, 0)),
        "customer": {"name": format!("Band {hour}")}, "staff": staff}})
}

/// Work queued after an offline sign-in is recorded as offline (the server's name of the
/// member, marked) if the member is on the staff or left after the write was made; a
/// member the studio never had, or one who had left by then, is refused as a conflict.
async fn offline_sign_ins_are_recorded_as_such_and_checked_at_sync(db: Backend) {
    let h = Harness::start(db).await;
    h.team().await;
    h.clock.advance(Duration::hours(2)); // 09:00: Ali leaves.
    h.set_staff(json!([
        {"id": MIA, "name": "Mia", "role": "admin"},
        {"id": JO, "name": "Jo", "role": "staff"},
    ]))
    .await;
    h.clock.advance(Duration::hours(1)); // 10:00: the desk is back online.
    let jo = h.session(A, JO, "123456").await;
    let push = json!({"mutations": [
        create(11, offline(JO, "Jo", berlin(2026, 6, 1, 8, 0))),
        create(12, offline(ALI, "Ali", berlin(2026, 6, 1, 8, 30))),
        create(13, offline(ALI, "Ali", berlin(2026, 6, 1, 9, 30))),
        create(14, offline(&Uuid::new_v4().to_string(), "Nobody", berlin(2026, 6, 1, 8, 0))),
        create(15, json!({"id": JO, "name": "Jo"})),
    ]});
    let (status, body) = h
        .call(Method::POST, "/v1/sync/push", A, Some(&jo), Some(push))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let statuses: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["applied", "applied", "conflict", "conflict", "applied"]
    );
    let results = body["results"].as_array().unwrap();
    assert!(
        results[2]["message"]
            .as_str()
            .unwrap()
            .contains("Ali had left"),
        "{body}"
    );
    assert!(
        results[3]["message"]
            .as_str()
            .unwrap()
            .contains("not on this studio's staff"),
        "{body}"
    );
    assert_eq!(
        h.creates().await,
        [
            Some("Jo".to_owned()),
            Some("Ali (offline sign-in)".to_owned()),
            Some("Jo (offline sign-in)".to_owned()),
        ]
    );
    let (_, booked) = h
        .call(
            Method::GET,
            &format!(
                "/v1/bookings?room=studio-b&from={}&to={}",
                rfc(berlin(2026, 6, 1, 0, 0)),
                rfc(berlin(2026, 6, 2, 0, 0))
            )
            .replace('+', "%2B"),
            A,
            None,
            None,
        )
        .await;
    assert_eq!(
        booked["bookings"].as_array().unwrap().len(),
        3,
        "the refused ones wrote nothing"
    );
    h.stop().await;
}

/// Three wrong PINs lock the member out for 30 s (the right PIN too), on every desk and
/// across a restart of the server; after the wait the right PIN signs in.
async fn wrong_pins_lock_a_member_out_across_a_server_restart(db: Backend) {
    let mut h = Harness::start(db).await;
    h.team().await;
    for _ in 0..2 {
        let (status, body) = h.sign_in(A, MIA, "000000").await;
        assert_eq!(body["error"], "wrong_pin", "{status} {body}");
    }
    let (_, body) = h.sign_in(A, MIA, "000000").await;
    assert_eq!(body["error"], "wrong_pin");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("try again in 30 s"),
        "{body}"
    );
    let (status, body) = h.sign_in(B, MIA, "471100").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::LOCKED, Some("pin_locked"))
    );
    // Jo is not locked out by Mia's wrong PINs.
    h.session(A, JO, "123456").await;

    h.restart().await;
    h.clock.advance(Duration::seconds(10));
    let (status, body) = h.sign_in(A, MIA, "471100").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::LOCKED, Some("pin_locked")),
        "{body}"
    );
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .ends_with("try again in 20 s"),
        "{body}"
    );
    h.clock.advance(Duration::seconds(21));
    h.session(A, MIA, "471100").await;
    h.stop().await;
}

/// `GET /v1/studio` carries no PIN hash: each desk gets verifiers only its own token opens.
async fn desks_get_verifiers_bound_to_their_token_and_no_pin_hash(db: Backend) {
    let h = Harness::start(db).await;
    h.team().await;
    let (_, a) = h.call(Method::GET, "/v1/studio", A, None, None).await;
    let (_, b) = h.call(Method::GET, "/v1/studio", B, None, None).await;
    for studio in [&a, &b] {
        assert!(!studio.to_string().contains("pinHash"), "{studio}");
        for member in studio["staff"].as_array().unwrap() {
            let verifier = member["pinVerifier"].as_str().unwrap();
            assert!(verifier.starts_with("fdv1$"), "{verifier}");
            assert!(!record_matches(
                verifier.trim_start_matches("fdv1$"),
                "471100"
            ));
        }
    }
    let (mia_a, mia_b) = (
        a["staff"][0]["pinVerifier"].as_str().unwrap(),
        b["staff"][0]["pinVerifier"].as_str().unwrap(),
    );
    assert_ne!(mia_a, mia_b);
    assert!(verifier_matches(mia_a, &token_key(A), "471100"));
    assert!(!verifier_matches(mia_a, &token_key(A), "471101"));
    assert!(
        !verifier_matches(mia_a, &token_key(B), "471100"),
        "bound to desk A's token"
    );
    assert!(verifier_matches(mia_b, &token_key(B), "471100"));
    // New PINs have 6 digits at least.
    let short = json!([{"id": MIA, "name": "Mia", "role": "admin", "pin": "4711"}]);
    let (status, body) = h.change_staff(short).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("6 to 8 digits"),
        "{body}"
    );
    h.stop().await;
}
