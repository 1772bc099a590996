//! Writes the upgrade fixtures of a release into a folder: `scripts/upgrade-fixtures.sh`
//! runs it at that release's commit, so the files are exactly what that release writes.
//!
//! - `server.sqlite`: a server's file (Klangraum Studios, staff Mia and Jo, bookings of two
//!   desks, a payment, a cancellation, customers with phone and e-mail);
//! - `reception.sqlite`: the desk `reception` of that server: synced, then two bookings and
//!   a payment made while the server was gone, waiting to sync; its sign-out time set;
//! - `server.json`, `reception.json`: what an upgrade must keep of each (`tests/upgrade/
//!   summary.rs`), as this release read it.
//!
//! `cargo run --example upgrade_fixture -- FOLDER` (the clock is pinned: the same files'
//! contents every run, but for the ids made at random).

#[path = "../tests/upgrade/summary.rs"]
mod summary;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Duration;
use frontdesk_app::desk::Desk;
use frontdesk_app::events::NoEvents;
use frontdesk_client::{Client, ServerSettings};
use frontdesk_protocol::{BookingChange, PaymentDto, PaymentMethod, PaymentStatus, StudioUpdate};
use frontdesk_store::{Durability, Store, StudioConfig};
use frontdesk_testkit::booking::walk_in_request;
use frontdesk_testkit::clock::{berlin, pinned, SharedClock};
use frontdesk_testkit::server::{any_port, serve};
use frontdesk_testkit::studio::klangraum;

type BoxError = Box<dyn std::error::Error>;

fn desk(
    dir: &Path,
    url: &str,
    config: &StudioConfig,
    clock: SharedClock,
) -> Result<Desk, BoxError> {
    let store = Store::open_with_studio(
        &dir.join("reception.sqlite"),
        "reception",
        Durability::Full,
        config.studio.clone(),
    )?;
    let server = ServerSettings {
        url: url.into(),
        token: "token-a".into(),
    };
    Ok(Desk::with_store(
        store,
        "reception",
        Some(server),
        Arc::new(NoEvents),
        clock,
    )?)
}

fn client(url: &str, token: &str) -> Result<Client, BoxError> {
    Ok(Client::new(ServerSettings {
        url: url.into(),
        token: token.into(),
    })?)
}

fn write_summary(dir: &Path, name: &str) -> Result<(), BoxError> {
    let mut store = Store::open(&dir.join(format!("{name}.sqlite")), name, Durability::Full)?;
    let summary = summary::of_file(&mut store)?;
    std::fs::write(
        dir.join(format!("{name}.json")),
        serde_json::to_string_pretty(&summary)? + "\n",
    )?;
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: upgrade_fixture FOLDER")?,
    );
    std::fs::create_dir_all(&dir)?;
    let clock = pinned(berlin(2026, 6, 1, 9, 0));
    // Both rooms at 40.00 EUR an hour.
    let toml = klangraum()
        .toml()
        .replace("interval = 60\n", "interval = 60\nprice = 4000\n");
    let config = StudioConfig::parse(&toml)?;
    let server = serve(
        config.clone(),
        &dir.join("server.sqlite"),
        any_port(),
        clock.clone(),
    )
    .await;
    let url = server.url();

    // The bar books one, before the studio has staff.
    let start = |day, hour| berlin(2026, 6, day, hour, 0);
    let bar = client(&url, "token-b")?;
    let mut ben = walk_in_request("studio-b", start(3, 18), start(3, 20), "Ben Becker");
    ben.customer.phone = Some("030 2222 333".into());
    bar.create_booking(&ben).await?;

    // The admin sets the staff; Mia, an admin, signs in at the reception.
    let admin = client(&url, "token-admin")?;
    let info = admin.studio().await?;
    let mia = frontdesk_testkit::staff::admin("Mia", "471100");
    admin
        .change_studio(&StudioUpdate {
            staff: Some(vec![
                mia.clone(),
                frontdesk_testkit::staff::staff("Jo", "123456"),
            ]),
            ..frontdesk_testkit::studio::editing(&info)
        })
        .await?;
    let reception = desk(&dir, &url, &config, clock.clone())?;
    reception.sync_once().await?;
    reception.sign_in(mia.id, "471100").await?;
    reception.save_sign_out_minutes(15)?;

    // The reception books, takes a payment and cancels, online.
    let mut ada = walk_in_request("studio-a", start(2, 10), start(2, 12), "Ada Lovelace");
    ada.customer.email = Some("ada@example.com".into());
    ada.customer.phone = Some("+49 30 1111".into());
    let ada = reception.create_booking(ada).await?;
    let paid = BookingChange::Payment {
        payment: PaymentDto {
            status: PaymentStatus::Paid,
            amount: 8000,
            method: Some(PaymentMethod::Cash),
        },
    };
    reception.change_booking(ada.id, paid).await?;
    let cleo = walk_in_request("studio-a", start(4, 14), start(4, 15), "Cleo Costa");
    let cleo = reception.create_booking(cleo).await?;
    reception
        .cancel_booking(cleo.id, Some("called off".into()))
        .await?;
    reception.sync_once().await?;

    // The server goes away; the reception books twice and takes a card payment, offline.
    server.stop().await;
    clock.advance(Duration::minutes(5));
    let dan = walk_in_request("studio-b", start(5, 10), start(5, 11), "Dan Dorn");
    let dan = reception.create_booking(dan).await?;
    let deposit = BookingChange::Payment {
        payment: PaymentDto {
            status: PaymentStatus::Deposit,
            amount: 1000,
            method: Some(PaymentMethod::Card),
        },
    };
    reception.change_booking(dan.id, deposit).await?;
    let eve = walk_in_request("studio-a", start(6, 16), start(6, 18), "Eve Engel");
    reception.create_booking(eve).await?;
    drop(reception);

    write_summary(&dir, "server")?;
    write_summary(&dir, "reception")?;
    println!("upgrade fixtures written to {}", dir.display());
    Ok(())
}
