//! Messages to customers against a real SMTP server: Debian's python3-aiosmtpd, started by
//! the test on a free loopback port (`frontdesk_testkit::smtp`, which stores each mail it
//! accepts as a file) and killed with it. The servers run in this process with their clock pinned;
//! the reminder goes when the clock is moved to its time, a failing SMTP server is retried
//! with backoff until the message is `failed`, and two instances on one PostgreSQL database
//! send every message once.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Client, Method, ServerSettings, StatusCode};
use frontdesk_clock::ManualClock;
use frontdesk_server::messages::{SmsSettings, SmtpSettings};
use frontdesk_server::{start, Database, RunningServer, ServerOptions};
use frontdesk_testkit::backend::Backend;
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::on_both_databases;
use frontdesk_testkit::server::any_port;
use frontdesk_testkit::smtp::Sink;
use frontdesk_testkit::studio::klangraum;
use serde_json::{json, Value};
use uuid::Uuid;

const DESK: &str = "token-a";

on_both_databases!(one_booking_gets_one_confirmation_then_its_reminder_on_time);
on_both_databases!(the_reminder_goes_as_long_before_the_start_as_the_studio_set);
on_both_databases!(an_sms_reminder_goes_through_the_gateway_once_retried_or_refused);

fn berlin(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, m, d, h, min)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits (20 s at most) until `done` holds, checking every 50 ms.
async fn until<T>(what: &str, mut done: impl AsyncFnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + StdDuration::from_secs(20);
    loop {
        if let Some(t) = done().await {
            return t;
        }
        assert!(Instant::now() < deadline, "waited 20 s for {what}");
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
}

/// Where the customers' links point (the tests open them on the server's real address).
const PUBLIC_URL: &str = "https://book.klangraum.example";

async fn serve(database: Database, clock: Arc<ManualClock>, smtp: String) -> RunningServer {
    serve_with(database, clock, smtp, None).await
}

/// A server whose e-mails go to `smtp`, and SMS to `sms` (if any).
async fn serve_with(
    database: Database,
    clock: Arc<ManualClock>,
    smtp: String,
    sms: Option<SmsSettings>,
) -> RunningServer {
    let config = klangraum().all_week(r#"["00:00", "24:00"]"#).config();
    start(ServerOptions {
        dev_tokens: true,
        smtp: Some(SmtpSettings {
            url: smtp,
            from: "desk@klangraum.example".into(),
            public_url: Some(PUBLIC_URL.into()),
            lease: frontdesk_server::messages::LEASE,
        }),
        sms,
        ..ServerOptions::new(config, database, any_port(), clock)
    })
    .await
    .unwrap()
}

async fn call(url: &str, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let client = Client::new(ServerSettings {
        url: url.into(),
        token: DESK.into(),
    })
    .unwrap();
    let body = body.map(|b| serde_json::to_vec(&b).unwrap());
    let (status, bytes) = client.send(method, path, body).await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// Saves the studio's online booking `settings` (at version 0 before the first save) with
/// an admin's token: the status and the answer.
async fn save_online(url: &str, settings: Value) -> (StatusCode, Value) {
    let admin = Client::new(ServerSettings {
        url: url.into(),
        token: "token-admin".into(),
    })
    .unwrap();
    let body = serde_json::to_vec(&settings).unwrap();
    let (status, answer) = admin
        .send(Method::PUT, "/v1/online-booking", Some(body))
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&answer).unwrap_or(Value::Null),
    )
}

/// Books an hour of Studio A from `start` for a customer with an e-mail address.
async fn book(url: &str, start: DateTime<Utc>, email: &str) -> Uuid {
    let id = Uuid::new_v4();
    let body = json!({"id": id, "room": "studio-a",
        "start": start.with_timezone(&Berlin).to_rfc3339(),
        "end": (start + Duration::hours(1)).with_timezone(&Berlin).to_rfc3339(),
        "customer": {"name": "Ada Lovelace", "email": email}});
    let (status, answer) = call(url, Method::POST, "/v1/bookings", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    id
}

/// The booking's messages as staff see them, in order.
async fn messages_of(url: &str, booking: Uuid) -> Vec<Value> {
    let (status, body) = call(
        url,
        Method::GET,
        &format!("/v1/bookings/{booking}/messages"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["messages"].as_array().unwrap().clone()
}

/// The booking's messages as staff see them: (kind, state) in order.
async fn states(url: &str, booking: Uuid) -> Vec<(String, String)> {
    messages_of(url, booking)
        .await
        .iter()
        .map(|m| {
            (
                m["kind"].as_str().unwrap().to_owned(),
                m["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pair(kind: &str, state: &str) -> (String, String) {
    (kind.to_owned(), state.to_owned())
}

async fn one_booking_gets_one_confirmation_then_its_reminder_on_time(db: Backend) {
    let sink = Sink::start();
    let dir = tempfile::tempdir().unwrap();
    let clock = pinned(berlin(6, 1, 9, 0));
    let server = serve(db.fresh(dir.path()), clock.clone(), sink.url()).await;
    let url = server.url();
    let (_, studio) = call(&url, Method::GET, "/v1/studio", None).await;
    assert_eq!(
        studio["country"], "DE",
        "a Berlin studio: its messages are German"
    );
    // The studio's contact (a national number: the studio is in Germany) signs every mail.
    let (status, _) = save_online(
        &url,
        json!({"version": 0, "enabled": false, "rooms": [], "leadMinutes": 120,
            "daysAhead": 30, "cancelHours": 24, "contactPhone": "030 1234567"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    let booking = book(&url, berlin(6, 3, 10, 0), "ada@example.com").await;
    let sent = until("the confirmation", async || {
        let s = states(&url, booking).await;
        (s[0].1 == "sent").then_some(s)
    })
    .await;
    assert_eq!(
        sent,
        [pair("confirmation", "sent"), pair("reminder", "queued")]
    );
    let mails = sink.mails();
    assert_eq!(mails.len(), 1, "{mails:#?}");
    let mail = &mails[0];
    assert_eq!(mail["to"], json!(["ada@example.com"]));
    assert!(
        mail["subject"]
            .as_str()
            .unwrap()
            .starts_with("Ihre Buchung ist bestätigt"),
        "{mail}"
    );
    let text = mail["parts"][0]["text"].as_str().unwrap();
    assert!(
        text.contains("03.06.2026 von 10:00 bis 11:00 Uhr"),
        "{text}"
    );
    assert_eq!(
        text.lines().last(),
        Some("Telefon: 030 1234567"),
        "signed with the studio's contact: {text}"
    );
    // The manage link under the public address opens this booking on the server.
    let prefix = format!("Ändern oder stornieren: {PUBLIC_URL}/book/manage/");
    let token = text
        .lines()
        .find_map(|l| l.strip_prefix(prefix.as_str()))
        .unwrap_or_else(|| panic!("no manage link in {text}"));
    let (status, opened) = call(
        &url,
        Method::GET,
        &format!("/public/v1/manage/{token}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{opened}");
    assert_eq!(opened["booking"]["id"], json!(booking), "{opened}");
    let ics = &mail["parts"][1];
    assert_eq!(ics["type"], "text/calendar");
    assert_eq!(ics["filename"], "booking.ics");
    let ics = ics["text"].as_str().unwrap();
    assert!(ics.contains(&format!("UID:{booking}@frontdesk")), "{ics}");
    assert!(ics.contains("DTSTART:20260603T080000Z"), "{ics}");
    assert!(mail["messageId"].as_str().unwrap().ends_with("@frontdesk>"));

    // The reminder waits for its time, 24 hours before the start, and then goes once.
    clock.set(berlin(6, 2, 10, 0));
    until("the reminder", async || {
        (states(&url, booking).await[1].1 == "sent").then_some(())
    })
    .await;
    let mails = sink.mails();
    assert_eq!(mails.len(), 2, "{mails:#?}");
    assert!(
        mails[1]["subject"]
            .as_str()
            .unwrap()
            .starts_with("Erinnerung"),
        "{}",
        mails[1]
    );

    // A cancelled booking: its reminder is cancelled with it, and a cancellation goes.
    let other = book(&url, berlin(6, 5, 10, 0), "grace@example.com").await;
    until("the second confirmation", async || {
        (states(&url, other).await[0].1 == "sent").then_some(())
    })
    .await;
    let (status, _) = call(
        &url,
        Method::POST,
        &format!("/v1/bookings/{other}/cancel"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let settled = until("the cancellation", async || {
        let s = states(&url, other).await;
        s.iter()
            .any(|(k, st)| k == "cancellation" && st == "sent")
            .then_some(s)
    })
    .await;
    // (Listed by when they were queued, then due; here all at the same pinned instant.)
    assert_eq!(
        settled,
        [
            pair("cancellation", "sent"),
            pair("confirmation", "sent"),
            pair("reminder", "cancelled")
        ]
    );
    clock.set(berlin(6, 4, 10, 30));
    // Past the cancelled reminder's time, a booking made now is confirmed — and still only
    // the mails above were sent for the other one.
    let third = book(&url, berlin(6, 4, 12, 0), "ada@example.com").await;
    until("the third confirmation", async || {
        (states(&url, third).await[0].1 == "sent").then_some(())
    })
    .await;
    let subjects: Vec<String> = sink
        .mails()
        .iter()
        .map(|m| format!("{} {}", m["to"][0], m["subject"]))
        .collect();
    assert_eq!(subjects.len(), 5, "{subjects:#?}");
    assert_eq!(
        subjects.iter().filter(|s| s.contains("grace@")).count(),
        2,
        "the cancelled booking's confirmation and cancellation, no reminder: {subjects:#?}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_smtp_server_that_refuses_is_retried_with_backoff_then_the_message_failed() {
    // Nothing listens on this port: every attempt fails.
    let dead = format!("smtp://127.0.0.1:{}", free_port());
    let dir = tempfile::tempdir().unwrap();
    let clock = pinned(berlin(6, 1, 9, 0));
    let server = serve(
        Database::Sqlite(dir.path().join("s.sqlite")),
        clock.clone(),
        dead,
    )
    .await;
    let url = server.url();
    // Within 24 hours: a confirmation and no reminder.
    let booking = book(&url, berlin(6, 1, 15, 0), "ada@example.com").await;
    let messages = async || {
        let (_, body) = call(
            &url,
            Method::GET,
            &format!("/v1/bookings/{booking}/messages"),
            None,
        )
        .await;
        body["messages"][0].clone()
    };
    // Attempt n fails; the next waits 1, 2, 4, 8 minutes; the fifth failure is final.
    let mut waited = Duration::zero();
    for attempt in 1..=5u64 {
        let m = until("an attempt", async || {
            let m = messages().await;
            (m["attempts"] == attempt).then_some(m)
        })
        .await;
        assert!(
            m["lastError"].as_str().is_some_and(|e| !e.is_empty()),
            "{m}"
        );
        if attempt < 5 {
            assert_eq!(m["state"], "queued", "{m}");
            waited += Duration::minutes(1 << (attempt - 1));
            clock.set(berlin(6, 1, 9, 0) + waited);
        } else {
            assert_eq!(m["state"], "failed", "{m}");
        }
    }
    assert_eq!(waited, Duration::minutes(15));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_postgresql_send_every_message_once() {
    let sink = Sink::start();
    let db = frontdesk_testkit::postgres::fresh_database();
    let clock = pinned(berlin(6, 1, 9, 0));
    let a = serve(Database::parse(&db, 4), clock.clone(), sink.url()).await;
    let b = serve(Database::parse(&db, 4), clock.clone(), sink.url()).await;
    let urls = [a.url(), b.url()];
    let mut bookings = Vec::new();
    for k in 0..16u32 {
        // Within 24 hours: one confirmation each.
        let start = berlin(6, 1, 10, 0) + Duration::hours(i64::from(k));
        let email = format!("customer{k}@example.com");
        bookings.push(book(&urls[(k % 2) as usize], start, &email).await);
    }
    for booking in &bookings {
        until("every confirmation", async || {
            (states(&urls[0], *booking).await == [pair("confirmation", "sent")]).then_some(())
        })
        .await;
    }
    let mails = sink.mails();
    let mut ids: Vec<&str> = mails
        .iter()
        .map(|m| m["messageId"].as_str().unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(mails.len(), 16, "each message once: {mails:#?}");
    assert_eq!(ids.len(), 16);
    a.stop().await;
    b.stop().await;
}

/// The reminder's lead is the studio's setting (`reminderHours`, saved by an admin with the
/// online booking settings): 48 hours; then 0, no reminder at all; a lead beyond 14 days
/// is refused naming the field.
async fn the_reminder_goes_as_long_before_the_start_as_the_studio_set(db: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let clock = pinned(berlin(6, 1, 9, 0));
    // Nothing listens: the messages stay queued, their times are what is checked.
    let dead = format!("smtp://127.0.0.1:{}", free_port());
    let server = serve(db.fresh(dir.path()), clock, dead).await;
    let url = server.url();
    let save = async |hours: u32, version: i64| {
        save_online(
            &url,
            json!({"version": version, "enabled": false, "rooms": [], "leadMinutes": 120,
                "daysAhead": 30, "cancelHours": 24, "reminderHours": hours}),
        )
        .await
    };
    let (status, saved) = save(48, 0).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["reminderHours"], 48, "{saved}");
    let reminders = async |booking: Uuid| {
        messages_of(&url, booking)
            .await
            .iter()
            .filter(|m| m["kind"] == "reminder")
            .map(|m| m["due"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let booking = book(&url, berlin(6, 5, 10, 0), "ada@example.com").await;
    let two_days_before = berlin(6, 3, 10, 0).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    assert_eq!(reminders(booking).await, [two_days_before]);

    let (status, saved) = save(0, saved["version"].as_i64().unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let booking = book(&url, berlin(6, 6, 10, 0), "ada@example.com").await;
    assert!(reminders(booking).await.is_empty());

    let (status, refused) = save(15 * 24, saved["version"].as_i64().unwrap()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("reminderHours"),
        "{refused}"
    );
    server.stop().await;
}

/// A stand-in for an operator's SMS gateway on a loopback port: it keeps every request
/// (its bearer token and JSON), answers 503 to the first for a number, then 200; a number
/// ending in 9 is refused with 400 every time.
struct Gateway {
    url: String,
    got: Requests,
}

/// What the gateway was sent: each request's `Authorization` header and JSON body.
type Requests = Arc<std::sync::Mutex<Vec<(Option<String>, Value)>>>;

impl Gateway {
    async fn start() -> Gateway {
        use axum::http::{HeaderMap, StatusCode as Code};
        let got: Requests = Arc::default();
        let kept = got.clone();
        let app = axum::Router::new().route(
            "/send",
            axum::routing::post(
                move |headers: HeaderMap, axum::Json(body): axum::Json<Value>| {
                    let kept = kept.clone();
                    async move {
                        let token = headers
                            .get("authorization")
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_owned);
                        let to = body["to"].as_str().unwrap_or("").to_owned();
                        let mut got = kept.lock().unwrap();
                        let before = got.iter().filter(|(_, b)| b["to"] == to.as_str()).count();
                        got.push((token, body));
                        if to.ends_with('9') {
                            (Code::BAD_REQUEST, "number not reachable")
                        } else if before == 0 {
                            (Code::SERVICE_UNAVAILABLE, "busy")
                        } else {
                            (Code::OK, "queued")
                        }
                    }
                },
            ),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/send", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Gateway { url, got }
    }

    fn requests(&self) -> Vec<(Option<String>, Value)> {
        self.got.lock().unwrap().clone()
    }
}

/// A studio that sends reminders by SMS too: the reminder goes to the customer's number in
/// E.164 through the gateway, once (a 503 is tried again after a minute with the same id),
/// in the studio's language with its phone; a gateway's 400 fails the SMS at once, and
/// staff see why. A server without a gateway refuses the setting.
async fn an_sms_reminder_goes_through_the_gateway_once_retried_or_refused(db: Backend) {
    let gateway = Gateway::start().await;
    let sink = Sink::start();
    let dir = tempfile::tempdir().unwrap();
    let clock = pinned(berlin(6, 1, 9, 0));
    let sms = SmsSettings {
        url: gateway.url.clone(),
        token: Some("gateway-secret".into()),
        from: Some("Klangraum".into()),
    };
    let server = serve_with(db.fresh(dir.path()), clock.clone(), sink.url(), Some(sms)).await;
    let url = server.url();
    let (status, saved) = save_online(
        &url,
        json!({"version": 0, "enabled": false, "rooms": [], "leadMinutes": 120,
            "daysAhead": 30, "cancelHours": 24, "smsReminders": true,
            "contactPhone": "030 1234567"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let book_with_phone = async |start: DateTime<Utc>, phone: &str| {
        let id = Uuid::new_v4();
        let body = json!({"id": id, "room": "studio-a",
            "start": start.with_timezone(&Berlin).to_rfc3339(),
            "end": (start + Duration::hours(1)).with_timezone(&Berlin).to_rfc3339(),
            "customer": {"name": "Ada Lovelace", "email": "ada@example.com", "phone": phone}});
        let (status, answer) = call(&url, Method::POST, "/v1/bookings", Some(body)).await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
        id
    };
    // Typed as staff type it: kept in E.164, the form the gateway gets.
    let booking = book_with_phone(berlin(6, 3, 10, 0), "0171 2345678").await;
    let refused = book_with_phone(berlin(6, 3, 12, 0), "0171 2345679").await;
    let sms_of = async |id: Uuid| {
        messages_of(&url, id)
            .await
            .into_iter()
            .find(|m| m["kind"] == "sms-reminder")
            .unwrap_or_else(|| panic!("no SMS reminder for {id}"))
    };
    let queued = sms_of(booking).await;
    assert_eq!(
        (queued["recipient"].as_str(), queued["state"].as_str()),
        (Some("+491712345678"), Some("queued"))
    );
    assert!(gateway.requests().is_empty(), "nothing before its time");

    // Their time: the gateway is busy once, then takes it.
    clock.set(berlin(6, 2, 12, 0));
    let first = until("the first attempt", async || {
        let m = sms_of(booking).await;
        (m["attempts"] == 1).then_some(m)
    })
    .await;
    assert_eq!(first["state"], "queued");
    assert!(
        first["lastError"].as_str().unwrap().contains("503"),
        "{first}"
    );
    let failed = until("the refused number", async || {
        let m = sms_of(refused).await;
        (m["state"] == "failed").then_some(m)
    })
    .await;
    assert_eq!(failed["attempts"], 1, "a 400 is not tried again: {failed}");
    assert!(
        failed["lastError"]
            .as_str()
            .unwrap()
            .contains("number not reachable"),
        "{failed}"
    );
    clock.set(berlin(6, 2, 12, 1));
    until("the SMS sent", async || {
        (sms_of(booking).await["state"] == "sent").then_some(())
    })
    .await;
    let requests = gateway.requests();
    let to_ada: Vec<_> = requests
        .iter()
        .filter(|(_, b)| b["to"] == "+491712345678")
        .collect();
    assert_eq!(to_ada.len(), 2, "{requests:#?}");
    assert_eq!(
        to_ada[0].1["id"], to_ada[1].1["id"],
        "one id on every attempt"
    );
    assert_eq!(to_ada[1].0.as_deref(), Some("Bearer gateway-secret"));
    assert_eq!(to_ada[1].1["from"], "Klangraum");
    assert_eq!(
        to_ada[1].1["text"],
        "Klangraum Studios: Erinnerung an Ihre Buchung, Studio A, 03.06.2026 von 10:00 bis \
         11:00 Uhr. Fragen: 030 1234567"
    );
    assert_eq!(
        requests.len(),
        3,
        "the refused number was tried once: {requests:#?}"
    );
    // The e-mail reminder went as well, by SMTP.
    until("the e-mail reminder", async || {
        (sink.mails().len() >= 4).then_some(())
    })
    .await;
    server.stop().await;

    // A server without a gateway cannot offer SMS reminders.
    let dir = tempfile::tempdir().unwrap();
    let plain = serve(db.fresh(dir.path()), pinned(berlin(6, 1, 9, 0)), sink.url()).await;
    let (status, body) = save_online(
        &plain.url(),
        json!({"version": 0, "enabled": false, "rooms": [], "leadMinutes": 120,
            "daysAhead": 30, "cancelHours": 24, "smsReminders": true}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("smsReminders"),
        "{body}"
    );
    plain.stop().await;
}
