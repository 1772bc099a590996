//! The studio's numbers at a connected desk and its real server (127.0.0.1 port 0): online
//! the desk answers with the server's reports (marked `server`), a desk token that is not
//! an admin's gets the server's 403 for money, and with the server gone the same desk
//! answers from its synced file (marked `desk`) with the same occupancy, money and
//! customers figures, and a cash-up of only the payments its file recorded; a bad period is
//! refused with the server's own error body. The payments export of a period of more than
//! one page (1,000 changes) has every change, online (the server's pages) and offline (the
//! desk's file's).
#![allow(clippy::unwrap_used)]

mod support;

use chrono::{DateTime, Duration, Utc};
use frontdesk_app::desk::report_views::ReportSource;
use frontdesk_app::desk::{Desk, DeskError};
use frontdesk_app::exports::{ExportKind, ExportLanguage};
use frontdesk_client::{Client, ClientError, ServerSettings};
use frontdesk_protocol::{
    BookingChange, CreateBookingRequest, ErrorCode, PaymentDto, PaymentMethod, PaymentStatus,
    ReportQuery,
};
use frontdesk_store::booking_changes::Change;
use frontdesk_store::{BookingStatus, Durability, Store, StudioConfig, WriteContext};
use frontdesk_testkit::booking::{walk_in, walk_in_request};
use frontdesk_testkit::clock::{berlin, pinned};
use frontdesk_testkit::server::{any_port, serve};
use frontdesk_testkit::studio::klangraum;
use support::open_desk;
use uuid::Uuid;

/// Klangraum with both rooms at 40.00 EUR an hour.
fn priced() -> StudioConfig {
    let toml = klangraum()
        .toml()
        .replace("interval = 60\n", "interval = 60\nprice = 4000\n");
    StudioConfig::parse(&toml).unwrap()
}

fn client(url: &str, token: &str) -> Client {
    Client::new(ServerSettings {
        url: url.into(),
        token: token.into(),
    })
    .unwrap()
}

fn booking(room: &str, day: u32, hour: u32, hours: i64, name: &str) -> CreateBookingRequest {
    let start: DateTime<Utc> = berlin(2027, 1, day, hour, 0);
    walk_in_request(room, start, start + Duration::hours(hours), name)
}

/// `desk` records what was paid for booking `id` so far.
async fn pay(desk: &Desk, id: Uuid, status: PaymentStatus, amount: u64, method: PaymentMethod) {
    let change = BookingChange::Payment {
        payment: PaymentDto {
            status,
            amount,
            method: Some(method),
        },
    };
    desk.change_booking(id, change).await.unwrap();
}

