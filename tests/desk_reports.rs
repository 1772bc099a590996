//! The studio's numbers at a connected desk and its real server (127.0.0.1 port 0): online
//! the desk answers with the server's reports (marked `server`), a desk token that is not
//! an admin's gets the server's 403 for money, and with the server gone the same desk
//! answers from its synced file (marked `desk`) with the same occupancy, money and
//! customers figures, and a cash-up of only the payments its file recorded; a bad period is
//! refused with the server's own error body.
#![allow(clippy::unwrap_used)]

mod support;

use chrono::{DateTime, Duration, Utc};
use frontdesk_app::desk::report_views::ReportSource;
use frontdesk_app::desk::{Desk, DeskError};
use frontdesk_client::{Client, ClientError, ServerSettings};
use frontdesk_protocol::{
    BookingChange, CreateBookingRequest, ErrorCode, PaymentDto, PaymentMethod, PaymentStatus,
    ReportQuery,
};
use frontdesk_store::StudioConfig;
use frontdesk_testkit::booking::walk_in_request;
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
