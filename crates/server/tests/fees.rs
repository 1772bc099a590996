//! Fees over HTTP on the real server (127.0.0.1 port 0), SQLite and PostgreSQL alike: a
//! late cancellation and a no-show answer the booking with the fee the studio's terms ask,
//! desks pulling the change log receive it, and only an admin's staff session waives it,
//! with a reason; every refusal names the field and writes nothing.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Client, Method, ServerSettings, StatusCode};
use frontdesk_server::RunningServer;
use frontdesk_testkit::backend::Backend;
use frontdesk_testkit::clock::{berlin, pinned};
use frontdesk_testkit::on_both_databases;
use frontdesk_testkit::server::{any_port, serve_database};
use frontdesk_testkit::studio::klangraum;
use serde_json::{json, Value};
use uuid::Uuid;

const MIA: &str = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const JO: &str = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const A: &str = "token-a";
const ADMIN: &str = "token-admin";

on_both_databases!(
    a_late_cancellation_and_a_no_show_record_their_fees_and_desks_receive_them,
    only_an_admins_session_waives_a_fee_and_only_with_a_reason,
    a_deposit_is_asked_as_the_terms_say_and_kept_when_they_change,
);

/// The customer's manage link cancels only while that owes nothing (SQLite: the test reads
/// the link key from the server's file to sign the links a mail would carry).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_manage_link_cancels_for_free_and_refuses_past_free_cancellation() {
    let h = Harness::start(Backend::Sqlite).await;
    // Any manage request makes the studio's link key; then a link is signed as a mail's.
    let (status, _) = h
        .call(Method::GET, "/public/v1/manage/main.00", A, None, None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let file = h._dir.path().join("server.sqlite");
    let studio = klangraum().config().studio;
    let mut store = frontdesk_store::Store::open_with_studio(
        &file,
        "test",
        frontdesk_store::Durability::Full,
        studio,
    )
    .unwrap();
    let key = store.link_key([7; 32]).unwrap();
    assert_ne!(key, [7; 32], "the server's key, made before");
    let link = |id: Uuid| {
        let record = store.booking(id).unwrap().unwrap();
        let path =
            frontdesk_server::manage_link::ManageLink::for_booking("main", &record).path(&key);
        format!(
            "/public/v1/manage/{}/cancel",
            path.trim_start_matches("/book/manage/")
        )
    };
    // 30 h ahead: inside the page's 24 h window, but past free cancellation (48 h): refused,
    // the booking kept, no fee recorded.
    let near = h.book(2, 18).await;
    let (status, refused) = h.call(Method::POST, &link(near), A, None, None).await;
    assert_eq!(
        (status, refused["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid"))
    );
    let message = refused["message"].as_str().unwrap();
    assert!(
        message.contains("fee") && message.contains("2026-05-31 18:00"),
        "{message}"
    );
    let kept = h.booking(near).await;
    assert_eq!(
        (kept["status"].as_str(), kept.get("fee")),
        (Some("confirmed"), None)
    );
    // 5 days ahead: free, cancelled, nothing owed.
    let far = h.book(6, 10).await;
    let (status, done) = h.call(Method::POST, &link(far), A, None, None).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let cancelled = h.booking(far).await;
    assert_eq!(
        (cancelled["status"].as_str(), cancelled.get("fee")),
        (Some("cancelled"), None)
    );
}

struct Harness {
    _server: RunningServer,
    url: String,
    _dir: tempfile::TempDir,
}

fn rfc(t: DateTime<Utc>) -> String {
    t.with_timezone(&Berlin).to_rfc3339()
}

