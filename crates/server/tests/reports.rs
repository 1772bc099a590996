//! The studio's numbers over HTTP, on a real server on 127.0.0.1 port 0: bookings, changes
//! and payments made through the API (cancelled, no-show, a refund, a series, a merged
//! customer, two rooms, a period across the autumn clock change and a month's end), then
//! every report equals the naive model of `frontdesk_testkit::naive_reports` and a few
//! figures worked out by hand; SQLite and PostgreSQL answer the same, and a second studio
//! on the same PostgreSQL database, with the same room ids, shows in none of them. The
//! payments read in pages of 1, 2 and 4 are the unpaged list with its totals, on both
//! databases, and a cursor of one studio shows nothing of another. Bad queries (`limit`,
//! `after` too) are refused naming the field; money and payments need an admin token.
#![allow(clippy::unwrap_used)]

use std::process::Command;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Method, StatusCode};
use frontdesk_protocol::{
    BookingDto, CustomerRecordDto, PaymentDto, PaymentsCursor, PaymentsReport, ReportPeriod,
    ReportQuery,
};
use frontdesk_server::{Database, ManualClock, RunningServer};
use frontdesk_store::StudioConfig;
use frontdesk_testkit::backend::Backend;
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::http;
use frontdesk_testkit::naive_reports::{self as naive, PaymentChange};
use frontdesk_testkit::on_both_databases;
use frontdesk_testkit::payment_pages::read_all;
use frontdesk_testkit::postgres::fresh_database;
use frontdesk_testkit::server::{any_port, enrol, serve_database, server_binary};
use frontdesk_testkit::studio::{hours, klangraum, StudioToml};
use serde_json::{json, Value};
use uuid::Uuid;

/// A desk of Klangraum, and its admin desk.
const DESK: &str = "token-a";
const ADMIN: &str = "token-admin";
/// The period: two weeks and a bit, over the clock change (Sunday 25 October) and into
/// November.
const PERIOD: &str = "from=2026-10-19&to=2026-11-03";
const REPORTS: [&str; 4] = ["occupancy", "money", "customers", "payments"];

fn berlin(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, m, d, h, min)
}

fn rfc(t: DateTime<Utc>) -> String {
    t.with_timezone(&Berlin).to_rfc3339()
}

/// Klangraum open 08:00–22:00 on weekdays and around the clock at weekends, closed on
/// Wednesday 28 October; Studio A at 40.00 an hour, Studio B at 30.00 with 30 minutes of
/// changeover.
fn klangraum_priced() -> StudioToml {
    klangraum()
        .week(&hours("08:00", "22:00"), &hours("00:00", "24:00"))
        .changeover(30)
}

fn config(studio: &StudioToml) -> StudioConfig {
    let text = studio
        .toml()
        .replace(
            "[studio.hours]\n",
            "closed = [\"2026-10-28\"]\n[studio.hours]\n",
        )
        .replace("id = \"studio-a\"\n", "id = \"studio-a\"\nprice = 4000\n")
        .replace("id = \"studio-b\"\n", "id = \"studio-b\"\nprice = 3000\n");
    let mut config = StudioConfig::parse(&text).unwrap();
    // The fee tests' terms: late cancellations and no-shows owe fees, which the money
    // report counts.
    let terms = frontdesk_core::cancellation::StudioTerms {
        studio: frontdesk_testkit::studio::late_fee_terms(),
        rooms: Default::default(),
    };
    config.studio = config.studio.with_cancellation(terms).unwrap();
    config
}

struct Server {
    server: RunningServer,
    clock: Arc<ManualClock>,
    url: String,
    /// Every payment change made, as the audit records it (for the naive model).
    payments: Mutex<Vec<PaymentChange>>,
    _dir: tempfile::TempDir,
}

