//! The typed client of Frontdesk's HTTP contract (`docs/api.md`), one for every caller: the
//! desk, the load tool and the server's tests. Each call says whether it failed because the
//! server could not be reached ([`ClientError::Unreachable`]: a desk goes offline) or because
//! the server refused ([`ClientError::Refused`]: tell staff, with the server's code).
//! [`Client::events`] follows the event stream, parsed by `eventsource-stream`.

mod address;
mod availability;
mod events;
mod feeds;
mod online;
mod regulars;
mod reports;
mod staff;

pub use address::ServerAddress;
pub use events::{parse_events, ServerEvent};

use std::time::Duration;

use frontdesk_protocol::{
    BookingDto, CreateBookingRequest, ErrorBody, ErrorCode, PullResponse, PushRequest,
    PushResponse, RoomsStatusRequest, RoomsStatusResponse, StudioInfo,
};
pub use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use thiserror::Error;
use uuid::Uuid;

#[derive(Debug, Error)]
pub enum ClientError {
    #[error("the server cannot be reached ({0})")]
    Unreachable(String),
    #[error("{}", .body.message)]
    Refused { status: u16, body: ErrorBody },
    /// The address is not one the desk may send its token to (see [`ServerAddress`]).
    #[error("{0}")]
    Address(String),
}

/// Base URL and token of a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerSettings {
    pub url: String,
    pub token: String,
}

#[derive(Debug, Clone)]
pub struct Client {
    client: reqwest::Client,
    settings: ServerSettings,
    /// The staff session its writes carry (`X-Frontdesk-Staff`), if a member signed in.
    staff_session: Option<String>,
}

