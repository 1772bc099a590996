//! The UI's TypeScript types (`ui/src/api/generated.ts`) are generated from the Rust types
//! the commands and events carry — the protocol's wire types, the error vocabulary and the
//! desk's views — so the UI branches on the same codes the backend sends. The test fails
//! when the file is stale; `UPDATE_BINDINGS=1 cargo test -p frontdesk --lib bindings`
//! writes it anew.

use std::path::PathBuf;

use ts_rs::{Config, TS};

use crate::commands::settings::Settings;
use crate::commands::CommandError;
use crate::desk::refused::{RefusedChangeView, RefusedCustomerEditView};
use crate::desk::staff::{SignInState, StaffMember};
use crate::desk::views::{
    BoardHold, BoardRoom, BookingState, BookingView, DayBoard, Quote, RoomStatusView,
};
use crate::desk::{CustomerPageView, SeriesOutcome};
use crate::events::{DeskEvent, SyncStatus};
use frontdesk_protocol as wire;

const HEADER: &str =
    "// Generated from the Rust types by src-tauri/src/bindings.rs: do not edit.\n\
// UPDATE_BINDINGS=1 cargo test -p frontdesk --lib bindings writes it anew.\n";

/// Every declaration, in a fixed order.
fn generated() -> String {
    // Sequence numbers and counts fit a JavaScript number.
    let cfg = Config::new().with_large_int("number");
    let decls = [
        wire::ErrorCode::decl(&cfg),
        wire::ConflictReasonDto::decl(&cfg),
        wire::ConflictDto::decl(&cfg),
        CommandError::decl(&cfg),
        wire::PeakRateDto::decl(&cfg),
        wire::RoomInfo::decl(&cfg),
        wire::HoursDto::decl(&cfg),
        wire::StaffRole::decl(&cfg),
        wire::StaffDto::decl(&cfg),
        wire::StaffUpdate::decl(&cfg),
        wire::StaffRef::decl(&cfg),
        wire::StudioInfo::decl(&cfg),
        wire::StudioUpdate::decl(&cfg),
        wire::BookingDto::decl(&cfg),
        wire::BookingStatusDto::decl(&cfg),
        wire::StudioCheck::decl(&cfg),
        wire::SlotStatusDto::decl(&cfg),
        wire::SlotDto::decl(&cfg),
        wire::DaySlotsResponse::decl(&cfg),
        wire::HoldSpan::decl(&cfg),
        wire::CustomerDto::decl(&cfg),
        wire::CreateBookingRequest::decl(&cfg),
        wire::PaymentStatus::decl(&cfg),
        wire::PaymentMethod::decl(&cfg),
        wire::PaymentDto::decl(&cfg),
        wire::BookingChange::decl(&cfg),
        wire::RepeatDto::decl(&cfg),
        wire::SeriesRuleDto::decl(&cfg),
        wire::PreviewSeriesRequest::decl(&cfg),
        wire::SkipReasonDto::decl(&cfg),
        wire::OccurrenceDto::decl(&cfg),
        wire::BookSeriesRequest::decl(&cfg),
        SeriesOutcome::decl(&cfg),
        wire::ChangeFollowingRequest::decl(&cfg),
        wire::CustomerRecordDto::decl(&cfg),
        wire::CustomerSummaryDto::decl(&cfg),
        wire::EditCustomerRequest::decl(&cfg),
        CustomerPageView::decl(&cfg),
        BookingState::decl(&cfg),
        BookingView::decl(&cfg),
        Quote::decl(&cfg),
        BoardHold::decl(&cfg),
        BoardRoom::decl(&cfg),
        DayBoard::decl(&cfg),
        RoomStatusView::decl(&cfg),
        SyncStatus::decl(&cfg),
        DeskEvent::decl(&cfg),
        Settings::decl(&cfg),
        RefusedChangeView::decl(&cfg),
        RefusedCustomerEditView::decl(&cfg),
        StaffMember::decl(&cfg),
        SignInState::decl(&cfg),
        wire::ActivityQuery::decl(&cfg),
        wire::ActivityEntry::decl(&cfg),
    ];
    let mut out = String::from(HEADER);
    for decl in decls {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/api/generated.ts")
}

#[test]
fn the_ui_types_are_generated_from_the_rust_types() {
    let want = generated();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(path(), &want).unwrap();
    }
    let have = std::fs::read_to_string(path()).unwrap_or_default();
    assert!(
        have == want,
        "ui/src/api/generated.ts is stale: run UPDATE_BINDINGS=1 cargo test -p frontdesk --lib bindings"
    );
}

#[test]
fn every_error_code_is_in_the_generated_union() {
    let union = wire::ErrorCode::inline(&Config::new());
    for code in wire::ErrorCode::ALL {
        assert!(
            union.contains(&format!("\"{code}\"")),
            "{code} missing in {union}"
        );
    }
}
