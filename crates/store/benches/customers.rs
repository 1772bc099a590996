//! Customer lookup as staff type, on 50,000 customers and 500,000 bookings in a real SQLite
//! file: every keystroke of 300 names and phone numbers through the trigram index
//! (`Store::find_customers`, with the counts staff see), beside the same questions as a
//! `LIKE '%…%'` scan over the customers, measured in the same run. Prints p50/p99 per
//! keystroke, the ratio, and the share of the cores the host took meanwhile.
//!
//! `cargo bench -p frontdesk-store --bench customers`
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use frontdesk_store::{Durability, Store};
use frontdesk_testkit::host;
use frontdesk_testkit::studio::StudioToml;
use rusqlite::{params, Connection};

const CUSTOMERS: usize = 50_000;
const BOOKINGS: usize = 500_000;
const FIRST: [&str; 12] = [
    "Mia", "Jonas", "Lea", "Finn", "Emma", "Paul", "Hanna", "Ben", "Lina", "Elias", "Marie", "Noah",
];
const LAST: [&str; 10] = [
    "Schmidt", "Müller", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter",
    "Klein",
];

fn name(i: usize) -> String {
    format!(
        "{} {} {}",
        FIRST[i % 12],
        LAST[(i / 12) % 10],
        ["Band", "Trio", "Podcast", "Choir", ""][i % 5]
    )
    .trim()
    .to_owned()
        + &format!(" {i}")
}

fn phone(i: usize) -> String {
    format!("+49 30 {:07}", (i * 7919) % 10_000_000)
}

/// The file: customers and bookings written directly (the store's own writes would take
/// minutes for half a million bookings); the trigger keeps the search index.
fn build(path: &std::path::Path) {
    let config = StudioToml::new("Bench")
        .numbered_rooms(20, &[60, 120])
        .config();
    drop(Store::open_with_studio(path, "bench", Durability::Normal, config.studio).unwrap());
    let mut conn = Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut customer = tx
            .prepare(
                "INSERT INTO customers (id, name, phone, email, phone_key, email_key, version, seq, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, 0, 0)",
            )
            .unwrap();
        for i in 0..CUSTOMERS {
            let p = phone(i);
            let digits: String = p.chars().filter(char::is_ascii_digit).collect();
            let email = format!("guest{i}@example.org");
            customer
                .execute(params![
                    uuid::Uuid::from_u128(i as u128 + 1).to_string(),
                    name(i),
                    p,
                    email,
                    &digits[digits.len() - 9..],
                    email
                ])
                .unwrap();
        }
        let mut booking = tx
            .prepare(
                "INSERT INTO bookings (id, room, start_utc, end_utc, customer_name, customer_phone, status, desk,
                     created_at, updated_at, seq, price, customer_id, no_show)
                 VALUES (?1, ?2, ?3, ?3 + 3600, ?4, ?5, 'confirmed', 'bench', 0, 0, 0, 4000, ?6, ?7)",
            )
            .unwrap();
        let start = Utc
            .with_ymd_and_hms(2024, 1, 1, 8, 0, 0)
            .unwrap()
            .timestamp();
        for b in 0..BOOKINGS {
            let c = (b * 31) % CUSTOMERS;
            booking
                .execute(params![
                    uuid::Uuid::from_u128(1 << 64 | b as u128).to_string(),
                    format!("r{}", b % 20),
                    start + (b as i64 / 20) * 3600,
                    name(c),
                    phone(c),
                    uuid::Uuid::from_u128(c as u128 + 1).to_string(),
                    b % 17 == 0
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
}

/// Every keystroke of typing 150 names (from the second word: staff type a part) and 150
/// phone numbers (their last digits).
fn keystrokes() -> Vec<String> {
    let mut typed = Vec::new();
    for k in 0..150 {
        let i = (k * 337) % CUSTOMERS;
        let n = name(i);
        let part: String = n.split_whitespace().nth(1).unwrap_or(&n).to_owned();
        typed.extend((1..=part.chars().count()).map(|l| part.chars().take(l).collect::<String>()));
        let digits: String = phone(i).chars().filter(char::is_ascii_digit).collect();
        let tail = &digits[digits.len() - 7..];
        typed.extend((1..=tail.len()).map(|l| tail[..l].to_owned()));
    }
    typed
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn measure(
    label: &str,
    typed: &[String],
    mut ask: impl FnMut(&str) -> usize,
) -> (Duration, Duration) {
    let before = host::CpuTimes::now();
    let mut times = Vec::with_capacity(typed.len());
    let mut found = 0;
    for text in typed {
        let t = Instant::now();
        found += ask(text);
        times.push(t.elapsed());
    }
    let cpu = host::describe(before, host::CpuTimes::now());
    times.sort();
    let (p50, p99) = (percentile(&times, 0.5), percentile(&times, 0.99));
    println!(
        "  {label:<34} {} keystrokes  p50 {:>8.3} ms  p99 {:>8.3} ms  max {:>8.3} ms  ({found} rows)  {cpu}",
        typed.len(),
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
    (p50, p99)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("customers.sqlite");
    let t = Instant::now();
    build(&path);
    println!(
        "Customer lookup: {CUSTOMERS} customers, {BOOKINGS} bookings, file built in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let store = Store::open(&path, "bench", Durability::Normal).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    let typed = keystrokes();
    let (_, fast) = measure("trigram index + counts", &typed, |text| {
        store.find_customers(text, 8, now).unwrap().len()
    });
    let conn = Connection::open(&path).unwrap();
    let mut naive = conn
        .prepare(
            "SELECT c.id, c.name, (SELECT COUNT(*) FROM bookings b WHERE b.customer_id = c.id)
             FROM customers c
             WHERE c.name LIKE ?1 OR c.phone_key LIKE ?1 OR c.email LIKE ?1 LIMIT 8",
        )
        .unwrap();
    let (_, slow) = measure("LIKE '%…%' scan + counts", &typed, |text| {
        let pattern = format!("%{text}%");
        naive
            .query_map([pattern], |r| r.get::<_, String>(0))
            .unwrap()
            .count()
    });
    println!(
        "  p99 ratio (scan ÷ index): {:.1}×   target: index p99 ≤ 5 ms",
        slow.as_secs_f64() / fast.as_secs_f64()
    );
}
