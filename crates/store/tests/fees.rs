//! Fees over real SQLite files (issue 25): a cancellation or a no-show records what the
//! studio's terms (a room's own first) ask at that moment, on the booking and in the audit;
//! an admin waives it with a reason; refusals name the field and write nothing.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, Utc};
use frontdesk_core::cancellation::{CancellationTerms, FeeRule, FeeTier, StudioTerms};
use frontdesk_core::RoomId;
use frontdesk_protocol::{ErrorCode, FeeKind, FeePreviewRule, StaffRef, StaffUpdate};
use frontdesk_store::audit::{ActivityFilter, Who};
use frontdesk_store::booking_changes::Change;
use frontdesk_store::fees::{self, BookingFee};
use frontdesk_store::{BookingStatus, Durability, Store, WriteContext};
use frontdesk_testkit::booking::walk_in;
use frontdesk_testkit::clock::berlin;
use frontdesk_testkit::staff::{admin, staff};
use frontdesk_testkit::studio::{hours, late_fee_terms, two_rooms};
use uuid::Uuid;

/// Free until 48 h before, 25 % from 48 h, 50 % from 24 h; a no-show 80 %. Room `b` has
/// its own: free until 2 h before, then 10 %, and no no-show fee.
fn terms() -> StudioTerms {
    let studio = late_fee_terms();
    let room_b = CancellationTerms {
        free_hours_before: 2,
        tiers: vec![FeeTier {
            hours_before: 2,
            percent: 10,
        }],
        no_show_percent: 0,
        deposit: None,
    };
    StudioTerms {
        studio,
        rooms: [(RoomId::new("b").unwrap(), room_b)].into(),
    }
}

/// Rooms `a` and `b` at 40.00 an hour, open 08:00–24:00, under `terms` (if any).
fn open(dir: &tempfile::TempDir, terms: Option<StudioTerms>) -> Store {
    let mut config = two_rooms("Test Studios")
        .all_week(&hours("08:00", "24:00"))
        .config();
    for room in &mut config.studio.rooms {
        room.pricing.per_hour = 4000;
    }
    let mut studio = config.studio;
    if let Some(terms) = terms {
        studio = studio.with_cancellation(terms).unwrap();
    }
    Store::open_with_studio(
        &dir.path().join("desk.sqlite"),
        "desk-1",
        Durability::Full,
        studio,
    )
    .unwrap()
}

/// 2 December 2026, `h` o'clock in Berlin.
fn at(h: u32) -> DateTime<Utc> {
    berlin(2026, 12, 2, h, 0)
}

/// A booking of `room` 10:00–12:00 on 2 December (price 80.00), made on 25 November.
fn book(store: &mut Store, room: &str) -> Uuid {
    let new = walk_in(room, at(10), at(12), "Band");
    let (record, _) = store
        .create_booking(
            &new,
            BookingStatus::Confirmed,
            &WriteContext::new("desk-1", berlin(2026, 11, 25, 9, 0)),
        )
        .unwrap();
    assert_eq!(record.price, Some(8000));
    record.id
}

fn cancel_at(store: &mut Store, id: Uuid, now: DateTime<Utc>) -> Option<BookingFee> {
    let (record, _) = store
        .cancel_booking(id, Some("ill"), &WriteContext::new("desk-1", now))
        .unwrap();
    assert_eq!(record.status, BookingStatus::Cancelled);
    assert_eq!(store.booking(id).unwrap().unwrap().fee, record.fee);
    record.fee
}

fn audit(store: &Store, id: Uuid, action: &str) -> serde_json::Value {
    let filter = ActivityFilter {
        booking: Some(id),
        limit: 50,
        ..ActivityFilter::default()
    };
    let rows = store.activity(&filter).unwrap();
    rows.into_iter()
        .find(|r| r.action == action)
        .unwrap_or_else(|| panic!("no {action} row"))
        .detail
}

#[test]
fn a_late_cancellation_records_the_fee_of_its_tier_on_the_booking_and_in_the_audit() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir, Some(terms()));
    // 25 h before: the 48 h tier, 25 % of 80.00.
    let early = book(&mut store, "a");
    let fee = cancel_at(&mut store, early, at(10) - Duration::hours(25)).unwrap();
    assert_eq!(fee.amount, 2000);
    assert_eq!(
        fee.rule,
        FeeRule::Tier {
            index: 0,
            hours_before: 48,
            percent: 25
        }
    );
    assert_eq!(fee.waiver, None);
    let detail = audit(&store, early, "cancel");
    assert_eq!(detail["fee"]["amount"], 2000);
    assert_eq!(detail["fee"]["rule"], "tier:0:48:25");
    // Exactly 24 h before: the 24 h tier has begun, 50 %.
    let boundary = book(&mut store, "a");
    let fee = cancel_at(&mut store, boundary, at(10) - Duration::hours(24)).unwrap();
    assert_eq!(
        (fee.amount, fee.rule.to_string()),
        (4000, "tier:1:24:50".into())
    );
    // One second before 48 h: still free, nothing owed, nothing in the audit's fee.
    let free = book(&mut store, "a");
    let at_free = at(10) - Duration::hours(48) - Duration::seconds(1);
    assert_eq!(cancel_at(&mut store, free, at_free), None);
    assert!(audit(&store, free, "cancel")["fee"].is_null());
    // The desk's view on the wire: late_cancel, 50 %, from 24 h.
    let dto = store
        .booking(boundary)
        .unwrap()
        .unwrap()
        .to_dto(chrono_tz::Europe::Berlin);
    let fee = dto.fee.unwrap();
    assert_eq!(
        (fee.amount, fee.percent, fee.hours_before),
        (4000, 50, Some(24))
    );
    assert_eq!(fee.rule, frontdesk_protocol::FeeRuleDto::LateCancel);
}

