//! The real server on 127.0.0.1 port 0 with a temp database, exercised through HTTP. Every
//! test runs twice: on a SQLite file (`name::sqlite`) and on a fresh PostgreSQL database in
//! the test run's cluster (`name::postgres`).
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Client, Method, ServerEvent, ServerSettings, StatusCode};
use frontdesk_protocol::{ChangeEvent, HoldsEvent};
use frontdesk_server::{ManualClock, RunningServer};
use frontdesk_testkit::backend::Backend;
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::on_both_databases;
use frontdesk_testkit::postgres::fresh_database;
use frontdesk_testkit::server::{any_port, serve_database, ServerProcess};
use frontdesk_testkit::studio::{klangraum, StudioToml};
use futures_util::StreamExt;
use serde_json::{json, Value};
use uuid::Uuid;

const A: &str = "token-a";
const B: &str = "token-b";

/// Klangraum's two rooms, these opening hours every day, this hold ttl.
fn studio(hours: &str, ttl: u64) -> StudioToml {
    klangraum().all_week(hours).hold_ttl(ttl)
}

fn berlin(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, m, d, h, min)
}

/// A client of `url` with this token (none: no Authorization header).
fn client(url: &str, token: Option<&str>) -> Client {
    Client::new(ServerSettings {
        url: url.into(),
        token: token.unwrap_or("").into(),
    })
    .unwrap()
}

fn rfc(t: DateTime<Utc>) -> String {
    t.with_timezone(&Berlin).to_rfc3339()
}

on_both_databases!(
    auth_is_required_everywhere_but_health,
    dst_days_have_92_and_100_quanta,
    holds_are_all_or_nothing_across_rooms,
    reserved_for_others_available_for_the_holder,
    holds_expire_without_heartbeat_and_renew_with_one,
    booking_is_idempotent_and_ids_cannot_be_reused,
    forty_concurrent_overlapping_bookings_leave_exactly_one,
    a_booking_over_another_sessions_hold_is_refused_and_releases_its_own,
    cancel_frees_the_time_at_once,
    multi_day_bookings_and_opening_hours,
    push_answers_applied_conflict_duplicate_and_invalid,
    pull_pages_the_change_log,
    event_stream_announces_changes_and_holds,
    rooms_status_in_one_request,
    bookings_change_after_they_are_made,
    only_admins_change_the_studio_and_every_desk_hears_of_it,
    staff_ride_on_the_studio_and_the_activity_log_names_them,
    a_series_is_previewed_booked_once_and_cancelled_from_an_occurrence_on,
    errors_are_json_and_the_openapi_document_matches_the_routes,
    customers_are_found_edited_to_a_version_and_merged,
);

struct Harness {
    server: Option<RunningServer>,
    clock: Arc<ManualClock>,
    url: String,
    _dir: tempfile::TempDir,
}

impl Harness {
    async fn start_on(db: Backend, hours: &str, ttl: u64) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let clock = pinned(berlin(6, 1, 7, 0));
        let config = studio(hours, ttl).config();
        let database = db.fresh(dir.path());
        let server = serve_database(config, database, any_port(), clock.clone()).await;
        let url = server.url();
        assert!(url.starts_with("http://127.0.0.1:"));
        Harness {
            server: Some(server),
            clock,
            url,
            _dir: dir,
        }
    }

    async fn open_on(db: Backend) -> Harness {
        Self::start_on(db, r#"["00:00", "24:00"]"#, 10).await
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let body = body.map(|b| serde_json::to_vec(&b).unwrap());
        self.raw(method, path, token, body).await
    }

    /// Sends these bytes as the body (with `Content-Type: application/json`).
    async fn raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Vec<u8>>,
    ) -> (StatusCode, Value) {
        let (status, bytes) = client(&self.url, token)
            .send(method, path, body)
            .await
            .unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
        };
        (status, value)
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, Some(A), None).await
    }

    async fn book(
        &self,
        token: &str,
        id: Uuid,
        room: &str,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        session: Option<Uuid>,
    ) -> (StatusCode, Value) {
        let mut body = json!({"id": id, "room": room, "start": rfc(start), "end": rfc(end), "customer": {"name": "Ada Lovelace", "phone": "+49 30 1234"}});
        if let Some(s) = session {
            body["session"] = json!(s);
        }
        self.call(Method::POST, "/v1/bookings", Some(token), Some(body))
            .await
    }

    async fn hold(
        &self,
        token: &str,
        session: Uuid,
        spans: &[(&str, DateTime<Utc>, DateTime<Utc>)],
    ) -> (StatusCode, Value) {
        let holds: Vec<Value> = spans
            .iter()
            .map(|(r, s, e)| json!({"room": r, "start": rfc(*s), "end": rfc(*e)}))
            .collect();
        self.call(
            Method::PUT,
            &format!("/v1/holds/{session}"),
            Some(token),
            Some(json!({"holds": holds})),
        )
        .await
    }

    async fn slots(&self, room: &str, date: &str, duration: u32, session: Option<Uuid>) -> Value {
        let mut path = format!("/v1/availability/day?room={room}&date={date}&duration={duration}");
        if let Some(s) = session {
            path.push_str(&format!("&session={s}"));
        }
        let (status, body) = self.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }

    async fn stop(mut self) {
        if let Some(s) = self.server.take() {
            s.stop().await;
        }
    }
}

fn slot_status(slots: &Value, start: DateTime<Utc>) -> Option<String> {
    slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| DateTime::parse_from_rfc3339(s["start"].as_str().unwrap()).unwrap() == start)
        .map(|s| s["status"].as_str().unwrap().to_owned())
}

async fn auth_is_required_everywhere_but_health(db: Backend) {
    let h = Harness::open_on(db).await;
    let (status, body) = h.call(Method::GET, "/v1/health", None, None).await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("ok"))
    );
    for path in [
        "/v1/studio",
        "/v1/openapi.json",
        "/v1/holds?room=studio-a&date=2026-06-01",
        "/v1/sync/pull?since=0",
    ] {
        let (status, body) = h.call(Method::GET, path, None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(body["error"], "unauthorized");
        let (status, _) = h.call(Method::GET, path, Some("wrong-token"), None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
    let (status, _) = h
        .call(Method::POST, "/v1/bookings", None, Some(json!({})))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, studio) = h.get("/v1/studio").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(studio["timezone"], "Europe/Berlin");
    assert_eq!(studio["quantumMinutes"], 15);
    assert_eq!(studio["rooms"].as_array().unwrap().len(), 2);
    h.stop().await;
}

async fn dst_days_have_92_and_100_quanta(db: Backend) {
    let h = Harness::open_on(db).await;
    // Asked on 1 March, before both DST days.
    h.clock.set(berlin(3, 1, 7, 0));
    let spring = h.slots("studio-a", "2026-03-29", 60, None).await;
    assert_eq!(spring["quanta"], 92);
    assert_eq!(spring["slots"].as_array().unwrap().len(), 23);
    let fall = h.slots("studio-a", "2026-10-25", 60, None).await;
    assert_eq!(fall["quanta"], 100);
    assert_eq!(fall["slots"].as_array().unwrap().len(), 25);
    assert_eq!(fall["slots"][2]["start"], "2026-10-25T02:00:00+02:00");
    assert_eq!(fall["slots"][3]["start"], "2026-10-25T02:00:00+01:00");
    let month = h
        .get("/v1/availability/month?room=studio-a&month=2026-03&duration=120")
        .await
        .1;
    assert_eq!(month["days"].as_object().unwrap().len(), 31);
    assert_eq!(month["days"]["2026-03-29"], true);
    // Asked at 02:10 of the second 02:00 hour: the quanta before the running one are over,
    // so the first start offered is the second 02:00 (counted in real time, not by the
    // clock on the wall), and the dates before are over too.
    h.clock.set(
        DateTime::parse_from_rfc3339("2026-10-25T02:10:00+01:00")
            .unwrap()
            .to_utc(),
    );
    let fall = h.slots("studio-a", "2026-10-25", 60, None).await;
    assert_eq!(fall["quanta"], 100);
    assert_eq!(fall["slots"].as_array().unwrap().len(), 22);
    assert_eq!(fall["slots"][0]["start"], "2026-10-25T02:00:00+01:00");
    let month = h
        .get("/v1/availability/month?room=studio-a&month=2026-10&duration=60")
        .await
        .1;
    let days = month["days"].as_object().unwrap();
    assert_eq!(days.len(), 31);
    for (date, free) in days {
        assert_eq!(
            free.as_bool(),
            Some(date.as_str() >= "2026-10-25"),
            "{date}"
        );
    }
    let past = h.slots("studio-a", "2026-10-24", 60, None).await;
    assert_eq!(past["slots"], json!([]));
    let (status, body) = h
        .get("/v1/availability/month?room=studio-a&month=2026-13&duration=120")
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid"))
    );
    h.stop().await;
}

