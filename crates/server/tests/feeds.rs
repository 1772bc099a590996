//! Calendar feeds end to end, on SQLite and PostgreSQL: a real server on 127.0.0.1 port 0,
//! bookings made, moved and cancelled through the API, and each feed read by an independent
//! parser — Mozilla's ical.js, the one Thunderbird uses (`tests/parsers/ics.mjs`, run with
//! `node`; `npm ci` installs it).
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Stdio};

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Client, Method, ServerSettings, StatusCode};
use frontdesk_server::{Database, RunningServer};
use frontdesk_testkit::backend::Backend;
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::http;
use frontdesk_testkit::on_both_databases;
use frontdesk_testkit::server::{any_port, enrol, serve_database, server_binary};
use frontdesk_testkit::studio::klangraum;
use serde_json::{json, Value};
use uuid::Uuid;

const DESK: &str = "token-a";
const ADMIN: &str = "token-admin";

on_both_databases!(
    a_feed_follows_its_bookings_through_every_change,
    feeds_are_made_by_admins_and_revoked_for_good,
);

fn berlin(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, m, d, h, min)
}

fn rfc(t: DateTime<Utc>) -> String {
    t.with_timezone(&Berlin).to_rfc3339()
}

struct Feeds {
    server: RunningServer,
    url: String,
    http: reqwest::Client,
    _dir: tempfile::TempDir,
}

/// A feed as a calendar app fetched it: status, headers and body.
struct Fetched {
    status: StatusCode,
    content_type: String,
    etag: Option<String>,
    body: String,
}

impl Feeds {
    /// Klangraum (Europe/Berlin) a week before the spring DST change of 2026-03-29.
    async fn start(db: Backend) -> Feeds {
        let dir = tempfile::tempdir().unwrap();
        let database = db.fresh(dir.path());
        Self::on(database, dir).await
    }

    async fn on(database: Database, dir: tempfile::TempDir) -> Feeds {
        let config = klangraum().config();
        let server =
            serve_database(config, database, any_port(), pinned(berlin(3, 22, 9, 0))).await;
        let url = server.url();
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        Feeds {
            server,
            url,
            http,
            _dir: dir,
        }
    }

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

    async fn book(
        &self,
        token: &str,
        room: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        name: &str,
    ) -> Uuid {
        let id = Uuid::new_v4();
        let body = json!({"id": id, "room": room, "start": rfc(from), "end": rfc(to),
            "customer": {"name": name, "phone": "+49 30 555 0199", "email": "secret@example.org"},
            "note": "door code 4711"});
        self.ok(token, Method::POST, "/v1/bookings", Some(body))
            .await;
        id
    }

    async fn move_to(
        &self,
        id: Uuid,
        version: i64,
        room: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) {
        let body = json!({"version": version, "change": {"kind": "span", "room": room,
            "start": rfc(from), "end": rfc(to)}});
        self.ok(
            DESK,
            Method::POST,
            &format!("/v1/bookings/{id}/changes"),
            Some(body),
        )
        .await;
    }

    /// Makes a feed with an admin's token; its secret path.
    async fn make(&self, token: &str, room: Option<&str>, detail: &str) -> (Uuid, String) {
        let made = self
            .ok(
                token,
                Method::POST,
                "/v1/feeds",
                Some(json!({"room": room, "detail": detail, "label": "Owner's phone"})),
            )
            .await;
        let path = made["url"].as_str().unwrap().to_owned();
        assert!(
            path.starts_with("/feeds/cal_") && path.ends_with(".ics"),
            "{made}"
        );
        (made["id"].as_str().unwrap().parse().unwrap(), path)
    }

    async fn fetch(&self, path: &str, if_none_match: Option<&str>) -> Fetched {
        let mut request = self.http.get(format!("{}{path}", self.url));
        if let Some(etag) = if_none_match {
            request = request.header("if-none-match", etag);
        }
        let response = request.send().await.unwrap();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        Fetched {
            status: response.status(),
            content_type: header("content-type").unwrap_or_default(),
            etag: header("etag"),
            body: response.text().await.unwrap(),
        }
    }

