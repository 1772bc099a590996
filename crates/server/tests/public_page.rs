//! The public booking page's API end to end, on SQLite and PostgreSQL: a real server on
//! 127.0.0.1 port 0 with its clock pinned, an admin switching the page on, a visitor holding
//! and booking a start while a desk holds another, the live line, the manage link (view,
//! calendar file, cancel within the terms, refused after them, tampered), and bad input
//! refused with the field named and nothing written. The page in a real browser is
//! `e2e/public-page.test.mjs`.
#![allow(clippy::unwrap_used)]

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Method, StatusCode};
use frontdesk_server::app::{start, ServerOptions};
use frontdesk_server::limits::{LimitClock, RateLimits};
use frontdesk_server::RunningServer;
use frontdesk_testkit::backend::Backend;
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::http;
use frontdesk_testkit::on_both_databases;
use frontdesk_testkit::server::any_port;
use frontdesk_testkit::studio::klangraum;
use futures_util::StreamExt;
use serde_json::{json, Value};
use uuid::Uuid;

const DESK: &str = "token-a";
const ADMIN: &str = "token-admin";

on_both_databases!(
    a_visitor_holds_and_books_what_the_page_offers_and_manages_it,
    the_page_refuses_what_it_never_offered_and_writes_nothing,
    a_customer_turns_reminders_off_on_the_page_and_on_again_through_the_link,
    online_bookings_wait_for_staff_approval_when_the_studio_says_so,
);

/// 2026-03-{d} h:min in Berlin.
fn at(d: u32, h: u32, min: u32) -> DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, 3, d, h, min)
}

fn rfc(t: DateTime<Utc>) -> String {
    t.with_timezone(&Berlin).to_rfc3339()
}

struct Studio {
    server: RunningServer,
    url: String,
    clock: std::sync::Arc<frontdesk_clock::ManualClock>,
    http: reqwest::Client,
    _dir: tempfile::TempDir,
}

