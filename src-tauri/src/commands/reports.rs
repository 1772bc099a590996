//! The studio's numbers: occupancy, money and customers reports of a period, the
//! end-of-day cash-up, and CSV exports (bookings, payments, customers) to the Downloads
//! folder. Each report comes from the server when it answers, from this desk's file when
//! not (the answer's `source` says which).

use std::path::PathBuf;

use chrono::NaiveDate;
use frontdesk_protocol::ReportQuery;
use tauri::Manager;

use super::CommandError;
use crate::desk::report_views::{CashUpView, CustomersView, MoneyView, OccupancyView};
use crate::desk::{Desk, DeskError};
use crate::exports::{file, ExportKind, ExportLanguage, ExportView};

/// Utilisation per room and the weekday × hour heatmap (a signed-in staff member).
#[tauri::command]
pub async fn report_occupancy(
    desk: tauri::State<'_, Desk>,
    query: ReportQuery,
) -> Result<OccupancyView, CommandError> {
    Ok(desk.occupancy_report(&query).await?)
}

/// Billed, paid and unpaid by room, month and method (an admin).
#[tauri::command]
pub async fn report_money(
    desk: tauri::State<'_, Desk>,
    query: ReportQuery,
) -> Result<MoneyView, CommandError> {
    Ok(desk.money_report(&query).await?)
}

/// Cancellations, no-shows, the series share and the top customers (a signed-in staff
/// member).
#[tauri::command]
pub async fn report_customers(
    desk: tauri::State<'_, Desk>,
    query: ReportQuery,
) -> Result<CustomersView, CommandError> {
    Ok(desk.customers_report(&query).await?)
}

/// The payments of a date by method and staff member, received and refunded (an admin).
#[tauri::command]
pub async fn cash_up(
    desk: tauri::State<'_, Desk>,
    date: NaiveDate,
) -> Result<CashUpView, CommandError> {
    Ok(desk.cash_up(date).await?)
}

/// Writes a CSV export of the period to `FRONTDESK_EXPORT_DIR`, else the user's Downloads
/// folder, else home — never over an existing file — and answers where it went.
#[tauri::command]
pub async fn export_csv<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    desk: tauri::State<'_, Desk>,
    kind: ExportKind,
    query: ReportQuery,
    language: ExportLanguage,
) -> Result<ExportView, CommandError> {
    let dir = file::export_dir(
        std::env::var_os(file::EXPORT_DIR_ENV).map(PathBuf::from),
        app.path().download_dir().ok(),
        app.path().home_dir().ok(),
    )
    .map_err(DeskError::from)?;
    Ok(desk.export_csv(kind, &query, language, &dir).await?)
}