impl Client {
    /// The desk's client. Certificates are always verified (nothing here or in the settings
    /// turns that off); plain `http://` is refused unless the server is on this machine, and
    /// a client of another machine follows no redirect to plain HTTP.
    pub fn new(settings: ServerSettings) -> Result<Client, ClientError> {
        let address = ServerAddress::parse(&settings.url).map_err(ClientError::Address)?;
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(3))
            .timeout(Duration::from_secs(15))
            .https_only(!address.is_loopback())
            .build()
            .map_err(|e| ClientError::Unreachable(e.to_string()))?;
        // Requests go to the address in its one spelling (`https://host/v1` is `https://host`).
        let settings = ServerSettings {
            url: address.canonical(),
            ..settings
        };
        Ok(Client {
            client,
            settings,
            staff_session: None,
        })
    }

    /// Exchanges a one-time enrolment code for this desk's token (`POST /v1/enrol`, sent
    /// without a token). An unknown, used or expired code is refused (`unauthorized`).
    pub async fn enrol(
        url: &str,
        request: &frontdesk_protocol::EnrolRequest,
    ) -> Result<frontdesk_protocol::EnrolResponse, ClientError> {
        let anonymous = Client::new(ServerSettings {
            url: url.to_owned(),
            token: String::new(),
        })?;
        anonymous
            .json(Method::POST, "/v1/enrol", Some(request))
            .await
    }

    /// A client of a server on this machine, for the load tool: no system proxy (loopback
    /// requests must not leave through one), up to `max_idle_per_host` idle connections
    /// kept for reuse, and 60 s per request (a loaded server's slow answer is measured,
    /// not failed).
    pub fn local(
        settings: ServerSettings,
        max_idle_per_host: usize,
    ) -> Result<Client, ClientError> {
        let client = reqwest::Client::builder()
            .no_proxy()
            .pool_max_idle_per_host(max_idle_per_host)
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| ClientError::Unreachable(e.to_string()))?;
        Ok(Client {
            client,
            settings,
            staff_session: None,
        })
    }

    pub fn settings(&self) -> &ServerSettings {
        &self.settings
    }

    /// The request with the desk token (none without one: the server answers 401) and the
    /// staff session, if any.
    fn authorized(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        let request = match &self.staff_session {
            Some(session) => request.header(frontdesk_protocol::STAFF_SESSION_HEADER, session),
            None => request,
        };
        if self.settings.token.is_empty() {
            request
        } else {
            request.bearer_auth(&self.settings.token)
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.settings.url.trim_end_matches('/'))
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&(impl Serialize + Sync)>,
    ) -> Result<(StatusCode, Option<T>), ClientError> {
        let body = body.map(serde_json::to_vec).transpose().map_err(|e| {
            ClientError::Unreachable(format!("the request could not be written: {e}"))
        })?;
        let (status, bytes) = self.send(method, path, body).await?;
        if status.is_success() {
            if bytes.is_empty() {
                return Ok((status, None));
            }
            let value = serde_json::from_slice(&bytes).map_err(|e| {
                ClientError::Unreachable(format!("unexpected answer from the server: {e}"))
            })?;
            return Ok((status, Some(value)));
        }
        if status.is_server_error() {
            return Err(ClientError::Unreachable(format!(
                "the server answered {status}"
            )));
        }
        let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
            ErrorBody::new(ErrorCode::Unknown, format!("the server answered {status}"))
        });
        Err(ClientError::Refused {
            status: status.as_u16(),
            body,
        })
    }

    pub(crate) async fn json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&(impl Serialize + Sync)>,
    ) -> Result<T, ClientError> {
        match self.call(method, path, body).await? {
            (_, Some(value)) => Ok(value),
            (status, None) => Err(ClientError::Unreachable(format!(
                "the server answered {status} without a body"
            ))),
        }
    }

    /// Sends any request and answers the status and body as they came, without reading
    /// them: for tests of the contract's error answers and for the load tool.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<(StatusCode, Vec<u8>), ClientError> {
        let mut request = self.authorized(self.client.request(method, self.url(path)));
        if let Some(body) = body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        let response = request
            .send()
            .await
            .map_err(|e| ClientError::Unreachable(e.to_string()))?;
        let status = response.status();
        let bytes = response
            .bytes()
            .await
            .map_err(|e| ClientError::Unreachable(e.to_string()))?;
        Ok((status, bytes.to_vec()))
    }

    /// A one-time enrolment code for a desk (an admin token's right, `POST /v1/desks`).
    pub async fn add_desk(
        &self,
        body: &frontdesk_protocol::AddDeskRequest,
    ) -> Result<frontdesk_protocol::EnrolmentCode, ClientError> {
        self.json(Method::POST, "/v1/desks", Some(body)).await
    }

    pub async fn studio(&self) -> Result<StudioInfo, ClientError> {
        self.json(Method::GET, "/v1/studio", None::<&()>).await
    }

    /// Replaces the studio (an admin token's right), if it is still at `body.version`.
    pub async fn change_studio(
        &self,
        body: &frontdesk_protocol::StudioUpdate,
    ) -> Result<StudioInfo, ClientError> {
        self.json(Method::PUT, "/v1/studio", Some(body)).await
    }

    /// The bookings ahead that `body` would leave outside (an admin token's right).
    pub async fn check_studio(
        &self,
        body: &frontdesk_protocol::StudioUpdate,
    ) -> Result<frontdesk_protocol::StudioCheck, ClientError> {
        self.json(Method::POST, "/v1/studio/check", Some(body))
            .await
    }

    /// The server's audit log for the activity screen.
    pub async fn activity(
        &self,
        query: &frontdesk_protocol::ActivityQuery,
    ) -> Result<frontdesk_protocol::ActivityResponse, ClientError> {
        let path = format!("/v1/activity?{}", query.to_query_string());
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn rooms_status(
        &self,
        body: &RoomsStatusRequest,
    ) -> Result<RoomsStatusResponse, ClientError> {
        self.json(Method::POST, "/v1/rooms/status", Some(body))
            .await
    }

    pub async fn create_booking(
        &self,
        body: &CreateBookingRequest,
    ) -> Result<BookingDto, ClientError> {
        self.json(Method::POST, "/v1/bookings", Some(body)).await
    }

    pub async fn cancel_booking(
        &self,
        id: Uuid,
        body: &frontdesk_protocol::CancelRequest,
    ) -> Result<BookingDto, ClientError> {
        self.json(
            Method::POST,
            &format!("/v1/bookings/{id}/cancel"),
            Some(body),
        )
        .await
    }

    pub async fn booking(&self, id: Uuid) -> Result<BookingDto, ClientError> {
        self.json(Method::GET, &format!("/v1/bookings/{id}"), None::<&()>)
            .await
    }

    /// The messages booking `id` sent its customer, and what became of each.
    pub async fn booking_messages(
        &self,
        id: Uuid,
    ) -> Result<frontdesk_protocol::BookingMessages, ClientError> {
        self.json(
            Method::GET,
            &format!("/v1/bookings/{id}/messages"),
            None::<&()>,
        )
        .await
    }

    /// Changes a booking if it is still at `body.version`.
    pub async fn change_booking(
        &self,
        id: Uuid,
        body: &frontdesk_protocol::ChangeBookingRequest,
    ) -> Result<BookingDto, ClientError> {
        self.json(
            Method::POST,
            &format!("/v1/bookings/{id}/changes"),
            Some(body),
        )
        .await
    }

    pub async fn push(&self, body: &PushRequest) -> Result<PushResponse, ClientError> {
        self.json(Method::POST, "/v1/sync/push", Some(body)).await
    }

    pub async fn pull(&self, since: i64, limit: u32) -> Result<PullResponse, ClientError> {
        self.json(
            Method::GET,
            &format!("/v1/sync/pull?since={since}&limit={limit}"),
            None::<&()>,
        )
        .await
    }

    /// Opens the event stream (`GET /v1/events`): the server's events as they come, until
    /// the connection ends.
    pub async fn events(
        &self,
    ) -> Result<impl futures_util::Stream<Item = Result<ServerEvent, ClientError>>, ClientError>
    {
        let response = self
            .authorized(self.client.get(self.url("/v1/events")))
            .timeout(Duration::from_secs(24 * 3600))
            .send()
            .await
            .map_err(|e| ClientError::Unreachable(e.to_string()))?;
        if !response.status().is_success() {
            return Err(ClientError::Unreachable(format!(
                "the event stream answered {}",
                response.status()
            )));
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !content_type.starts_with("text/event-stream") {
            return Err(ClientError::Unreachable(format!(
                "the event stream answered {content_type:?} instead of text/event-stream"
            )));
        }
        Ok(parse_events(response.bytes_stream()))
    }
}
