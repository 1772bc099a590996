//! Phone numbers through the server, on SQLite and PostgreSQL: the studio's country on the
//! wire (derived from the timezone, set, refused when unknown), customers' numbers kept in
//! E.164 and matched by it, what does not parse kept as typed and flagged.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_client::{Method, StatusCode};
use frontdesk_server::RunningServer;
use frontdesk_testkit::backend::Backend;
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::http::{call, ok};
use frontdesk_testkit::on_both_databases;
use frontdesk_testkit::server::{any_port, serve_database};
use frontdesk_testkit::studio::klangraum;
use serde_json::{json, Value};
use uuid::Uuid;

const DESK: &str = "token-a";
const ADMIN: &str = "token-admin";

on_both_databases!(
    numbers_typed_two_ways_are_one_customer_and_garbage_is_flagged,
    the_studios_country_is_on_the_wire_and_an_unknown_one_is_refused,
);

fn at(d: u32, h: u32) -> DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, 12, d, h, 0)
}

async fn start(db: Backend, dir: &std::path::Path) -> RunningServer {
    let config = klangraum().all_week(r#"["00:00", "24:00"]"#).config();
    serve_database(config, db.fresh(dir), any_port(), pinned(at(1, 7))).await
}

/// Books Studio A on day `d` at 10:00 for `name` with `phone`; the booking's customer id.
async fn book(url: &str, d: u32, name: &str, phone: &str) -> Uuid {
    let body = json!({"id": Uuid::new_v4(), "room": "studio-a",
        "start": at(d, 10).with_timezone(&Berlin).to_rfc3339(),
        "end": at(d, 11).with_timezone(&Berlin).to_rfc3339(),
        "customer": {"name": name, "phone": phone}});
    let booking = ok(url, DESK, Method::POST, "/v1/bookings", Some(body)).await;
    booking["customerId"].as_str().unwrap().parse().unwrap()
}

async fn customer(url: &str, id: Uuid) -> Value {
    let page = ok(url, DESK, Method::GET, &format!("/v1/customers/{id}"), None).await;
    page["summary"]["customer"].clone()
}

async fn numbers_typed_two_ways_are_one_customer_and_garbage_is_flagged(db: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let server = start(db, dir.path()).await;
    let url = server.url();
    let mia = book(&url, 2, "Mia", "0171 2345678").await;
    assert_eq!(book(&url, 3, "Mia M.", "+49 171 2345678").await, mia);
    let record = customer(&url, mia).await;
    assert_eq!(record["phone"], "+491712345678");
    assert_eq!(record.get("phoneUnparsed"), None, "{record}");
    // What does not parse is kept as typed and flagged.
    let gil = book(&url, 5, "Gil", "ask at the bar").await;
    let record = customer(&url, gil).await;
    assert_eq!(record["phone"], "ask at the bar");
    assert_eq!(record["phoneUnparsed"], true);
    // Part of the number, typed as staff type it, finds her.
    for typed in ["0171 23", "+49 171", "0049171"] {
        let path = format!(
            "/v1/customers?q={}",
            typed.replace(' ', "%20").replace('+', "%2B")
        );
        let found = ok(&url, DESK, Method::GET, &path, None).await;
        let ids: Vec<&str> = found["customers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["customer"]["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, [mia.to_string()], "{typed}");
    }
    // The same last nine digits in another country: someone else now.
    let olaf = book(&url, 4, "Olaf", "+43 1 712345678").await;
    assert_ne!(olaf, mia);
    // An edit keeps the number in E.164 too, and unflags it.
    let body = json!({"version": 1, "name": "Gil", "phone": "0151 23456789"});
    let edited = ok(
        &url,
        DESK,
        Method::PUT,
        &format!("/v1/customers/{gil}"),
        Some(body),
    )
    .await;
    assert_eq!(edited["phone"], "+4915123456789");
    assert_eq!(edited.get("phoneUnparsed"), None);
    server.stop().await;
}

async fn the_studios_country_is_on_the_wire_and_an_unknown_one_is_refused(db: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let server = start(db, dir.path()).await;
    let url = server.url();
    let studio = ok(&url, DESK, Method::GET, "/v1/studio", None).await;
    // The fixture says no country: Europe/Berlin's.
    assert_eq!(studio["country"], "DE");
    let mut change = studio.clone();
    change["country"] = json!("XX");
    change.as_object_mut().unwrap().remove("staff");
    let (status, error) = call(&url, ADMIN, Method::PUT, "/v1/studio", Some(change.clone())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert_eq!(error["error"], "invalid");
    assert!(
        error["message"].as_str().unwrap().starts_with("country: "),
        "{error}"
    );
    // Austria: numbers typed without a country code are Austrian from now on.
    change["country"] = json!("at");
    let saved = ok(&url, ADMIN, Method::PUT, "/v1/studio", Some(change.clone())).await;
    assert_eq!(saved["country"], "AT");
    let vic = book(&url, 2, "Vic", "0664 1234567").await;
    assert_eq!(customer(&url, vic).await["phone"], "+436641234567");
    // "" is no country: only numbers with a country code parse.
    change["version"] = saved["version"].clone();
    change["country"] = json!("");
    let saved = ok(&url, ADMIN, Method::PUT, "/v1/studio", Some(change.clone())).await;
    assert_eq!(saved.get("country"), None, "{saved}");
    let lea = book(&url, 3, "Lea", "0664 7654321").await;
    let record = customer(&url, lea).await;
    assert_eq!(
        (&record["phone"], &record["phoneUnparsed"]),
        (&json!("0664 7654321"), &json!(true))
    );
    // An older desk leaves the field out: the timezone's country.
    change["version"] = saved["version"].clone();
    change.as_object_mut().unwrap().remove("country");
    let saved = ok(&url, ADMIN, Method::PUT, "/v1/studio", Some(change)).await;
    assert_eq!(saved["country"], "DE");
    server.stop().await;
}