async fn holds_are_all_or_nothing_across_rooms(db: Backend) {
    let h = Harness::open_on(db).await;
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    let (status, body) = h
        .hold(
            A,
            a,
            &[("studio-b", berlin(6, 1, 14, 0), berlin(6, 1, 15, 0))],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["session"], json!(a));
    assert_eq!(body["expiresAt"], "2026-06-01T07:00:10+02:00");
    let (status, body) = h
        .hold(
            B,
            b,
            &[
                ("studio-a", berlin(6, 1, 10, 0), berlin(6, 1, 11, 0)),
                ("studio-b", berlin(6, 1, 14, 30), berlin(6, 1, 16, 0)),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "conflict");
    assert_eq!(
        body["conflicts"],
        json!([{"room": "studio-b", "start": "2026-06-01T14:30:00+02:00", "end": "2026-06-01T15:00:00+02:00", "reason": "held"}])
    );
    // Nothing of b's request is held: studio-a is free for everyone.
    let holds = h.get("/v1/holds?room=studio-a&date=2026-06-01").await.1;
    assert_eq!(holds["holds"], json!([]));
    let holds = h.get("/v1/holds?room=studio-b&date=2026-06-01").await.1;
    assert_eq!(holds["holds"][0]["desk"], "reception");
    // Bad spans are 422 and change nothing.
    for spans in [
        vec![("studio-a", berlin(6, 1, 10, 5), berlin(6, 1, 11, 0))],
        vec![("studio-a", berlin(6, 1, 11, 0), berlin(6, 1, 10, 0))],
        vec![("studio-a", berlin(6, 1, 10, 0), berlin(6, 1, 10, 0))],
        vec![("nope", berlin(6, 1, 10, 0), berlin(6, 1, 11, 0))],
        vec![("studio-a", berlin(6, 1, 10, 0), berlin(6, 16, 10, 0))],
    ] {
        let (status, body) = h.hold(B, b, &spans).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{spans:?}: {body}"
        );
    }
    let (status, _) = h
        .call(Method::DELETE, &format!("/v1/holds/{a}"), Some(A), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = h
        .call(Method::DELETE, &format!("/v1/holds/{a}"), Some(A), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = h
        .hold(
            B,
            b,
            &[("studio-b", berlin(6, 1, 14, 30), berlin(6, 1, 16, 0))],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    h.stop().await;
}

async fn reserved_for_others_available_for_the_holder(db: Backend) {
    let h = Harness::open_on(db).await;
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    let ten = berlin(6, 1, 10, 0);
    h.hold(A, a, &[("studio-a", ten, berlin(6, 1, 11, 0))])
        .await;
    assert_eq!(
        slot_status(&h.slots("studio-a", "2026-06-01", 60, Some(a)).await, ten).as_deref(),
        Some("available")
    );
    assert_eq!(
        slot_status(&h.slots("studio-a", "2026-06-01", 60, Some(b)).await, ten).as_deref(),
        Some("reserved")
    );
    assert_eq!(
        slot_status(&h.slots("studio-a", "2026-06-01", 60, None).await, ten).as_deref(),
        Some("reserved")
    );
    // A 2 h slot at 09:00 covers the held hour too.
    assert_eq!(
        slot_status(
            &h.slots("studio-a", "2026-06-01", 120, None).await,
            berlin(6, 1, 9, 0)
        )
        .as_deref(),
        Some("reserved")
    );
    // Another room is not affected.
    assert_eq!(
        slot_status(&h.slots("studio-b", "2026-06-01", 60, None).await, ten).as_deref(),
        Some("available")
    );
    h.call(Method::DELETE, &format!("/v1/holds/{a}"), Some(A), None)
        .await;
    assert_eq!(
        slot_status(&h.slots("studio-a", "2026-06-01", 60, Some(b)).await, ten).as_deref(),
        Some("available")
    );
    // Booked time is not offered at all.
    h.book(
        A,
        Uuid::new_v4(),
        "studio-a",
        ten,
        berlin(6, 1, 11, 0),
        None,
    )
    .await;
    assert_eq!(
        slot_status(&h.slots("studio-a", "2026-06-01", 60, None).await, ten),
        None
    );
    h.stop().await;
}

async fn holds_expire_without_heartbeat_and_renew_with_one(db: Backend) {
    let h = Harness::start_on(db, r#"["00:00", "24:00"]"#, 2).await;
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    let span = [("studio-a", berlin(6, 1, 10, 0), berlin(6, 1, 11, 0))];
    assert_eq!(h.hold(A, a, &span).await.0, StatusCode::OK);
    h.clock.advance(Duration::seconds(1));
    let (status, body) = h.hold(A, a, &span).await; // heartbeat
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["expiresAt"], "2026-06-01T07:00:03+02:00");
    h.clock.advance(Duration::milliseconds(1500)); // 2.5 s after the first hold, 1.5 s after the heartbeat
    assert_eq!(h.hold(B, b, &span).await.0, StatusCode::CONFLICT);
    h.clock.advance(Duration::milliseconds(500)); // exactly the ttl after the heartbeat
    assert_eq!(h.hold(B, b, &span).await.0, StatusCode::OK);
    // a's holds had expired: its renewal now conflicts with b.
    let (status, body) = h.hold(A, a, &span).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["conflicts"][0]["reason"], "held");
    h.stop().await;
}

async fn booking_is_idempotent_and_ids_cannot_be_reused(db: Backend) {
    let h = Harness::open_on(db).await;
    let id = Uuid::new_v4();
    let (s1, first) = h
        .book(
            A,
            id,
            "studio-a",
            berlin(6, 1, 10, 0),
            berlin(6, 1, 12, 0),
            None,
        )
        .await;
    assert_eq!(s1, StatusCode::CREATED, "{first}");
    assert_eq!(first["status"], "confirmed");
    assert_eq!(first["desk"], "reception");
    assert_eq!(first["note"], Value::Null);
    assert_eq!(first["start"], "2026-06-01T10:00:00+02:00");
    let (s2, again) = h
        .book(
            A,
            id,
            "studio-a",
            berlin(6, 1, 10, 0),
            berlin(6, 1, 12, 0),
            None,
        )
        .await;
    assert_eq!((s2, &again), (StatusCode::OK, &first));
    let (s3, body) = h
        .book(
            A,
            id,
            "studio-a",
            berlin(6, 1, 13, 0),
            berlin(6, 1, 14, 0),
            None,
        )
        .await;
    assert_eq!(
        (s3, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("id_reused"))
    );
    let (status, got) = h.get(&format!("/v1/bookings/{id}")).await;
    assert_eq!((status, &got), (StatusCode::OK, &first));
    let (status, body) = h.get(&format!("/v1/bookings/{}", Uuid::new_v4())).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (status, body) = h.get("/v1/bookings/not-a-uuid").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("bad_request"))
    );
    h.stop().await;
}

