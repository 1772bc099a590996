//! [`Reports`]: the studio's numbers of a checked period, one call per report. On the
//! SQLite [`Store`] here (the store's own aggregation, the same as the desk's offline
//! reports); on PostgreSQL in `postgres/reports.rs` and `postgres/reports_payments.rs`,
//! with the same definitions.

use frontdesk_protocol::{
    CustomersReport, MoneyReport, OccupancyReport, PaymentsPage, PaymentsReport, ReportPeriod,
};
use frontdesk_store::Store;

use super::StorageError;

/// The reports, scoped by the storage's studio.
pub trait Reports {
    /// Open, booked and changeover minutes per room, and the weekday × hour heatmap.
    fn occupancy_report(&self, period: &ReportPeriod) -> Result<OccupancyReport, StorageError>;
    /// Billed, paid and unpaid by room, month and payment method.
    fn money_report(&self, period: &ReportPeriod) -> Result<MoneyReport, StorageError>;
    /// Cancellation, no-show and series counts, and the top customers.
    fn customers_report(&self, period: &ReportPeriod) -> Result<CustomersReport, StorageError>;
    /// One page of the payment changes recorded in the period, in the order recorded (the
    /// first page with the whole period's totals).
    fn payments_report(
        &self,
        period: &ReportPeriod,
        page: &PaymentsPage,
    ) -> Result<PaymentsReport, StorageError>;
}

impl Reports for Store {
    fn occupancy_report(&self, period: &ReportPeriod) -> Result<OccupancyReport, StorageError> {
        Ok(Store::occupancy_report(self, period)?)
    }
    fn money_report(&self, period: &ReportPeriod) -> Result<MoneyReport, StorageError> {
        Ok(Store::money_report(self, period)?)
    }
    fn customers_report(&self, period: &ReportPeriod) -> Result<CustomersReport, StorageError> {
        Ok(Store::customers_report(self, period)?)
    }
    fn payments_report(
        &self,
        period: &ReportPeriod,
        page: &PaymentsPage,
    ) -> Result<PaymentsReport, StorageError> {
        Ok(Store::payments_report(self, period, page)?)
    }
}
