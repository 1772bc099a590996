//! Schema step 7 on a PostgreSQL database that step 6 left: each studio gets its
//! timezone's country, and its customers' numbers are kept in E.164 and keyed by it.

use chrono::Utc;
use frontdesk_protocol::StudioInfo;
use frontdesk_testkit::postgres::fresh_database;
use postgres::{Client, NoTls};
use uuid::Uuid;

use super::super::schema;

/// (studio, customer, phone as typed, phone key as step 6 made it: the last nine digits)
const OLD: [(&str, u128, &str, &str); 5] = [
    ("berlin", 1, "0171 2345678", "712345678"),
    ("berlin", 2, "+43 664 1234567", "641234567"),
    ("berlin", 3, "ask at the bar", ""),
    ("utc", 4, "0171 2345678", "712345678"),
    ("utc", 5, "+49 171 2345678", "712345678"),
];

/// When the old rows were written: a fixed moment, not today.
fn written() -> chrono::DateTime<Utc> {
    frontdesk_testkit::clock::berlin(2026, 11, 2, 9, 0)
}

fn old_database() -> Client {
    let mut client = Client::connect(&fresh_database(), NoTls).unwrap();
    schema::migrate_to(&mut client, 6).unwrap();
    for (id, zone) in [("berlin", "Europe/Berlin"), ("utc", "UTC")] {
        let mut studio = frontdesk_testkit::studio::klangraum().config().studio;
        studio.calendar =
            frontdesk_core::Calendar::new(zone.parse().unwrap(), studio.calendar.hours().clone());
        let mut info = serde_json::to_value(StudioInfo::from_studio(&studio, 1)).unwrap();
        // As a studio stored before countries existed.
        info.as_object_mut().unwrap().remove("country");
        client
            .execute(
                "INSERT INTO studios (id, info, version, created_at) VALUES ($1, $2, 1, $3)",
                &[&id, &info, &written()],
            )
            .unwrap();
    }
    for (studio, n, phone, key) in OLD {
        let key = (!key.is_empty()).then_some(key);
        client
            .execute(
                "INSERT INTO customers (studio, id, name, phone, phone_key, seq, updated_at)
                 VALUES ($1, $2, 'Someone', $3, $4, 1, $5)",
                &[&studio, &Uuid::from_u128(n), &phone, &key, &written()],
            )
            .unwrap();
    }
    client
}

#[test]
fn an_old_database_gets_countries_and_its_numbers_in_e164() {
    let mut client = old_database();
    schema::migrate(&mut client).unwrap();
    let countries: Vec<(String, Option<String>)> = client
        .query("SELECT id, info->>'country' FROM studios ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(
        countries,
        [("berlin".into(), Some("DE".into())), ("utc".into(), None)]
    );
    let phones: Vec<(String, Option<String>)> = client
        .query("SELECT phone, phone_key FROM customers ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let row = |phone: &str, key: Option<&str>| (phone.to_owned(), key.map(str::to_owned));
    assert_eq!(
        phones,
        [
            row("+491712345678", Some("+491712345678")),
            row("+436641234567", Some("+436641234567")),
            row("ask at the bar", None),
            // No country: the national number stays as typed, keyed by its digits; the
            // one typed with its country code parses.
            row("0171 2345678", Some("01712345678")),
            row("+491712345678", Some("+491712345678")),
        ]
    );
    // The studios still read back, the country in their wire view.
    let (studio, _) = schema::load_studio(&mut client, "berlin").unwrap();
    assert_eq!(studio.country.map(|c| c.to_string()).as_deref(), Some("DE"));
    // A second start changes nothing.
    schema::migrate(&mut client).unwrap();
    let again: i64 = client
        .query_one("SELECT count(*) FROM customers WHERE phone LIKE '+%'", &[])
        .unwrap()
        .get(0);
    assert_eq!(again, 3);
}
