//! The Frontdesk desktop app: the Tauri builder around the desk's backend.
//!
//! - [`desk`]: [`desk::Desk`], the backend without a window: store, server, online/offline.
//! - [`remote`]: the typed client of the central server.
//! - [`sync`]: the sync worker (push, pull, follow the event stream).
//! - [`events`]: typed events to the UI.
//! - [`commands`]: the Tauri commands, one module per area; thin: parse, call, map errors.
//! - [`startup`]: data dir and server settings from the environment.

pub mod commands;
pub mod desk;
pub mod events;
pub mod remote;
pub mod startup;
pub mod sync;

use std::sync::Arc;

use tauri::Manager;

/// Stops the sync worker when the app exits.
struct SyncStop(tokio::sync::watch::Sender<bool>);

/// Starts the desktop app.
pub fn run() {
    let app = tauri::Builder::default()
        .setup(|app| {
            let dir = startup::data_dir(app.path().app_data_dir().ok())?;
            let events = Arc::new(events::TauriEvents(app.handle().clone()));
            let desk = desk::Desk::open(&dir, &startup::desk_id(), None, events)?;
            let server = match startup::server_from_env() {
                Some(settings) => Some(settings),
                None => desk.saved_server()?,
            };
            desk.set_server(server)?;
            let (stop, stopped) = tokio::sync::watch::channel(false);
            tauri::async_runtime::spawn(sync::run(desk.clone(), stopped));
            app.manage(desk);
            app.manage(SyncStop(stop));
            Ok(())
        })
        .invoke_handler(desk_commands!())
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                if let Some(stop) = handle.try_state::<SyncStop>() {
                    let _ = stop.0.send(true);
                }
            }
        }),
        Err(error) => {
            eprintln!("Frontdesk could not start: {error}");
            std::process::exit(1);
        }
    }
}