impl Studio {
    /// Klangraum (open around the clock, Studio A at 40.00 an hour) on Monday 2026-03-23
    /// 09:00 in Berlin, its page switched on for Studio A (60 and 120 minutes), two hours'
    /// notice, 30 days ahead, free cancellation until 24 hours before.
    async fn start(db: Backend) -> Studio {
        let dir = tempfile::tempdir().unwrap();
        let database = db.fresh(dir.path());
        let toml =
            klangraum()
                .toml()
                .replacen("interval = 60\n", "interval = 60\nprice = 4000\n", 1);
        let config = frontdesk_store::StudioConfig::parse(&toml).unwrap();
        let clock = pinned(at(23, 9, 0));
        // The page's calls all come from 127.0.0.1 here: the per-address limit is lifted,
        // and the limiters' clock stands still, so the per-e-mail limit is exact.
        let server = start(ServerOptions {
            dev_tokens: true,
            limits: RateLimits {
                address_rate: 10_000,
                address_burst: 10_000,
                clock: LimitClock::manual(),
                ..RateLimits::default()
            },
            ..ServerOptions::new(config, database, any_port(), clock.clone())
        })
        .await
        .unwrap();
        let url = server.url();
        let studio = Studio {
            server,
            url,
            clock,
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
            _dir: dir,
        };
        // Off until an admin switches it on: the page and its API are not there.
        assert_eq!(
            studio
                .public(Method::GET, "/public/v1/studios/main/offer", None)
                .await
                .0,
            404
        );
        let on = json!({"version": 0, "enabled": true,
            "rooms": [{"room": "studio-a", "durations": [60, 120]}],
            "leadMinutes": 120, "daysAhead": 30, "cancelHours": 24,
            "contactPhone": "+49 30 1234567", "contactEmail": "hello@klangraum.example"});
        // A contact customers could not use is refused by name, and nothing is saved.
        let mut unusable = on.clone();
        unusable["contactPhone"] = json!("call us");
        let (status, body) = http::call(
            &studio.url,
            ADMIN,
            Method::PUT,
            "/v1/online-booking",
            Some(unusable),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .starts_with("contactPhone"),
            "{body}"
        );
        let (status, _) = http::call(
            &studio.url,
            DESK,
            Method::PUT,
            "/v1/online-booking",
            Some(on.clone()),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let saved = http::ok(
            &studio.url,
            ADMIN,
            Method::PUT,
            "/v1/online-booking",
            Some(on.clone()),
        )
        .await;
        assert_eq!(
            (saved["version"].as_i64(), saved["page"].as_str()),
            (Some(1), Some("/book/main"))
        );
        // Saved meanwhile (made to version 0 again): refused, nothing changes.
        let (status, body) = http::call(
            &studio.url,
            ADMIN,
            Method::PUT,
            "/v1/online-booking",
            Some(on),
        )
        .await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::CONFLICT, Some("stale"))
        );
        studio
    }

    /// A call without any token, as the page makes it: status and JSON (null if none).
    async fn public(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self.http.request(method, format!("{}{path}", self.url));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer = request.send().await.unwrap();
        let status = answer.status().as_u16();
        (status, answer.json().await.unwrap_or(Value::Null))
    }

    async fn slots(&self, date: &str, minutes: u32, session: Uuid) -> Vec<(String, String)> {
        let path = format!(
            "/public/v1/studios/main/slots?room=studio-a&date={date}&duration={minutes}&session={session}"
        );
        let (status, body) = self.public(Method::GET, &path, None).await;
        assert_eq!(status, 200, "{body}");
        body["slots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let start: DateTime<Utc> = s["start"].as_str().unwrap().parse().unwrap();
                let local = start.with_timezone(&Berlin).format("%H:%M").to_string();
                (local, s["status"].as_str().unwrap().to_owned())
            })
            .collect()
    }

    async fn hold(&self, session: Uuid, from: DateTime<Utc>, minutes: i64) -> (u16, Value) {
        let body = json!({"room": "studio-a", "start": rfc(from), "end": rfc(from + Duration::minutes(minutes))});
        self.public(
            Method::PUT,
            &format!("/public/v1/studios/main/holds/{session}"),
            Some(body),
        )
        .await
    }

    async fn book(&self, session: Uuid, from: DateTime<Utc>, email: &str) -> (u16, Value) {
        let body = json!({"session": session, "room": "studio-a", "start": rfc(from),
            "end": rfc(from + Duration::hours(1)), "name": "Ada Lovelace", "email": email,
            "phone": "+49 171 2345678", "language": "de", "website": ""});
        self.public(Method::POST, "/public/v1/studios/main/bookings", Some(body))
            .await
    }

    /// The bookings a desk sees on a date of March: (id, desk, status).
    async fn desk_bookings(&self, d: u32) -> Vec<(String, String)> {
        let path = format!(
            "/v1/bookings?from={}&to={}",
            urlencode(&rfc(at(d, 0, 0))),
            urlencode(&rfc(at(d + 1, 0, 0)))
        );
        let body = http::ok(&self.url, DESK, Method::GET, &path, None).await;
        body["bookings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                (
                    b["id"].as_str().unwrap().to_owned(),
                    b["desk"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }
}

fn urlencode(text: &str) -> String {
    text.replace('+', "%2B").replace(':', "%3A")
}

async fn a_visitor_holds_and_books_what_the_page_offers_and_manages_it(db: Backend) {
    let studio = Studio::start(db).await;
    let (status, offer) = studio
        .public(Method::GET, "/public/v1/studios/main/offer", None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        offer["rooms"].as_array().unwrap().len(),
        1,
        "only Studio A is online: {offer}"
    );
    assert_eq!(offer["rooms"][0]["durations"], json!([60, 120]));
    assert_eq!(
        (offer["firstDate"].as_str(), offer["lastDate"].as_str()),
        (Some("2026-03-23"), Some("2026-04-22"))
    );
    assert_eq!(offer["cancelHours"], 24);

    // Two hours' notice: today's first start is 11:00.
    let visitor = Uuid::new_v4();
    let today = studio.slots("2026-03-23", 60, visitor).await;
    assert_eq!(today.first().map(|s| s.0.as_str()), Some("11:00"));
    assert!(today.iter().all(|s| s.1 == "available"));

    // The page watches Wednesday; a desk holds 12:00 there: the page hears of it and shows it
    // reserved, and cannot take it.
    let mut live = studio
        .http
        .get(format!(
            "{}/public/v1/studios/main/events?room=studio-a&date=2026-03-25",
            studio.url
        ))
        .send()
        .await
        .unwrap()
        .bytes_stream();
    let desk_session = Uuid::new_v4();
    let hold = json!({"holds": [{"room": "studio-a", "start": rfc(at(25, 12, 0)), "end": rfc(at(25, 13, 0))}]});
    http::ok(
        &studio.url,
        DESK,
        Method::PUT,
        &format!("/v1/holds/{desk_session}"),
        Some(hold),
    )
    .await;
    let heard = tokio::time::timeout(StdDuration::from_secs(5), async {
        let mut text = String::new();
        while let Some(chunk) = live.next().await {
            text.push_str(&String::from_utf8_lossy(&chunk.unwrap()));
            if text.contains("event: slots") {
                return text;
            }
        }
        text
    })
    .await
    .expect("the page hears of the desk's hold");
    assert!(heard.contains("event: slots"), "{heard}");
    let wednesday = studio.slots("2026-03-25", 60, visitor).await;
    assert!(
        wednesday.contains(&("12:00".into(), "reserved".into())),
        "{wednesday:?}"
    );
    let (status, refused) = studio.hold(visitor, at(25, 12, 0), 60).await;
    assert_eq!(
        (status, refused["error"].as_str()),
        (409, Some("conflict")),
        "{refused}"
    );

    // The visitor holds 13:00: theirs on the page, reserved for the desk (as `online`).
    let (status, held) = studio.hold(visitor, at(25, 13, 0), 60).await;
    assert_eq!(status, 200, "{held}");
    assert!(studio
        .slots("2026-03-25", 60, visitor)
        .await
        .contains(&("13:00".into(), "yours".into())));
    assert!(studio
        .slots("2026-03-25", 60, Uuid::new_v4())
        .await
        .contains(&("13:00".into(), "reserved".into())));
    let holds = http::ok(
        &studio.url,
        DESK,
        Method::GET,
        "/v1/holds?room=studio-a&date=2026-03-25",
        None,
    )
    .await;
    let desks: Vec<&str> = holds["holds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["desk"].as_str().unwrap())
        .collect();
    assert!(desks.contains(&"online"), "{holds}");

    // Another visitor cannot book the held start; the holder can.
    let (status, _) = studio
        .book(Uuid::new_v4(), at(25, 13, 0), "grace@example.com")
        .await;
    assert_eq!(status, 409);
    let (status, booked) = studio.book(visitor, at(25, 13, 0), "ada@example.com").await;
    assert_eq!(status, 201, "{booked}");
    assert_eq!(
        (booked["roomName"].as_str(), booked["price"].as_u64()),
        (Some("Studio A"), Some(4000))
    );
    let id = booked["id"].as_str().unwrap().to_owned();
    assert_eq!(
        studio.desk_bookings(25).await,
        vec![(id.clone(), "online".to_owned())]
    );

    // The manage link: the booking, its calendar file, a cancellation within the terms.
    let manage = booked["manage"].as_str().unwrap();
    let token = manage.strip_prefix("/book/manage/").unwrap();
    let (status, view) = studio
        .public(Method::GET, &format!("/public/v1/manage/{token}"), None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            view["canCancel"].as_bool(),
            view["booking"]["status"].as_str()
        ),
        (Some(true), Some("confirmed"))
    );
    let ics = studio
        .http
        .get(format!(
            "{}/public/v1/manage/{token}/calendar.ics",
            studio.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        ics.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    assert!(ics
        .text()
        .await
        .unwrap()
        .contains(&format!("UID:{id}@frontdesk")));
    let page = studio
        .http
        .get(format!("{}{manage}", studio.url))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let mut tampered = token.to_owned();
    let last = tampered.pop().unwrap();
    tampered.push(if last == '0' { '1' } else { '0' });
    for bad in [tampered.as_str(), "main.00", "nord.abc", "x"] {
        let (status, _) = studio
            .public(Method::GET, &format!("/public/v1/manage/{bad}"), None)
            .await;
        assert_eq!(status, 404, "{bad}");
        let page = studio
            .http
            .get(format!("{}/book/manage/{bad}", studio.url))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 404, "{bad}");
    }
    let (status, cancelled) = studio
        .public(
            Method::POST,
            &format!("/public/v1/manage/{token}/cancel"),
            None,
        )
        .await;
    assert_eq!(
        (status, cancelled["booking"]["status"].as_str()),
        (200, Some("cancelled"))
    );

    // A second booking, then past the terms (less than 24 h before): refused, kept.
    let again = Uuid::new_v4();
    assert_eq!(studio.hold(again, at(25, 15, 0), 60).await.0, 200);
    let (_, late) = studio.book(again, at(25, 15, 0), "ada@example.com").await;
    let token = late["manage"]
        .as_str()
        .unwrap()
        .strip_prefix("/book/manage/")
        .unwrap()
        .to_owned();
    studio.clock.set(at(24, 15, 30));
    let (status, refused) = studio
        .public(
            Method::POST,
            &format!("/public/v1/manage/{token}/cancel"),
            None,
        )
        .await;
    assert_eq!((status, refused["error"].as_str()), (422, Some("invalid")));
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("2026-03-24 15:00"),
        "{refused}"
    );
    let (_, view) = studio
        .public(Method::GET, &format!("/public/v1/manage/{token}"), None)
        .await;
    assert_eq!(
        (
            view["canCancel"].as_bool(),
            view["booking"]["status"].as_str()
        ),
        (Some(false), Some("confirmed"))
    );
    // Past the terms the page says how to reach the studio.
    assert_eq!(
        (
            view["studio"]["phone"].as_str(),
            view["studio"]["email"].as_str()
        ),
        (Some("+49 30 1234567"), Some("hello@klangraum.example"))
    );
    studio.server.stop().await;
}

async fn the_page_refuses_what_it_never_offered_and_writes_nothing(db: Backend) {
    let studio = Studio::start(db).await;
    let visitor = Uuid::new_v4();
    // Too soon (two hours' notice), too far ahead, off the grid, a room or duration not online.
    for (from, minutes, field) in [
        (at(23, 10, 0), 60, "start"),
        (at(23, 11, 30), 60, "start"),
        (at(23, 11, 0), 300, "duration"),
    ] {
        let (status, body) = studio.hold(visitor, from, minutes).await;
        assert_eq!(status, 422, "{body}");
        assert!(
            body["message"].as_str().unwrap().starts_with(field),
            "{body}"
        );
    }
    let far = at(23, 11, 0) + Duration::days(31);
    assert_eq!(studio.hold(visitor, far, 60).await.0, 422);
    let body = json!({"room": "studio-b", "start": rfc(at(25, 11, 0)), "end": rfc(at(25, 12, 0))});
    let (status, refused) = studio
        .public(
            Method::PUT,
            &format!("/public/v1/studios/main/holds/{visitor}"),
            Some(body),
        )
        .await;
    assert_eq!(
        (status, refused["error"].as_str()),
        (422, Some("unknown_room"))
    );
    // Unknown studios and bad ids: the same 404 as a page that is off.
    for path in [
        "/public/v1/studios/nord/offer",
        "/public/v1/studios/Main!/offer",
        "/book/nord",
    ] {
        assert_eq!(
            studio.public(Method::GET, path, None).await.0,
            404,
            "{path}"
        );
    }

    // A malformed e-mail, the honeypot filled, no name: each named, nothing written.
    assert_eq!(studio.hold(visitor, at(25, 11, 0), 60).await.0, 200);
    let base = json!({"session": visitor, "room": "studio-a", "start": rfc(at(25, 11, 0)),
        "end": rfc(at(25, 12, 0)), "name": "Ada", "email": "ada@example.com"});
    for (key, value, field) in [
        ("email", "ada@example", "email"),
        ("website", "https://spam.example", "website"),
        ("name", "  ", "name"),
        ("phone", "call me", "phone"),
    ] {
        let mut body = base.clone();
        body[key] = json!(value);
        let (status, refused) = studio
            .public(Method::POST, "/public/v1/studios/main/bookings", Some(body))
            .await;
        assert_eq!(status, 422, "{refused}");
        assert!(
            refused["message"].as_str().unwrap().starts_with(field),
            "{refused}"
        );
    }
    assert!(studio.desk_bookings(25).await.is_empty());

    // One address holds at most three starts at once; a released one frees its place.
    let visitors: Vec<Uuid> = (0..4).map(|_| Uuid::new_v4()).collect();
    for (i, v) in visitors.iter().take(2).enumerate() {
        let (status, body) = studio.hold(*v, at(27, 11 + i as u32, 0), 60).await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, refused) = studio.hold(visitors[2], at(27, 14, 0), 60).await;
    assert_eq!(
        (status, refused["error"].as_str()),
        (429, Some("rate_limited")),
        "the first visitor's hold of the 25th counts"
    );
    let released = studio
        .public(
            Method::DELETE,
            &format!("/public/v1/studios/main/holds/{visitor}"),
            None,
        )
        .await;
    assert_eq!(released.0, 204);
    assert_eq!(studio.hold(visitors[2], at(27, 14, 0), 60).await.0, 200);
    for v in &visitors[..3] {
        let path = format!("/public/v1/studios/main/holds/{v}");
        assert_eq!(studio.public(Method::DELETE, &path, None).await.0, 204);
    }

    // One e-mail address books at most five times an hour: the sixth waits, told how long.
    for hour in 11..16 {
        let session = Uuid::new_v4();
        assert_eq!(studio.hold(session, at(26, hour, 0), 60).await.0, 200);
        assert_eq!(
            studio
                .book(session, at(26, hour, 0), "Bot@Example.com")
                .await
                .0,
            201
        );
    }
    let session = Uuid::new_v4();
    assert_eq!(studio.hold(session, at(26, 17, 0), 60).await.0, 200);
    let answer = studio
        .http
        .post(format!("{}/public/v1/studios/main/bookings", studio.url))
        .json(
            &json!({"session": session, "room": "studio-a", "start": rfc(at(26, 17, 0)),
            "end": rfc(at(26, 18, 0)), "name": "Bot", "email": "bot@example.com"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 429);
    assert!(answer.headers().contains_key("retry-after"));
    assert_eq!(studio.desk_bookings(26).await.len(), 5);
    studio.server.stop().await;
}

/// The page asks whether to send a reminder; the answer is recorded for the customer's
/// address with the booking, the desk sees it on the booking, and the manage link turns
/// reminders on and off again (cancelling the pending one when off).
async fn a_customer_turns_reminders_off_on_the_page_and_on_again_through_the_link(db: Backend) {
    let studio = Studio::start(db).await;
    let (_, offer) = studio
        .public(Method::GET, "/public/v1/studios/main/offer", None)
        .await;
    assert_eq!(offer["reminderHours"], 24, "the page asks: {offer}");
    let visitor = Uuid::new_v4();
    assert_eq!(studio.hold(visitor, at(26, 13, 0), 60).await.0, 200);
    let body = json!({"session": visitor, "room": "studio-a", "start": rfc(at(26, 13, 0)),
        "end": rfc(at(26, 14, 0)), "name": "Ada Lovelace", "email": "Ada@Example.com",
        "language": "en", "website": "", "reminders": false});
    let (status, booked) = studio
        .public(Method::POST, "/public/v1/studios/main/bookings", Some(body))
        .await;
    assert_eq!(status, 201, "{booked}");
    let id = booked["id"].as_str().unwrap().to_owned();
    let token = booked["manage"]
        .as_str()
        .unwrap()
        .strip_prefix("/book/manage/")
        .unwrap()
        .to_owned();
    let messages = async || {
        http::ok(
            &studio.url,
            DESK,
            Method::GET,
            &format!("/v1/bookings/{id}/messages"),
            None,
        )
        .await
    };
    let kinds = |m: &Value| -> Vec<(String, String)> {
        m["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                (
                    x["kind"].as_str().unwrap().into(),
                    x["state"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    let seen = messages().await;
    assert_eq!(kinds(&seen), [("confirmation".into(), "queued".into())]);
    assert_eq!(
        (
            seen["consent"]["reminders"].as_bool(),
            seen["consent"]["source"].as_str()
        ),
        (Some(false), Some("page")),
        "{seen}"
    );
    let (_, view) = studio
        .public(Method::GET, &format!("/public/v1/manage/{token}"), None)
        .await;
    assert_eq!(view["reminders"].as_bool(), Some(false), "{view}");

    // On again through the link: recorded as the link's, shown on the manage page.
    studio.clock.set(at(23, 10, 0));
    let (status, view) = studio
        .public(
            Method::PUT,
            &format!("/public/v1/manage/{token}/reminders"),
            Some(json!({"reminders": true})),
        )
        .await;
    assert_eq!(
        (status, view["reminders"].as_bool()),
        (200, Some(true)),
        "{view}"
    );
    let seen = messages().await;
    assert_eq!(
        (
            seen["consent"]["source"].as_str(),
            seen["consent"]["at"].as_str()
        ),
        (Some("link"), Some("2026-03-23T09:00:00Z")),
        "{seen}"
    );
    // A second booking now gets its reminder; off through the link cancels it.
    let again = Uuid::new_v4();
    assert_eq!(studio.hold(again, at(27, 13, 0), 60).await.0, 200);
    let (_, second) = studio.book(again, at(27, 13, 0), "ada@example.com").await;
    let second_id = second["id"].as_str().unwrap().to_owned();
    let second_kinds = async || {
        kinds(
            &http::ok(
                &studio.url,
                DESK,
                Method::GET,
                &format!("/v1/bookings/{second_id}/messages"),
                None,
            )
            .await,
        )
    };
    assert_eq!(
        second_kinds().await[1],
        ("reminder".into(), "queued".into())
    );
    let (status, _) = studio
        .public(
            Method::PUT,
            &format!("/public/v1/manage/{token}/reminders"),
            Some(json!({"reminders": false})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        second_kinds().await[1],
        ("reminder".into(), "cancelled".into())
    );
    // A tampered link changes nothing.
    let (status, _) = studio
        .public(
            Method::PUT,
            &format!("/public/v1/manage/{token}0/reminders"),
            Some(json!({"reminders": true})),
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(messages().await["consent"]["reminders"], false);
    studio.server.stop().await;
}

/// A studio whose online bookings wait for staff: the page's booking holds its time, is
/// marked on every desk, and its customer hears the request arrived; staff approve it (the
/// confirmation and reminder go then) or decline it by cancelling (word of the decline, no
/// fee). Only a waiting booking can be approved.
async fn online_bookings_wait_for_staff_approval_when_the_studio_says_so(db: Backend) {
    let studio = Studio::start(db).await;
    let waits = json!({"version": 1, "enabled": true,
        "rooms": [{"room": "studio-a", "durations": [60, 120]}],
        "leadMinutes": 120, "daysAhead": 30, "cancelHours": 24, "approval": true});
    let saved = http::ok(
        &studio.url,
        ADMIN,
        Method::PUT,
        "/v1/online-booking",
        Some(waits),
    )
    .await;
    assert_eq!(saved["approval"], true, "{saved}");
    let book = async |d: u32| {
        let visitor = Uuid::new_v4();
        assert_eq!(studio.hold(visitor, at(d, 13, 0), 60).await.0, 200);
        let (status, booked) = studio.book(visitor, at(d, 13, 0), "ada@example.com").await;
        assert_eq!(status, 201, "{booked}");
        assert_eq!(booked["awaitingApproval"], true, "{booked}");
        booked["id"].as_str().unwrap().to_owned()
    };
    let desk = async |method: Method, path: String, body: Option<Value>| {
        http::call(&studio.url, DESK, method, &path, body).await
    };
    let kinds = async |id: &str| -> Vec<String> {
        let (_, m) = desk(Method::GET, format!("/v1/bookings/{id}/messages"), None).await;
        m["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                format!(
                    "{} {}",
                    x["kind"].as_str().unwrap(),
                    x["state"].as_str().unwrap()
                )
            })
            .collect()
    };

    let approved = book(26).await;
    let (_, seen) = desk(Method::GET, format!("/v1/bookings/{approved}"), None).await;
    assert_eq!(
        (seen["awaitingApproval"].as_bool(), seen["desk"].as_str()),
        (Some(true), Some("online")),
        "the desk sees it waiting: {seen}"
    );
    assert_eq!(kinds(&approved).await, ["request queued"]);
    // The time is held: nobody else can take it while it waits.
    let other = Uuid::new_v4();
    assert_eq!(studio.hold(other, at(26, 13, 0), 60).await.0, 409);

    // Staff approve it half an hour later.
    studio.clock.set(at(23, 9, 30));
    let approve = json!({"version": 1, "change": {"kind": "approve"}});
    let (status, after) = desk(
        Method::POST,
        format!("/v1/bookings/{approved}/changes"),
        Some(approve.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{after}");
    assert!(after.get("awaitingApproval").is_none(), "{after}");
    assert_eq!(
        kinds(&approved).await,
        ["request queued", "confirmation queued", "reminder queued"]
    );
    // Approved already: a second approval is refused by name, and changes nothing.
    let again = json!({"version": 2, "change": {"kind": "approve"}});
    let (status, refused) = desk(
        Method::POST,
        format!("/v1/bookings/{approved}/changes"),
        Some(again),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(
        refused["message"].as_str().unwrap().starts_with("approve"),
        "{refused}"
    );

    // Declined: cancelled by staff, the customer told so, nothing owed.
    let declined = book(27).await;
    studio.clock.set(at(23, 10, 0));
    let (status, cancelled) = desk(
        Method::POST,
        format!("/v1/bookings/{declined}/cancel"),
        Some(json!({"reason": "the studio is closed for a private event"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    assert!(cancelled.get("fee").is_none(), "no fee: {cancelled}");
    assert_eq!(
        kinds(&declined).await,
        ["request queued", "declined queued"]
    );
    studio.server.stop().await;
}