    /// The feed as ical.js reads it.
    async fn parsed(&self, path: &str) -> (String, Value) {
        let fetched = self.fetch(path, None).await;
        assert_eq!(fetched.status, StatusCode::OK, "{}", fetched.body);
        assert_eq!(fetched.content_type, "text/calendar; charset=utf-8");
        let parsed = ical_js(&fetched.body);
        (fetched.body, parsed)
    }
}

/// Runs the independent parser on a feed's text.
fn ical_js(text: &str) -> Value {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/parsers/ics.mjs");
    let mut child = Command::new("node")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs (the feed tests need Node and `npm ci` for ical.js)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}\n{text}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The parsed event of a booking.
fn event(parsed: &Value, id: Uuid) -> Value {
    let uid = format!("{id}@frontdesk");
    parsed["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["uid"] == uid.as_str())
        .cloned()
        .unwrap_or_else(|| panic!("no event {uid} in {parsed}"))
}

fn uids(parsed: &Value) -> Vec<String> {
    let mut uids: Vec<String> = parsed["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["uid"].as_str().unwrap().to_owned())
        .collect();
    uids.sort();
    uids
}

async fn a_feed_follows_its_bookings_through_every_change(db: Backend) {
    let f = Feeds::start(db).await;
    let (_, room_feed) = f.make(ADMIN, Some("studio-a"), "name").await;
    let (_, studio_feed) = f.make(ADMIN, None, "booked").await;

    // Before the change to summer time (UTC+1), across it at night, and after it (UTC+2).
    let before = f
        .book(
            DESK,
            "studio-a",
            berlin(3, 28, 10, 0),
            berlin(3, 28, 12, 0),
            "Ada Lovelace",
        )
        .await;
    let night = f
        .book(
            DESK,
            "studio-a",
            berlin(3, 29, 1, 0),
            berlin(3, 29, 4, 0),
            "Night Owls",
        )
        .await;
    let after = f
        .book(
            DESK,
            "studio-a",
            berlin(3, 29, 10, 0),
            berlin(3, 29, 12, 0),
            "Grace Hopper",
        )
        .await;
    let other_room = f
        .book(
            DESK,
            "studio-b",
            berlin(3, 29, 10, 0),
            berlin(3, 29, 11, 0),
            "Linus",
        )
        .await;

    let (text, parsed) = f.parsed(&room_feed).await;
    assert_eq!(parsed["calendar"]["version"], "2.0");
    assert_eq!(parsed["calendar"]["method"], "PUBLISH");
    assert_eq!(parsed["calendar"]["calscale"], "GREGORIAN");
    assert_eq!(parsed["calendar"]["name"], "Klangraum Studios – Studio A");
    assert!(parsed["calendar"]["prodid"]
        .as_str()
        .unwrap()
        .contains("Frontdesk"));
    let mut expected = vec![
        format!("{before}@frontdesk"),
        format!("{night}@frontdesk"),
        format!("{after}@frontdesk"),
    ];
    expected.sort();
    assert_eq!(
        uids(&parsed),
        expected,
        "the room's feed shows only its room"
    );
    let e = event(&parsed, before);
    assert_eq!(
        (e["start"].as_str(), e["end"].as_str()),
        (Some("2026-03-28T09:00:00Z"), Some("2026-03-28T11:00:00Z"))
    );
    let e = event(&parsed, night);
    assert_eq!(
        (e["start"].as_str(), e["end"].as_str()),
        (Some("2026-03-29T00:00:00Z"), Some("2026-03-29T02:00:00Z"))
    );
    let e = event(&parsed, after);
    assert_eq!(
        (e["start"].as_str(), e["end"].as_str()),
        (Some("2026-03-29T08:00:00Z"), Some("2026-03-29T10:00:00Z"))
    );
    assert_eq!(
        (e["summary"].as_str(), e["location"].as_str()),
        (Some("Grace Hopper"), Some("Studio A"))
    );
    assert_eq!(
        (e["sequence"].as_i64(), e["status"].as_str()),
        (Some(0), Some("CONFIRMED"))
    );
    for secret in ["555 0199", "secret@example.org", "4711"] {
        assert!(!text.contains(secret), "{secret} in the feed");
    }

    // Moved, then extended: the same UID, SEQUENCE up by each change. Cancelled: marked.
    f.move_to(
        after,
        1,
        "studio-a",
        berlin(3, 29, 13, 0),
        berlin(3, 29, 15, 0),
    )
    .await;
    f.move_to(
        after,
        2,
        "studio-a",
        berlin(3, 29, 13, 0),
        berlin(3, 29, 16, 0),
    )
    .await;
    f.ok(
        DESK,
        Method::POST,
        &format!("/v1/bookings/{before}/cancel"),
        Some(json!({"reason": "ill"})),
    )
    .await;
    let (_, changed) = f.parsed(&room_feed).await;
    assert_eq!(uids(&changed), expected, "UIDs are stable");
    let e = event(&changed, after);
    assert_eq!(
        (e["start"].as_str(), e["end"].as_str()),
        (Some("2026-03-29T11:00:00Z"), Some("2026-03-29T14:00:00Z"))
    );
    assert_eq!(e["sequence"], 2);
    assert!(e["stamp"].as_str() >= event(&parsed, after)["stamp"].as_str());
    let e = event(&changed, before);
    assert_eq!(
        (e["sequence"].as_i64(), e["status"].as_str()),
        (Some(1), Some("CANCELLED"))
    );
    assert_eq!(event(&changed, night)["sequence"], 0);

    // The studio's feed: every room, and no names when the admin chose "Booked".
    let (text, whole) = f.parsed(&studio_feed).await;
    assert_eq!(whole["calendar"]["name"], "Klangraum Studios");
    assert_eq!(whole["events"].as_array().unwrap().len(), 4);
    assert_eq!(event(&whole, other_room)["location"], "Studio B");
    for e in whole["events"].as_array().unwrap() {
        assert_eq!(e["summary"], "Booked", "{e}");
    }
    for name in ["Ada", "Night Owls", "Grace", "Linus"] {
        assert!(!text.contains(name), "{name} in a 'Booked' feed");
    }

    // The same bytes for the same bookings: the ETag answers 304; a change gives a new one.
    let first = f.fetch(&studio_feed, None).await;
    let etag = first.etag.clone().unwrap();
    assert_eq!(
        f.fetch(&studio_feed, None).await.body,
        first.body,
        "deterministic"
    );
    assert_eq!(
        f.fetch(&studio_feed, Some(&etag)).await.status,
        StatusCode::NOT_MODIFIED
    );
    f.move_to(
        night,
        1,
        "studio-a",
        berlin(3, 29, 1, 0),
        berlin(3, 29, 5, 0),
    )
    .await;
    let again = f.fetch(&studio_feed, Some(&etag)).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_ne!(again.etag.as_deref(), Some(etag.as_str()));
    f.server.stop().await;
}

async fn feeds_are_made_by_admins_and_revoked_for_good(db: Backend) {
    let f = Feeds::start(db).await;
    // Only an admin's token makes, lists or revokes feeds; rooms and labels are checked.
    for (method, path) in [
        (Method::POST, "/v1/feeds"),
        (Method::GET, "/v1/feeds"),
        (Method::DELETE, &*format!("/v1/feeds/{}", Uuid::new_v4())),
    ] {
        let (status, body) = f
            .call(DESK, method, path, Some(json!({"detail": "name"})))
            .await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::FORBIDDEN, Some("forbidden")),
            "{path}"
        );
    }
    let (status, body) = f
        .call(
            ADMIN,
            Method::POST,
            "/v1/feeds",
            Some(json!({"room": "attic", "detail": "name"})),
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_room"))
    );
    assert!(
        body["message"].as_str().unwrap().starts_with("room:"),
        "{body}"
    );
    let long = "x".repeat(121);
    let (status, body) = f
        .call(
            ADMIN,
            Method::POST,
            "/v1/feeds",
            Some(json!({"detail": "booked", "label": long})),
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid"))
    );
    assert!(
        body["message"].as_str().unwrap().starts_with("label:"),
        "{body}"
    );
    let (status, _) = f
        .call(
            ADMIN,
            Method::POST,
            "/v1/feeds",
            Some(json!({"detail": "phone"})),
        )
        .await;
    assert!(status.is_client_error());
    let (_, empty) = f.call(ADMIN, Method::GET, "/v1/feeds", None).await;
    assert_eq!(empty["feeds"], json!([]), "nothing was written");

    let (id, path) = f.make(ADMIN, Some("studio-b"), "name").await;
    let (_, kept) = f.make(ADMIN, None, "booked").await;
    let list = f.ok(ADMIN, Method::GET, "/v1/feeds", None).await;
    let feeds = list["feeds"].as_array().unwrap();
    assert_eq!(feeds.len(), 2);
    // Made at the same (pinned) instant: found by id, not by place.
    let made = feeds
        .iter()
        .find(|feed| feed["id"] == id.to_string().as_str())
        .unwrap();
    assert_eq!(
        (
            made["room"].as_str(),
            made["detail"].as_str(),
            made["label"].as_str()
        ),
        (Some("studio-b"), Some("name"), Some("Owner's phone"))
    );
    assert!(
        feeds.iter().all(|feed| feed.get("url").is_none()),
        "the secret is shown once: {list}"
    );
    assert_eq!(f.fetch(&path, None).await.status, StatusCode::OK);

    // The desk's client answers the full address on the server it uses.
    let client = Client::new(ServerSettings {
        url: f.url.clone(),
        token: ADMIN.into(),
    })
    .unwrap();
    let request = frontdesk_protocol::CreateFeedRequest {
        room: None,
        detail: frontdesk_protocol::FeedDetail::Name,
        label: None,
    };
    let by_client = client.create_feed(&request).await.unwrap();
    let full = by_client.url.clone().unwrap();
    assert!(full.starts_with(&format!("{}/feeds/cal_", f.url)), "{full}");
    assert_eq!(client.feeds().await.unwrap().feeds.len(), 3);
    client.revoke_feed(by_client.id).await.unwrap();
    assert!(client.revoke_feed(by_client.id).await.is_err());

    // A feed token is no desk token, and a desk token opens no feed.
    let token = path.trim_start_matches("/feeds/").trim_end_matches(".ics");
    let (status, _) = f.call(token, Method::GET, "/v1/studio", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let unknown = f
        .fetch("/feeds/cal_0123456789abcdef0123456789abcdef.ics", None)
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    for desk in [DESK, ADMIN] {
        let as_feed = f.fetch(&format!("/feeds/{desk}.ics"), None).await;
        assert_eq!(
            (as_feed.status, &as_feed.body),
            (StatusCode::NOT_FOUND, &unknown.body)
        );
    }

    // Revoked: 404, told apart from an unknown token by nothing.
    let (status, _) = f
        .call(ADMIN, Method::DELETE, &format!("/v1/feeds/{id}"), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let revoked = f.fetch(&path, None).await;
    assert_eq!(
        (revoked.status, &revoked.body, &revoked.content_type),
        (unknown.status, &unknown.body, &unknown.content_type)
    );
    assert!(!revoked.body.contains("feed"), "{}", revoked.body);
    let (status, body) = f
        .call(ADMIN, Method::DELETE, &format!("/v1/feeds/{id}"), None)
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let list = f.ok(ADMIN, Method::GET, "/v1/feeds", None).await;
    assert_eq!(list["feeds"].as_array().unwrap().len(), 1);
    assert_eq!(
        f.fetch(&kept, None).await.status,
        StatusCode::OK,
        "the other feed lives on"
    );
    f.server.stop().await;
}

/// Two studios in one PostgreSQL database: each studio's feeds show its own bookings only,
/// and one studio's admin cannot revoke (or even find) the other's feeds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_studios_bookings_never_appear() {
    let database = frontdesk_testkit::postgres::fresh_database();
    let dir = tempfile::tempdir().unwrap();
    let f = Feeds::on(Database::parse(&database, 2), dir).await;
    // A second studio, Harbour Rooms, and an admin desk of it, as a chain's operator makes them.
    let file = f._dir.path().join("studio.toml");
    std::fs::write(&file, klangraum().toml()).unwrap();
    let output = Command::new(server_binary())
        .args(["chain-admin", "add", "operations", "--config"])
        .arg(&file)
        .args(["--database", &database])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let operator = String::from_utf8(output.stdout).unwrap().trim().to_owned();
    let harbour = json!({"id": "harbour", "studio": {
        "version": 0, "name": "Harbour Rooms", "timezone": "Europe/Lisbon", "holdTtlSeconds": 30,
        "rooms": [{"id": "studio-a", "name": "Hall A", "durations": [60], "interval": 60}],
        "hours": {"weekly": {"mon": [["00:00", "24:00"]], "tue": [["00:00", "24:00"]], "wed": [["00:00", "24:00"]],
                  "thu": [["00:00", "24:00"]], "fri": [["00:00", "24:00"]], "sat": [["00:00", "24:00"]],
                  "sun": [["00:00", "24:00"]]}, "dates": {}}}});
    f.ok(&operator, Method::POST, "/v1/chain/studios", Some(harbour))
        .await;
    let code = f
        .ok(
            &operator,
            Method::POST,
            "/v1/chain/studios/harbour/desks",
            Some(json!({"name": "office", "admin": true})),
        )
        .await;
    let harbour_admin = enrol(&f.url, code["code"].as_str().unwrap()).await;

    // The same room id in both studios, booked at the same hour.
    let ours = f
        .book(
            DESK,
            "studio-a",
            berlin(3, 24, 10, 0),
            berlin(3, 24, 11, 0),
            "Klangraum Customer",
        )
        .await;
    let theirs = f
        .book(
            &harbour_admin,
            "studio-a",
            berlin(3, 24, 10, 0),
            berlin(3, 24, 11, 0),
            "Harbour Customer",
        )
        .await;
    let (our_feed_id, our_feed) = f.make(ADMIN, Some("studio-a"), "name").await;
    let (_, their_feed) = f.make(&harbour_admin, None, "name").await;

    let (text, parsed) = f.parsed(&our_feed).await;
    assert_eq!(uids(&parsed), vec![format!("{ours}@frontdesk")]);
    assert!(!text.contains("Harbour"), "{text}");
    let (text, parsed) = f.parsed(&their_feed).await;
    assert_eq!(uids(&parsed), vec![format!("{theirs}@frontdesk")]);
    assert_eq!(parsed["calendar"]["name"], "Harbour Rooms");
    assert_eq!(event(&parsed, theirs)["location"], "Hall A");
    assert!(!text.contains("Klangraum"), "{text}");

    let list = f.ok(&harbour_admin, Method::GET, "/v1/feeds", None).await;
    assert_eq!(list["feeds"].as_array().unwrap().len(), 1, "{list}");
    let (status, _) = f
        .call(
            &harbour_admin,
            Method::DELETE,
            &format!("/v1/feeds/{our_feed_id}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(f.fetch(&our_feed, None).await.status, StatusCode::OK);
    f.server.stop().await;
}
