//! What the UI is shown of the studio's numbers: each report of the protocol with where it
//! came from beside its fields ([`ReportSource`]). Their TypeScript twins are generated
//! (see `crate::bindings`).

use frontdesk_protocol::{CashUp, CustomersReport, MoneyReport, OccupancyReport};
use serde::Serialize;

/// Where a report's numbers came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ReportSource {
    /// The studio's server: every desk's bookings and payments.
    Server,
    /// This desk's file: standalone, or the server could not be reached (its copy of the
    /// bookings as last synced, and the payments it recorded or pulled).
    Desk,
}

/// A report of the protocol with where it came from beside its fields.
macro_rules! sourced_view {
    ($(#[$doc:meta])* $view:ident, $report:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        #[cfg_attr(test, derive(ts_rs::TS))]
        #[serde(rename_all = "camelCase")]
        pub struct $view {
            #[serde(flatten)]
            pub report: $report,
            pub source: ReportSource,
        }

        impl From<($report, ReportSource)> for $view {
            fn from((report, source): ($report, ReportSource)) -> Self {
                $view { report, source }
            }
        }
    };
}

sourced_view!(
    /// The occupancy report and where it came from.
    OccupancyView,
    OccupancyReport
);
sourced_view!(
    /// The money report and where it came from.
    MoneyView,
    MoneyReport
);
sourced_view!(
    /// The customers report and where it came from.
    CustomersView,
    CustomersReport
);
sourced_view!(
    /// The cash-up of a date and where its payments came from.
    CashUpView,
    CashUp
);
