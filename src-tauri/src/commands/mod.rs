//! Tauri commands, one module per area: parse, call the [`crate::desk::Desk`], map errors.
//! Errors reach the UI as [`CommandError`]: a `code` to branch on and a `message` in plain
//! words (and the conflicting spans for `conflict`).

pub mod availability;
pub mod bookings;
pub mod customers;
pub mod feeds;
pub mod holds;
pub mod online;
pub mod reports;
pub mod series;
pub mod settings;
pub mod staff;
pub mod status;
pub mod studio;
pub mod sync;

#[cfg(test)]
mod tests;

use frontdesk_protocol::{ConflictDto, ErrorBody, ErrorCode};
use serde::Serialize;

use crate::desk::DeskError;

/// What a failed command gives the UI: the code of the protocol's one error vocabulary to
/// branch on, the message in plain words, and for `conflict` the blocking spans (in the
/// studio's timezone), for `unknown_room` the unknown ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub conflicts: Option<Vec<ConflictDto>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub unknown: Option<Vec<String>>,
}

impl From<DeskError> for CommandError {
    fn from(error: DeskError) -> Self {
        let ErrorBody {
            error,
            message,
            conflicts,
            unknown,
        } = error.into_body();
        CommandError {
            code: error,
            message,
            conflicts,
            unknown,
        }
    }
}

/// Every command, for the app and for the mock-runtime tests.
#[macro_export]
macro_rules! desk_commands {
    () => {
        tauri::generate_handler![
            $crate::commands::studio::studio,
            $crate::commands::availability::day_slots,
            $crate::commands::availability::month_availability,
            $crate::commands::availability::day_board,
            $crate::commands::holds::set_holds,
            $crate::commands::holds::release_holds,
            $crate::commands::bookings::create_booking,
            $crate::commands::bookings::cancel_booking,
            $crate::commands::bookings::change_booking,
            $crate::commands::customers::find_customers,
            $crate::commands::customers::customer_page,
            $crate::commands::customers::edit_customer,
            $crate::commands::customers::merge_customers,
            $crate::commands::series::preview_series,
            $crate::commands::series::book_series,
            $crate::commands::series::cancel_following,
            $crate::commands::series::change_following,
            $crate::commands::bookings::get_booking,
            $crate::commands::bookings::quote,
            $crate::commands::bookings::fee_preview,
            $crate::commands::bookings::booking_messages,
            $crate::commands::bookings::find_bookings,
            $crate::commands::status::rooms_status,
            $crate::commands::sync::sync_status,
            $crate::commands::sync::sync_now,
            $crate::commands::sync::conflicts,
            $crate::commands::sync::move_conflict,
            $crate::commands::sync::refused_changes,
            $crate::commands::sync::resolve_refused_change,
            $crate::commands::sync::refused_customer_edits,
            $crate::commands::sync::resolve_refused_customer_edit,
            $crate::commands::settings::get_settings,
            $crate::commands::settings::save_settings,
            $crate::commands::settings::enrol_desk,
            $crate::commands::settings::set_start_fullscreen,
            $crate::commands::settings::test_connection,
            $crate::commands::settings::choose_demo,
            $crate::commands::settings::setup_studio,
            $crate::commands::settings::list_backups,
            $crate::commands::settings::restore_backup,
            $crate::commands::studio::check_studio,
            $crate::commands::studio::change_studio,
            $crate::commands::staff::staff_members,
            $crate::commands::staff::sign_in_state,
            $crate::commands::staff::sign_in,
            $crate::commands::staff::sign_out,
            $crate::commands::staff::touch,
            $crate::commands::staff::set_sign_out_minutes,
            $crate::commands::staff::activity,
            $crate::commands::reports::report_occupancy,
            $crate::commands::reports::report_money,
            $crate::commands::reports::report_customers,
            $crate::commands::reports::cash_up,
            $crate::commands::reports::export_csv,
            $crate::commands::feeds::feeds,
            $crate::commands::feeds::create_feed,
            $crate::commands::feeds::revoke_feed,
            $crate::commands::online::online_booking,
            $crate::commands::online::save_online_booking,
        ]
    };
}
