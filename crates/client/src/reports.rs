//! The studio's numbers: one request per report (`GET /v1/reports/…`). Money and payments
//! need an admin token (403 `forbidden` otherwise); the desk makes the cash-up from a
//! one-day payments report (`CashUp::of`).

use frontdesk_protocol::{
    CustomersReport, MoneyReport, OccupancyReport, PaymentsReport, ReportQuery,
};
use reqwest::Method;
use serde::de::DeserializeOwned;

use crate::{Client, ClientError};

impl Client {
    /// How busy each room was, and the weekday × hour heatmap.
    pub async fn occupancy_report(
        &self,
        query: &ReportQuery,
    ) -> Result<OccupancyReport, ClientError> {
        self.report("occupancy", query).await
    }

    /// Billed, paid and unpaid by room, month and method (an admin token's right).
    pub async fn money_report(&self, query: &ReportQuery) -> Result<MoneyReport, ClientError> {
        self.report("money", query).await
    }

    /// Cancellation, no-show and series counts, and the top customers.
    pub async fn customers_report(
        &self,
        query: &ReportQuery,
    ) -> Result<CustomersReport, ClientError> {
        self.report("customers", query).await
    }

    /// Every payment change recorded in the period (an admin token's right).
    pub async fn payments_report(
        &self,
        query: &ReportQuery,
    ) -> Result<PaymentsReport, ClientError> {
        self.report("payments", query).await
    }

    async fn report<T: DeserializeOwned>(
        &self,
        name: &str,
        query: &ReportQuery,
    ) -> Result<T, ClientError> {
        let path = format!("/v1/reports/{name}?{}", query.to_query_string());
        self.json(Method::GET, &path, None::<&()>).await
    }
}