impl Harness {
    /// Klangraum at 40.00 an hour, open all day, the clock at 1 June 12:00; free until 48 h
    /// before, 25 % from 48 h, 50 % from 24 h, a no-show 80 %; Mia an admin, Jo staff.
    async fn start(db: Backend) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let mut config = klangraum().all_week(r#"["00:00", "24:00"]"#).config();
        for room in &mut config.studio.rooms {
            room.pricing.per_hour = 4000;
        }
        let clock = pinned(berlin(2026, 6, 1, 12, 0));
        let server = serve_database(config, db.fresh(dir.path()), any_port(), clock).await;
        let h = Harness {
            url: server.url(),
            _server: server,
            _dir: dir,
        };
        let (_, studio) = h.call(Method::GET, "/v1/studio", A, None, None).await;
        let all_day = json!([["00:00", "24:00"]]);
        let change = json!({
            "version": studio["version"], "name": studio["name"], "timezone": "Europe/Berlin",
            "holdTtlSeconds": 10, "rooms": studio["rooms"], "currency": studio["currency"],
            "hours": {"weekly": {"mon": all_day, "tue": all_day, "wed": all_day,
                "thu": all_day, "fri": all_day, "sat": all_day, "sun": all_day}},
            "staff": [{"id": MIA, "name": "Mia", "role": "admin", "pin": "471100"},
                      {"id": JO, "name": "Jo", "role": "staff", "pin": "123456"}],
            "cancellationTerms": {"freeHoursBefore": 48, "noShowPercent": 80, "tiers": [
                {"hoursBefore": 48, "percent": 25}, {"hoursBefore": 24, "percent": 50}]},
        });
        let (status, body) = h
            .call(Method::PUT, "/v1/studio", ADMIN, None, Some(change))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        h
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        token: &str,
        session: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let client = Client::new(ServerSettings {
            url: self.url.clone(),
            token: token.into(),
        })
        .unwrap()
        .with_staff_session(session);
        let body = body.map(|b| serde_json::to_vec(&b).unwrap());
        let (status, bytes) = client.send(method, path, body).await.unwrap();
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap()
        };
        (status, value)
    }

    async fn session(&self, staff: &str, pin: &str) -> String {
        let body = json!({"staffId": staff, "pin": pin});
        let (status, answer) = self
            .call(Method::POST, "/v1/staff/sessions", A, None, Some(body))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
        answer["session"].as_str().unwrap().to_owned()
    }

    /// A booking of studio-a on `day` June from `hour` for two hours (80.00).
    async fn book(&self, day: u32, hour: u32) -> Uuid {
        let id = Uuid::new_v4();
        let body = json!({"id": id, "room": "studio-a",
            "start": rfc(berlin(2026, 6, day, hour, 0)), "end": rfc(berlin(2026, 6, day, hour + 2, 0)),
            "customer": {"name": "Band"}});
        let (status, answer) = self
            .call(Method::POST, "/v1/bookings", A, None, Some(body))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
        assert_eq!(answer["price"], 8000);
        id
    }

    async fn waive(
        &self,
        id: Uuid,
        version: i64,
        reason: &str,
        session: Option<&str>,
    ) -> (StatusCode, Value) {
        let body = json!({"version": version, "change": {"kind": "waiveFee", "reason": reason}});
        self.call(
            Method::POST,
            &format!("/v1/bookings/{id}/changes"),
            A,
            session,
            Some(body),
        )
        .await
    }

    /// The activity line of 1 June with `action` on booking `id`.
    async fn audited(&self, action: &str, id: Uuid) -> Value {
        let path = "/v1/activity?date=2026-06-01";
        let (_, log) = self.call(Method::GET, path, ADMIN, None, None).await;
        let entries = log["entries"].as_array().unwrap();
        let found = entries
            .iter()
            .find(|e| e["action"] == action && e["booking"] == json!(id));
        found
            .cloned()
            .unwrap_or_else(|| panic!("no {action} of {id} in {log}"))
    }

    async fn booking(&self, id: Uuid) -> Value {
        self.call(Method::GET, &format!("/v1/bookings/{id}"), A, None, None)
            .await
            .1
    }
}

