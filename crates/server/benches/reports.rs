//! The studio's numbers on a year of 20 rooms with 100,000 bookings (about 60% paid, some
//! refunded, cancelled, no-shows and series occurrences), served by the real server on
//! 127.0.0.1 from SQLite and from PostgreSQL: each report of the whole year asked over HTTP
//! (p50 and the slowest of several runs), beside the naive alternative measured in the same
//! run — every booking, customer and payment change of the studio read through the same
//! storage, and the report computed from them in Rust by the test kit's naive model — with
//! the share of the cores the host took meanwhile. The payments report answers a page: the
//! first (1,000 changes and the period's totals) is timed like the other reports, and every
//! page of the year read in turn (as the desk's export reads them) beside it.
//!
//! `cargo bench -p frontdesk-server --bench reports` (PostgreSQL: the test kit's
//! throwaway cluster, or `FRONTDESK_TEST_PG`). The data is written once through the store's
//! own writes into a SQLite file (`synchronous=NORMAL`, one group), then moved into a fresh
//! PostgreSQL database with the import `frontdesk-server migrate` uses.

use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use frontdesk_client::{Client, Method, ServerSettings, StatusCode};
use frontdesk_protocol::{PaymentDto, PaymentMethod, PaymentStatus, PaymentsPage, ReportQuery};
use frontdesk_server::limits::RateLimits;
use frontdesk_server::storage::{import, PgServer, Storage, STUDIO_ID};
use frontdesk_server::{start, Database, RunningServer, ServerOptions};
use frontdesk_store::booking_changes::Change;
use frontdesk_store::{BookingStatus, Durability, NewBooking, Store, StudioConfig, WriteContext};
use frontdesk_testkit::clock::pinned;
use frontdesk_testkit::host::{describe, CpuTimes};
use frontdesk_testkit::server::any_port;
use frontdesk_testkit::studio::{hours, StudioToml};
use uuid::Uuid;

const ROOMS: usize = 20;
const BOOKINGS: usize = 100_000;
/// Timed runs of each report (after one that warms the caches).
const RUNS: usize = 15;
/// Timed runs of reading every page of a year's payments.
const PAGED_RUNS: usize = 5;
const ADMIN: &str = "token-admin";
/// Bookings per room and date: 14 a day, 75 minutes apart from 06:00.
const PER_DAY: usize = 14;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Twenty rooms at 40.00 an hour, open around the clock, the even ones with 15 minutes of
/// changeover.
fn config() -> Result<StudioConfig, BoxError> {
    let toml = StudioToml::new("Bench")
        .all_week(&hours("00:00", "24:00"))
        .numbered_rooms(ROOMS, &[60])
        .admin_desk("office", ADMIN)
        .toml()
        .replace("interval = 60\n", "interval = 60\nprice = 4000\n");
    let mut config = StudioConfig::parse(&toml)?;
    for (i, room) in config.studio.rooms.iter_mut().enumerate() {
        room.changeover = if i % 2 == 0 { 15 } else { 0 };
    }
    // The fee tests' terms: the cancellations and no-shows below (each after the booking's
    // end) owe fees, which the money report counts.
    let terms = frontdesk_core::cancellation::StudioTerms {
        studio: frontdesk_testkit::studio::late_fee_terms(),
        rooms: Default::default(),
    };
    config.studio = config.studio.with_cancellation(terms)?;
    Ok(config)
}

fn year_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 12, 31, 23, 0, 0)
        .single()
        .unwrap_or_default()
}

