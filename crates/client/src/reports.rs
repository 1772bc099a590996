//! The studio's numbers: one request per report (`GET /v1/reports/…`; the payments a page
//! at a time). Money and payments need an admin token (403 `forbidden` otherwise); the desk
//! makes the cash-up from a one-day payments report with every page (`CashUp::of`).

use frontdesk_protocol::{
    CustomersReport, MoneyReport, OccupancyReport, PaymentsCursor, PaymentsPage, PaymentsReport,
    ReportQuery,
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

    /// One page of the payment changes recorded in the period (an admin token's right); the
    /// first page carries the period's totals.
    pub async fn payments_page(
        &self,
        query: &ReportQuery,
        page: &PaymentsPage,
    ) -> Result<PaymentsReport, ClientError> {
        let path = format!(
            "/v1/reports/payments?{}&{}",
            query.to_query_string(),
            page.to_query_string()
        );
        self.json(Method::GET, &path, None::<&()>).await
    }

    /// Every payment change recorded in the period: each page asked for in turn (following
    /// `next`) and appended, with the first page's totals.
    pub async fn payments_report(
        &self,
        query: &ReportQuery,
    ) -> Result<PaymentsReport, ClientError> {
        let mut report = self.payments_page(query, &PaymentsPage::default()).await?;
        while let Some(next) = report.next.as_deref() {
            // An answer this client cannot read, as elsewhere: the server is of no use now.
            let after = PaymentsCursor::decode(next).ok_or_else(|| {
                ClientError::Unreachable(format!("the server's next page \"{next}\" is no cursor"))
            })?;
            let page = PaymentsPage {
                after: Some(after),
                ..PaymentsPage::default()
            };
            report.append(self.payments_page(query, &page).await?);
        }
        Ok(report)
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
