//! The UI's TypeScript types (`ui/src/api/generated/`) are generated from the Rust types
//! the commands and events carry, so the UI branches on the same codes the backend sends:
//! `wire.ts` holds the protocol's wire types and error vocabulary, `desk.ts` the desk's own
//! views (importing the wire types they use), `index.ts` both. The test fails when a file
//! is stale; `UPDATE_BINDINGS=1 cargo test -p frontdesk --lib bindings` writes them anew.

use std::path::PathBuf;

use ts_rs::{Config, TS};

use crate::commands::settings::{EnrolView, Settings};
use crate::commands::CommandError;
use crate::desk::backups::{BackupView, RestoredView};
use crate::desk::messages::{MessagesSource, MessagesView};
use crate::desk::refused::{RefusedChangeView, RefusedCustomerEditView};
use crate::desk::report_views::{
    CashUpView, CustomersView, MoneyView, OccupancyView, ReportSource,
};
use crate::desk::staff::{SignInState, StaffMember};
use crate::desk::views::{
    BoardHold, BoardRoom, BookingState, BookingView, DayBoard, Quote, RoomStatusView,
};
use crate::desk::{CustomerPageView, SeriesOutcome};
use crate::events::{DeskEvent, SyncStatus};
use crate::exports::{ExportKind, ExportLanguage, ExportView};
use frontdesk_protocol as wire;

const HEADER: &str =
    "// Generated from the Rust types by src-tauri/src/bindings.rs: do not edit.\n\
// UPDATE_BINDINGS=1 cargo test -p frontdesk --lib bindings writes it anew.\n";

/// A declaration with its TypeScript name.
type Decl = (String, String);

fn decl<T: TS>(cfg: &Config) -> Decl {
    (T::name(cfg), T::decl(cfg))
}

/// The protocol's types, in a fixed order.
fn wire_decls(cfg: &Config) -> Vec<Decl> {
    vec![
        decl::<wire::ErrorCode>(cfg),
        decl::<wire::ConflictReasonDto>(cfg),
        decl::<wire::ConflictDto>(cfg),
        decl::<wire::PeakRateDto>(cfg),
        decl::<wire::RoomInfo>(cfg),
        decl::<wire::HoursDto>(cfg),
        decl::<wire::StaffRole>(cfg),
        decl::<wire::StaffDto>(cfg),
        decl::<wire::StaffUpdate>(cfg),
        decl::<wire::StaffRef>(cfg),
        decl::<wire::FeeTierDto>(cfg),
        decl::<wire::TermsDto>(cfg),
        decl::<wire::DepositDto>(cfg),
        decl::<wire::FeeRuleDto>(cfg),
        decl::<wire::WaiverDto>(cfg),
        decl::<wire::FeeDto>(cfg),
        decl::<wire::FeeKind>(cfg),
        decl::<wire::FeePreviewRule>(cfg),
        decl::<wire::FeePreview>(cfg),
        decl::<wire::BookingMessage>(cfg),
        decl::<wire::ReminderConsentDto>(cfg),
        decl::<wire::StudioInfo>(cfg),
        decl::<wire::StudioUpdate>(cfg),
        decl::<wire::BookingDto>(cfg),
        decl::<wire::BookingStatusDto>(cfg),
        decl::<wire::StudioCheck>(cfg),
        decl::<wire::SlotStatusDto>(cfg),
        decl::<wire::SlotDto>(cfg),
        decl::<wire::DaySlotsResponse>(cfg),
        decl::<wire::HoldSpan>(cfg),
        decl::<wire::CustomerDto>(cfg),
        decl::<wire::CreateBookingRequest>(cfg),
        decl::<wire::PaymentStatus>(cfg),
        decl::<wire::PaymentMethod>(cfg),
        decl::<wire::PaymentDto>(cfg),
        decl::<wire::BookingChange>(cfg),
        decl::<wire::RepeatDto>(cfg),
        decl::<wire::SeriesRuleDto>(cfg),
        decl::<wire::PreviewSeriesRequest>(cfg),
        decl::<wire::SkipReasonDto>(cfg),
        decl::<wire::OccurrenceDto>(cfg),
        decl::<wire::BookSeriesRequest>(cfg),
        decl::<wire::ChangeFollowingRequest>(cfg),
        decl::<wire::CustomerRecordDto>(cfg),
        decl::<wire::CustomerSummaryDto>(cfg),
        decl::<wire::EditCustomerRequest>(cfg),
        decl::<wire::ActivityQuery>(cfg),
        decl::<wire::ActivityEntry>(cfg),
        decl::<wire::ReportQuery>(cfg),
        decl::<wire::RoomOccupancy>(cfg),
        decl::<wire::HeatCell>(cfg),
        decl::<wire::OccupancyReport>(cfg),
        decl::<wire::RoomMoney>(cfg),
        decl::<wire::MonthMoney>(cfg),
        decl::<wire::MethodMoney>(cfg),
        decl::<wire::Unpaid>(cfg),
        decl::<wire::MoneyReport>(cfg),
        decl::<wire::TopCustomer>(cfg),
        decl::<wire::CustomersReport>(cfg),
        decl::<wire::PaymentEntry>(cfg),
        decl::<wire::CashUpTotals>(cfg),
        decl::<wire::CashUpTotal>(cfg),
        decl::<wire::StaffCashUp>(cfg),
        decl::<wire::CashUp>(cfg),
        decl::<wire::FeedDetail>(cfg),
        decl::<wire::CreateFeedRequest>(cfg),
        decl::<wire::FeedDto>(cfg),
        decl::<wire::OnlineRoom>(cfg),
        decl::<wire::OnlineBooking>(cfg),
        decl::<wire::OnlineBookingDto>(cfg),
    ]
}

