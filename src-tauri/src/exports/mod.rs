//! CSV exports of a period: bookings, payments, customers — a file per export in the
//! user's Downloads folder (or `FRONTDESK_EXPORT_DIR`), named after the studio and the
//! period, in English (`,` and a decimal point) or German (`;` and a decimal comma).
//!
//! - [`cells`]: one cell from one value (amounts, local times, the formula guard);
//! - [`tables`]: the header and rows of each export, in the chosen language;
//! - [`file`]: the folder, the file name, writing without replacing anything;
//! - `period`: [`Desk::export_csv`](crate::desk::Desk::export_csv), the export of a period
//!   at the desk.
//!
//! Bookings and customers come from the desk's own file (a connected desk holds the
//! studio's synced copy); payments through the same server-or-desk choice as the reports
//! (`Desk::payments_report`, every page of the server's or of the file's, so the file is
//! complete however long the period), and only an admin may export them.

pub mod cells;
pub mod file;
mod period;
pub mod tables;

use std::path::{Path, PathBuf};

use frontdesk_protocol::{ErrorBody, ErrorCode};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::desk::report_views::ReportSource;
use crate::desk::DeskError;

/// What is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ExportKind {
    Bookings,
    Payments,
    Customers,
}

impl ExportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ExportKind::Bookings => "bookings",
            ExportKind::Payments => "payments",
            ExportKind::Customers => "customers",
        }
    }
}

/// The language of headers, words and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ExportLanguage {
    /// `,` between cells, `.` before the decimals.
    En,
    /// `;` between cells, `,` before the decimals (what German spreadsheets expect).
    De,
}

impl ExportLanguage {
    pub fn separator(self) -> u8 {
        match self {
            ExportLanguage::En => b',',
            ExportLanguage::De => b';',
        }
    }
}

/// A written export: where it went and how many rows (without the header) it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExportView {
    /// The file's full path.
    pub path: String,
    pub file_name: String,
    pub rows: u64,
    /// Where the rows came from: payments from the server when it answered; bookings and
    /// customers always from this desk's copy.
    pub source: ReportSource,
}

/// Why an export could not be written.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error("could not write {path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("no folder to write the export to: neither Downloads nor the home folder exists (set FRONTDESK_EXPORT_DIR)")]
    NoFolder,
    #[error("{} and 998 numbered copies of it exist already: move some away", .0.display())]
    TooManyCopies(PathBuf),
}

impl ExportError {
    pub fn io(path: &Path, error: std::io::Error) -> ExportError {
        ExportError::Io {
            path: path.to_owned(),
            error,
        }
    }
}

impl From<ExportError> for DeskError {
    fn from(e: ExportError) -> Self {
        DeskError::Refused(ErrorBody::new(ErrorCode::Storage, e.to_string()))
    }
}
