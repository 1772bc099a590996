// Prevents an extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Answered before any window or display is needed (kiosk provisioning scripts use it).
    if std::env::args()
        .skip(1)
        .any(|a| a == "--version" || a == "-V")
    {
        println!("Frontdesk {}", env!("CARGO_PKG_VERSION"));
        return;
    }
    frontdesk_app::run()
}
