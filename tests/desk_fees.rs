//! Fees at a standalone desk (issue 25): `fee_preview` answers what a cancellation or a
//! no-show would record now (the core's figure from the desk's studio and booking, at its
//! clock), the cancellation then records exactly that and the booking shows it, and only an
//! admin signed in at the desk waives it, with a reason.
#![allow(clippy::unwrap_used)]

mod support;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use frontdesk_app::desk::Desk;
use frontdesk_app::events::NoEvents;
use frontdesk_core::cancellation::StudioTerms;
use frontdesk_protocol::{BookingChange, ErrorCode, FeeKind, FeePreviewRule, FeeRuleDto};
use frontdesk_store::audit::Who;
use frontdesk_store::{Durability, Store, StudioConfig};
use frontdesk_testkit::booking::walk_in_request;
use frontdesk_testkit::clock::{berlin, pinned};
use frontdesk_testkit::staff::{admin, staff};
use frontdesk_testkit::studio::klangraum;
use support::refusal;

/// Klangraum at 40.00 an hour: free until 48 h before, 25 % from 48 h, 50 % from 24 h, a
/// no-show 80 %.
fn studio() -> StudioConfig {
    let toml = klangraum()
        .toml()
        .replace("interval = 60\n", "interval = 60\nprice = 4000\n");
    let mut config = StudioConfig::parse(&toml).unwrap();
    let terms = frontdesk_testkit::studio::late_fee_terms();
    config.studio = config
        .studio
        .with_cancellation(StudioTerms {
            studio: terms,
            rooms: Default::default(),
        })
        .unwrap();
    config
}

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    berlin(2027, 1, day, hour, 0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_preview_is_what_the_cancel_records_and_only_an_admin_waives_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = studio();
    let clock = pinned(at(4, 9));
    let mut store = Store::open_with_studio(
        &dir.path().join("reception.sqlite"),
        "reception",
        Durability::Normal,
        config.studio.clone(),
    )
    .unwrap();
    let (mia, jo) = (admin("Mia", "471100"), staff("Jo", "123456"));
    let v = store.studio_version();
    store
        .change_studio(
            config.studio.clone(),
            Some(&[mia.clone(), jo.clone()]),
            v,
            Who::desk("reception"),
            at(4, 8),
        )
        .unwrap();
    let desk =
        Desk::with_store(store, "reception", None, Arc::new(NoEvents), clock.clone()).unwrap();
    desk.sign_in(jo.id, "123456").await.unwrap();

    // 5 January 10:00–12:00, 25 h ahead: the 48 h tier, 25 % of 80.00.
    let request = walk_in_request("studio-a", at(5, 10), at(5, 12), "Band");
    let booked = desk.create_booking(request).await.unwrap();
    assert_eq!(booked.price, Some(8000));
    let preview = desk.fee_preview(booked.id, FeeKind::Cancel).unwrap();
    assert_eq!(
        (
            preview.rule,
            preview.amount,
            preview.percent,
            preview.hours_before
        ),
        (FeePreviewRule::LateCancel, 2000, 25, Some(48))
    );
    assert_eq!((preview.price, preview.currency.as_str()), (8000, "EUR"));
    // One hour later the 24 h tier has begun: the preview follows the clock.
    clock.set(at(4, 10));
    let preview = desk.fee_preview(booked.id, FeeKind::Cancel).unwrap();
    assert_eq!((preview.amount, preview.percent), (4000, 50));
    let no_show = desk.fee_preview(booked.id, FeeKind::NoShow).unwrap();
    assert_eq!(
        (no_show.rule, no_show.amount),
        (FeePreviewRule::NoShow, 6400)
    );

    // Cancelled now (Jo signs in again: the hour ended the idle sign-in): the booking shows
    // the fee the preview said.
    desk.sign_in(jo.id, "123456").await.unwrap();
    let cancelled = desk
        .cancel_booking(booked.id, Some("ill".into()))
        .await
        .unwrap();
    let fee = cancelled.fee.clone().unwrap();
    assert_eq!(
        (fee.amount, fee.rule, fee.hours_before),
        (preview.amount, FeeRuleDto::LateCancel, Some(24))
    );
    assert_eq!(desk.booking(booked.id).unwrap().fee, cancelled.fee);

    // Jo is not an admin: refused before anything is written.
    let waive = BookingChange::WaiveFee {
        reason: "regular customer".into(),
    };
    let refused = desk.change_booking(booked.id, waive.clone()).await;
    assert_eq!(refusal(refused.unwrap_err()), ErrorCode::AdminRequired);
    assert_eq!(desk.booking(booked.id).unwrap().version, cancelled.version);
    // Mia waives it: who and why are on the booking.
    desk.sign_in(mia.id, "471100").await.unwrap();
    let blank = BookingChange::WaiveFee { reason: " ".into() };
    let refused = desk.change_booking(booked.id, blank).await;
    assert_eq!(refusal(refused.unwrap_err()), ErrorCode::Invalid);
    let waived = desk.change_booking(booked.id, waive).await.unwrap();
    let waiver = waived.fee.unwrap().waived.unwrap();
    assert_eq!(
        (waiver.reason.as_str(), waiver.by.as_deref()),
        ("regular customer", Some("Mia"))
    );
    assert_eq!(waiver.at.to_utc(), at(4, 10));

    // A booking more than 48 h ahead cancels for free: the preview says so, nothing owed.
    let later = walk_in_request("studio-a", at(8, 10), at(8, 12), "Duo");
    let later = desk.create_booking(later).await.unwrap();
    let free = desk.fee_preview(later.id, FeeKind::Cancel).unwrap();
    assert_eq!((free.rule, free.amount), (FeePreviewRule::Free, 0));
    let cancelled = desk.cancel_booking(later.id, None).await.unwrap();
    assert_eq!(cancelled.fee, None);
}
