//! The Frontdesk desktop app: the Tauri builder around the desk's backend.
//!
//! - [`desk`]: [`desk::Desk`], the backend without a window: store, connection (standalone,
//!   online, offline), clock; the server's typed client is the `frontdesk-client` crate.
//! - [`sync`]: the sync worker (push, pull, follow the event stream) and its pure planning.
//! - [`events`]: typed events to the UI.
//! - [`exports`]: CSV exports of a period (bookings, payments, customers).
//! - [`commands`]: the Tauri commands, one module per area; thin: parse, call, map errors.
//! - [`startup`]: data dir and server settings from the environment.

#[cfg(test)]
mod bindings;
pub mod commands;
pub mod desk;
pub mod events;
pub mod exports;
pub mod startup;
pub mod sync;

use std::sync::Arc;

use tauri::Manager;

/// Stops the sync worker when the app exits.
struct SyncStop(tokio::sync::watch::Sender<bool>);

/// Starts the desktop app.
pub fn run() {
    let context = tauri::generate_context!();
    let instance = startup::instance_id(&context.config().identifier);
    let app = tauri::Builder::default()
        // A second start focuses the running window instead of opening the file twice.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance)
                .callback(|app, _args, _cwd| {
                    tracing::info!(
                        "started again on this desk's file: focusing the running window"
                    );
                    if let Some(window) = app.get_webview_window("main") {
                        let _ = window.unminimize();
                        let _ = window.set_focus();
                    }
                })
                .build(),
        )
        // Logs (the `tracing` events too) to a file in the app's log dir and to stdout.
        .plugin(
            tauri_plugin_log::Builder::new()
                .level(log::LevelFilter::Info)
                // The single-instance plugin's D-Bus traffic is not news.
                .level_for("zbus", log::LevelFilter::Warn)
                .level_for("tracing", log::LevelFilter::Warn)
                .targets([
                    tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::LogDir {
                        file_name: None,
                    }),
                    tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::Stdout),
                ])
                .build(),
        )
        // Size and place of the window are remembered; full screen follows the setting.
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(
                    tauri_plugin_window_state::StateFlags::all()
                        - tauri_plugin_window_state::StateFlags::FULLSCREEN,
                )
                .build(),
        )
        .setup(|app| {
            let dir = startup::data_dir(app.path().app_data_dir().ok())?;
            let events = Arc::new(events::TauriEvents(app.handle().clone()));
            let clock = frontdesk_clock::system();
            let desk = desk::Desk::open(&dir, &startup::desk_id(), None, events, clock.clone())?;
            let server = match startup::server_from_env() {
                Some(settings) => Some(settings),
                None => desk.saved_server()?,
            };
            // A desk given a server, or told to use the demo, is set up.
            if server.is_some() || startup::demo_from_env() {
                desk.end_first_run()?;
            }
            desk.set_server(server)?;
            let (stop, stopped) = tokio::sync::watch::channel(false);
            tauri::async_runtime::spawn(sync::run(desk.clone(), stopped.clone()));
            tauri::async_runtime::spawn(sync::expire_holds(desk.clone(), stopped.clone()));
            tauri::async_runtime::spawn(desk::backups::run(dir.clone(), clock.clone(), stopped));
            let fullscreen = startup::fullscreen_from_env() || desk.start_fullscreen()?;
            if fullscreen {
                if let Some(window) = app.get_webview_window("main") {
                    window.set_fullscreen(true)?;
                }
            }
            tracing::info!(data = %dir.display(), fullscreen, "desk open");
            app.manage(desk);
            app.manage(SyncStop(stop));
            Ok(())
        })
        .invoke_handler(desk_commands!())
        .build(context);
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