/// The year's bookings, written through the store (each its own transaction, as the
/// server writes them), with their payments, refunds, no-shows and cancellations.
fn fill(store: &mut Store) -> Result<(), BoxError> {
    let tz = store.studio().calendar.timezone();
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("a date")?;
    let mut made = 0usize;
    store.begin_group()?;
    'year: for day in 0..365 {
        let date = first + Duration::days(day);
        let midnight = tz
            .from_local_datetime(&date.and_hms_opt(6, 0, 0).ok_or("a time")?)
            .earliest()
            .ok_or("a local time")?
            .with_timezone(&Utc);
        for room in 0..ROOMS {
            for slot in 0..PER_DAY {
                if made == BOOKINGS {
                    break 'year;
                }
                let n = made;
                made += 1;
                let start = midnight + Duration::minutes(75 * slot as i64);
                let minutes = if n % 7 == 0 { 45 } else { 60 };
                let end = start + Duration::minutes(minutes);
                let customer = (n * 7919) % 2000;
                let new = NewBooking {
                    id: Uuid::from_u128(n as u128 + 1),
                    room: format!("r{room}"),
                    start,
                    end,
                    name: format!("Guest {customer}"),
                    phone: Some(format!("+49 30 {customer:07}")),
                    email: None,
                    note: None,
                    session: None,
                    series: (n % 10 == 0).then(|| Uuid::from_u128(customer as u128 + 1_000_000)),
                };
                let booked_at = start - Duration::days(3);
                let (record, _) = store.create_booking(
                    &new,
                    BookingStatus::Confirmed,
                    &WriteContext::new("front", booked_at),
                )?;
                later(store, n, &record, end)?;
            }
        }
    }
    store.end_group()?;
    Ok(())
}

/// What happens to booking `n` after it was made: cancelled (5%) or a no-show (3%), each
/// owing its fee, paid
/// (60%, cash or card; one in ten of those refunded in part).
fn later(
    store: &mut Store,
    n: usize,
    record: &frontdesk_store::BookingRecord,
    end: DateTime<Utc>,
) -> Result<(), BoxError> {
    let desk = WriteContext::new("front", end + Duration::minutes(5));
    if n % 20 == 3 {
        store.cancel_booking(record.id, None, &desk)?;
        return Ok(());
    }
    if n % 33 == 5 {
        store.change_booking(record.id, record.version, &Change::NoShow, &desk)?;
        return Ok(());
    }
    if n % 5 < 3 {
        let price = record.price.unwrap_or(0);
        let method = if n % 2 == 0 {
            PaymentMethod::Cash
        } else {
            PaymentMethod::Card
        };
        let pay = |status, amount| {
            Change::Payment(PaymentDto {
                status,
                amount,
                method: Some(method),
            })
        };
        let (paid, _) = store.change_booking(
            record.id,
            record.version,
            &pay(PaymentStatus::Paid, price),
            &desk,
        )?;
        if n % 50 == 1 {
            let back = WriteContext::new("office", end + Duration::days(1));
            store.change_booking(
                record.id,
                paid.version,
                &pay(PaymentStatus::Deposit, price / 2),
                &back,
            )?;
        }
    }
    Ok(())
}

fn main() -> Result<(), BoxError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("reports.sqlite");
    let config = config()?;
    let started = Instant::now();
    let mut store =
        Store::open_with_studio(&path, "server", Durability::Normal, config.studio.clone())?;
    fill(&mut store)?;
    let export = store.export()?;
    drop(store);
    let payments = naive::payment_changes(&export.audit)?;
    println!(
        "reports benchmark: {} bookings of {ROOMS} rooms over 2026, {} audit rows, written in {:.1} s",
        export.bookings.len(),
        export.audit.len(),
        started.elapsed().as_secs_f64()
    );
    let url = frontdesk_testkit::postgres::fresh_database();
    let started = Instant::now();
    import(&url, STUDIO_ID, &export)?;
    println!(
        "  moved into PostgreSQL ({url}) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    for (name, database) in [
        ("SQLite", Database::Sqlite(path.clone())),
        ("PostgreSQL", Database::parse(&url, 4)),
    ] {
        let server = runtime.block_on(serve(&config, database))?;
        let base = server.url();
        let storage = open_storage(&path, &url, name == "SQLite")?;
        measure(&runtime, name, &base, storage.as_ref(), &payments)?;
        runtime.block_on(server.stop());
    }
    Ok(())
}

