//! Tauri commands, one module per area. Errors reach the UI as [`CommandError`]:
//! a `code` to branch on and a `message` in plain words.

pub mod studio;

use serde::Serialize;

/// What a failed command gives the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
}