/// The desk's own types, in a fixed order.
fn desk_decls(cfg: &Config) -> Vec<Decl> {
    vec![
        decl::<CommandError>(cfg),
        decl::<SeriesOutcome>(cfg),
        decl::<CustomerPageView>(cfg),
        decl::<BookingState>(cfg),
        decl::<BookingView>(cfg),
        decl::<Quote>(cfg),
        decl::<BoardHold>(cfg),
        decl::<BoardRoom>(cfg),
        decl::<DayBoard>(cfg),
        decl::<RoomStatusView>(cfg),
        decl::<SyncStatus>(cfg),
        decl::<DeskEvent>(cfg),
        decl::<Settings>(cfg),
        decl::<EnrolView>(cfg),
        decl::<RefusedChangeView>(cfg),
        decl::<RefusedCustomerEditView>(cfg),
        decl::<StaffMember>(cfg),
        decl::<SignInState>(cfg),
        decl::<ReportSource>(cfg),
        decl::<OccupancyView>(cfg),
        decl::<MoneyView>(cfg),
        decl::<CustomersView>(cfg),
        decl::<CashUpView>(cfg),
        decl::<ExportKind>(cfg),
        decl::<ExportLanguage>(cfg),
        decl::<ExportView>(cfg),
        decl::<BackupView>(cfg),
        decl::<RestoredView>(cfg),
        decl::<MessagesSource>(cfg),
        decl::<MessagesView>(cfg),
    ]
}

fn body(decls: &[Decl]) -> String {
    decls
        .iter()
        .map(|(_, decl)| format!("\nexport {decl}\n"))
        .collect()
}

/// Whether `name` appears in `text` as a whole word.
fn mentions(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let word = |c: char| c.is_alphanumeric() || c == '_';
        let before = text[..at].chars().next_back().is_none_or(|c| !word(c));
        let after = text[at + name.len()..]
            .chars()
            .next()
            .is_none_or(|c| !word(c));
        before && after
    })
}

/// The files of `ui/src/api/generated/` and their text.
fn generated() -> Vec<(&'static str, String)> {
    // Sequence numbers and counts fit a JavaScript number.
    let cfg = Config::new().with_large_int("number");
    let (wire, desk) = (wire_decls(&cfg), desk_decls(&cfg));
    let desk_body = body(&desk);
    let used: Vec<&str> = wire
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| mentions(&desk_body, name))
        .collect();
    let import = format!("\nimport type {{ {} }} from \"./wire\";\n", used.join(", "));
    vec![
        ("wire.ts", format!("{HEADER}{}", body(&wire))),
        ("desk.ts", format!("{HEADER}{import}{desk_body}")),
        (
            "index.ts",
            format!("{HEADER}\nexport type * from \"./wire\";\nexport type * from \"./desk\";\n"),
        ),
    ]
}

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/api/generated")
}

#[test]
fn the_ui_types_are_generated_from_the_rust_types() {
    for (file, want) in generated() {
        let path = folder().join(file);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(folder()).unwrap();
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "ui/src/api/generated/{file} is stale: run UPDATE_BINDINGS=1 cargo test -p frontdesk --lib bindings"
        );
    }
}

#[test]
fn a_word_is_found_whole() {
    assert!(mentions("a: BookingDto, b", "BookingDto"));
    assert!(!mentions("a: BookingDtoX", "BookingDto"));
    assert!(!mentions("MyBookingDto", "BookingDto"));
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
