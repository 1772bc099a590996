//! `/metrics` over a real server on 127.0.0.1:0: after a few requests, a booking, a hold and
//! an open event stream the text has those series with those values (labelled by route
//! template, never a raw path), Debian's `promtool check metrics` accepts it when installed,
//! only the operator's metrics token opens it, and every answer carries a request id that
//! the JSON log shows.
#![allow(clippy::unwrap_used)]

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_server::metrics::MetricsToken;
use frontdesk_server::{start, ManualClock, RunningServer, ServerOptions};
use frontdesk_testkit::backend::Backend;
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::on_both_databases;
use frontdesk_testkit::server::{any_port, server_binary};
use frontdesk_testkit::studio::klangraum;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

const A: &str = "token-a";
const OPERATOR: &str = "operator-metrics-token-0123456789";

fn berlin(d: u32, h: u32) -> DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, 6, d, h, 0)
}

fn rfc(t: DateTime<Utc>) -> String {
    t.with_timezone(&Berlin).to_rfc3339()
}

struct Harness {
    server: RunningServer,
    url: String,
    http: Client,
    _clock: Arc<ManualClock>,
    _dir: tempfile::TempDir,
}

impl Harness {
    async fn start(db: Backend, metrics_token: Option<&str>) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let clock = pinned(berlin(1, 7));
        let server = start(ServerOptions {
            dev_tokens: true,
            metrics_token: metrics_token.map(|t| MetricsToken::new(t, "test").unwrap()),
            ..ServerOptions::new(
                klangraum().all_week(r#"["00:00", "24:00"]"#).config(),
                db.fresh(dir.path()),
                any_port(),
                clock.clone(),
            )
        })
        .await
        .unwrap();
        Harness {
            url: server.url(),
            server,
            http: Client::new(),
            _clock: clock,
            _dir: dir,
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> StatusCode {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.url))
            .header(AUTHORIZATION, format!("Bearer {token}"));
        if let Some(body) = body {
            request = request
                .header(CONTENT_TYPE, "application/json")
                .body(body.to_string());
        }
        request.send().await.unwrap().status()
    }

    /// `/metrics` with this Authorization header (none: `None`): status and text.
    async fn scrape_with(&self, authorization: Option<&str>, query: &str) -> (StatusCode, String) {
        let mut request = self.http.get(format!("{}/metrics{query}", self.url));
        if let Some(value) = authorization {
            request = request.header(AUTHORIZATION, value);
        }
        let response = request.send().await.unwrap();
        (response.status(), response.text().await.unwrap())
    }

    async fn scrape(&self) -> String {
        let (status, text) = self
            .scrape_with(Some(&format!("Bearer {OPERATOR}")), "")
            .await;
        assert_eq!(status, StatusCode::OK, "{text}");
        text
    }
}

/// The value of the sample written exactly `series` (name and labels as the text has them).
fn value(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .filter_map(|line| line.rsplit_once(' '))
        .find(|(name, _)| *name == series)
        .map(|(_, v)| v.parse().unwrap())
}

fn expect(text: &str, series: &str, want: f64) {
    assert_eq!(value(text, series), Some(want), "{series} in\n{text}");
}

/// Debian's promtool (package `prometheus`) on the scraped text, when it is installed.
fn promtool_accepts(text: &str) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let scraped = dir.path().join("scraped.txt");
    std::fs::write(&scraped, text).unwrap();
    let out = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(std::fs::File::open(&scraped).unwrap())
        .output()
        .ok()?;
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "promtool check metrics:\n{said}");
    Some(said)
}

/// GET `url` with a bearer token.
async fn get(http: &Client, url: &str, token: &str) -> reqwest::Response {
    http.get(url)
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .send()
        .await
        .unwrap()
}

on_both_databases!(the_text_counts_requests_by_route_bookings_holds_open_streams_and_the_pool);