async fn serve(config: &StudioConfig, database: Database) -> Result<RunningServer, BoxError> {
    // The bench asks faster than a desk may (every page of a year, 15 times): no limits.
    let options = ServerOptions {
        dev_tokens: true,
        limits: RateLimits {
            token_rate: 0,
            address_rate: 0,
            ..RateLimits::default()
        },
        ..ServerOptions::new(
            config.clone(),
            database,
            any_port(),
            pinned(year_start() + Duration::days(400)),
        )
    };
    Ok(start(options).await?)
}

/// A storage of the same database for the naive alternative (a second connection).
fn open_storage(
    path: &std::path::Path,
    url: &str,
    sqlite: bool,
) -> Result<Box<dyn Storage>, BoxError> {
    if sqlite {
        return Ok(Box::new(Store::open(path, "naive", Durability::Normal)?));
    }
    PgServer::one_storage(url, STUDIO_ID)?.ok_or_else(|| "the studio is missing".into())
}

/// Every report of the year over HTTP (and the payments of one month, the size an export
/// or a cash-up asks for), each beside its naive alternative.
fn measure(
    runtime: &tokio::runtime::Runtime,
    database: &str,
    url: &str,
    storage: &dyn Storage,
    payments: &[frontdesk_testkit::naive_reports::PaymentChange],
) -> Result<(), BoxError> {
    let client = Client::new(ServerSettings {
        url: url.to_owned(),
        token: ADMIN.to_owned(),
    })?;
    let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d).ok_or("a date");
    let year = ReportQuery {
        from: date(1, 1)?,
        to: date(12, 31)?,
        rooms: None,
    };
    let october = ReportQuery {
        from: date(10, 1)?,
        to: date(10, 31)?,
        rooms: None,
    };
    println!(
        "  {database}: all {ROOMS} rooms, {RUNS} runs each, answer read as bytes (target ≤ 100 ms)"
    );
    // The page after the first: 1,000 changes without the totals.
    let first = runtime.block_on(client.payments_page(&year, &PaymentsPage::default()))?;
    let second = format!(
        "&limit=1000&after={}",
        first.next.as_deref().ok_or("a year of one page")?
    );
    for (report, query, period, page) in [
        ("occupancy", &year, "2026", ""),
        ("money", &year, "2026", ""),
        ("customers", &year, "2026", ""),
        ("payments", &year, "2026", ""),
        ("payments", &year, "page 2", second.as_str()),
        ("payments", &october, "2026-10", ""),
    ] {
        // The payments report answers a page (the first, of 1,000 changes, with the
        // period's totals): what the cash-up and a view ask first.
        let path = format!("/v1/reports/{report}?{}{page}", query.to_query_string());
        let before = CpuTimes::now();
        let mut took = Vec::new();
        let mut size = 0;
        for run in 0..=RUNS {
            let sent = Instant::now();
            let (status, body) = runtime.block_on(client.send(Method::GET, &path, None))?;
            if status != StatusCode::OK {
                return Err(format!("{path}: {status}").into());
            }
            size = body.len();
            if run > 0 {
                took.push(sent.elapsed());
            }
        }
        took.sort_unstable();
        let (p50, max) = (took[took.len() / 2], took[took.len() - 1]);
        let naive = naive::time(storage, report, query, payments)?;
        print_row(report, period, size, (p50, max), naive, before);
    }
    // The payments export's way: every page of the year, one after the other (the desk's
    // client following `next`), beside the same naive alternative.
    let before = CpuTimes::now();
    let mut took = Vec::new();
    let mut rows = 0;
    for run in 0..=PAGED_RUNS {
        let sent = Instant::now();
        let report = runtime.block_on(client.payments_report(&year))?;
        rows = report.payments.len();
        if run > 0 {
            took.push(sent.elapsed());
        }
    }
    took.sort_unstable();
    let (p50, max) = (took[took.len() / 2], took[took.len() - 1]);
    let naive = naive::time(storage, "payments", &year, payments)?;
    println!(
        "    every page of the payments, 2026: {rows} changes in {} pages, {PAGED_RUNS} runs",
        rows.div_ceil(1000)
    );
    print_row("payments", "pages", 0, (p50, max), naive, before);
    Ok(())
}

