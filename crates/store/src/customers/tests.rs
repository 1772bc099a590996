//! Schema step 24 on a file that schema version 22 wrote: its customers' numbers, typed
//! every which way, are kept in E.164 and keyed by it; what does not parse stays as typed.

use rusqlite::Connection;

use crate::{schema, Durability, Store};

/// (id, name, phone as typed, phone key as version 22 made it: the last nine digits)
const OLD: [(&str, &str, &str, &str); 4] = [
    (
        "0b6d6c1e-0000-4000-8000-000000000001",
        "Mobile Mia",
        "0171 2345678",
        "712345678",
    ),
    (
        "0b6d6c1e-0000-4000-8000-000000000002",
        "Vienna Vic",
        "+43 664 1234567",
        "641234567",
    ),
    (
        "0b6d6c1e-0000-4000-8000-000000000003",
        "Garbage Gil",
        "ask at the bar",
        "",
    ),
    (
        "0b6d6c1e-0000-4000-8000-000000000004",
        "Berlin Ben",
        "030 5550199",
        "305550199",
    ),
];

fn old_file(path: &std::path::Path, timezone: &str) {
    let mut conn = Connection::open(path).unwrap();
    schema::migrate_to(&mut conn, 22).unwrap();
    conn.execute(
        "INSERT INTO studio (id, name, timezone, hours, dates, hold_ttl_seconds)
         VALUES (1, 'Old Studio', ?1, '[[],[],[],[],[],[],[]]', '{}', 10)",
        [timezone],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO rooms (id, name, durations, interval_minutes, position)
         VALUES ('a', 'A', '[60]', 60, 0)",
        [],
    )
    .unwrap();
    for (id, name, phone, key) in OLD {
        conn.execute(
            "INSERT INTO customers (id, name, phone, phone_key, version, seq, updated_at)
             VALUES (?1, ?2, ?3, NULLIF(?4, ''), 1, 1, 1770000000)",
            [id, name, phone, key],
        )
        .unwrap();
    }
}

fn phones(store: &Store) -> Vec<(String, Option<String>, Option<String>)> {
    store
        .connection()
        .prepare("SELECT name, phone, phone_key FROM customers ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn row(name: &str, phone: &str, key: Option<&str>) -> (String, Option<String>, Option<String>) {
    (name.into(), Some(phone.into()), key.map(str::to_owned))
}

#[test]
fn an_old_file_with_mixed_numbers_opens_with_them_in_e164_and_rekeyed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    old_file(&path, "Europe/Berlin");
    let store = Store::open(&path, "desk", Durability::Normal).unwrap();
    assert_eq!(
        store.studio().country.map(|c| c.to_string()).as_deref(),
        Some("DE")
    );
    assert_eq!(
        phones(&store),
        [
            row("Mobile Mia", "+491712345678", Some("+491712345678")),
            row("Vienna Vic", "+436641234567", Some("+436641234567")),
            row("Garbage Gil", "ask at the bar", None),
            row("Berlin Ben", "+49305550199", Some("+49305550199")),
        ]
    );
    let flags: Vec<bool> = OLD
        .iter()
        .map(|(id, ..)| {
            let record = store.customer(id.parse().unwrap()).unwrap().unwrap();
            record.to_dto().phone_unparsed
        })
        .collect();
    assert_eq!(flags, [false, false, true, false]);
    // Staff find them by part of the number as they type it, the search index rebuilt.
    let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
    let found = |text: &str| -> Vec<String> {
        let list = store.find_customers(text, 5, now).unwrap();
        list.into_iter().map(|c| c.customer.name).collect()
    };
    assert_eq!(found("0171 23"), ["Mobile Mia"]);
    assert_eq!(found("+49 171"), ["Mobile Mia"]);
    assert_eq!(found("0664 123"), ["Vienna Vic"]);
    assert_eq!(found("030 555"), ["Berlin Ben"]);
    assert_eq!(found("0049 1712"), ["Mobile Mia"]);
    drop(store);
    // Opening it again changes nothing.
    let store = Store::open(&path, "desk", Durability::Normal).unwrap();
    assert_eq!(
        phones(&store)[0],
        row("Mobile Mia", "+491712345678", Some("+491712345678"))
    );
}

#[test]
fn an_old_file_of_a_studio_whose_timezone_names_no_country_parses_only_international_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    old_file(&path, "UTC");
    let store = Store::open(&path, "desk", Durability::Normal).unwrap();
    assert_eq!(store.studio().country, None);
    assert_eq!(
        phones(&store),
        [
            row("Mobile Mia", "0171 2345678", Some("01712345678")),
            row("Vienna Vic", "+436641234567", Some("+436641234567")),
            row("Garbage Gil", "ask at the bar", None),
            row("Berlin Ben", "030 5550199", Some("0305550199")),
        ]
    );
}
