//! Several studios on one server (PostgreSQL, a fresh database of the test run's cluster):
//! a chain administrator lists and adds studios and their desks, and no request crosses
//! from one studio to another — every endpoint tried with another studio's token and this
//! studio's ids answers exactly what it answers for ids that never existed.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::process::Command;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Client, Method, ServerEvent, ServerSettings, StatusCode};
use frontdesk_server::{Database, RunningServer};
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::http;
use frontdesk_testkit::postgres::fresh_database;
use frontdesk_testkit::server::{any_port, enrol, serve_database, server_binary};
use frontdesk_testkit::studio::klangraum;
use futures_util::StreamExt;
use serde_json::{json, Value};
use uuid::Uuid;

/// A desk of the first studio, Klangraum (rooms `studio-a`, `studio-b`).
const A: &str = "token-a";
/// Klangraum's admin desk (money reports, feeds).
const ADMIN: &str = "token-admin";

fn berlin(d: u32, h: u32) -> DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, 6, d, h, 0)
}

fn rfc(t: DateTime<Utc>) -> String {
    t.with_timezone(&Berlin).to_rfc3339()
}

struct Chain {
    server: RunningServer,
    url: String,
}

impl Chain {
    async fn call(
        &self,
        token: &str,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        http::call(&self.url, token, method, path, body).await
    }

    async fn ok(&self, token: &str, method: Method, path: &str, body: Option<Value>) -> Value {
        http::ok(&self.url, token, method, path, body).await
    }
}