async fn forty_concurrent_overlapping_bookings_leave_exactly_one(db: Backend) {
    let h = Arc::new(Harness::open_on(db).await);
    let mut tasks = Vec::new();
    for k in 0..40i64 {
        let h = h.clone();
        tasks.push(tokio::spawn(async move {
            // Every span overlaps every other: 10:00 + k·15 min… for 12 h.
            let start = berlin(6, 2, 10, 0) + Duration::minutes(15 * (k % 8));
            let token = if k % 2 == 0 { A } else { B };
            h.book(
                token,
                Uuid::new_v4(),
                "studio-a",
                start,
                start + Duration::hours(12),
                None,
            )
            .await
            .0
        }));
    }
    let mut created = 0;
    for t in tasks {
        match t.await.unwrap() {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(created, 1);
    let (_, list) = h
        .get(&format!(
            "/v1/bookings?room=studio-a&from={}&to={}",
            urlenc(berlin(6, 2, 0, 0)),
            urlenc(berlin(6, 3, 12, 0))
        ))
        .await;
    assert_eq!(list["bookings"].as_array().unwrap().len(), 1);
    Arc::try_unwrap(h).ok().unwrap().stop().await;
}

fn urlenc(t: DateTime<Utc>) -> String {
    rfc(t).replace('+', "%2B")
}

async fn a_booking_over_another_sessions_hold_is_refused_and_releases_its_own(db: Backend) {
    let h = Harness::open_on(db).await;
    let (mine, theirs) = (Uuid::new_v4(), Uuid::new_v4());
    let (ten, eleven) = (berlin(6, 1, 10, 0), berlin(6, 1, 11, 0));
    h.hold(B, theirs, &[("studio-a", ten, eleven)]).await;
    let (status, body) = h
        .book(A, Uuid::new_v4(), "studio-a", ten, eleven, Some(mine))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["conflicts"][0]["reason"], "held");
    h.call(
        Method::DELETE,
        &format!("/v1/holds/{theirs}"),
        Some(B),
        None,
    )
    .await;
    h.hold(A, mine, &[("studio-a", ten, eleven)]).await;
    let (status, _) = h
        .book(A, Uuid::new_v4(), "studio-a", ten, eleven, Some(mine))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        h.get("/v1/holds?room=studio-a&date=2026-06-01").await.1["holds"],
        json!([])
    );
    h.stop().await;
}

