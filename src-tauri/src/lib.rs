//! The Frontdesk desktop app: the Tauri builder around the engine and the desk's store.
//!
//! - [`state`]: where the desk's SQLite file lives and the shared [`state::DeskState`].
//! - [`commands`]: the Tauri commands, one module per area; thin: parse, call, map errors.

pub mod commands;
pub mod state;

use tauri::Manager;

/// Starts the desktop app.
pub fn run() {
    let app = tauri::Builder::default()
        .setup(|app| {
            let dir = state::data_dir(app.path().app_data_dir().ok())?;
            let desk = state::DeskState::open(&dir)?;
            app.manage(desk);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![commands::studio::studio]);
    if let Err(error) = app.run(tauri::generate_context!()) {
        eprintln!("Frontdesk could not start: {error}");
        std::process::exit(1);
    }
}