/// One report's line: its answer's size, p50 and slowest, the naive alternative's time
/// and the ratio, and how busy the cores were meanwhile.
fn print_row(
    report: &str,
    period: &str,
    size: usize,
    (p50, max): (StdDuration, StdDuration),
    naive: StdDuration,
    before: Option<CpuTimes>,
) {
    println!(
        "    {report:<9} {period:<7} {:>6} kB  p50 {:>6.1} ms, slowest {:>6.1} ms {} | naive {:>8.1} ms ({:.0}×); cores: {}",
        size / 1000,
        ms(p50),
        ms(max),
        if max <= StdDuration::from_millis(100) { "✓" } else { "✗" },
        ms(naive),
        ms(naive) / ms(p50).max(1e-9),
        describe(before, CpuTimes::now())
    );
}

fn ms(d: StdDuration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The naive alternative: every booking and customer of the studio read through the
/// storage's change log (pages of 1,000, as a desk pulls), then the report computed from
/// them by the test kit's naive model. The payment changes it needs are the audit rows of
/// the file as written (read once before, not timed: no storage call answers them).
mod naive {
    use std::time::{Duration as StdDuration, Instant};

    use frontdesk_protocol::{PaymentDto, ReportQuery};
    use frontdesk_server::storage::Storage;
    use frontdesk_store::audit::AuditEntry;
    use frontdesk_testkit::naive_reports::{self as model, PaymentChange};

    use super::BoxError;

    /// The payment changes among the audit rows, oldest first.
    pub fn payment_changes(audit: &[AuditEntry]) -> Result<Vec<PaymentChange>, BoxError> {
        let mut changes = Vec::new();
        for a in audit.iter().filter(|a| a.action == "payment") {
            let payment = |side: &str| serde_json::from_value::<PaymentDto>(a.detail[side].clone());
            changes.push(PaymentChange {
                at: a.at,
                booking: a.booking_id.ok_or("a payment of no booking")?,
                desk: a.desk.clone(),
                staff: a.staff.as_ref().map(|s| s.name.clone()),
                from: payment("from")?,
                to: payment("to")?,
            });
        }
        Ok(changes)
    }

    /// How long reading everything and computing `report` naively took.
    pub fn time(
        storage: &dyn Storage,
        report: &str,
        query: &ReportQuery,
        payments: &[PaymentChange],
    ) -> Result<StdDuration, BoxError> {
        let started = Instant::now();
        let studio = storage.studio().clone();
        let tz = studio.calendar.timezone();
        let rooms: Vec<String> = studio
            .rooms
            .iter()
            .map(|r| r.id.as_str().to_owned())
            .collect();
        let period = query.check(&rooms)?;
        let mut since = 0;
        let mut bookings = Vec::new();
        loop {
            let (page, more) = storage.changes_since(since, 1000)?;
            since = page.last().map_or(since, |b| b.seq);
            bookings.extend(page.iter().map(|b| b.to_dto(tz)));
            if !more {
                break;
            }
        }
        let size = match report {
            "occupancy" => serde_json::to_vec(&model::occupancy(&studio, &period, &bookings))?,
            "money" => serde_json::to_vec(&model::money(&studio, &period, &bookings))?,
            "customers" => {
                let customers: Vec<_> = storage
                    .customers_changed(0, None)?
                    .iter()
                    .map(|c| c.to_dto())
                    .collect();
                serde_json::to_vec(&model::customers(&studio, &period, &bookings, &customers))?
            }
            _ => serde_json::to_vec(&model::payments(&studio, &period, &bookings, payments))?,
        }
        .len();
        std::hint::black_box(size);
        Ok(started.elapsed())
    }
}