impl Server {
    async fn start(database: impl FnOnce(&std::path::Path) -> Database) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let clock = pinned(berlin(10, 1, 7, 0));
        let server = serve_database(
            config(&klangraum_priced()),
            database(dir.path()),
            any_port(),
            clock.clone(),
        )
        .await;
        let url = server.url();
        Server {
            server,
            clock,
            url,
            payments: Mutex::new(Vec::new()),
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

    /// A booking of `name` (with `phone`, if any); its version.
    async fn book(
        &self,
        id: u128,
        room: &str,
        (start, end): (DateTime<Utc>, DateTime<Utc>),
        name: &str,
        phone: Option<&str>,
    ) -> i64 {
        let mut body = json!({"id": Uuid::from_u128(id), "room": room, "start": rfc(start),
                              "end": rfc(end), "customer": {"name": name}});
        if let Some(phone) = phone {
            body["customer"]["phone"] = json!(phone);
        }
        let made = self
            .ok(DESK, Method::POST, "/v1/bookings", Some(body))
            .await;
        made["version"].as_i64().unwrap()
    }

    /// A change of booking `id` made at `at` by `token`; the booking's version after.
    async fn change(
        &self,
        token: &str,
        id: u128,
        version: i64,
        at: DateTime<Utc>,
        change: Value,
    ) -> i64 {
        self.clock.set(at);
        let booking = format!("/v1/bookings/{}", Uuid::from_u128(id));
        let before = self.ok(token, Method::GET, &booking, None).await;
        let path = format!("{booking}/changes");
        let body = json!({"version": version, "change": change});
        let changed = self.ok(token, Method::POST, &path, Some(body)).await;
        if change["kind"] == "payment" {
            // An unpaid booking's answer leaves its payment out.
            let payment = |b: &Value| match &b["payment"] {
                Value::Null => PaymentDto::unpaid(),
                p => serde_json::from_value(p.clone()).unwrap(),
            };
            self.payments.lock().unwrap().push(PaymentChange {
                at,
                booking: Uuid::from_u128(id),
                desk: (if token == ADMIN {
                    "office"
                } else {
                    "reception"
                })
                .to_owned(),
                staff: None,
                from: payment(&before),
                to: payment(&changed),
            });
        }
        changed["version"].as_i64().unwrap()
    }

    async fn report(&self, name: &str, query: &str) -> Value {
        self.ok(
            ADMIN,
            Method::GET,
            &format!("/v1/reports/{name}?{query}"),
            None,
        )
        .await
    }

    async fn stop(self) {
        self.server.stop().await;
    }
}

fn payment(status: &str, amount: u64, method: &str) -> Value {
    json!({"kind": "payment", "payment": {"status": status, "amount": amount, "method": method}})
}

/// The bookings, changes and payments every test of the numbers starts from (the same ids
/// on every database).
async fn fill(s: &Server) {
    // Ada: two hours of Studio A, paid in cash at the end.
    let v = s
        .book(
            1,
            "studio-a",
            (berlin(10, 20, 10, 0), berlin(10, 20, 12, 0)),
            "Ada Lovelace",
            Some("+49 30 1111"),
        )
        .await;
    s.change(
        DESK,
        1,
        v,
        berlin(10, 20, 12, 5),
        payment("paid", 8000, "cash"),
    )
    .await;
    // Ben: the night the clocks go back, 01:30 summer time to 03:30 winter time (three
    // hours), a card deposit of 50.00 of which 20.00 is given back.
    let night = (
        "2026-10-24T23:30:00Z".parse().unwrap(),
        "2026-10-25T02:30:00Z".parse().unwrap(),
    );
    let v = s
        .book(2, "studio-a", night, "Ben Button", Some("+49 30 2222"))
        .await;
    let v = s
        .change(
            DESK,
            2,
            v,
            berlin(10, 25, 4, 0),
            payment("deposit", 5000, "card"),
        )
        .await;
    s.change(
        ADMIN,
        2,
        v,
        berlin(10, 26, 9, 0),
        payment("deposit", 3000, "card"),
    )
    .await;
    // Ada again in Studio B: paid 30.00 cash, then cancelled (the money stays paid).
    let v = s
        .book(
            3,
            "studio-b",
            (berlin(10, 21, 14, 0), berlin(10, 21, 15, 0)),
            "Ada Lovelace",
            Some("+49 30 1111"),
        )
        .await;
    s.change(
        DESK,
        3,
        v,
        berlin(10, 21, 9, 0),
        payment("paid", 3000, "cash"),
    )
    .await;
    s.clock.set(berlin(10, 21, 10, 0));
    s.ok(
        DESK,
        Method::POST,
        &format!("/v1/bookings/{}/cancel", Uuid::from_u128(3)),
        Some(json!({"reason": "the band split"})),
    )
    .await;
    // Cleo: two hours in Studio B back to back with its changeover, then a no-show; unpaid.
    s.book(
        4,
        "studio-b",
        (berlin(10, 22, 16, 0), berlin(10, 22, 17, 0)),
        "Cleo Clay",
        Some("+49 30 3333"),
    )
    .await;
    let v = s
        .book(
            5,
            "studio-b",
            (berlin(10, 22, 18, 0), berlin(10, 22, 19, 0)),
            "Cleo Clay",
            Some("+49 30 3333"),
        )
        .await;
    s.change(
        DESK,
        5,
        v,
        berlin(10, 22, 18, 30),
        json!({"kind": "noShow"}),
    )
    .await;
    // Dan's weekly band: Tuesdays 27 October, 3 and 10 November (the last after the period).
    s.clock.set(berlin(10, 2, 9, 0));
    let rule = json!({"room": "studio-b", "first": "2026-10-27", "start": "10:00",
                      "minutes": 60, "repeat": "weekly", "times": 3});
    let series = json!({"id": Uuid::from_u128(6), "rule": rule,
                        "customer": {"name": "Dan Drum", "phone": "+49 30 4444"}});
    s.ok(DESK, Method::POST, "/v1/series", Some(series)).await;
    // "Ada L." without a phone is a record of her own until merged into Ada's.
    s.book(
        7,
        "studio-a",
        (berlin(11, 2, 20, 0), berlin(11, 2, 22, 0)),
        "Ada L.",
        None,
    )
    .await;
    let ada = customer_id(s, "Lovelace").await;
    let other = customer_id(s, "Ada L.").await;
    s.ok(
        DESK,
        Method::POST,
        &format!("/v1/customers/{ada}/merge"),
        Some(json!({"gone": other})),
    )
    .await;
    // Before and after the period: not in its bookings; the first one's payments are
    // recorded in the period, so they are in the period's payments.
    let v = s
        .book(
            8,
            "studio-a",
            (berlin(10, 18, 10, 0), berlin(10, 18, 11, 0)),
            "Eve Early",
            Some("+49 30 5555"),
        )
        .await;
    // A deposit in cash, the rest by card: the second change counts under card.
    let v = s
        .change(
            DESK,
            8,
            v,
            berlin(10, 19, 8, 30),
            payment("deposit", 1500, "cash"),
        )
        .await;
    s.change(
        DESK,
        8,
        v,
        berlin(10, 19, 8, 45),
        payment("paid", 4000, "card"),
    )
    .await;
    s.book(
        9,
        "studio-a",
        (berlin(11, 4, 10, 0), berlin(11, 4, 11, 0)),
        "Lou Late",
        Some("+49 30 6666"),
    )
    .await;
    s.clock.set(berlin(11, 20, 12, 0));
}

/// The id of the one customer record whose name contains `name`.
async fn customer_id(s: &Server, name: &str) -> String {
    let found = s
        .ok(
            DESK,
            Method::GET,
            &format!("/v1/customers?q={}", name.replace(' ', "%20")),
            None,
        )
        .await;
    let list = found["customers"].as_array().unwrap();
    let hits: Vec<&Value> = list
        .iter()
        .filter(|c| c["customer"]["name"].as_str().unwrap().contains(name))
        .collect();
    assert_eq!(hits.len(), 1, "{found}");
    hits[0]["customer"]["id"].as_str().unwrap().to_owned()
}

/// Every report of the period, by name.
async fn reports(s: &Server, query: &str) -> Vec<(&'static str, Value)> {
    let mut all = Vec::new();
    for name in REPORTS {
        all.push((name, s.report(name, query).await));
    }
    all
}

/// The figures worked out by hand from `fill`.
fn check_by_hand(reports: &[(&str, Value)]) {
    let get = |name: &str| &reports.iter().find(|(n, _)| *n == name).unwrap().1;
    let money = get("money");
    // Studio A: Ada (80.00), Ben's three hours (120.00), Ada L. (80.00); Studio B: Cleo's
    // first (30.00), her no-show's fee (80 %: 24.00, not its price), Dan's two (30.00
    // each), and the fee of Ada's cancellation 4 hours before (50 %: 15.00).
    assert_eq!(
        money["byRoom"][0],
        json!({"room": "studio-a", "bookings": 3, "billed": 28000, "fees": 0, "paid": 11000})
    );
    assert_eq!(
        money["byRoom"][1],
        json!({"room": "studio-b", "bookings": 4, "billed": 3000 + 2400 + 6000 + 1500,
               "fees": 2400 + 1500, "paid": 3000})
    );
    assert_eq!(money["byMonth"].as_array().unwrap().len(), 2, "{money}");
    assert_eq!(
        money["byMonth"][1],
        json!({"month": "2026-11", "billed": 11000, "fees": 0, "paid": 0})
    );
    assert_eq!(
        money["byMethod"],
        json!([{"method": "cash", "paid": 11000}, {"method": "card", "paid": 3000}])
    );
    // Unpaid: Ben (120.00 − 30.00), Cleo's first, Dan's two, Ada L., and Cleo's no-show's
    // fee; not Ada's cancellation (her 30.00 paid covers its fee).
    assert_eq!(
        money["unpaid"],
        json!({"bookings": 6, "amount": 9000 + 3000 + 6000 + 8000 + 2400})
    );
    let customers = get("customers");
    assert_eq!(
        (
            &customers["bookings"],
            &customers["cancelled"],
            &customers["noShows"],
            &customers["series"]
        ),
        (&json!(8), &json!(1), &json!(1), &json!(2))
    );
    assert_eq!(customers["top"][0]["name"], "Ada Lovelace");
    assert_eq!(
        (
            &customers["top"][0]["bookings"],
            &customers["top"][0]["minutes"]
        ),
        (&json!(2), &json!(240))
    );
    let payments = get("payments")["payments"].as_array().unwrap().clone();
    let amounts: Vec<i64> = payments
        .iter()
        .map(|p| p["amount"].as_i64().unwrap())
        .collect();
    assert_eq!(amounts, vec![1500, 2500, 8000, 3000, 5000, -2000]);
    let methods: Vec<&str> = payments
        .iter()
        .map(|p| p["method"].as_str().unwrap())
        .collect();
    assert_eq!(methods, ["cash", "card", "cash", "cash", "card", "card"]);
    assert_eq!(payments[5]["staff"], Value::Null);
    assert_eq!(payments[5]["desk"], "office");
    let occupancy = get("occupancy");
    let a = &occupancy["rooms"][0];
    // Studio A: Ada's 120 minutes, Ben's 180 (the repeated hour counts), Ada L.'s 120.
    assert_eq!(a["bookedMinutes"], 420, "{occupancy}");
    let b = &occupancy["rooms"][1];
    // Studio B: Cleo's two hours and Dan's two, each followed by 30 minutes of changeover.
    assert_eq!(b["bookedMinutes"], 240, "{occupancy}");
    assert_eq!(b["changeoverMinutes"], 120, "{occupancy}");
    assert_eq!(occupancy["heatmap"].as_array().unwrap().len(), 7 * 24);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_databases_answer_the_bookings_and_other_studios_stay_out() {
    let sqlite = Server::start(|dir| Database::Sqlite(dir.join("server.sqlite"))).await;
    let url = fresh_database();
    let postgres = Server::start(|_| Database::parse(&url, 4)).await;
    let twin = second_studio(&postgres, &url).await;
    fill(&sqlite).await;
    fill(&postgres).await;
    for (from, to, rooms) in [
        ("2026-10-19", "2026-11-03", None),
        ("2026-10-19", "2026-11-03", Some("studio-b")),
        ("2026-10-25", "2026-10-25", None),
        ("2026-11-01", "2026-11-30", Some("studio-a,studio-b")),
    ] {
        let query = ReportQuery {
            from: from.parse().unwrap(),
            to: to.parse().unwrap(),
            rooms: rooms.map(String::from),
        };
        let query_text = query.to_query_string();
        let on_sqlite = reports(&sqlite, &query_text).await;
        let on_postgres = reports(&postgres, &query_text).await;
        for ((name, a), (_, b)) in on_sqlite.iter().zip(&on_postgres) {
            assert_eq!(a, b, "{name} of {query_text}: SQLite, then PostgreSQL");
        }
        equal_the_naive_model(&sqlite, &query, &on_sqlite).await;
        // Page by page: the pages appended are the one-page answer (the naive model's, as
        // just checked), totals of every page on the first.
        let whole: PaymentsReport = serde_json::from_value(on_sqlite[3].1.clone()).unwrap();
        for s in [&sqlite, &postgres] {
            for limit in [1, 2, 4] {
                assert_eq!(
                    paged(s, &query_text, limit),
                    whole,
                    "{query_text} by {limit}"
                );
            }
        }
        if query_text == PERIOD {
            check_by_hand(&on_sqlite);
        }
    }
    // A paid booking moved into another room counts there from then on (each database
    // keeps the room on the booking's payment changes): Ada's 80.00 moves to Studio B.
    let query = ReportQuery {
        from: "2026-10-19".parse().unwrap(),
        to: "2026-11-03".parse().unwrap(),
        rooms: Some("studio-b".into()),
    };
    let query_text = query.to_query_string();
    let mut answers = Vec::new();
    for s in [&sqlite, &postgres] {
        let ada = format!("/v1/bookings/{}", Uuid::from_u128(1));
        let version = s.ok(DESK, Method::GET, &ada, None).await["version"].clone();
        let (start, end) = (berlin(10, 20, 10, 0), berlin(10, 20, 11, 0));
        let span =
            json!({"kind": "span", "room": "studio-b", "start": rfc(start), "end": rfc(end)});
        s.change(
            DESK,
            1,
            version.as_i64().unwrap(),
            berlin(10, 20, 9, 0),
            span,
        )
        .await;
        let got = reports(s, &query_text).await;
        let payments = &got[3].1["payments"];
        let ada = payments
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["booking"] == json!(Uuid::from_u128(1)));
        assert_eq!(
            ada.map(|p| p["amount"].clone()),
            Some(json!(8000)),
            "{payments}"
        );
        answers.push(got);
    }
    for ((name, a), (_, b)) in answers[0].iter().zip(&answers[1]) {
        assert_eq!(a, b, "{name} after the move: SQLite, then PostgreSQL");
    }
    equal_the_naive_model(&sqlite, &query, &answers[0]).await;
    let theirs = postgres
        .ok(
            &twin,
            Method::GET,
            &format!("/v1/reports/customers?{PERIOD}"),
            None,
        )
        .await;
    assert_eq!(theirs["bookings"], 1, "{theirs}");
    other_studios_cursors_show_nothing_of_theirs(&postgres, &twin).await;
    sqlite.stop().await;
    postgres.stop().await;
}

/// The payments of `query` read through the API in pages of `limit`, appended.
fn paged(s: &Server, query: &str, limit: u32) -> PaymentsReport {
    read_all(limit, |page| {
        let path = format!("/v1/reports/payments?{query}&{}", page.to_query_string());
        let answer = tokio::task::block_in_place(|| {
            tokio::runtime::Handle::current().block_on(s.ok(ADMIN, Method::GET, &path, None))
        });
        serde_json::from_value::<PaymentsReport>(answer)
    })
}

/// The twin studio's payments on the same database, with Klangraum's cursors (and
/// Klangraum's with a cursor just before the twin's payment): each sees its own rows only.
async fn other_studios_cursors_show_nothing_of_theirs(s: &Server, twin: &str) {
    let ask = |token: &str, after: &str| {
        let path = format!("/v1/reports/payments?{PERIOD}&limit=1000&after={after}");
        let token = token.to_owned();
        async move { s.ok(&token, Method::GET, &path, None).await }
    };
    let theirs = s
        .ok(
            twin,
            Method::GET,
            &format!("/v1/reports/payments?{PERIOD}"),
            None,
        )
        .await;
    let twin_booking = Uuid::from_u128(1000).to_string();
    assert_eq!(theirs["payments"].as_array().unwrap().len(), 1, "{theirs}");
    assert_eq!(theirs["payments"][0]["booking"], twin_booking.as_str());
    assert_eq!(
        theirs["totals"]["total"],
        json!({"received": 100, "refunded": 0})
    );
    // Each of Klangraum's cursors, given by the twin: only the twin's one payment, or none.
    let mut after = None;
    loop {
        let limit = after
            .as_ref()
            .map_or(String::new(), |a| format!("&after={a}"));
        let page = s
            .ok(
                ADMIN,
                Method::GET,
                &format!("/v1/reports/payments?{PERIOD}&limit=1{limit}"),
                None,
            )
            .await;
        assert_ne!(page["payments"][0]["booking"], twin_booking.as_str());
        let Some(next) = page["next"].as_str() else {
            break;
        };
        let seen = ask(twin, next).await;
        for p in seen["payments"].as_array().unwrap() {
            assert_eq!(p["booking"], twin_booking.as_str(), "{seen}");
        }
        assert!(seen.get("totals").is_none(), "{seen}");
        after = Some(next.to_owned());
    }
    // Klangraum from just before the twin's payment (2026-10-20 11:00 Berlin) on: its own.
    let before = PaymentsCursor {
        at_micros: berlin(10, 20, 11, 0).timestamp_micros() - 1,
        id: 0,
    };
    let ours = ask(ADMIN, &before.encode()).await;
    assert!(!ours["payments"].as_array().unwrap().is_empty(), "{ours}");
    for p in ours["payments"].as_array().unwrap() {
        assert_ne!(p["booking"], twin_booking.as_str(), "{ours}");
    }
}

/// Every report equals the naive model's answer from the raw data: the bookings and
/// customers a desk pulls from the change log, and the payment changes the test made.
async fn equal_the_naive_model(s: &Server, query: &ReportQuery, reports: &[(&str, Value)]) {
    let studio = config(&klangraum_priced()).studio;
    let rooms: Vec<String> = studio
        .rooms
        .iter()
        .map(|r| r.id.as_str().to_owned())
        .collect();
    let period: ReportPeriod = query.check(&rooms).unwrap();
    let pulled = s
        .ok(DESK, Method::GET, "/v1/sync/pull?since=0&limit=1000", None)
        .await;
    assert_eq!(pulled["more"], false);
    let bookings: Vec<BookingDto> = pulled["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| serde_json::from_value(c["booking"].clone()).unwrap())
        .collect();
    let customers: Vec<CustomerRecordDto> =
        serde_json::from_value(pulled["customers"].clone()).unwrap();
    let payments = s.payments.lock().unwrap().clone();
    let naive = [
        (
            "occupancy",
            json!(naive::occupancy(&studio, &period, &bookings)),
        ),
        ("money", json!(naive::money(&studio, &period, &bookings))),
        (
            "customers",
            json!(naive::customers(&studio, &period, &bookings, &customers)),
        ),
        (
            "payments",
            json!(naive::payments(&studio, &period, &bookings, &payments)),
        ),
    ];
    for ((name, served), (_, expected)) in reports.iter().zip(&naive) {
        assert_eq!(
            served, expected,
            "{name} of {query:?}: served, then the naive model"
        );
    }
}

/// A second studio on the PostgreSQL database with the same room ids, one paid booking in
/// the period; its desk token.
async fn second_studio(s: &Server, url: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("studio.toml");
    std::fs::write(&file, klangraum_priced().toml()).unwrap();
    let output = Command::new(server_binary())
        .args(["chain-admin", "add", "operations", "--config"])
        .arg(&file)
        .args(["--database", url])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let chain = String::from_utf8(output.stdout).unwrap().trim().to_owned();
    let studio = json!({"id": "twin", "studio": {
        "version": 0, "name": "Twin Rooms", "timezone": "Europe/Berlin", "holdTtlSeconds": 30,
        "rooms": [{"id": "studio-a", "name": "A", "durations": [60], "interval": 60, "pricePerHour": 4000},
                  {"id": "studio-b", "name": "B", "durations": [60], "interval": 60}],
        "hours": {"weekly": {"mon": [["00:00", "24:00"]], "tue": [["00:00", "24:00"]],
                  "wed": [["00:00", "24:00"]], "thu": [["00:00", "24:00"]], "fri": [["00:00", "24:00"]],
                  "sat": [["00:00", "24:00"]], "sun": [["00:00", "24:00"]]}, "dates": {}}}});
    s.ok(&chain, Method::POST, "/v1/chain/studios", Some(studio))
        .await;
    let code = s
        .ok(
            &chain,
            Method::POST,
            "/v1/chain/studios/twin/desks",
            Some(json!({"name": "front", "admin": true})),
        )
        .await;
    let token = enrol(&s.url, code["code"].as_str().unwrap()).await;
    let id = Uuid::from_u128(1000);
    let body = json!({"id": id, "room": "studio-a", "start": rfc(berlin(10, 20, 10, 0)),
                      "end": rfc(berlin(10, 20, 11, 0)), "customer": {"name": "Ada Lovelace", "phone": "+49 30 1111"}});
    let made = s.ok(&token, Method::POST, "/v1/bookings", Some(body)).await;
    s.clock.set(berlin(10, 20, 11, 0));
    let pay = json!({"version": made["version"], "change": payment("paid", 100, "cash")});
    s.ok(
        &token,
        Method::POST,
        &format!("/v1/bookings/{id}/changes"),
        Some(pay),
    )
    .await;
    s.clock.set(berlin(10, 1, 7, 0));
    token
}

on_both_databases!(bad_queries_are_refused_naming_the_field);

async fn bad_queries_are_refused_naming_the_field(db: Backend) {
    let s = Server::start(|dir| db.fresh(dir)).await;
    let refused = |token: &'static str, name: &'static str, query: &str| {
        let s = &s;
        let path = format!("/v1/reports/{name}?{query}");
        async move { s.call(token, Method::GET, &path, None).await }
    };
    for name in REPORTS {
        // Reversed, or longer than three years: 422 `invalid` naming `to`.
        for query in [
            "from=2026-03-02&to=2026-03-01",
            "from=2024-01-01&to=2027-01-01",
        ] {
            let (status, body) = refused(ADMIN, name, query).await;
            assert_eq!(
                (status, body["error"].as_str()),
                (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")),
                "{name}?{query}: {body}"
            );
            assert!(
                body["message"].as_str().unwrap().starts_with("to: "),
                "{body}"
            );
        }
        // Exactly three years is fine.
        let (status, _) = refused(ADMIN, name, "from=2024-01-01&to=2026-12-31").await;
        assert_eq!(status, StatusCode::OK, "{name}");
        // Rooms the studio does not have: 422 `unknown_room`, listed.
        let (status, body) = refused(
            ADMIN,
            name,
            "from=2026-03-01&to=2026-03-02&rooms=studio-a,studio-x",
        )
        .await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_room")),
            "{body}"
        );
        assert_eq!(body["unknown"], json!(["studio-x"]));
        let (status, body) = refused(ADMIN, name, "from=2026-03-01&to=2026-03-02&rooms=").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body["message"].as_str().unwrap().starts_with("rooms: "),
            "{body}"
        );
        // A date that cannot be read, or none: 400.
        for query in ["from=2026-13-01&to=2026-12-31", "to=2026-12-31"] {
            let (status, body) = refused(ADMIN, name, query).await;
            assert_eq!(
                (status, body["error"].as_str()),
                (StatusCode::BAD_REQUEST, Some("bad_request")),
                "{body}"
            );
        }
    }
    // A page of payments: `limit` 1–1000, `after` a cursor the server gave.
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("limit=-1", "limit"),
        ("limit=ten", "limit"),
        ("after=zzz", "after"),
        ("after=", "after"),
        ("limit=10&after=00000000000000000000000000000000ff", "after"),
    ] {
        let (status, body) = refused(
            ADMIN,
            "payments",
            &format!("from=2026-03-01&to=2026-03-02&{query}"),
        )
        .await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")),
            "{query}: {body}"
        );
        let said = body["message"].as_str().unwrap();
        assert!(said.starts_with(&format!("{field}: ")), "{query}: {body}");
    }
    let (status, body) = refused(
        ADMIN,
        "payments",
        "from=2026-03-01&to=2026-03-02&limit=1000",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A desk that is not an admin reads occupancy and customers, not money or payments
    // (403 before its query is even read).
    for (name, allowed) in [
        ("occupancy", true),
        ("customers", true),
        ("money", false),
        ("payments", false),
    ] {
        let (status, body) = refused(DESK, name, "from=2026-03-01&to=2026-03-31").await;
        let expected = if allowed {
            StatusCode::OK
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(status, expected, "{name}: {body}");
        if !allowed {
            assert_eq!(body["error"], "forbidden");
            let (status, _) = refused(DESK, name, "from=2026-03-02&to=2026-03-01").await;
            assert_eq!(status, StatusCode::FORBIDDEN);
        }
    }
    let (status, _) = refused("not-a-token", "occupancy", "from=2026-03-01&to=2026-03-31").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    s.stop().await;
}
