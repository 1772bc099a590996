//! Tauri commands, one module per area: parse, call the [`crate::desk::Desk`], map errors.
//! Errors reach the UI as [`CommandError`]: a `code` to branch on and a `message` in plain
//! words (and the conflicting spans for `conflict`).

pub mod availability;
pub mod bookings;
pub mod holds;
pub mod settings;
pub mod status;
pub mod studio;
pub mod sync;

#[cfg(test)]
mod tests;

use frontdesk_core::{BookingError, HoldError};
use frontdesk_protocol::{ConflictDto, ErrorBody};
use frontdesk_store::StoreError;
use serde::Serialize;

use crate::desk::DeskError;

/// What a failed command gives the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandError {
    /// `conflict`, `id_reused`, `invalid`, `unknown_room`, `not_found`, `unreachable`,
    /// `storage`.
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflicts: Option<Vec<ConflictDto>>,
}

impl CommandError {
    fn new(code: &str, message: String) -> Self {
        CommandError {
            code: code.into(),
            message,
            conflicts: None,
        }
    }
}

impl From<DeskError> for CommandError {
    fn from(error: DeskError) -> Self {
        let message = error.to_string();
        match error {
            DeskError::Server(ErrorBody {
                error,
                message,
                conflicts,
                ..
            }) => CommandError {
                code: error,
                message,
                conflicts,
            },
            DeskError::Unreachable(_) => CommandError::new("unreachable", message),
            DeskError::Invalid(_) | DeskError::Demo(_) => CommandError::new("invalid", message),
            DeskError::Store(store) => match store {
                StoreError::Booking(BookingError::Conflicts(c))
                | StoreError::Hold(HoldError::Conflicts(c)) => {
                    // Local conflicts carry UTC instants; the UI shows them in the studio's zone.
                    let conflicts = c
                        .iter()
                        .map(|c| ConflictDto::from_core(c, |t| t.fixed_offset()))
                        .collect();
                    CommandError {
                        code: "conflict".into(),
                        message,
                        conflicts: Some(conflicts),
                    }
                }
                StoreError::IdReused(_) => CommandError::new("id_reused", message),
                StoreError::NotFound(_) => CommandError::new("not_found", message),
                StoreError::Studio(frontdesk_core::StudioError::UnknownRoom(_))
                | StoreError::UnknownRooms(_) => CommandError::new("unknown_room", message),
                StoreError::Studio(_)
                | StoreError::Span(_)
                | StoreError::Calendar(_)
                | StoreError::Booking(_)
                | StoreError::Hold(_)
                | StoreError::Availability(_)
                | StoreError::NotInConflict(_) => CommandError::new("invalid", message),
                _ => CommandError::new("storage", message),
            },
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
            $crate::commands::bookings::get_booking,
            $crate::commands::bookings::find_bookings,
            $crate::commands::status::rooms_status,
            $crate::commands::sync::sync_status,
            $crate::commands::sync::sync_now,
            $crate::commands::sync::conflicts,
            $crate::commands::sync::move_conflict,
            $crate::commands::settings::get_settings,
            $crate::commands::settings::save_settings,
            $crate::commands::settings::set_start_fullscreen,
            $crate::commands::settings::test_connection,
        ]
    };
}
