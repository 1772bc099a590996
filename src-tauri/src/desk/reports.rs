//! The studio's numbers at the desk: occupancy, money, customers and the end-of-day cash-up,
//! each from the server when it answers (every desk's bookings and payments) and from this
//! desk's file when standalone or unreachable — chosen in one place, [`Desk::server_first`].
//! The answer says which ([`ReportSource`]): an offline desk's payments are only those its
//! file knows.
//!
//! The query is checked here first against the studio's rooms, so bad input gets the same
//! field error offline as online. Occupancy and customers need a signed-in staff member;
//! money, payments and the cash-up an admin (when the studio has staff; the server also
//! refuses them to a desk token that is not an admin's).

use std::future::Future;

use chrono::NaiveDate;
use frontdesk_client::{Client, ClientError};
use frontdesk_protocol::{CashUp, PaymentsReport, ReportPeriod, ReportQuery, StaffRole};
use frontdesk_store::{Store, StoreError};

use super::report_views::{CashUpView, CustomersView, MoneyView, OccupancyView, ReportSource};
use super::{Desk, DeskError};

impl Desk {
    /// The query checked against the studio's rooms (in their order).
    pub(crate) fn report_period(&self, query: &ReportQuery) -> Result<ReportPeriod, DeskError> {
        let rooms: Vec<String> = self
            .store()
            .studio()
            .rooms
            .iter()
            .map(|r| r.id.to_string())
            .collect();
        query
            .check(&rooms)
            .map_err(|e| DeskError::Refused(e.to_body()))
    }

    /// One report: who may (`need`), the query checked here, then the server's answer when
    /// it gives one ([`Desk::server_first`]), else this desk's file's — saying which.
    async fn report<T, F, Fut>(
        &self,
        need: StaffRole,
        query: &ReportQuery,
        server: F,
        local: impl FnOnce(&Store, &ReportPeriod) -> Result<T, StoreError>,
    ) -> Result<(T, ReportSource), DeskError>
    where
        F: FnOnce(Client) -> Fut,
        Fut: Future<Output = Result<T, ClientError>>,
    {
        self.acting(need)?;
        let period = self.report_period(query)?;
        self.server_first(
            |c| async move { Ok((server(c).await?, ReportSource::Server)) },
            || Ok((self.local(|s| local(s, &period))?, ReportSource::Desk)),
        )
        .await
    }

    /// How busy each room was, and the weekday × hour heatmap.
    pub async fn occupancy_report(&self, query: &ReportQuery) -> Result<OccupancyView, DeskError> {
        let server = |c: Client| async move { c.occupancy_report(query).await };
        let answer = self.report(StaffRole::Staff, query, server, Store::occupancy_report);
        Ok(answer.await?.into())
    }

    /// Billed, paid and unpaid by room, month and method (an admin's).
    pub async fn money_report(&self, query: &ReportQuery) -> Result<MoneyView, DeskError> {
        let server = |c: Client| async move { c.money_report(query).await };
        let answer = self.report(StaffRole::Admin, query, server, Store::money_report);
        Ok(answer.await?.into())
    }

    /// Cancellations, no-shows, the series share and the top customers.
    pub async fn customers_report(&self, query: &ReportQuery) -> Result<CustomersView, DeskError> {
        let server = |c: Client| async move { c.customers_report(query).await };
        let answer = self.report(StaffRole::Staff, query, server, Store::customers_report);
        Ok(answer.await?.into())
    }

    /// Every payment change recorded in the period (an admin's), every page of it from the
    /// one source: the payments export and the cash-up are made from it.
    pub async fn payments_report(
        &self,
        query: &ReportQuery,
    ) -> Result<(PaymentsReport, ReportSource), DeskError> {
        let server = |c: Client| async move { c.payments_report(query).await };
        self.report(
            StaffRole::Admin,
            query,
            server,
            Store::payments_report_whole,
        )
        .await
    }

    /// The end-of-day cash-up of `date`: its payments by method and staff member, received
    /// and refunded (an admin's).
    pub async fn cash_up(&self, date: NaiveDate) -> Result<CashUpView, DeskError> {
        let query = ReportQuery {
            from: date,
            to: date,
            rooms: None,
        };
        let (report, source) = self.payments_report(&query).await?;
        Ok((CashUp::of(report), source).into())
    }
}
