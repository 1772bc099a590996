//! The desk's client of the central server (contract v1), typed. Each call says whether it
//! failed because the server could not be reached ([`RemoteError::Unreachable`]: go
//! offline) or because the server refused ([`RemoteError::Refused`]: tell staff).

use std::time::Duration;

use chrono::NaiveDate;
use frontdesk_protocol::{
    BookingDto, CreateBookingRequest, DaySlotsResponse, ErrorBody, MonthAvailabilityResponse,
    PullResponse, PushRequest, PushResponse, SetHoldsRequest, SetHoldsResponse, StudioInfo,
};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use thiserror::Error;
use uuid::Uuid;

#[derive(Debug, Error)]
pub enum RemoteError {
    #[error("the server cannot be reached ({0})")]
    Unreachable(String),
    #[error("{}", .body.message)]
    Refused { status: u16, body: ErrorBody },
}

/// Base URL and token of a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerSettings {
    pub url: String,
    pub token: String,
}

#[derive(Debug, Clone)]
pub struct Remote {
    client: reqwest::Client,
    settings: ServerSettings,
}

impl Remote {
    pub fn new(settings: ServerSettings) -> Result<Remote, RemoteError> {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(3))
            .timeout(Duration::from_secs(15))
            .build()
            .map_err(|e| RemoteError::Unreachable(e.to_string()))?;
        Ok(Remote { client, settings })
    }

    pub fn settings(&self) -> &ServerSettings {
        &self.settings
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.settings.url.trim_end_matches('/'))
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&(impl Serialize + Sync)>,
    ) -> Result<(StatusCode, Option<T>), RemoteError> {
        let mut request = self
            .client
            .request(method, self.url(path))
            .bearer_auth(&self.settings.token);
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request
            .send()
            .await
            .map_err(|e| RemoteError::Unreachable(e.to_string()))?;
        let status = response.status();
        let bytes = response
            .bytes()
            .await
            .map_err(|e| RemoteError::Unreachable(e.to_string()))?;
        if status.is_success() {
            if bytes.is_empty() {
                return Ok((status, None));
            }
            let value = serde_json::from_slice(&bytes).map_err(|e| {
                RemoteError::Unreachable(format!("unexpected answer from the server: {e}"))
            })?;
            return Ok((status, Some(value)));
        }
        if status.is_server_error() {
            return Err(RemoteError::Unreachable(format!(
                "the server answered {status}"
            )));
        }
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| ErrorBody::new("error", format!("the server answered {status}")));
        Err(RemoteError::Refused {
            status: status.as_u16(),
            body,
        })
    }

    async fn json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&(impl Serialize + Sync)>,
    ) -> Result<T, RemoteError> {
        match self.call(method, path, body).await? {
            (_, Some(value)) => Ok(value),
            (status, None) => Err(RemoteError::Unreachable(format!(
                "the server answered {status} without a body"
            ))),
        }
    }

    pub async fn studio(&self) -> Result<StudioInfo, RemoteError> {
        self.json(Method::GET, "/v1/studio", None::<&()>).await
    }

    pub async fn day_slots(
        &self,
        room: &str,
        date: NaiveDate,
        duration: u32,
        session: Option<Uuid>,
    ) -> Result<DaySlotsResponse, RemoteError> {
        let mut path = format!("/v1/availability/day?room={room}&date={date}&duration={duration}");
        if let Some(s) = session {
            path.push_str(&format!("&session={s}"));
        }
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn month(
        &self,
        room: &str,
        year: i32,
        month: u32,
        duration: u32,
    ) -> Result<MonthAvailabilityResponse, RemoteError> {
        self.json(
            Method::GET,
            &format!(
                "/v1/availability/month?room={room}&month={year:04}-{month:02}&duration={duration}"
            ),
            None::<&()>,
        )
        .await
    }

    pub async fn set_holds(
        &self,
        session: Uuid,
        body: &SetHoldsRequest,
    ) -> Result<SetHoldsResponse, RemoteError> {
        self.json(Method::PUT, &format!("/v1/holds/{session}"), Some(body))
            .await
    }

    pub async fn release_holds(&self, session: Uuid) -> Result<(), RemoteError> {
        self.call::<serde_json::Value>(
            Method::DELETE,
            &format!("/v1/holds/{session}"),
            None::<&()>,
        )
        .await?;
        Ok(())
    }

    pub async fn holds(
        &self,
        room: &str,
        date: NaiveDate,
    ) -> Result<frontdesk_protocol::HoldsResponse, RemoteError> {
        self.json(
            Method::GET,
            &format!("/v1/holds?room={room}&date={date}"),
            None::<&()>,
        )
        .await
    }

    pub async fn rooms_status(
        &self,
        body: &frontdesk_protocol::RoomsStatusRequest,
    ) -> Result<frontdesk_protocol::RoomsStatusResponse, RemoteError> {
        self.json(Method::POST, "/v1/rooms/status", Some(body))
            .await
    }

    pub async fn create_booking(
        &self,
        body: &CreateBookingRequest,
    ) -> Result<BookingDto, RemoteError> {
        self.json(Method::POST, "/v1/bookings", Some(body)).await
    }

    pub async fn cancel_booking(
        &self,
        id: Uuid,
        reason: Option<&str>,
    ) -> Result<BookingDto, RemoteError> {
        let body = frontdesk_protocol::CancelRequest {
            reason: reason.map(str::to_owned),
        };
        self.json(
            Method::POST,
            &format!("/v1/bookings/{id}/cancel"),
            Some(&body),
        )
        .await
    }

    pub async fn push(&self, body: &PushRequest) -> Result<PushResponse, RemoteError> {
        self.json(Method::POST, "/v1/sync/push", Some(body)).await
    }

    pub async fn pull(&self, since: i64, limit: u32) -> Result<PullResponse, RemoteError> {
        self.json(
            Method::GET,
            &format!("/v1/sync/pull?since={since}&limit={limit}"),
            None::<&()>,
        )
        .await
    }

    /// Opens the event stream; the response body yields SSE text.
    pub async fn events(&self) -> Result<reqwest::Response, RemoteError> {
        let response = self
            .client
            .get(self.url("/v1/events"))
            .bearer_auth(&self.settings.token)
            .timeout(Duration::from_secs(24 * 3600))
            .send()
            .await
            .map_err(|e| RemoteError::Unreachable(e.to_string()))?;
        if !response.status().is_success() {
            return Err(RemoteError::Unreachable(format!(
                "the event stream answered {}",
                response.status()
            )));
        }
        Ok(response)
    }
}
