//! The export of a period at the desk: who may, where the rows come from, and the file.

use std::path::Path;

use frontdesk_protocol::{ReportQuery, StaffRole};

use super::{file, tables, ExportKind, ExportLanguage, ExportView};
use crate::desk::report_views::ReportSource;
use crate::desk::{Desk, DeskError};

impl Desk {
    /// Writes the `kind` export of `query`'s period into `dir`. Customers need a signed-in
    /// staff member; bookings (with their prices and payments) and payments are the
    /// bookkeeper's files and need an admin (when the studio has staff).
    pub async fn export_csv(
        &self,
        kind: ExportKind,
        query: &ReportQuery,
        language: ExportLanguage,
        dir: &Path,
    ) -> Result<ExportView, DeskError> {
        let need = match kind {
            ExportKind::Payments | ExportKind::Bookings => StaffRole::Admin,
            ExportKind::Customers => StaffRole::Staff,
        };
        self.acting(need)?;
        let period = self.report_period(query)?;
        let studio = self.store().studio().clone();
        let name = file::file_name(&studio.name, kind, period.from, period.to);
        let ((path, rows), source) = match kind {
            ExportKind::Bookings => {
                let list = self.local(|s| s.bookings_starting(&period))?;
                let table = tables::bookings(&list, &studio, language);
                (
                    file::write(dir, &name, table, language)?,
                    ReportSource::Desk,
                )
            }
            ExportKind::Customers => {
                let list = self.local(|s| s.customers_booked(&period))?;
                let table = tables::customers(&list, language);
                (
                    file::write(dir, &name, table, language)?,
                    ReportSource::Desk,
                )
            }
            ExportKind::Payments => {
                let (report, source) = self.payments_report(query).await?;
                let table = tables::payments(&report.payments, &studio, &report.currency, language);
                (file::write(dir, &name, table, language)?, source)
            }
        };
        Ok(ExportView {
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or(name),
            path: path.to_string_lossy().into_owned(),
            rows,
            source,
        })
    }
}