#[test]
fn a_room_with_terms_of_its_own_uses_them_and_without_terms_nothing_is_owed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir, Some(terms()));
    // Room b: 5 h before is free under its own terms (the studio's would charge 50 %).
    let b = book(&mut store, "b");
    assert_eq!(cancel_at(&mut store, b, at(5)), None);
    let b = book(&mut store, "b");
    let fee = cancel_at(&mut store, b, at(9)).unwrap();
    assert_eq!(
        (fee.amount, fee.rule.to_string()),
        (800, "tier:0:2:10".into())
    );

    let other = tempfile::tempdir().unwrap();
    let mut plain = open(&other, None);
    let id = book(&mut plain, "a");
    let record = plain.booking(id).unwrap().unwrap();
    let preview = fees::preview(plain.studio(), &record, FeeKind::Cancel, at(9));
    assert_eq!((preview.rule, preview.amount), (FeePreviewRule::None, 0));
    assert_eq!(cancel_at(&mut plain, id, at(9)), None);
}

#[test]
fn a_booking_without_a_price_owes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir, Some(terms()));
    let id = book(&mut store, "a");
    let mut record = store.booking(id).unwrap().unwrap();
    record.price = None;
    let studio = store.studio();
    assert_eq!(fees::for_cancel(studio, &record, at(9)).amount, 0);
    assert_eq!(fees::for_no_show(studio, &record).amount, 0);
    let preview = fees::preview(studio, &record, FeeKind::NoShow, at(11));
    assert_eq!((preview.rule, preview.price), (FeePreviewRule::None, 0));
    // The same booking with its price: the preview says what the cancel then records.
    record.price = Some(8000);
    let preview = fees::preview(studio, &record, FeeKind::Cancel, at(9));
    assert_eq!(
        (preview.rule, preview.amount, preview.percent),
        (FeePreviewRule::LateCancel, 4000, 50)
    );
    assert_eq!(preview.currency, "EUR");
    let fee = cancel_at(&mut store, id, at(9)).unwrap();
    assert_eq!(fee.amount, preview.amount);
}

#[test]
fn a_booking_declined_while_it_waited_for_approval_owes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir, Some(terms()));
    let id = book(&mut store, "a");
    let mut record = store.booking(id).unwrap().unwrap();
    let studio = store.studio();
    // An hour before the start: a late cancellation owes half the price...
    assert_eq!(fees::for_cancel(studio, &record, at(9)).amount, 4000);
    // ... but a booking made online that still waits for staff is declined, not cancelled.
    record.awaiting_approval = true;
    assert_eq!(fees::for_cancel(studio, &record, at(9)).amount, 0);
    let preview = fees::preview(studio, &record, FeeKind::Cancel, at(9));
    assert_eq!((preview.rule, preview.amount), (FeePreviewRule::Free, 0));
}

#[test]
fn a_no_show_records_its_fee_which_a_later_cancel_keeps_and_a_check_in_clears() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir, Some(terms()));
    let id = book(&mut store, "a");
    let ctx = WriteContext::new("desk-1", at(11));
    let (marked, _) = store.change_booking(id, 1, &Change::NoShow, &ctx).unwrap();
    let fee = marked.fee.clone().unwrap();
    assert_eq!(
        (fee.amount, fee.rule),
        (6400, FeeRule::NoShow { percent: 80 })
    );
    assert_eq!(audit(&store, id, "no_show")["fee"]["amount"], 6400);
    // Cancelled afterwards (1 h before the end, the 50 % tier): the no-show's fee stays,
    // no second fee.
    let kept = cancel_at(&mut store, id, at(11)).unwrap();
    assert_eq!(kept, fee);

    // A customer who arrives after all owes no no-show fee.
    let late = book(&mut store, "a");
    store
        .change_booking(late, 1, &Change::NoShow, &ctx)
        .unwrap();
    let check_in = Change::CheckIn {
        at: at(11) - Duration::minutes(5),
    };
    let (arrived, _) = store.change_booking(late, 2, &check_in, &ctx).unwrap();
    assert_eq!((arrived.no_show, arrived.fee), (false, None));
}