/// A chain's server on a fresh database, and a chain administrator's token made with the
/// binary as an operator would.
async fn chain() -> (Chain, String) {
    let database = fresh_database();
    let config = klangraum().all_week(r#"["00:00", "24:00"]"#);
    let server = serve_database(
        config.config(),
        Database::parse(&database, 2),
        any_port(),
        pinned(berlin(1, 7)),
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("studio.toml");
    std::fs::write(&file, config.toml()).unwrap();
    let output = Command::new(server_binary())
        .args(["chain-admin", "add", "operations", "--config"])
        .arg(&file)
        .args(["--database", &database])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let token = String::from_utf8(output.stdout).unwrap().trim().to_owned();
    let url = server.url();
    (Chain { server, url }, token)
}

/// The second studio's settings: its own name, zone, rooms and hours.
/// The reports of every kind.
const REPORTS: [&str; 4] = ["occupancy", "money", "customers", "payments"];

/// A studio's four reports of June 2026 (all its rooms), as `token`'s desk asks for them.
async fn june_reports(chain: &Chain, token: &str) -> Vec<Value> {
    let mut reports = Vec::new();
    for kind in REPORTS {
        let path = format!("/v1/reports/{kind}?from=2026-06-01&to=2026-06-30");
        reports.push(chain.ok(token, Method::GET, &path, None).await);
    }
    reports
}

fn harbour() -> Value {
    json!({"id": "harbour", "studio": {
        "version": 0, "name": "Harbour Rooms", "timezone": "Europe/Lisbon", "holdTtlSeconds": 30,
        "rooms": [{"id": "hall-1", "name": "Hall 1", "durations": [60, 120], "interval": 60},
                  {"id": "hall-2", "name": "Hall 2", "durations": [60], "interval": 60}],
        "hours": {"weekly": {"mon": [["08:00", "22:00"]], "tue": [["08:00", "22:00"]],
                  "wed": [["08:00", "22:00"]], "thu": [["08:00", "22:00"]], "fri": [["08:00", "22:00"]],
                  "sat": [["10:00", "18:00"]]}, "dates": {}}
    }})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chain_administrator_lists_and_adds_studios_and_their_desks() {
    let (chain, admin) = chain().await;
    let list = chain
        .ok(&admin, Method::GET, "/v1/chain/studios", None)
        .await;
    assert_eq!(list["studios"].as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list["studios"][0]["id"], "main");

    // A desk token reaches no chain route; a chain token reaches no studio route.
    for (method, path) in [
        (Method::GET, "/v1/chain/studios"),
        (Method::POST, "/v1/chain/studios"),
    ] {
        let (status, body) = chain.call(A, method, path, Some(harbour())).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::FORBIDDEN, Some("forbidden"))
        );
    }
    let (status, body) = chain.call(&admin, Method::GET, "/v1/studio", None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );

    let made = chain
        .ok(&admin, Method::POST, "/v1/chain/studios", Some(harbour()))
        .await;
    assert_eq!(
        (made["name"].as_str(), made["version"].as_i64()),
        (Some("Harbour Rooms"), Some(1))
    );
    let (status, body) = chain
        .call(&admin, Method::POST, "/v1/chain/studios", Some(harbour()))
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("id_reused"))
    );
    let mut bad = harbour();
    bad["id"] = json!("Harbour Rooms!");
    let (status, body) = chain
        .call(&admin, Method::POST, "/v1/chain/studios", Some(bad))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["message"].as_str().unwrap().starts_with("id:"),
        "{body}"
    );

    let (status, _) = chain
        .call(
            &admin,
            Method::POST,
            "/v1/chain/studios/nowhere/desks",
            Some(json!({"name": "front"})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let desk = chain
        .ok(
            &admin,
            Method::POST,
            "/v1/chain/studios/harbour/desks",
            Some(json!({"name": "front"})),
        )
        .await;
    let token = enrol(&chain.url, desk["code"].as_str().unwrap()).await;
    let studio = chain.ok(&token, Method::GET, "/v1/studio", None).await;
    assert_eq!(
        (studio["name"].as_str(), studio["timezone"].as_str()),
        (Some("Harbour Rooms"), Some("Europe/Lisbon"))
    );
    let list = chain
        .ok(&admin, Method::GET, "/v1/chain/studios", None)
        .await;
    let ids: Vec<&str> = list["studios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["harbour", "main"]);
    chain.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_request_crosses_from_one_studio_to_another() {
    let (chain, admin) = chain().await;
    chain
        .ok(&admin, Method::POST, "/v1/chain/studios", Some(harbour()))
        .await;
    let desk = chain
        .ok(
            &admin,
            Method::POST,
            "/v1/chain/studios/harbour/desks",
            Some(json!({"name": "front"})),
        )
        .await;
    let other = enrol(&chain.url, desk["code"].as_str().unwrap()).await;

    // Klangraum's data: a booking with its customer, a series, a hold, a pushed mutation.
    let (b1, session, mutation) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let booking = |id: Uuid, room: &str, d: u32| json!({"id": id, "room": room, "start": rfc(berlin(d, 10)), "end": rfc(berlin(d, 11)), "customer": {"name": "Ada Lovelace", "phone": "+49 30 555 0199"}});
    let made = chain
        .ok(
            A,
            Method::POST,
            "/v1/bookings",
            Some(booking(b1, "studio-a", 2)),
        )
        .await;
    let customer = made["customerId"].as_str().unwrap().to_owned();
    let series_id = Uuid::new_v4();
    let series = json!({"id": series_id, "rule": {"room": "studio-b", "first": "2026-06-08", "start": "19:00", "minutes": 60, "repeat": "weekly", "times": 2}, "customer": {"name": "The Band"}});
    let booked = chain.ok(A, Method::POST, "/v1/series", Some(series)).await;
    let occurrence = booked["booked"][0]["id"].as_str().unwrap().to_owned();
    let hold = json!({"holds": [{"room": "studio-a", "start": rfc(berlin(3, 10)), "end": rfc(berlin(3, 11))}]});
    chain
        .ok(A, Method::PUT, &format!("/v1/holds/{session}"), Some(hold))
        .await;
    let push = json!({"mutations": [{"id": mutation, "kind": "createBooking", "booking": booking(Uuid::new_v4(), "studio-a", 4)}]});
    chain.ok(A, Method::POST, "/v1/sync/push", Some(push)).await;
    let before = chain
        .ok(A, Method::GET, "/v1/sync/pull?since=0", None)
        .await;
    let holds_before = chain
        .ok(A, Method::GET, "/v1/holds?date=2026-06-03", None)
        .await;
    // Klangraum's numbers of June, before Harbour writes anything (reports are recounted
    // at the end: nothing Harbour does, with Klangraum's ids or not, may move them).
    let reports_before = june_reports(&chain, ADMIN).await;
    // And a calendar feed of Klangraum's (its secret address).
    let feed = chain
        .ok(
            ADMIN,
            Method::POST,
            "/v1/feeds",
            Some(json!({"detail": "name"})),
        )
        .await;

    // Harbour's desk listens: it must hear nothing of Klangraum.
    let client = Client::new(ServerSettings {
        url: chain.url.clone(),
        token: other.clone(),
    })
    .unwrap();
    let events = client.events().await.unwrap();

    // Each endpoint with Klangraum's ids, and with ids that never existed: the same answer.
    let unknown = Uuid::new_v4().to_string();
    let change = |v: i64| json!({"version": v, "change": {"kind": "noShow"}});
    type Probe = (Method, String, Option<Value>);
    let probes = |booking: &str,
                  customer: &str,
                  occurrence: &str,
                  room: &str,
                  session: &str|
     -> Vec<Probe> {
        vec![
            (Method::GET, format!("/v1/bookings/{booking}"), None),
            (
                Method::GET,
                format!("/v1/bookings/{booking}/messages"),
                None,
            ),
            (
                Method::POST,
                format!("/v1/bookings/{booking}/cancel"),
                Some(json!({})),
            ),
            (
                Method::POST,
                format!("/v1/bookings/{booking}/changes"),
                Some(change(1)),
            ),
            (
                Method::POST,
                format!("/v1/bookings/{occurrence}/cancel-following"),
                Some(json!({})),
            ),
            (
                Method::POST,
                format!("/v1/bookings/{occurrence}/change-following"),
                Some(json!({"room": "hall-1", "start": "10:00", "minutes": 60})),
            ),
            (Method::GET, format!("/v1/customers/{customer}"), None),
            (
                Method::PUT,
                format!("/v1/customers/{customer}"),
                Some(json!({"version": 1, "name": "Eve"})),
            ),
            (
                Method::POST,
                format!("/v1/customers/{customer}/merge"),
                Some(json!({"gone": customer})),
            ),
            (Method::GET, "/v1/customers?q=Lovelace".to_owned(), None),
            (Method::GET, format!("/v1/activity?booking={booking}"), None),
            (
                Method::GET,
                format!("/v1/holds?room={room}&date=2026-06-03"),
                None,
            ),
            (
                Method::GET,
                format!("/v1/availability/day?room={room}&date=2026-06-03&duration=60"),
                None,
            ),
            (
                Method::GET,
                format!("/v1/availability/month?room={room}&month=2026-06&duration=60"),
                None,
            ),
            (
                Method::POST,
                "/v1/rooms/status".to_owned(),
                Some(json!({"rooms": [room]})),
            ),
            (
                Method::POST,
                "/v1/series/preview".to_owned(),
                Some(
                    json!({"rule": {"room": room, "first": "2026-06-08", "start": "10:00", "minutes": 60, "repeat": "daily", "times": 1}}),
                ),
            ),
            (Method::DELETE, format!("/v1/holds/{session}"), None),
            (
                Method::POST,
                "/v1/sync/push".to_owned(),
                Some(
                    json!({"mutations": [{"id": mutation_for(session), "kind": "cancelBooking", "bookingId": booking}]}),
                ),
            ),
        ]
    };
    let theirs = probes(
        &b1.to_string(),
        &customer,
        &occurrence,
        "studio-a",
        &session.to_string(),
    );
    let nobody = probes(&unknown, &unknown, &unknown, "room-9", &unknown);
    let mut tried = BTreeSet::new();
    for ((method, path, body), (_, never, never_body)) in theirs.into_iter().zip(nobody) {
        let got = chain.call(&other, method.clone(), &path, body).await;
        let baseline = chain.call(&other, method.clone(), &never, never_body).await;
        let shape = |(status, body): &(StatusCode, Value)| {
            (
                *status,
                body["error"].clone(),
                body["results"][0]["status"].clone(),
                body["customers"].clone(),
                body["entries"].clone(),
            )
        };
        assert_eq!(
            shape(&got),
            shape(&baseline),
            "{method} {path}: {got:?} vs {baseline:?}"
        );
        assert!(
            matches!(
                got.0,
                StatusCode::NOT_FOUND | StatusCode::FORBIDDEN | StatusCode::UNPROCESSABLE_ENTITY
            ) || got.0.is_success(),
            "{method} {path}: {got:?}"
        );
        tried.insert(template(&path));
    }
    // Harbour may even use Klangraum's booking id and mutation id for its own: ids are per studio.
    let own = json!({"id": b1, "room": "hall-1", "start": rfc(berlin(2, 10)), "end": rfc(berlin(2, 11)), "customer": {"name": "Harbour guest"}});
    let (status, body) = chain
        .call(&other, Method::POST, "/v1/bookings", Some(own))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // The colliding id reads as Harbour's own everywhere, the activity log's join included
    // (it once joined bookings by id alone and showed Klangraum's customer).
    for (token, name) in [(other.as_str(), "Harbour guest"), (A, "Ada Lovelace")] {
        let activity = chain
            .ok(
                token,
                Method::GET,
                &format!("/v1/activity?booking={b1}"),
                None,
            )
            .await;
        let entries = activity["entries"].as_array().unwrap();
        assert!(!entries.is_empty(), "{activity}");
        for entry in entries {
            let text = entry.to_string();
            assert!(text.contains(name), "{name} expected in {text}");
            let foreign = if name == "Ada Lovelace" {
                "Harbour guest"
            } else {
                "Ada Lovelace"
            };
            assert!(!text.contains(foreign), "{foreign} leaked into {text}");
        }
    }
    // Harbour books a series under Klangraum's series id, for a customer with Ada's name
    // and phone (customer ids derive from them, so they are Klangraum's id too):
    // each studio's customer page lists its own bookings only.
    let theirs_series = json!({"id": series_id, "rule": {"room": "hall-1", "first": "2026-06-08", "start": "10:00", "minutes": 60, "repeat": "weekly", "times": 2}, "customer": {"name": "Ada Lovelace", "phone": "+49 30 555 0199"}});
    let booked_here = chain
        .ok(&other, Method::POST, "/v1/series", Some(theirs_series))
        .await;
    assert_eq!(
        booked_here["booked"].as_array().unwrap().len(),
        2,
        "{booked_here}"
    );
    let here = booked_here["booked"][0]["customerId"]
        .as_str()
        .unwrap()
        .to_owned();
    for (token, id, rooms) in [(other.as_str(), &here, "hall-"), (A, &customer, "studio-")] {
        let page = chain
            .ok(token, Method::GET, &format!("/v1/customers/{id}"), None)
            .await;
        let bookings = page["bookings"].as_array().unwrap();
        assert!(!bookings.is_empty(), "{page}");
        for b in bookings {
            assert!(b["room"].as_str().unwrap().starts_with(rooms), "{page}");
        }
    }
    // Harbour holds with Klangraum's session id: its own session, Klangraum's hold stays.
    let hold = json!({"holds": [{"room": "hall-1", "start": rfc(berlin(3, 10)), "end": rfc(berlin(3, 11))}]});
    chain
        .ok(
            &other,
            Method::PUT,
            &format!("/v1/holds/{session}"),
            Some(hold),
        )
        .await;
    chain
        .ok(
            &other,
            Method::DELETE,
            &format!("/v1/holds/{session}"),
            None,
        )
        .await;
    // Desks: Klangraum's admin issues a code for "front"; Harbour's desk list has its own
    // "front" only, and revoking through Harbour never touches Klangraum's.
    let code = chain
        .ok(
            "token-admin",
            Method::POST,
            "/v1/desks",
            Some(json!({"name": "late-shift"})),
        )
        .await;
    assert_eq!(code["studio"], "main", "{code}");
    let boss = chain
        .ok(
            &admin,
            Method::POST,
            "/v1/chain/studios/harbour/desks",
            Some(json!({"name": "boss", "admin": true})),
        )
        .await;
    let boss = enrol(&chain.url, boss["code"].as_str().unwrap()).await;
    let theirs = chain.ok(&boss, Method::GET, "/v1/desks", None).await;
    let names: BTreeSet<&str> = theirs["desks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, BTreeSet::from(["boss", "front"]), "{theirs}");
    let (status, _) = chain
        .call(&boss, Method::DELETE, "/v1/desks/late-shift", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let ours = chain
        .ok("token-admin", Method::GET, "/v1/desks", None)
        .await;
    assert!(ours.to_string().contains("late-shift"), "{ours}");
    assert!(!ours.to_string().contains("boss"), "{ours}");
    tried.extend(["/v1/desks", "/v1/desks/{name}", "/v1/activity"].map(str::to_owned));

    let push = json!({"mutations": [{"id": mutation, "kind": "createBooking", "booking": {"id": Uuid::new_v4(), "room": "hall-2", "start": rfc(berlin(2, 10)), "end": rfc(berlin(2, 11)), "customer": {"name": "Harbour guest"}}}]});
    let pushed = chain
        .ok(&other, Method::POST, "/v1/sync/push", Some(push))
        .await;
    assert_eq!(pushed["results"][0]["status"], "applied", "{pushed}");
    let pulled = chain
        .ok(&other, Method::GET, "/v1/sync/pull?since=0", None)
        .await;
    let rooms: BTreeSet<&str> = pulled["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c["booking"]["room"]
                .as_str()
                .unwrap_or_else(|| panic!("{pulled}"))
        })
        .collect();
    assert_eq!(rooms, BTreeSet::from(["hall-1", "hall-2"]), "{pulled}");
    tried.extend(["/v1/bookings", "/v1/sync/pull"].map(str::to_owned));

    // Reports: Harbour's count Harbour's bookings only (its confirmed June minutes, as its
    // pull lists them), Klangraum's rooms are unknown there, and Klangraum's numbers did not
    // move.
    let harbour_minutes: i64 = pulled["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["booking"])
        .filter(|b| {
            b["status"] == "confirmed" && b["start"].as_str().unwrap().starts_with("2026-06")
        })
        .map(|b| {
            let at = |k: &str| DateTime::parse_from_rfc3339(b[k].as_str().unwrap()).unwrap();
            (at("end") - at("start")).num_minutes()
        })
        .sum();
    let theirs = june_reports(&chain, &boss).await;
    let booked: i64 = theirs[0]["rooms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["bookedMinutes"].as_i64().unwrap())
        .sum();
    assert!(harbour_minutes > 0, "{pulled}");
    assert_eq!(booked, harbour_minutes, "{}", theirs[0]);
    assert!(
        !theirs.iter().any(|r| r.to_string().contains("studio-")),
        "{theirs:?}"
    );
    let (status, body) = chain
        .call(
            &boss,
            Method::GET,
            "/v1/reports/occupancy?from=2026-06-01&to=2026-06-30&rooms=studio-a",
            None,
        )
        .await;
    assert_eq!(
        (status, &body["error"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("unknown_room"))
    );
    assert_eq!(june_reports(&chain, ADMIN).await, reports_before);
    tried.extend(REPORTS.map(|kind| format!("/v1/reports/{kind}")));

    // Feeds: Harbour lists only its own, cannot revoke Klangraum's (as if it never
    // existed), and its own feed shows none of Klangraum's rooms; Klangraum's still serves.
    let own = chain
        .ok(
            &boss,
            Method::POST,
            "/v1/feeds",
            Some(json!({"detail": "name"})),
        )
        .await;
    let listed = chain.ok(&boss, Method::GET, "/v1/feeds", None).await;
    let ids: Vec<&Value> = listed["feeds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["id"])
        .collect();
    assert_eq!(ids, vec![&own["id"]], "{listed}");
    let revoke = |id: &Value| format!("/v1/feeds/{}", id.as_str().unwrap());
    let (theirs_gone, _) = chain
        .call(&boss, Method::DELETE, &revoke(&feed["id"]), None)
        .await;
    let (never, _) = chain
        .call(&boss, Method::DELETE, &format!("/v1/feeds/{unknown}"), None)
        .await;
    assert_eq!(
        (theirs_gone, never),
        (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND)
    );
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let text = |url: &Value| {
        let get = http
            .get(format!("{}{}", chain.url, url.as_str().unwrap()))
            .send();
        async move {
            let answer = get.await.unwrap();
            (answer.status(), answer.text().await.unwrap())
        }
    };
    let (status, harbour_feed) = text(&own["url"]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        harbour_feed.contains("Hall 1") && !harbour_feed.contains("Studio A"),
        "{harbour_feed}"
    );
    let (status, klangraum_feed) = text(&feed["url"]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(klangraum_feed.contains("Studio A") && !klangraum_feed.contains("Hall 1"));
    tried.extend(["/v1/feeds", "/v1/feeds/{id}", "/feeds/{file}"].map(str::to_owned));

    // The public booking page: Klangraum's settings are its own; Harbour's page is off, so
    // Harbour's addresses answer 404 and cannot release a hold made on Klangraum's page.
    let on = json!({"version": 0, "enabled": true, "rooms": [{"room": "studio-a", "durations": [60]}],
        "leadMinutes": 60, "daysAhead": 30, "cancelHours": 24});
    chain
        .ok(ADMIN, Method::PUT, "/v1/online-booking", Some(on))
        .await;
    let harbours = chain
        .ok(&boss, Method::GET, "/v1/online-booking", None)
        .await;
    assert_eq!(
        (harbours["version"].as_i64(), harbours["enabled"].as_bool()),
        (Some(0), Some(false))
    );
    assert_eq!(harbours["page"], "/book/harbour");
    let theirs_room = json!({"version": 0, "enabled": true, "rooms": [{"room": "studio-a", "durations": [60]}],
        "leadMinutes": 60, "daysAhead": 30, "cancelHours": 24});
    let (status, body) = chain
        .call(&boss, Method::PUT, "/v1/online-booking", Some(theirs_room))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("rooms[0].room"),
        "{body}"
    );
    let public = |method: Method, path: String, body: Option<Value>| {
        let mut request = http.request(method, format!("{}{path}", chain.url));
        if let Some(body) = body {
            request = request.json(&body);
        }
        async move {
            let answer = request.send().await.unwrap();
            let status = answer.status();
            (status, answer.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (status, offer) = public(Method::GET, "/public/v1/studios/main/offer".into(), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(offer["rooms"].as_array().map(Vec::len), Some(1), "{offer}");
    let visitor = Uuid::new_v4();
    let span =
        json!({"room": "studio-a", "start": rfc(berlin(20, 10)), "end": rfc(berlin(20, 11))});
    let (status, _) = public(
        Method::PUT,
        format!("/public/v1/studios/main/holds/{visitor}"),
        Some(span.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    for (method, path, body) in [
        (
            Method::GET,
            "/public/v1/studios/harbour/offer".to_owned(),
            None,
        ),
        (
            Method::GET,
            "/public/v1/studios/harbour/slots?room=studio-a&date=2026-06-20&duration=60".to_owned(),
            None,
        ),
        (
            Method::GET,
            "/public/v1/studios/harbour/events?room=studio-a&date=2026-06-20".to_owned(),
            None,
        ),
        (
            Method::PUT,
            format!("/public/v1/studios/harbour/holds/{visitor}"),
            Some(span.clone()),
        ),
        (
            Method::DELETE,
            format!("/public/v1/studios/harbour/holds/{visitor}"),
            None,
        ),
        (
            Method::POST,
            "/public/v1/studios/harbour/bookings".to_owned(),
            Some(json!({"session": visitor,
            "room": "studio-a", "start": rfc(berlin(20, 10)), "end": rfc(berlin(20, 11)),
            "name": "Ada", "email": "ada@example.com"})),
        ),
        (Method::GET, "/public/v1/manage/harbour.00".to_owned(), None),
        (
            Method::GET,
            "/public/v1/manage/harbour.00/calendar.ics".to_owned(),
            None,
        ),
        (
            Method::POST,
            "/public/v1/manage/harbour.00/cancel".to_owned(),
            None,
        ),
        (
            Method::PUT,
            "/public/v1/manage/harbour.00/reminders".to_owned(),
            Some(json!({"reminders": false})),
        ),
    ] {
        let (status, _) = public(method.clone(), path.clone(), body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}");
    }
    // The hold on Klangraum's page is still there for Klangraum's desks.
    let holds = chain
        .ok(
            A,
            Method::GET,
            "/v1/holds?room=studio-a&date=2026-06-20",
            None,
        )
        .await;
    assert_eq!(holds["holds"].as_array().map(Vec::len), Some(1), "{holds}");
    let (status, _) = public(
        Method::DELETE,
        format!("/public/v1/studios/main/holds/{visitor}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    tried.extend(
        [
            "/v1/online-booking",
            "/public/v1/studios/{studio}/offer",
            "/public/v1/studios/{studio}/slots",
            "/public/v1/studios/{studio}/events",
            "/public/v1/studios/{studio}/holds/{session}",
            "/public/v1/studios/{studio}/bookings",
            "/public/v1/manage/{token}",
            "/public/v1/manage/{token}/calendar.ics",
            "/public/v1/manage/{token}/cancel",
            "/public/v1/manage/{token}/reminders",
        ]
        .map(str::to_owned),
    );

    // Klangraum is exactly as it was, and its desk heard of nothing Harbour did …
    assert_eq!(
        chain
            .ok(A, Method::GET, "/v1/sync/pull?since=0", None)
            .await,
        before
    );
    assert_eq!(
        chain
            .ok(A, Method::GET, "/v1/holds?date=2026-06-03", None)
            .await,
        holds_before
    );
    // … nor Harbour's of Klangraum: a booking there, then one here, and the first event
    // Harbour's stream carries is its own.
    chain
        .ok(
            A,
            Method::POST,
            "/v1/bookings",
            Some(booking(Uuid::new_v4(), "studio-b", 5)),
        )
        .await;
    let mine = chain
        .ok(&other, Method::POST, "/v1/bookings", Some(json!({"id": Uuid::new_v4(), "room": "hall-2", "start": rfc(berlin(5, 10)), "end": rfc(berlin(5, 11)), "customer": {"name": "Harbour guest"}})))
        .await;
    let ours: BTreeSet<i64> = chain
        .ok(&other, Method::GET, "/v1/sync/pull?since=0", None)
        .await["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["seq"].as_i64().unwrap())
        .collect();
    let last = mine["seq"].as_i64().unwrap();
    let mut events = std::pin::pin!(events);
    let heard = tokio::time::timeout(StdDuration::from_secs(5), async {
        let mut heard = Vec::new();
        while let Some(Ok(event)) = events.next().await {
            let done = event == ServerEvent::Change(frontdesk_protocol::ChangeEvent { seq: last });
            heard.push(event);
            if done {
                break;
            }
        }
        heard
    })
    .await
    .unwrap();
    assert!(
        heard.contains(&ServerEvent::Change(frontdesk_protocol::ChangeEvent {
            seq: last
        })),
        "{heard:?}"
    );
    for event in &heard {
        match event {
            ServerEvent::Change(c) => {
                assert!(ours.contains(&c.seq), "{c:?} is not Harbour's: {heard:?}")
            }
            ServerEvent::Holds(h) => assert!(h.room.starts_with("hall-"), "{h:?}"),
            other => panic!("{other:?} is not Harbour's"),
        }
    }

    // Staff sessions are the studio's: Klangraum's member cannot sign in at Harbour, and a
    // Klangraum staff session is no session there (answered as one that never existed).
    let klangraum = Client::new(ServerSettings {
        url: chain.url.clone(),
        token: "token-admin".into(),
    })
    .unwrap();
    let info = klangraum.studio().await.unwrap();
    let mia = frontdesk_testkit::staff::admin("Mia", "471100");
    let change = frontdesk_protocol::StudioUpdate {
        staff: Some(vec![mia.clone()]),
        ..frontdesk_testkit::studio::editing(&info)
    };
    klangraum.change_studio(&change).await.unwrap();
    let sign_in = |id: Uuid| Some(json!({"staffId": id, "pin": "471100"}));
    let session = chain
        .ok(A, Method::POST, "/v1/staff/sessions", sign_in(mia.id))
        .await["session"]
        .as_str()
        .unwrap()
        .to_owned();
    let (theirs, never) = (
        chain
            .call(&other, Method::POST, "/v1/staff/sessions", sign_in(mia.id))
            .await,
        chain
            .call(
                &other,
                Method::POST,
                "/v1/staff/sessions",
                sign_in(Uuid::new_v4()),
            )
            .await,
    );
    assert_eq!(theirs.0, StatusCode::FORBIDDEN, "{theirs:?}");
    assert_eq!((theirs.0, &theirs.1["error"]), (never.0, &never.1["error"]));
    let at_harbour = |session: &str| {
        Client::new(ServerSettings {
            url: chain.url.clone(),
            token: other.clone(),
        })
        .unwrap()
        .with_staff_session(Some(session))
    };
    let guest = json!({"id": Uuid::new_v4(), "room": "hall-1", "start": rfc(berlin(6, 10)), "end": rfc(berlin(6, 11)), "customer": {"name": "Harbour guest"}});
    let body = serde_json::to_vec(&guest).unwrap();
    let (status, _) = at_harbour(&session)
        .send(Method::POST, "/v1/bookings", Some(body.clone()))
        .await
        .unwrap();
    let (never, _) = at_harbour("fs_never_issued")
        .send(Method::POST, "/v1/bookings", Some(body))
        .await
        .unwrap();
    assert_eq!(
        (status, never),
        (StatusCode::FORBIDDEN, StatusCode::FORBIDDEN)
    );
    let (status, _) = chain
        .call(
            &other,
            Method::DELETE,
            &format!("/v1/staff/sessions/{session}"),
            None,
        )
        .await;
    let (never, _) = chain
        .call(
            &other,
            Method::DELETE,
            "/v1/staff/sessions/fs_never_issued",
            None,
        )
        .await;
    assert_eq!(
        (status, never),
        (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND)
    );
    // Klangraum's session is untouched by all that.
    let (status, _) = chain
        .call(
            A,
            Method::DELETE,
            &format!("/v1/staff/sessions/{session}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    tried.extend(["/v1/staff/sessions", "/v1/staff/sessions/{session}"].map(str::to_owned));

    // Every route of the document that names a booking, customer, room or session was tried.
    let document = chain.ok(A, Method::GET, "/v1/openapi.json", None).await;
    let studio_wide = [
        "/v1/health",
        "/v1/ready",
        "/v1/enrol",
        "/v1/openapi.json",
        "/v1/studio",
        "/v1/studio/check",
        "/v1/events",
        "/v1/series",
    ];
    for path in document["paths"].as_object().unwrap().keys() {
        if !path.starts_with("/v1/chain/") && !studio_wide.contains(&path.as_str()) {
            assert!(
                tried.contains(path),
                "{path} was not tried with another studio's ids"
            );
        }
    }
    chain.server.stop().await;
}

/// A mutation id of its own for each probe.
fn mutation_for(seed: &str) -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_OID, seed.as_bytes())
}

/// `/v1/bookings/{id}` for `/v1/bookings/0f…`: the document's template of a path.
fn template(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    path.split('/')
        .enumerate()
        .map(|(i, part)| match (i, Uuid::parse_str(part).is_ok()) {
            (_, true) if path.contains("/v1/holds/") => "{session}".to_owned(),
            (_, true) => "{id}".to_owned(),
            _ => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}