async fn a_late_cancellation_and_a_no_show_record_their_fees_and_desks_receive_them(db: Backend) {
    let h = Harness::start(db).await;
    // 2 June 10:00 is 22 h away: the 24 h tier, 50 % of 80.00.
    let late = h.book(2, 10).await;
    let (status, cancelled) = h
        .call(
            Method::POST,
            &format!("/v1/bookings/{late}/cancel"),
            A,
            None,
            Some(json!({"reason": "ill"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    assert_eq!(
        cancelled["fee"],
        json!({"amount": 4000, "rule": "late_cancel", "percent": 50, "hoursBefore": 24, "tier": 1})
    );
    // 5 June is more than 48 h away: free, no fee on the wire.
    let early = h.book(5, 10).await;
    let (_, cancelled) = h
        .call(
            Method::POST,
            &format!("/v1/bookings/{early}/cancel"),
            A,
            None,
            Some(json!({})),
        )
        .await;
    assert_eq!(cancelled["status"], "cancelled");
    assert!(cancelled.get("fee").is_none(), "{cancelled}");
    // 1 June 08:00–10:00 never came: 80 %.
    let missed = h.book(1, 8).await;
    let body = json!({"version": 1, "change": {"kind": "noShow"}});
    let (status, marked) = h
        .call(
            Method::POST,
            &format!("/v1/bookings/{missed}/changes"),
            A,
            None,
            Some(body),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{marked}");
    assert_eq!(
        marked["fee"],
        json!({"amount": 6400, "rule": "no_show", "percent": 80})
    );

    // A desk pulling the change log receives the fees.
    let (_, page) = h
        .call(Method::GET, "/v1/sync/pull?since=0", A, None, None)
        .await;
    let fee_of = |id: Uuid| {
        page["changes"]
            .as_array()
            .unwrap()
            .iter()
            .rfind(|c| c["booking"]["id"] == json!(id))
            .map(|c| c["booking"]["fee"]["amount"].clone())
    };
    assert_eq!(fee_of(late), Some(json!(4000)));
    assert_eq!(fee_of(missed), Some(json!(6400)));
    assert_eq!(fee_of(early), Some(Value::Null));
    // The audit has the cancellation.
    let cancel = h.audited("cancel", late).await;
    assert_eq!(cancel["desk"], "reception", "{cancel}");
}

async fn only_an_admins_session_waives_a_fee_and_only_with_a_reason(db: Backend) {
    let h = Harness::start(db).await;
    let id = h.book(2, 10).await;
    h.call(
        Method::POST,
        &format!("/v1/bookings/{id}/cancel"),
        A,
        None,
        Some(json!({})),
    )
    .await;
    let before = h.booking(id).await;
    assert_eq!(before["version"], 2);

    // No staff session, or Jo's (staff): 403, nothing written.
    let jo = h.session(JO, "123456").await;
    for session in [None, Some(jo.as_str())] {
        let (status, body) = h.waive(id, 2, "regular", session).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::FORBIDDEN, Some("forbidden")),
            "{body}"
        );
    }
    // Mia without a reason: 422 naming the reason.
    let mia = h.session(MIA, "471100").await;
    let (status, body) = h.waive(id, 2, "  ", Some(&mia)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid"))
    );
    assert!(
        body["message"].as_str().unwrap().starts_with("reason:"),
        "{body}"
    );
    assert_eq!(h.booking(id).await, before);

    // Mia with a reason: waived, with when and who.
    let (status, waived) = h.waive(id, 2, " regular customer ", Some(&mia)).await;
    assert_eq!(status, StatusCode::OK, "{waived}");
    assert_eq!(
        waived["fee"]["waived"],
        json!({"reason": "regular customer", "at": "2026-06-01T12:00:00+02:00", "by": "Mia"})
    );
    assert_eq!(
        (waived["fee"]["amount"].clone(), waived["version"].clone()),
        (json!(4000), json!(3))
    );
    // Again: 422 naming the fee; a booking without a fee likewise.
    let (status, body) = h.waive(id, 3, "again", Some(&mia)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["message"].as_str().unwrap().starts_with("fee:"),
        "{body}"
    );
    let free = h.book(3, 10).await;
    let (status, body) = h.waive(free, 1, "why not", Some(&mia)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["message"].as_str().unwrap().starts_with("fee:"),
        "{body}"
    );
    // The audit names Mia (the store's tests read the reason in its detail).
    let entry = h.audited("waive_fee", id).await;
    assert_eq!(entry["staff"], "Mia", "{entry}");
}

/// A deposit in the terms: 30 % of the price in the studio, a fixed 25.00 in Studio B (at
/// most its price); each booking keeps what was asked when it was made, whatever the terms
/// say later. A share over 100 % or an amount with a fraction of a cent is refused naming
/// the field, and nothing changes.
async fn a_deposit_is_asked_as_the_terms_say_and_kept_when_they_change(db: Backend) {
    let h = Harness::start(db).await;
    let put_terms = async |own: Value, rooms: Value| {
        let (_, mut studio) = h.call(Method::GET, "/v1/studio", A, None, None).await;
        studio["cancellationTerms"] = own;
        studio["roomTerms"] = rooms;
        h.call(Method::PUT, "/v1/studio", ADMIN, None, Some(studio))
            .await
    };
    let terms = |deposit: Value| {
        json!({"freeHoursBefore": 48, "noShowPercent": 80, "deposit": deposit,
               "tiers": [{"hoursBefore": 48, "percent": 25}, {"hoursBefore": 24, "percent": 50}]})
    };
    // (A fraction of a minor unit is no number of the body's type: 400, as every such
    // field is, naming it.)
    let unusable = StatusCode::UNPROCESSABLE_ENTITY;
    for (deposit, field, status_expected) in [
        (
            json!({"percent": 150}),
            "cancellationTerms.deposit.percent",
            unusable,
        ),
        (
            json!({"amount": 0}),
            "cancellationTerms.deposit.amount",
            unusable,
        ),
        (
            json!({"percent": 30, "amount": 2000}),
            "cancellationTerms.deposit:",
            unusable,
        ),
        (
            json!({"amount": 12.5}),
            "cancellationTerms.deposit.amount: 12.5 is not a whole number",
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let (status, refused) = put_terms(terms(deposit), json!({})).await;
        assert_eq!(status, status_expected, "{refused}");
        assert!(
            refused["message"].as_str().unwrap().contains(field),
            "{field}: {refused}"
        );
    }
    let (_, studio) = h.call(Method::GET, "/v1/studio", A, None, None).await;
    assert!(
        studio["cancellationTerms"].get("deposit").is_none(),
        "nothing changed: {studio}"
    );

    let b_terms = json!({"freeHoursBefore": 2, "noShowPercent": 0, "deposit": {"amount": 2500}});
    let (status, saved) =
        put_terms(terms(json!({"percent": 30})), json!({"studio-b": b_terms})).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let a = h.book(10, 10).await;
    assert_eq!(h.booking(a).await["deposit"], 2400, "30 % of 80.00");
    let body = json!({"id": Uuid::new_v4(), "room": "studio-b",
        "start": rfc(berlin(2026, 6, 10, 10, 0)), "end": rfc(berlin(2026, 6, 10, 11, 0)),
        "customer": {"name": "Band"}});
    let (status, b) = h
        .call(Method::POST, "/v1/bookings", A, None, Some(body))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{b}");
    assert_eq!(
        (b["price"].as_u64(), b["deposit"].as_u64()),
        (Some(4000), Some(2500))
    );

    // The terms change: what was asked stays; a new booking asks nothing.
    let (status, _) = put_terms(terms(Value::Null), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h.booking(a).await["deposit"], 2400);
    let later = h.book(11, 10).await;
    assert!(h.booking(later).await.get("deposit").is_none());
}