async fn cancel_frees_the_time_at_once(db: Backend) {
    let h = Harness::open_on(db).await;
    let id = Uuid::new_v4();
    let (ten, noon) = (berlin(6, 1, 10, 0), berlin(6, 1, 12, 0));
    h.book(A, id, "studio-a", ten, noon, None).await;
    assert_eq!(
        h.book(B, Uuid::new_v4(), "studio-a", ten, noon, None)
            .await
            .0,
        StatusCode::CONFLICT
    );
    let (status, cancelled) = h
        .call(
            Method::POST,
            &format!("/v1/bookings/{id}/cancel"),
            Some(B),
            Some(json!({"reason": "no show"})),
        )
        .await;
    assert_eq!(
        (status, cancelled["status"].as_str()),
        (StatusCode::OK, Some("cancelled"))
    );
    let (status, again) = h
        .call(
            Method::POST,
            &format!("/v1/bookings/{id}/cancel"),
            Some(B),
            None,
        )
        .await;
    assert_eq!((status, &again), (StatusCode::OK, &cancelled));
    assert_eq!(
        h.book(B, Uuid::new_v4(), "studio-a", ten, noon, None)
            .await
            .0,
        StatusCode::CREATED
    );
    let (status, _) = h
        .call(
            Method::POST,
            &format!("/v1/bookings/{}/cancel", Uuid::new_v4()),
            Some(B),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    h.stop().await;
}

async fn multi_day_bookings_and_opening_hours(db: Backend) {
    let h = Harness::start_on(db, r#"["08:00", "24:00"]"#, 10).await;
    // Closed 00:00–08:00: an overnight booking is refused, a day booking inside hours is not.
    let (status, body) = h
        .book(
            A,
            Uuid::new_v4(),
            "studio-a",
            berlin(6, 1, 20, 0),
            berlin(6, 2, 10, 0),
            None,
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid"))
    );
    assert!(
        body["message"].as_str().unwrap().contains("closed"),
        "{body}"
    );
    let (status, _) = h
        .book(
            A,
            Uuid::new_v4(),
            "studio-a",
            berlin(6, 1, 6, 0),
            berlin(6, 1, 9, 0),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = h
        .call(Method::POST, "/v1/bookings", Some(A), Some(json!({"id": Uuid::new_v4(), "room": "studio-a", "start": rfc(berlin(6, 1, 10, 0)), "end": rfc(berlin(6, 1, 11, 0)), "customer": {"name": "  "}})))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = h
        .book(
            A,
            Uuid::new_v4(),
            "nope",
            berlin(6, 1, 10, 0),
            berlin(6, 1, 11, 0),
            None,
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_room"))
    );
    h.stop().await;

    let h = Harness::open_on(db).await;
    h.clock.set(berlin(3, 1, 7, 0));
    // Sat 2026-03-28 20:00 → Mon 2026-03-30 10:00, over the 92-quanta Sunday.
    let (status, body) = h
        .book(
            A,
            Uuid::new_v4(),
            "studio-a",
            berlin(3, 28, 20, 0),
            berlin(3, 30, 10, 0),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let sunday = h.slots("studio-a", "2026-03-29", 60, None).await;
    assert_eq!(
        (
            sunday["quanta"].as_u64(),
            sunday["slots"].as_array().unwrap().len()
        ),
        (Some(92), 0)
    );
    let monday = h.slots("studio-a", "2026-03-30", 60, None).await;
    assert_eq!(monday["slots"][0]["start"], "2026-03-30T10:00:00+02:00");
    let month = h
        .get("/v1/availability/month?room=studio-a&month=2026-03&duration=60")
        .await
        .1;
    assert_eq!(month["days"]["2026-03-29"], false);
    assert_eq!(month["days"]["2026-03-28"], true);
    h.stop().await;
}

async fn push_answers_applied_conflict_duplicate_and_invalid(db: Backend) {
    let h = Harness::open_on(db).await;
    let (m1, m2, m3) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let booking = |id: Uuid, h: u32| json!({"id": id, "room": "studio-a", "start": rfc(berlin(6, 3, h, 0)), "end": rfc(berlin(6, 3, h + 2, 0)), "customer": {"name": "Walk-in"}});
    let (b1, b2) = (Uuid::new_v4(), Uuid::new_v4());
    let push = json!({"mutations": [
        {"id": m1, "kind": "createBooking", "booking": booking(b1, 10)},
        {"id": m2, "kind": "createBooking", "booking": booking(b2, 11)},
        {"id": m3, "kind": "cancelBooking", "bookingId": Uuid::new_v4(), "reason": "typo"},
        {"id": m1, "kind": "createBooking", "booking": booking(b1, 10)},
    ]});
    let (status, body) = h
        .call(Method::POST, "/v1/sync/push", Some(A), Some(push.clone()))
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
        vec!["applied", "conflict", "invalid", "duplicate"]
    );
    assert_eq!(body["results"][0]["id"], json!(m1));
    assert_eq!(body["results"][0]["booking"]["id"], json!(b1));
    assert_eq!(body["results"][1]["conflicts"][0]["reason"], "booked");
    assert!(body["results"][2]["message"].as_str().is_some());
    // Replaying the whole push changes nothing.
    let (_, again) = h
        .call(Method::POST, "/v1/sync/push", Some(A), Some(push))
        .await;
    let statuses: Vec<&str> = again["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    // Replaying the whole push changes nothing: what was applied answers `duplicate`, what
    // was refused the same refusal (a desk whose first answer was lost still learns it).
    assert_eq!(
        statuses,
        vec!["duplicate", "conflict", "invalid", "duplicate"]
    );
    assert_eq!(
        again["results"][1]["message"], body["results"][1]["message"],
        "{again}"
    );
    let pulled = h.get("/v1/sync/pull?since=0").await.1;
    assert_eq!(pulled["changes"].as_array().unwrap().len(), 1);
    let (status, body) = h
        .call(
            Method::POST,
            "/v1/sync/push",
            Some(A),
            Some(json!({"mutations": [{"id": Uuid::new_v4(), "kind": "explode"}]})),
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("bad_request"))
    );
    h.stop().await;
}

async fn pull_pages_the_change_log(db: Backend) {
    let h = Harness::open_on(db).await;
    let mut ids = Vec::new();
    for k in 0..5 {
        let id = Uuid::new_v4();
        ids.push(id);
        h.book(
            A,
            id,
            "studio-a",
            berlin(6, 4, 8 + k, 0),
            berlin(6, 4, 9 + k, 0),
            None,
        )
        .await;
    }
    h.call(
        Method::POST,
        &format!("/v1/bookings/{}/cancel", ids[0]),
        Some(A),
        None,
    )
    .await;
    let mut cursor = 0;
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let (status, page) = h
            .get(&format!("/v1/sync/pull?since={cursor}&limit=2"))
            .await;
        assert_eq!(status, StatusCode::OK);
        pages += 1;
        for c in page["changes"].as_array().unwrap() {
            assert!(c["seq"].as_i64().unwrap() > cursor);
            seen.push((
                c["booking"]["id"].as_str().unwrap().to_owned(),
                c["booking"]["status"].as_str().unwrap().to_owned(),
            ));
        }
        cursor = page["cursor"].as_i64().unwrap();
        if !page["more"].as_bool().unwrap() {
            break;
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 5);
    assert_eq!(
        seen.last().unwrap(),
        &(ids[0].to_string(), "cancelled".to_owned())
    );
    let empty = h.get(&format!("/v1/sync/pull?since={cursor}")).await.1;
    assert_eq!(
        (
            empty["changes"].as_array().unwrap().len(),
            empty["cursor"].as_i64()
        ),
        (0, Some(cursor))
    );
    h.stop().await;
}

async fn event_stream_announces_changes_and_holds(db: Backend) {
    let h = Harness::open_on(db).await;
    // The typed client checks the stream's content type (text/event-stream) and parses it.
    let events = client(&h.url, Some(B)).events().await.unwrap();
    let mut events = std::pin::pin!(events);
    let session = Uuid::new_v4();
    h.hold(
        A,
        session,
        &[("studio-b", berlin(6, 5, 10, 0), berlin(6, 5, 11, 0))],
    )
    .await;
    let (_, booking) = h
        .book(
            A,
            Uuid::new_v4(),
            "studio-a",
            berlin(6, 5, 10, 0),
            berlin(6, 5, 11, 0),
            None,
        )
        .await;
    let want_change = ServerEvent::Change(ChangeEvent {
        seq: booking["seq"].as_i64().unwrap(),
    });
    let want_holds = ServerEvent::Holds(HoldsEvent {
        room: "studio-b".into(),
        dates: vec![chrono::NaiveDate::from_ymd_opt(2026, 6, 5).unwrap()],
    });
    let mut seen = Vec::new();
    let found = tokio::time::timeout(StdDuration::from_secs(10), async {
        while let Some(event) = events.next().await {
            seen.push(event.unwrap());
            if seen.contains(&want_change) && seen.contains(&want_holds) {
                return true;
            }
        }
        false
    })
    .await;
    assert_eq!(found, Ok(true), "events so far: {seen:?}");
    // Stopping the server ends the stream: shutdown does not hang on connected desks.
    h.stop().await;
}

async fn rooms_status_in_one_request(db: Backend) {
    let h = Harness::open_on(db).await;
    h.clock.set(berlin(6, 6, 10, 30));
    for (room, from) in [
        ("studio-a", 10),
        ("studio-a", 12),
        ("studio-a", 14),
        ("studio-a", 16),
        ("studio-a", 18),
        ("studio-b", 11),
    ] {
        h.book(
            A,
            Uuid::new_v4(),
            room,
            berlin(6, 6, from, 0),
            berlin(6, 6, from + 1, 0),
            None,
        )
        .await;
    }
    h.hold(
        B,
        Uuid::new_v4(),
        &[("studio-b", berlin(6, 6, 15, 0), berlin(6, 6, 16, 0))],
    )
    .await;
    let (status, body) = h
        .call(
            Method::POST,
            "/v1/rooms/status",
            Some(A),
            Some(json!({"rooms": ["studio-a", "studio-b"]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let a = &body["rooms"]["studio-a"];
    assert_eq!(a["current"]["start"], "2026-06-06T10:00:00+02:00");
    assert_eq!(a["next"].as_array().unwrap().len(), 3);
    assert_eq!(a["held"], false);
    let b = &body["rooms"]["studio-b"];
    assert_eq!(b["current"], Value::Null);
    assert_eq!(b["next"][0]["start"], "2026-06-06T11:00:00+02:00");
    assert_eq!(b["held"], true);
    let (_, later) = h
        .call(
            Method::POST,
            "/v1/rooms/status",
            Some(A),
            Some(json!({"rooms": ["studio-a"], "at": "2026-06-06T14:30:00+02:00"})),
        )
        .await;
    assert_eq!(
        later["rooms"]["studio-a"]["current"]["start"],
        "2026-06-06T14:00:00+02:00"
    );
    let (status, body) = h
        .call(
            Method::POST,
            "/v1/rooms/status",
            Some(A),
            Some(json!({"rooms": ["studio-a", "x", "y"]})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["unknown"], json!(["x", "y"]));
    h.stop().await;
}

async fn errors_are_json_and_the_openapi_document_matches_the_routes(db: Backend) {
    let h = Harness::open_on(db).await;
    let (status, body) = h.call(Method::GET, "/v1/nowhere", Some(A), None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (status, body) = h.call(Method::PATCH, "/v1/studio", Some(A), None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::METHOD_NOT_ALLOWED, Some("method_not_allowed"))
    );
    let (status, body) = h
        .raw(
            Method::POST,
            "/v1/bookings",
            Some(A),
            Some(b"{not json".to_vec()),
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("bad_request"))
    );
    let huge = format!(
        "{{\"mutations\": [], \"pad\": \"{}\"}}",
        "x".repeat(5 * 1024 * 1024)
    );
    let (status, body) = h
        .raw(
            Method::POST,
            "/v1/sync/push",
            Some(A),
            Some(huge.into_bytes()),
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("too_large"))
    );
    let (status, body) = h
        .get("/v1/availability/day?room=studio-a&date=2026-06-01")
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("bad_request"))
    );
    let (status, body) = h
        .get("/v1/availability/day?room=studio-a&date=2026-06-01&duration=50")
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid"))
    );

    // Every operation the document lists is served (no 404/405), and nothing else is.
    let (status, doc) = h.get("/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let mut operations = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            operations.push(format!("{} {path}", method.to_uppercase()));
            let concrete = path
                .replace("{session}", &Uuid::new_v4().to_string())
                .replace("{id}", &Uuid::new_v4().to_string())
                .replace("{studio}", "main")
                .replace("{token}", "main.00");
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            if concrete.ends_with("/events") {
                continue; // a stream: checked in its own test
            }
            let (status, body) = client(&h.url, Some(A))
                .send(m, &concrete, None)
                .await
                .unwrap();
            let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            // An unknown booking or customer id is a 404 of the route, not a missing route.
            let unknown_id = [
                "/v1/bookings/",
                "/v1/customers/",
                "/v1/staff/sessions/",
                "/feeds/",
            ]
            .iter()
            .any(|p| concrete.starts_with(p))
                // The studio's booking page is off here: its routes answer their own 404.
                || (concrete.starts_with("/public/v1/")
                    && body["message"]
                        .as_str()
                        .is_some_and(|m| !m.contains("no such endpoint")));
            assert!(
                status != StatusCode::NOT_FOUND || unknown_id,
                "{method} {path} → {status}"
            );
            assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        }
    }
    operations.sort();
    assert_eq!(
        operations,
        vec![
            "DELETE /public/v1/studios/{studio}/holds/{session}",
            "DELETE /v1/desks/{name}",
            "DELETE /v1/feeds/{id}",
            "DELETE /v1/holds/{session}",
            "DELETE /v1/staff/sessions/{session}",
            "GET /feeds/{file}",
            "GET /public/v1/manage/{token}",
            "GET /public/v1/manage/{token}/calendar.ics",
            "GET /public/v1/studios/{studio}/events",
            "GET /public/v1/studios/{studio}/offer",
            "GET /public/v1/studios/{studio}/slots",
            "GET /v1/activity",
            "GET /v1/availability/day",
            "GET /v1/availability/month",
            "GET /v1/bookings",
            "GET /v1/bookings/{id}",
            "GET /v1/bookings/{id}/messages",
            "GET /v1/chain/studios",
            "GET /v1/customers",
            "GET /v1/customers/{id}",
            "GET /v1/desks",
            "GET /v1/events",
            "GET /v1/feeds",
            "GET /v1/health",
            "GET /v1/holds",
            "GET /v1/online-booking",
            "GET /v1/openapi.json",
            "GET /v1/ready",
            "GET /v1/reports/customers",
            "GET /v1/reports/money",
            "GET /v1/reports/occupancy",
            "GET /v1/reports/payments",
            "GET /v1/studio",
            "GET /v1/sync/pull",
            "POST /public/v1/manage/{token}/cancel",
            "POST /public/v1/studios/{studio}/bookings",
            "POST /v1/bookings",
            "POST /v1/bookings/{id}/cancel",
            "POST /v1/bookings/{id}/cancel-following",
            "POST /v1/bookings/{id}/change-following",
            "POST /v1/bookings/{id}/changes",
            "POST /v1/chain/studios",
            "POST /v1/chain/studios/{id}/desks",
            "POST /v1/customers/{id}/merge",
            "POST /v1/desks",
            "POST /v1/enrol",
            "POST /v1/feeds",
            "POST /v1/rooms/status",
            "POST /v1/series",
            "POST /v1/series/preview",
            "POST /v1/staff/sessions",
            "POST /v1/studio/check",
            "POST /v1/sync/push",
            "PUT /public/v1/manage/{token}/reminders",
            "PUT /public/v1/studios/{studio}/holds/{session}",
            "PUT /v1/customers/{id}",
            "PUT /v1/holds/{session}",
            "PUT /v1/online-booking",
            "PUT /v1/studio",
        ]
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert!(doc["components"]["schemas"]["BookingDto"].is_object());
    h.stop().await;
}

/// The real binary, killed with SIGKILL and restarted on the same file, still has every
/// booking it acknowledged.
/// The real binary, killed with SIGKILL and started again: on either database.
mod killed_server_keeps_what_it_acknowledged {
    #[test]
    fn sqlite() {
        super::killed_server_keeps_what_it_acknowledged(super::Backend::Sqlite)
    }
    #[test]
    fn postgres() {
        super::killed_server_keeps_what_it_acknowledged(super::Backend::Postgres)
    }
}

fn killed_server_keeps_what_it_acknowledged(db: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("studio.toml");
    std::fs::write(&config, studio(r#"["00:00", "24:00"]"#, 10).toml()).unwrap();
    let args: Vec<std::ffi::OsString> = match db {
        Backend::Sqlite => vec!["--db".into(), dir.path().join("server.sqlite").into()],
        Backend::Postgres => vec!["--database".into(), fresh_database().into()],
    };
    let spawn = || ServerProcess::spawn_on(&config, args.iter().map(|a| a.as_os_str()));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut first = spawn();
    assert!(
        first.url().starts_with("http://127.0.0.1:"),
        "{}",
        first.url()
    );
    let desk = client(first.url(), Some(A));
    let mut acknowledged = Vec::new();
    runtime.block_on(async {
        for k in 0..20i64 {
            let id = Uuid::new_v4();
            let start = berlin(7, 1, 0, 0) + Duration::hours(k);
            let body = json!({"id": id, "room": "studio-a", "start": rfc(start), "end": rfc(start + Duration::hours(1)), "customer": {"name": "Kill test"}});
            let (status, _) = desk
                .send(Method::POST, "/v1/bookings", Some(serde_json::to_vec(&body).unwrap()))
                .await
                .unwrap();
            if status == StatusCode::CREATED {
                acknowledged.push(id);
            }
        }
    });
    first.kill(); // SIGKILL
    assert_eq!(acknowledged.len(), 20);
    let second = spawn();
    let desk = client(second.url(), Some(A));
    runtime.block_on(async {
        for id in &acknowledged {
            let (status, _) = desk
                .send(Method::GET, &format!("/v1/bookings/{id}"), None)
                .await
                .unwrap();
            assert_eq!(status, StatusCode::OK, "{id} lost");
        }
    });
}

/// The body of `PUT /v1/studio` for the Klangraum rooms with these Monday ranges (other
/// weekdays open around the clock), edited from `version`.
fn studio_change(version: i64, monday: Value) -> Value {
    let all_day = json!([["00:00", "24:00"]]);
    json!({
        "version": version,
        "name": "Klangraum Studios",
        "timezone": "Europe/Berlin",
        "holdTtlSeconds": 10,
        "rooms": [
            {"id": "studio-a", "name": "Studio A", "durations": [60, 120, 300], "interval": 60},
            {"id": "studio-b", "name": "Studio B", "durations": [60], "interval": 60}
        ],
        "hours": {
            "weekly": {"mon": monday, "tue": all_day, "wed": all_day, "thu": all_day,
                       "fri": all_day, "sat": all_day, "sun": all_day},
            "dates": {"2026-06-03": []}
        }
    })
}

async fn only_admins_change_the_studio_and_every_desk_hears_of_it(db: Backend) {
    const ADMIN: &str = "token-admin";
    let dir = tempfile::tempdir().unwrap();
    let database = db.fresh(dir.path());
    let seed = studio(r#"["00:00", "24:00"]"#, 10).config();
    let clock = pinned(berlin(6, 1, 7, 0));
    let server = serve_database(seed.clone(), database.clone(), any_port(), clock.clone()).await;
    let url = server.url();
    let call = |token: &'static str, method: Method, body: Option<Value>| {
        let url = url.clone();
        async move {
            let body = body.map(|b| serde_json::to_vec(&b).unwrap());
            let (status, bytes) = client(&url, Some(token))
                .send(method, "/v1/studio", body)
                .await
                .unwrap();
            (status, serde_json::from_slice::<Value>(&bytes).unwrap())
        }
    };
    let (status, before) = call(A, Method::GET, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(before["version"], 1);
    assert_eq!(
        before["hours"]["weekly"]["mon"],
        json!([["00:00", "24:00"]])
    );
    let events = client(&url, Some(B)).events().await.unwrap();
    let mut events = std::pin::pin!(events);

    let split_monday = json!([["10:00", "14:00"], ["16:00", "24:00"]]);
    // A desk token may not; nothing changes.
    let (status, body) = call(A, Method::PUT, Some(studio_change(1, split_monday.clone()))).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );
    // Bad input names the field; nothing changes.
    let overlapping = json!([["10:00", "14:00"], ["12:00", "16:00"]]);
    let (status, body) = call(ADMIN, Method::PUT, Some(studio_change(1, overlapping))).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid"))
    );
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("hours.weekly.mon"),
        "{body}"
    );
    let mut bad_room = studio_change(1, split_monday.clone());
    bad_room["rooms"][1]["durations"] = json!([50]);
    let (status, body) = call(ADMIN, Method::PUT, Some(bad_room)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("rooms[1].durations"),
        "{body}"
    );
    let (_, unchanged) = call(A, Method::GET, None).await;
    assert_eq!(unchanged, before);

    // A booking on Monday 14:00–15:00 would lie outside the new hours: the check lists it
    // (desk tokens may not ask), and saving keeps it booked.
    let id = Uuid::new_v4();
    let body = json!({"id": id, "room": "studio-a", "start": rfc(berlin(6, 1, 14, 0)),
        "end": rfc(berlin(6, 1, 15, 0)), "customer": {"name": "Late band"}});
    let (status, _) = client(&url, Some(A))
        .send(
            Method::POST,
            "/v1/bookings",
            Some(serde_json::to_vec(&body).unwrap()),
        )
        .await
        .unwrap();
    assert_eq!(status, StatusCode::CREATED);
    let check = |token: &'static str| {
        let url = url.clone();
        let body = serde_json::to_vec(&studio_change(1, split_monday.clone())).unwrap();
        async move {
            let (status, bytes) = client(&url, Some(token))
                .send(Method::POST, "/v1/studio/check", Some(body))
                .await
                .unwrap();
            (status, serde_json::from_slice::<Value>(&bytes).unwrap())
        }
    };
    assert_eq!(check(A).await.0, StatusCode::FORBIDDEN);
    let (status, outside) = check(ADMIN).await;
    assert_eq!(status, StatusCode::OK, "{outside}");
    let listed: Vec<&str> = outside["outside"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, [id.to_string().as_str()]);

    // The admin's change: version 2, in the answer, in GET, in the start times, announced.
    let (status, after) = call(
        ADMIN,
        Method::PUT,
        Some(studio_change(1, split_monday.clone())),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{after}");
    assert_eq!(after["version"], 2);
    assert_eq!(after["hours"]["weekly"]["mon"], split_monday);
    let h = Harness {
        server: Some(server),
        clock,
        url: url.clone(),
        _dir: tempfile::tempdir().unwrap(),
    };
    // 2026-06-01 is a Monday: starts 10–13 and 16–23 only.
    let slots = h.slots("studio-b", "2026-06-01", 60, None).await;
    let hours: Vec<String> = slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap()[11..13].to_owned())
        .collect();
    assert_eq!(
        hours,
        ["10", "11", "12", "13", "16", "17", "18", "19", "20", "21", "22", "23"]
    );
    // The booking outside the new hours is still booked.
    let (status, kept) = h.get(&format!("/v1/bookings/{id}")).await;
    assert_eq!(
        (status, kept["status"].as_str()),
        (StatusCode::OK, Some("confirmed"))
    );
    // The closed date offers nothing.
    let closed = h.slots("studio-b", "2026-06-03", 60, None).await;
    assert_eq!(closed["slots"], json!([]));
    let announced = tokio::time::timeout(StdDuration::from_secs(5), async {
        while let Some(event) = events.next().await {
            if let Ok(ServerEvent::Studio(s)) = event {
                return s.version;
            }
        }
        0
    })
    .await;
    assert_eq!(announced, Ok(2));
    // A change made to version 1 again is stale: nothing overwritten.
    let (status, body) = call(ADMIN, Method::PUT, Some(studio_change(1, json!([])))).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("stale"))
    );
    h.stop().await;

    // A restart with the same studio.toml keeps what the admin changed.
    let server = serve_database(seed, database, any_port(), pinned(berlin(6, 1, 7, 0))).await;
    let kept = client(&server.url(), Some(A)).studio().await.unwrap();
    assert_eq!(kept.version, 2);
    assert_eq!(
        serde_json::to_value(&kept).unwrap()["hours"]["weekly"]["mon"],
        split_monday
    );
    server.stop().await;
}