fn january() -> ReportQuery {
    ReportQuery {
        from: "2027-01-01".parse().unwrap(),
        to: "2027-01-31".parse().unwrap(),
        rooms: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn online_the_servers_numbers_offline_the_desks_and_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let clock = pinned(berlin(2027, 1, 4, 9, 0));
    let config = priced();
    let srv = serve(
        config.clone(),
        &dir.path().join("server.sqlite"),
        any_port(),
        clock.clone(),
    )
    .await;
    let url = srv.url();
    let office = open_desk(
        dir.path(),
        "office",
        Some((&url, "token-admin")),
        &config,
        clock.clone(),
    );
    let reception = open_desk(
        dir.path(),
        "reception",
        Some((&url, "token-a")),
        &config,
        clock.clone(),
    );

    // Bookings and payments made online, at two desks.
    let paid = office
        .create_booking(booking("studio-a", 11, 10, 2, "Jörg"))
        .await
        .unwrap();
    let card = reception
        .create_booking(booking("studio-b", 12, 14, 1, "Band"))
        .await
        .unwrap();
    let gone = reception
        .create_booking(booking("studio-a", 13, 9, 1, "Ärger"))
        .await
        .unwrap();
    reception.cancel_booking(gone.id, None).await.unwrap();
    pay(
        &office,
        paid.id,
        PaymentStatus::Paid,
        8000,
        PaymentMethod::Cash,
    )
    .await;
    clock.advance(Duration::minutes(10));
    pay(
        &office,
        paid.id,
        PaymentStatus::Deposit,
        5000,
        PaymentMethod::Cash,
    )
    .await;
    pay(
        &reception,
        card.id,
        PaymentStatus::Paid,
        4000,
        PaymentMethod::Card,
    )
    .await;

    // Online: the server's answers, as its own client gets them.
    let admin = client(&url, "token-admin");
    let occupancy = office.occupancy_report(&january()).await.unwrap();
    assert_eq!(occupancy.source, ReportSource::Server);
    assert_eq!(
        occupancy.report,
        admin.occupancy_report(&january()).await.unwrap()
    );
    let money = office.money_report(&january()).await.unwrap();
    assert_eq!(money.source, ReportSource::Server);
    assert_eq!(money.report, admin.money_report(&january()).await.unwrap());
    let customers = office.customers_report(&january()).await.unwrap();
    assert_eq!(customers.report.cancelled, 1);
    // The cash-up has every desk's payments of the day.
    let cash_up = office.cash_up("2027-01-04".parse().unwrap()).await.unwrap();
    assert_eq!(cash_up.source, ReportSource::Server);
    assert_eq!(
        (cash_up.report.total.received, cash_up.report.total.refunded),
        (12000, 3000)
    );
    let desks: Vec<&str> = cash_up
        .report
        .payments
        .iter()
        .map(|p| p.desk.as_str())
        .collect();
    assert_eq!(desks, ["office", "office", "reception"]);

    // The reception's token is no admin's: the server refuses money, the desk passes it on.
    let refused = reception.money_report(&january()).await.unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Forbidden);
    assert_eq!(
        reception.occupancy_report(&january()).await.unwrap().source,
        ReportSource::Server
    );

    // A bad period: the desk's refusal is the server's, word for word.
    let reversed = ReportQuery {
        from: "2027-02-01".parse().unwrap(),
        ..january()
    };
    let server_says = match admin.occupancy_report(&reversed).await.unwrap_err() {
        ClientError::Refused { body, .. } => body,
        other => panic!("{other}"),
    };
    match office.occupancy_report(&reversed).await.unwrap_err() {
        DeskError::Refused(body) => assert_eq!(body, server_says),
        other => panic!("{other}"),
    }

    // The server goes away: the office answers from its synced file, the same figures.
    office.sync_once().await.unwrap();
    srv.stop().await;
    let o = office.occupancy_report(&january()).await.unwrap();
    let m = office.money_report(&january()).await.unwrap();
    let c = office.customers_report(&january()).await.unwrap();
    assert_eq!([o.source, m.source, c.source], [ReportSource::Desk; 3]);
    assert_eq!(o.report, occupancy.report);
    assert_eq!(m.report, money.report);
    assert_eq!(c.report, customers.report);
    // Offline the cash-up knows only what this desk's file recorded: a payment taken now
    // (the ones taken online are audited on the server, not pulled).
    pay(
        &office,
        paid.id,
        PaymentStatus::Paid,
        8000,
        PaymentMethod::Cash,
    )
    .await;
    let offline = office.cash_up("2027-01-04".parse().unwrap()).await.unwrap();
    assert_eq!(offline.source, ReportSource::Desk);
    let amounts: Vec<(i64, &str)> = offline
        .report
        .payments
        .iter()
        .map(|p| (p.amount, p.desk.as_str()))
        .collect();
    assert_eq!(amounts, [(3000, "office")]);
}