/// The studio's staff: an admin and a member of staff; their references.
fn team(store: &mut Store) -> (StaffRef, StaffRef) {
    let members: Vec<StaffUpdate> = vec![admin("Mia", "471100"), staff("Jo", "123456")];
    let studio = store.studio().clone();
    let v = store.studio_version();
    store
        .change_studio(studio, Some(&members), v, Who::desk("desk-1"), at(8))
        .unwrap();
    (
        StaffRef::new(members[0].id, "Mia"),
        StaffRef::new(members[1].id, "Jo"),
    )
}

#[test]
fn an_admin_waives_a_fee_with_a_reason_others_are_refused_with_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir, Some(terms()));
    let (mia, jo) = team(&mut store);
    let id = book(&mut store, "a");
    let fee = cancel_at(&mut store, id, at(9)).unwrap();
    let waive = |reason: &str| Change::WaiveFee {
        reason: reason.into(),
    };
    let now = at(13);
    let before = store.booking(id).unwrap().unwrap();

    // Not an admin, or no one signed in: forbidden.
    for who in [Some(&jo), None] {
        let ctx = WriteContext::new("desk-1", now).by(who);
        let refused = store
            .change_booking(id, 2, &waive("regular"), &ctx)
            .unwrap_err();
        assert_eq!(refused.code(), ErrorCode::Forbidden, "{refused}");
    }
    // An admin without a reason: invalid, naming the reason.
    let as_mia = WriteContext::new("desk-1", now).by(Some(&mia));
    let refused = store
        .change_booking(id, 2, &waive("   "), &as_mia)
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Invalid);
    assert!(refused.to_string().starts_with("reason:"), "{refused}");
    assert_eq!(store.booking(id).unwrap().unwrap(), before);

    // An admin with a reason: waived, trimmed, named, audited.
    let (waived, _) = store
        .change_booking(id, 2, &waive("  regular customer "), &as_mia)
        .unwrap();
    let waiver = waived.fee.as_ref().unwrap().waiver.clone().unwrap();
    assert_eq!(waiver.reason, "regular customer");
    assert_eq!((waiver.at, waiver.by.as_deref()), (now, Some("Mia")));
    assert_eq!(waived.fee.as_ref().unwrap().amount, fee.amount);
    assert_eq!(waived.status, BookingStatus::Cancelled);
    assert_eq!(waived.version, 3);
    let detail = audit(&store, id, "waive_fee");
    assert_eq!(detail["reason"], "regular customer");
    assert_eq!(detail["fee"]["amount"], 4000);
    let wire = waived.to_dto(chrono_tz::Europe::Berlin).fee.unwrap();
    assert_eq!(wire.waived.unwrap().by.as_deref(), Some("Mia"));

    // Twice: the fee is waived already, naming `fee`.
    let again = store
        .change_booking(id, 3, &waive("again"), &as_mia)
        .unwrap_err();
    assert_eq!(again.code(), ErrorCode::Invalid);
    assert!(again.to_string().starts_with("fee:"), "{again}");
    // A booking that owes nothing: naming `fee`, nothing written.
    let free = book(&mut store, "a");
    let nothing = store
        .change_booking(free, 1, &waive("why not"), &as_mia)
        .unwrap_err();
    assert!(nothing.to_string().starts_with("fee:"), "{nothing}");
    assert_eq!(store.booking(free).unwrap().unwrap().version, 1);
}

#[test]
fn a_connected_desk_keeps_the_servers_fee_and_its_waiver() {
    let (server_dir, desk_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut server = open(&server_dir, Some(terms()));
    let (mia, _) = team(&mut server);
    let mut desk = open(&desk_dir, Some(terms()));
    let id = book(&mut server, "a");
    let owed = cancel_at(&mut server, id, at(9)).unwrap();
    let tz = chrono_tz::Europe::Berlin;
    let pulled = |server: &Store| {
        let dto = server.booking(id).unwrap().unwrap().to_dto(tz);
        frontdesk_store::RemoteBooking::try_from(&dto).unwrap()
    };
    let copy = desk.apply_remote(&pulled(&server), Some(1), at(9)).unwrap();
    assert_eq!(copy.fee, Some(owed));
    // Waived on the server: the desk's copy changes with it.
    let ctx = WriteContext::new("desk-1", at(13)).by(Some(&mia));
    let waive = Change::WaiveFee {
        reason: "regular customer".into(),
    };
    let (waived, _) = server.change_booking(id, 2, &waive, &ctx).unwrap();
    let copy = desk
        .apply_remote(&pulled(&server), Some(2), at(13))
        .unwrap();
    assert_eq!(copy.fee, waived.fee);
    assert_eq!(copy.fee.unwrap().waiver.unwrap().by.as_deref(), Some("Mia"));
}