/// Staff are part of the studio: an admin token sets them (PINs answered only as salted
/// hashes, a PIN too short refused naming the field with nothing saved); writes name the
/// staff member, and `GET /v1/activity` answers who did what at which desk, filtered.
async fn staff_ride_on_the_studio_and_the_activity_log_names_them(db: Backend) {
    const MIA: &str = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
    let h = Harness::open_on(db).await;
    let (_, before) = h.get("/v1/studio").await;
    assert!(before.get("staff").is_none(), "no staff yet: left out");
    let version = before["version"].as_i64().unwrap();
    let mut change = studio_change(version, json!([["00:00", "24:00"]]));
    change["staff"] = json!([{"id": MIA, "name": "Mia", "role": "admin", "pin": "123"}]);
    let put = |token, body| h.call(Method::PUT, "/v1/studio", Some(token), Some(body));
    let (status, body) = put("token-admin", change.clone()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("staff[0].pin"),
        "{body}"
    );
    assert_eq!(h.get("/v1/studio").await.1["version"], version);
    change["staff"][0]["pin"] = json!("471100");
    let (status, _) = put(A, change.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, saved) = put("token-admin", change).await;
    assert_eq!(status, StatusCode::OK);
    let member = &saved["staff"][0];
    assert_eq!(
        (member["name"].as_str(), member["role"].as_str()),
        (Some("Mia"), Some("admin"))
    );
    // No PIN hash leaves the server: a verifier bound to the asking desk's token.
    assert!(member.get("pinHash").is_none(), "{member}");
    assert!(member["pinVerifier"].as_str().unwrap().starts_with("fdv1$"));
    assert!(member.get("pin").is_none() && !saved.to_string().contains("471100"));
    let (status, signed_in) = h
        .call(
            Method::POST,
            "/v1/staff/sessions",
            Some(A),
            Some(json!({"staffId": MIA, "pin": "471100"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{signed_in}");
    let session = signed_in["session"].as_str().unwrap();

    let (ten, noon) = (berlin(6, 1, 10, 0), berlin(6, 1, 12, 0));
    let booking = json!({"id": Uuid::new_v4(), "room": "studio-a", "start": rfc(ten), "end": rfc(noon),
        "customer": {"name": "Band"}, "staff": {"id": MIA, "name": "Mia"}});
    let (status, _) = client(&h.url, Some(A))
        .with_staff_session(Some(session))
        .send(
            Method::POST,
            "/v1/bookings",
            Some(serde_json::to_vec(&booking).unwrap()),
        )
        .await
        .unwrap();
    assert_eq!(status, StatusCode::CREATED);

    let (status, log) = h.get("/v1/activity?date=2026-06-01").await;
    assert_eq!(status, StatusCode::OK);
    let lines: Vec<_> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["staff"].as_str(),
                e["desk"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("create", Some("Mia"), "reception"),
            ("studio", None, "office")
        ]
    );
    assert_eq!(log["entries"][0]["customer"], "Band");
    let (_, by_mia) = h
        .get(&format!("/v1/activity?staff={MIA}&room=studio-a"))
        .await;
    assert_eq!(by_mia["entries"].as_array().unwrap().len(), 1);
    let (_, other_day) = h.get("/v1/activity?date=2026-06-02").await;
    assert_eq!(other_day["entries"], json!([]));
    let (status, body) = h.get("/v1/activity?date=June").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("bad_request"))
    );
    let (status, _) = h.call(Method::GET, "/v1/activity", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    h.stop().await;
}

/// A booking's later changes over HTTP: move, extend, details, check-in, no-show; each
/// refusal named (409 `conflict` or `stale`, 422, 404, 401) and nothing changed; a
/// `changeBooking` mutation pushed twice is applied once; a stale one comes back as a
/// conflict with the server's booking beside it.
async fn bookings_change_after_they_are_made(db: Backend) {
    let h = Harness::open_on(db).await;
    let (band, other) = (Uuid::new_v4(), Uuid::new_v4());
    h.book(
        A,
        band,
        "studio-a",
        berlin(6, 1, 10, 0),
        berlin(6, 1, 12, 0),
        None,
    )
    .await;
    h.book(
        B,
        other,
        "studio-b",
        berlin(6, 1, 10, 0),
        berlin(6, 1, 11, 0),
        None,
    )
    .await;
    let change = |id: Uuid, token: &'static str, body: Value| {
        let path = format!("/v1/bookings/{id}/changes");
        let h = &h;
        async move { h.call(Method::POST, &path, Some(token), Some(body)).await }
    };

    let span = |version: i64, room: &str, from: u32, to: u32| {
        json!({"version": version, "change": {"kind": "span", "room": room,
               "start": rfc(berlin(6, 1, from, 0)), "end": rfc(berlin(6, 1, to, 0))}})
    };
    // Onto the other booking: 409 conflict naming it; nothing changed.
    let (status, body) = change(band, A, span(1, "studio-b", 10, 12)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
    assert_eq!(body["conflicts"][0]["room"], "studio-b");
    // Moved to room b after it, then extended by an hour.
    let (status, moved) = change(band, A, span(1, "studio-b", 11, 13)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (moved["room"].as_str(), moved["version"].as_i64()),
        (Some("studio-b"), Some(2))
    );
    let slots = h.slots("studio-a", "2026-06-01", 60, None).await;
    assert_eq!(
        slot_status(&slots, berlin(6, 1, 10, 0)).as_deref(),
        Some("available")
    );
    let (_, longer) = change(band, B, span(2, "studio-b", 11, 14)).await;
    assert_eq!(longer["end"], rfc(berlin(6, 1, 14, 0)));
    // Made to an older version: 409 stale, nothing changed.
    let (status, body) = change(band, A, span(2, "studio-b", 11, 15)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("stale"))
    );
    assert_eq!(
        h.get(&format!("/v1/bookings/{band}")).await.1["end"],
        rfc(berlin(6, 1, 14, 0))
    );
    // Details, a check-in, then a no-show refused (the customer came): 422.
    let details = json!({"version": 3, "change": {"kind": "details",
        "customer": {"name": "Band", "phone": "0170 1"}, "note": "bring cables"}});
    let (status, edited) = change(band, A, details).await;
    assert_eq!(
        (status, edited["note"].as_str()),
        (StatusCode::OK, Some("bring cables"))
    );
    // A check-in more than an hour before the start is refused; at 10:05 it is taken.
    let early = json!({"version": 4, "change": {"kind": "checkIn", "at": rfc(berlin(6, 1, 7, 0))}});
    let (status, _) = change(band, A, early).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    h.clock.set(berlin(6, 1, 10, 5));
    let check_in =
        json!({"version": 4, "change": {"kind": "checkIn", "at": rfc(berlin(6, 1, 10, 5))}});
    let (_, arrived) = change(band, A, check_in).await;
    assert_eq!(arrived["checkedInAt"], rfc(berlin(6, 1, 10, 5)));
    let (status, body) = change(band, A, json!({"version": 5, "change": {"kind": "noShow"}})).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid"))
    );
    // A payment over the price, or negative: refused naming the field; nothing changed.
    let over = json!({"version": 5, "change": {"kind": "payment",
        "payment": {"status": "paid", "amount": 999_999, "method": "cash"}}});
    let (status, body) = change(band, A, over).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("payment.amount"),
        "{body}"
    );
    let negative = json!({"version": 5, "change": {"kind": "payment",
        "payment": {"status": "deposit", "amount": -5, "method": "card"}}});
    let (status, _) = change(band, A, negative).await;
    assert!(status.is_client_error(), "{status}");
    assert_eq!(h.get(&format!("/v1/bookings/{band}")).await.1["version"], 5);
    // Unknown booking 404, bad body 422/400, no token 401.
    let (status, _) = change(Uuid::new_v4(), A, span(1, "studio-a", 10, 11)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = change(
        band,
        A,
        json!({"version": 5, "change": {"kind": "teleport"}}),
    )
    .await;
    assert!(
        status.is_client_error() && status != StatusCode::NOT_FOUND,
        "{status}"
    );
    let (status, _) = h
        .call(
            Method::POST,
            &format!("/v1/bookings/{band}/changes"),
            None,
            Some(span(5, "studio-a", 10, 11)),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Pushed as a mutation twice: applied once. Then one made to an old version comes
    // back as a conflict with the server's booking.
    let mutation = Uuid::new_v4();
    let push = json!({"mutations": [{"id": mutation, "kind": "changeBooking", "bookingId": other,
        "request": {"version": 1, "change": {"kind": "span", "room": "studio-b",
                    "start": rfc(berlin(6, 1, 9, 0)), "end": rfc(berlin(6, 1, 11, 0))}}}]});
    let (_, first) = h
        .call(Method::POST, "/v1/sync/push", Some(B), Some(push.clone()))
        .await;
    assert_eq!(first["results"][0]["status"], "applied");
    assert_eq!(first["results"][0]["booking"]["version"], 2);
    let (_, again) = h
        .call(Method::POST, "/v1/sync/push", Some(B), Some(push))
        .await;
    assert_eq!(again["results"][0]["status"], "duplicate");
    assert_eq!(again["results"][0]["booking"]["version"], 2);
    let stale = json!({"mutations": [{"id": Uuid::new_v4(), "kind": "changeBooking", "bookingId": other,
        "request": {"version": 1, "change": {"kind": "noShow"}}}]});
    let (_, refused) = h
        .call(Method::POST, "/v1/sync/push", Some(A), Some(stale))
        .await;
    assert_eq!(refused["results"][0]["status"], "conflict");
    assert_eq!(refused["results"][0]["booking"]["version"], 2);
    assert_eq!(
        refused["results"][0]["booking"]["start"],
        rfc(berlin(6, 1, 9, 0))
    );
    h.stop().await;
}

async fn a_series_is_previewed_booked_once_and_cancelled_from_an_occurrence_on(db: Backend) {
    let h = Harness::open_on(db).await;
    // Another desk has Tuesday 16 June 19:30–20:30.
    h.book(
        B,
        Uuid::new_v4(),
        "studio-a",
        berlin(6, 16, 19, 30),
        berlin(6, 16, 20, 30),
        None,
    )
    .await;
    let rule = json!({"room": "studio-a", "first": "2026-06-02", "start": "19:00",
                      "minutes": 120, "repeat": "weekly", "times": 4});
    let (status, preview) = h
        .call(
            Method::POST,
            "/v1/series/preview",
            Some(A),
            Some(json!({"rule": rule})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    let skips: Vec<Value> = preview["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["skip"].clone())
        .collect();
    assert_eq!(
        skips,
        vec![Value::Null, Value::Null, json!("booked"), Value::Null]
    );
    assert_eq!(
        preview["occurrences"][0]["start"],
        "2026-06-02T19:00:00+02:00"
    );
    // A series without an end, or every 0 weeks: 422 naming what is wrong, nothing booked.
    let mut endless = rule.clone();
    endless.as_object_mut().unwrap().remove("times");
    let mut zero = rule.clone();
    zero["everyWeeks"] = json!(0);
    for (bad, words) in [(endless, "rule.until"), (zero, "0 weeks")] {
        let (status, body) = h
            .call(
                Method::POST,
                "/v1/series",
                Some(A),
                Some(json!({"id": Uuid::new_v4(), "rule": bad, "customer": {"name": "X"}})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body["message"].as_str().unwrap().contains(words), "{body}");
    }
    // Booked: three occurrences, the taken one skipped with its reason; each knows its series.
    let id = Uuid::new_v4();
    let body = json!({"id": id, "rule": rule,
                      "customer": {"name": "Weekly Band", "phone": "+49 30 555 0199"}});
    let (status, done) = h
        .call(Method::POST, "/v1/series", Some(A), Some(body.clone()))
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let booked = done["booked"].as_array().unwrap();
    assert_eq!(booked.len(), 3);
    assert!(booked.iter().all(|b| b["series"] == json!(id)));
    assert_eq!(done["skipped"][0]["date"], "2026-06-16");
    assert_eq!(done["skipped"][0]["skip"], "booked");
    // Sent again (a retry): the same three bookings, nothing new.
    let (_, again) = h
        .call(Method::POST, "/v1/series", Some(A), Some(body))
        .await;
    assert_eq!(again["booked"], done["booked"]);
    // "Change this and all following" from the second occurrence: 9 and 23 June move to
    // room b at 18:00 for an hour; a start off the quarter hour is refused.
    let second = booked[1]["id"].as_str().unwrap();
    let change = format!("/v1/bookings/{second}/change-following");
    let (status, odd) = h
        .call(
            Method::POST,
            &change,
            Some(A),
            Some(json!({"room": "studio-b", "start": "18:10", "minutes": 60})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{odd}");
    let (status, moved) = h
        .call(
            Method::POST,
            &change,
            Some(A),
            Some(json!({"room": "studio-b", "start": "18:00", "minutes": 60})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    let moved: Vec<(&str, &str)> = moved["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["room"].as_str().unwrap(), b["start"].as_str().unwrap()))
        .collect();
    assert_eq!(
        moved,
        [
            ("studio-b", "2026-06-09T18:00:00+02:00"),
            ("studio-b", "2026-06-23T18:00:00+02:00")
        ]
    );
    // "Cancel this and all following" from the second occurrence: 9 and 23 June.
    let (status, cancelled) = h
        .call(
            Method::POST,
            &format!("/v1/bookings/{second}/cancel-following"),
            Some(B),
            Some(json!({"reason": "band on tour"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    let starts: Vec<&str> = cancelled["cancelled"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["start"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        ["2026-06-09T18:00:00+02:00", "2026-06-23T18:00:00+02:00"]
    );
    let (_, first) = h
        .call(
            Method::GET,
            &format!("/v1/bookings/{}", booked[0]["id"].as_str().unwrap()),
            Some(A),
            None,
        )
        .await;
    assert_eq!(first["status"], "confirmed");
}

async fn customers_are_found_edited_to_a_version_and_merged(db: Backend) {
    let h = Harness::open_on(db).await;
    for (day, name, phone) in [
        (2, "Mia Muster", Some("+49 170 1234567")),
        (3, "Mia M.", None),
    ] {
        let mut body = json!({"id": Uuid::new_v4(), "room": "studio-a",
            "start": rfc(berlin(6, day, 10, 0)), "end": rfc(berlin(6, day, 11, 0)),
            "customer": {"name": name}});
        if let Some(phone) = phone {
            body["customer"]["phone"] = json!(phone);
        }
        let (status, _) = h
            .call(Method::POST, "/v1/bookings", Some(A), Some(body))
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let (status, found) = h
        .call(Method::GET, "/v1/customers?q=4567", Some(B), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(found["customers"].as_array().unwrap().len(), 1);
    let mia = found["customers"][0]["customer"].clone();
    assert_eq!(mia["name"], "Mia Muster");
    assert_eq!(found["customers"][0]["bookings"], 1);
    let id = mia["id"].as_str().unwrap().to_owned();
    let (_, both) = h
        .call(Method::GET, "/v1/customers?q=Mia", Some(B), None)
        .await;
    let other = both["customers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["customer"]["id"] != json!(id))
        .unwrap()["customer"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // An edit made to version 1 is applied once; again it is stale.
    let edit = json!({"version": 1, "name": "Mia Muster", "phone": "+49 170 1234567",
                      "notes": "Brings her own microphone"});
    let path = format!("/v1/customers/{id}");
    let (status, edited) = h
        .call(Method::PUT, &path, Some(A), Some(edit.clone()))
        .await;
    assert_eq!(
        (status, edited["version"].clone()),
        (StatusCode::OK, json!(2))
    );
    let (status, stale) = h.call(Method::PUT, &path, Some(B), Some(edit)).await;
    assert_eq!(
        (status, stale["error"].clone()),
        (StatusCode::CONFLICT, json!("stale"))
    );
    // Merging a record with itself is refused; merging the other one brings its booking.
    let merge = format!("/v1/customers/{id}/merge");
    let (status, body) = h
        .call(Method::POST, &merge, Some(A), Some(json!({"gone": id})))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, _) = h
        .call(Method::POST, &merge, Some(A), Some(json!({"gone": other})))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, page) = h.call(Method::GET, &path, Some(B), None).await;
    assert_eq!(page["bookings"].as_array().unwrap().len(), 2);
    assert_eq!(
        page["summary"]["customer"]["notes"],
        "Brings her own microphone"
    );
    // A desk pulling from the start gets both records, the merged one pointing to Mia.
    let (_, pulled) = h
        .call(Method::GET, "/v1/sync/pull?since=0", Some(B), None)
        .await;
    let records = pulled["customers"].as_array().unwrap();
    let gone = records.iter().find(|c| c["id"] == json!(other)).unwrap();
    assert_eq!(gone["mergedInto"], json!(id));
    let (_, unknown) = h
        .call(
            Method::GET,
            &format!("/v1/customers/{}", Uuid::new_v4()),
            Some(A),
            None,
        )
        .await;
    assert_eq!(unknown["error"], "not_found");
}