async fn the_text_counts_requests_by_route_bookings_holds_open_streams_and_the_pool(db: Backend) {
    let h = Harness::start(db, Some(OPERATOR)).await;
    for _ in 0..2 {
        assert_eq!(
            h.send(Method::GET, "/v1/studio", A, None).await,
            StatusCode::OK
        );
    }
    let missing = Uuid::new_v4();
    let path = format!("/v1/bookings/{missing}");
    assert_eq!(
        h.send(Method::GET, &path, A, None).await,
        StatusCode::NOT_FOUND
    );
    let booking = json!({
        "id": Uuid::new_v4(), "room": "studio-a",
        "start": rfc(berlin(1, 10)), "end": rfc(berlin(1, 11)),
        "customer": {"name": "Mara Lind"},
    });
    let created = h.send(Method::POST, "/v1/bookings", A, Some(booking)).await;
    assert_eq!(created, StatusCode::CREATED);
    let hold = json!({"holds": [{"room": "studio-b", "start": rfc(berlin(2, 10)), "end": rfc(berlin(2, 11))}]});
    let session = Uuid::new_v4();
    let held = h
        .send(Method::PUT, &format!("/v1/holds/{session}"), A, Some(hold))
        .await;
    assert_eq!(held, StatusCode::OK);
    let stream = get(&h.http, &format!("{}/v1/events", h.url), A).await;
    assert_eq!(stream.status(), StatusCode::OK);

    let text = h.scrape().await;
    let studio = r#"frontdesk_http_requests_total{method="GET",route="/v1/studio",status="200"}"#;
    expect(&text, studio, 2.0);
    let by_id =
        r#"frontdesk_http_requests_total{method="GET",route="/v1/bookings/{id}",status="404"}"#;
    expect(&text, by_id, 1.0);
    assert!(
        !text.contains(&missing.to_string()),
        "a raw path became a label:\n{text}"
    );
    let posted =
        r#"frontdesk_http_requests_total{method="POST",route="/v1/bookings",status="201"}"#;
    expect(&text, posted, 1.0);
    let timed = r#"frontdesk_http_request_duration_seconds_count{method="GET",route="/v1/studio"}"#;
    expect(&text, timed, 2.0);
    let all = r#"frontdesk_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/v1/studio"}"#;
    expect(&text, all, 2.0);
    let written = r#"frontdesk_booking_writes_total{kind="created",channel="desk"}"#;
    expect(&text, written, 1.0);
    expect(&text, "frontdesk_holds_live", 1.0);
    expect(&text, r#"frontdesk_event_streams{stream="desk"}"#, 1.0);
    expect(&text, r#"frontdesk_event_streams{stream="public"}"#, 0.0);
    // The pool as the scrape finds it before it reads the holds: nothing in use.
    let (max, idle) = (
        "frontdesk_db_pool_max_connections",
        r#"frontdesk_db_pool_connections{state="idle"}"#,
    );
    match db {
        // One store behind a lock.
        Backend::Sqlite => {
            expect(&text, max, 1.0);
            expect(&text, idle, 1.0);
        }
        // The 4 connections of the test's database, made when needed.
        Backend::Postgres => {
            expect(&text, max, 4.0);
            let made = value(&text, idle).unwrap();
            assert!((1.0..=4.0).contains(&made), "{text}");
        }
    }
    expect(
        &text,
        r#"frontdesk_db_pool_connections{state="in_use"}"#,
        0.0,
    );
    expect(&text, "frontdesk_db_pool_waiting_requests", 0.0);
    if let Some(said) = promtool_accepts(&text) {
        println!("promtool check metrics: ok {said}");
    }
    // Prometheus asks for OpenMetrics and gets it: the same series, ended by `# EOF`.
    let open = h
        .http
        .get(format!("{}/metrics", h.url))
        .header(AUTHORIZATION, format!("Bearer {OPERATOR}"))
        .header(
            "accept",
            "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5",
        )
        .send()
        .await
        .unwrap();
    let kind = open.headers()[CONTENT_TYPE].to_str().unwrap().to_owned();
    assert!(kind.starts_with("application/openmetrics-text"), "{kind}");
    let open = open.text().await.unwrap();
    assert!(open.ends_with("# EOF\n"), "{open}");
    expect(&open, written, 1.0);
    assert!(
        open.contains("# TYPE frontdesk_booking_writes counter"),
        "{open}"
    );

    // Releasing the hold and closing the stream take them off the gauges.
    let released = h
        .send(Method::DELETE, &format!("/v1/holds/{session}"), A, None)
        .await;
    assert_eq!(released, StatusCode::NO_CONTENT);
    drop(stream);
    let mut text = h.scrape().await;
    for _ in 0..200 {
        if value(&text, r#"frontdesk_event_streams{stream="desk"}"#) == Some(0.0) {
            break;
        }
        tokio::task::yield_now().await;
        text = h.scrape().await;
    }
    expect(&text, r#"frontdesk_event_streams{stream="desk"}"#, 0.0);
    expect(&text, "frontdesk_holds_live", 0.0);
    // Earlier scrapes are counted like any request.
    assert!(
        value(
            &text,
            r#"frontdesk_http_requests_total{method="GET",route="/metrics",status="200"}"#
        )
        .unwrap()
            >= 1.0
    );
    h.server.stop().await;
}

#[tokio::test]
async fn only_the_operators_token_opens_the_metrics() {
    let h = Harness::start(Backend::Sqlite, Some(OPERATOR)).await;
    for refused in [
        None,
        Some(format!("Bearer {A}")),
        Some("Bearer token-admin".to_owned()),
        Some("Bearer operator-metrics-token-wrong".to_owned()),
        Some(format!("Basic {OPERATOR}")),
    ] {
        let (status, text) = h.scrape_with(refused.as_deref(), "").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{refused:?}: {text}");
        assert!(!text.contains("frontdesk_"), "{text}");
    }
    // Never in the URL.
    let (status, _) = h.scrape_with(None, &format!("?token={OPERATOR}")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, text) = h.scrape_with(Some(&format!("Bearer {OPERATOR}")), "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(text.contains("frontdesk_build_info"), "{text}");
    h.server.stop().await;

    // Without a configured token nobody reads them: 404, desk tokens included.
    let closed = Harness::start(Backend::Sqlite, None).await;
    for tried in [
        None,
        Some(format!("Bearer {A}")),
        Some(format!("Bearer {OPERATOR}")),
    ] {
        let (status, _) = closed.scrape_with(tried.as_deref(), "").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{tried:?}");
    }
    closed.server.stop().await;
}

#[test]
fn a_short_metrics_token_is_refused_naming_where_it_came_from() {
    let error = MetricsToken::new("short", "FRONTDESK_METRICS_TOKEN").unwrap_err();
    assert!(
        error.to_string().contains("FRONTDESK_METRICS_TOKEN"),
        "{error}"
    );
    assert!(error.to_string().contains("16"), "{error}");
}

#[tokio::test]
async fn every_answer_has_a_request_id_and_keeps_a_proxys() {
    let h = Harness::start(Backend::Sqlite, None).await;
    let first = h
        .http
        .get(format!("{}/v1/health", h.url))
        .send()
        .await
        .unwrap();
    let second = h
        .http
        .get(format!("{}/v1/health", h.url))
        .send()
        .await
        .unwrap();
    let id = |r: &reqwest::Response| {
        r.headers()
            .get("x-request-id")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap()
    };
    let (one, two) = (id(&first), id(&second));
    assert!(Uuid::parse_str(&one).is_ok(), "{one}");
    assert_ne!(one, two);
    // An error answer carries one too, and a proxy's id is kept.
    let proxied = h
        .http
        .get(format!("{}/v1/studio", h.url))
        .header("x-request-id", "nginx-4711")
        .send()
        .await
        .unwrap();
    assert_eq!(proxied.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(id(&proxied), "nginx-4711");
    h.server.stop().await;
}

/// The real binary with the token in a file and a JSON log: the scrape answers, and the
/// log line of a request has the id its answer carried.
#[tokio::test]
async fn the_binary_reads_the_token_file_and_its_json_log_carries_the_request_id() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("studio.toml");
    std::fs::write(&config, klangraum().toml()).unwrap();
    let token_file = dir.path().join("metrics.token");
    std::fs::write(&token_file, format!("{OPERATOR}\n")).unwrap();
    let log = dir.path().join("server.log");
    let mut child = Command::new(server_binary())
        .args([
            "--log-format",
            "json",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--dev-tokens",
        ])
        .arg("--config")
        .arg(&config)
        .arg("--metrics-token-file")
        .arg(&token_file)
        .env_remove("FRONTDESK_METRICS_TOKEN")
        .env("RUST_LOG", "info,tower_http=debug")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut said = Vec::new();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {
        said.push(byte[0]);
    }
    let said = String::from_utf8(said).unwrap();
    let url = said.strip_prefix("listening on ").unwrap().to_owned();
    let http = Client::new();
    let answer = get(&http, &format!("{url}/v1/studio"), A).await;
    assert_eq!(answer.status(), StatusCode::OK);
    let request_id = answer.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let scraped = get(&http, &format!("{url}/metrics"), OPERATOR).await;
    assert_eq!(scraped.status(), StatusCode::OK);
    let text = scraped.text().await.unwrap();
    expect(
        &text,
        r#"frontdesk_http_requests_total{method="GET",route="/v1/studio",status="200"}"#,
        1.0,
    );
    promtool_accepts(&text);
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    assert!(child.wait().unwrap().success());
    let written = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<Value> = written
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let of_request: Vec<&Value> = lines
        .iter()
        .filter(|line| line["span"]["request_id"] == request_id.as_str())
        .collect();
    assert!(
        !of_request.is_empty(),
        "no line with {request_id}:\n{written}"
    );
    assert!(
        of_request
            .iter()
            .any(|line| line["span"]["path"] == "/v1/studio"),
        "{written}"
    );
}

/// `deploy/check-metrics.sh`: compose's `metrics` profile, and Debian's real Prometheus
/// scraping two instances with `deploy/prometheus.yml` and running every query of
/// `deploy/dashboard.json`. Said and skipped where Prometheus is not installed
/// (`apt-get install prometheus`).
#[test]
fn a_real_prometheus_scrapes_two_instances_with_the_shipped_config_and_dashboard() {
    if Command::new("prometheus")
        .arg("--version")
        .output()
        .is_err()
    {
        println!("skipped: no prometheus installed (apt-get install prometheus)");
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new("bash")
        .arg(root.join("deploy/check-metrics.sh"))
        .arg(server_binary())
        .env_remove("FRONTDESK_METRICS_TOKEN")
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{said}");
    assert!(out.status.success(), "{said}");
    for step in [
        "token file written 600",
        "both instances up with the token",
        "401 Unauthorized",
        "frontdesk_build_info from 2 instances",
        "queries of",
    ] {
        assert!(said.contains(step), "{step}: {said}");
    }
}

/// The public booking page's traffic: its stream is counted as `public`, its booking as
/// `online`, under the routes' templates (no studio id or session in a label).
#[tokio::test]
async fn the_public_pages_stream_and_booking_are_counted_as_online() {
    let h = Harness::start(Backend::Sqlite, Some(OPERATOR)).await;
    let on = json!({"version": 0, "enabled": true,
        "rooms": [{"room": "studio-a", "durations": [60]}],
        "leadMinutes": 120, "daysAhead": 30, "cancelHours": 24});
    let saved = h
        .send(Method::PUT, "/v1/online-booking", "token-admin", Some(on))
        .await;
    assert_eq!(saved, StatusCode::OK);
    let public = |method: Method, path: String, body: Option<Value>| {
        let mut request = h.http.request(method, format!("{}{path}", h.url));
        if let Some(body) = body {
            request = request
                .header(CONTENT_TYPE, "application/json")
                .body(body.to_string());
        }
        request.send()
    };
    let stream = public(
        Method::GET,
        "/public/v1/studios/main/events?room=studio-a&date=2026-06-03".into(),
        None,
    )
    .await
    .unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    let session = Uuid::new_v4();
    let (start, end) = (rfc(berlin(3, 12)), rfc(berlin(3, 13)));
    let hold = json!({"room": "studio-a", "start": start, "end": end});
    let held = public(
        Method::PUT,
        format!("/public/v1/studios/main/holds/{session}"),
        Some(hold),
    )
    .await
    .unwrap();
    assert_eq!(held.status(), StatusCode::OK);
    let booking = json!({"session": session, "room": "studio-a", "start": start, "end": end,
        "name": "Ada Lovelace", "email": "ada@example.org", "phone": "+49 171 2345678",
        "language": "en", "website": ""});
    let booked = public(
        Method::POST,
        "/public/v1/studios/main/bookings".into(),
        Some(booking),
    )
    .await
    .unwrap();
    let status = booked.status();
    assert!(
        status.is_success(),
        "{status} {}",
        booked.text().await.unwrap()
    );

    let text = h.scrape().await;
    expect(&text, r#"frontdesk_event_streams{stream="public"}"#, 1.0);
    expect(&text, r#"frontdesk_event_streams{stream="desk"}"#, 0.0);
    let online = r#"frontdesk_booking_writes_total{kind="created",channel="online"}"#;
    expect(&text, online, 1.0);
    let hold_route = r#"frontdesk_http_requests_total{method="PUT",route="/public/v1/studios/{studio}/holds/{session}",status="200"}"#;
    expect(&text, hold_route, 1.0);
    assert!(!text.contains(&session.to_string()), "{text}");
    drop(stream);
    h.server.stop().await;
}