/// A server's file with `bookings` bookings of January 2027, each paid in full and then
/// half refunded: two payment changes each, recorded in January. Answers (booking id,
/// amount) of every change. `id`: whose file (the server's, or a desk's).
fn paid_january(
    path: &std::path::Path,
    id: &str,
    config: &StudioConfig,
    bookings: u32,
) -> Vec<(String, i64)> {
    let mut store =
        Store::open_with_studio(path, id, Durability::Normal, config.studio.clone()).unwrap();
    let mut changes = Vec::new();
    store.begin_group().unwrap();
    for n in 0..bookings {
        let (day, hour) = (1 + n / 48, n % 24);
        let room = if n % 48 < 24 { "studio-a" } else { "studio-b" };
        let start = berlin(2027, 1, day, hour, 0);
        let end = start + Duration::hours(1);
        let made = WriteContext::new("office", end);
        let (record, _) = store
            .create_booking(
                &walk_in(room, start, end, &format!("Gast {n}")),
                BookingStatus::Confirmed,
                &made,
            )
            .unwrap();
        let pay = |status, amount| {
            Change::Payment(PaymentDto {
                status,
                amount,
                method: Some(PaymentMethod::Card),
            })
        };
        let (paid, _) = store
            .change_booking(
                record.id,
                record.version,
                &pay(PaymentStatus::Paid, 4000),
                &made,
            )
            .unwrap();
        store
            .change_booking(
                record.id,
                paid.version,
                &pay(PaymentStatus::Deposit, 2000),
                &made,
            )
            .unwrap();
        changes.push((record.id.to_string(), 4000));
        changes.push((record.id.to_string(), -2000));
    }
    store.end_group().unwrap();
    changes
}

/// The (booking, amount) of every row of a payments export in English.
fn exported(path: &str) -> Vec<(String, i64)> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .unwrap()
    };
    let (booking, amount) = (column("booking"), column("amount"));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let cents = r[amount].replace('.', "").parse::<i64>().unwrap();
            (r[booking].to_owned(), cents)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payments_export_of_more_than_one_page_has_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let clock = pinned(berlin(2027, 2, 1, 9, 0));
    let config = priced();
    let server_file = dir.path().join("server.sqlite");
    // 1,210 changes: two pages of the server's (1,000 each) and of the desk's file.
    let mut expected = paid_january(&server_file, "server", &config, 605);
    let srv = serve(config.clone(), &server_file, any_port(), clock.clone()).await;
    let office = open_desk(
        dir.path(),
        "office",
        Some((&srv.url(), "token-admin")),
        &config,
        clock.clone(),
    );
    let files = dir.path().join("exports");
    std::fs::create_dir_all(&files).unwrap();
    let view = office
        .export_csv(ExportKind::Payments, &january(), ExportLanguage::En, &files)
        .await
        .unwrap();
    assert_eq!(view.source, ReportSource::Server);
    assert_eq!(view.rows, expected.len() as u64);
    let mut rows = exported(&view.path);
    rows.sort();
    expected.sort();
    assert_eq!(rows, expected, "every change of every page, once");
    // The cash-up of a day follows the pages too, and takes the server's totals.
    let day = office.cash_up("2027-01-02".parse().unwrap()).await.unwrap();
    assert_eq!(day.report.payments.len(), 2 * 48);
    assert_eq!(
        (day.report.total.received, day.report.total.refunded),
        (48 * 4000, 48 * 2000)
    );
    srv.stop().await;

    // A standalone desk on a copy of that file: the same rows from its own pages.
    let alone = dir.path().join("alone");
    std::fs::create_dir_all(&alone).unwrap();
    let mine = paid_january(&alone.join("office.sqlite"), "office", &config, 605);
    let desk = open_desk(&alone, "office", None, &config, clock);
    let view = desk
        .export_csv(ExportKind::Payments, &january(), ExportLanguage::En, &files)
        .await
        .unwrap();
    assert_eq!(view.source, ReportSource::Desk);
    let mut rows = exported(&view.path);
    rows.sort();
    let mut mine = mine;
    mine.sort();
    assert_eq!(rows, mine);
}
