//! The calls for regulars: recurring series and customer records.

use reqwest::Method;
use uuid::Uuid;

use crate::{Client, ClientError};

impl Client {
    pub async fn preview_series(
        &self,
        body: &frontdesk_protocol::PreviewSeriesRequest,
    ) -> Result<frontdesk_protocol::SeriesPreview, ClientError> {
        self.json(Method::POST, "/v1/series/preview", Some(body))
            .await
    }

    pub async fn book_series(
        &self,
        body: &frontdesk_protocol::BookSeriesRequest,
    ) -> Result<frontdesk_protocol::BookSeriesResponse, ClientError> {
        self.json(Method::POST, "/v1/series", Some(body)).await
    }

    pub async fn cancel_following(
        &self,
        id: Uuid,
        body: &frontdesk_protocol::CancelFollowingRequest,
    ) -> Result<frontdesk_protocol::CancelledBookings, ClientError> {
        self.json(
            Method::POST,
            &format!("/v1/bookings/{id}/cancel-following"),
            Some(body),
        )
        .await
    }

    pub async fn change_following(
        &self,
        id: Uuid,
        body: &frontdesk_protocol::ChangeFollowingRequest,
    ) -> Result<frontdesk_protocol::ChangedBookings, ClientError> {
        self.json(
            Method::POST,
            &format!("/v1/bookings/{id}/change-following"),
            Some(body),
        )
        .await
    }

    pub async fn edit_customer(
        &self,
        id: Uuid,
        body: &frontdesk_protocol::EditCustomerRequest,
    ) -> Result<frontdesk_protocol::CustomerRecordDto, ClientError> {
        self.json(Method::PUT, &format!("/v1/customers/{id}"), Some(body))
            .await
    }

    pub async fn merge_customers(
        &self,
        keep: Uuid,
        body: &frontdesk_protocol::MergeCustomersRequest,
    ) -> Result<frontdesk_protocol::CustomerRecordDto, ClientError> {
        self.json(
            Method::POST,
            &format!("/v1/customers/{keep}/merge"),
            Some(body),
        )
        .await
    }
}
