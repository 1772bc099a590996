//! Every failure as `{"error": code, "message": plain words, ...}` with a fitting status.

use crate::storage::StorageError;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono_tz::Tz;
use frontdesk_protocol::{ErrorBody, ErrorCode};

/// An error answer: its status follows from its code ([`status_of`]).
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
}

/// The HTTP status of each code: the one place codes become statuses.
pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::Conflict | ErrorCode::IdReused | ErrorCode::Stale => StatusCode::CONFLICT,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::Invalid | ErrorCode::UnknownRoom => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
        ErrorCode::BadRequest => StatusCode::BAD_REQUEST,
        ErrorCode::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::Timeout => StatusCode::REQUEST_TIMEOUT,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        // A staff sign-in (`POST /v1/staff/sessions`).
        ErrorCode::WrongPin => StatusCode::FORBIDDEN,
        ErrorCode::PinLocked => StatusCode::LOCKED,
        // Codes of the desk alone: a server never answers them.
        ErrorCode::Internal
        | ErrorCode::Storage
        | ErrorCode::Unreachable
        | ErrorCode::SignInRequired
        | ErrorCode::AdminRequired
        | ErrorCode::ServerRequired
        | ErrorCode::Unknown => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::from_body(ErrorBody::new(code, message))
    }

    /// An answer with this body, its status from its code.
    pub fn from_body(body: ErrorBody) -> Self {
        ApiError {
            status: status_of(body.error),
            body,
        }
    }

    /// An answer with an explicit status, for the codes that cover several (`bad_request`
    /// is 400 for bad JSON and 415 for a body that is not JSON).
    fn with_status(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            body: ErrorBody::new(code, message),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Invalid, message)
    }

    pub fn unauthorized() -> Self {
        Self::new(
            ErrorCode::Unauthorized,
            "this request needs a valid desk token: send \"Authorization: Bearer <token>\"",
        )
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }

    pub fn internal() -> Self {
        Self::new(
            ErrorCode::Internal,
            "the server failed to answer; nothing was changed. Try again, and tell the administrator if it persists",
        )
    }

    /// Maps a store error; `tz` renders conflict instants. A failure of the database itself
    /// is logged and answered as `internal`, without its details.
    pub fn from_store(error: impl Into<StorageError>, tz: Tz) -> Self {
        match error.into() {
            StorageError::Store(error) if error.code() != ErrorCode::Storage => {
                Self::from_body(error.to_body(tz))
            }
            error @ StorageError::OneStudio => Self::with_status(
                StatusCode::NOT_IMPLEMENTED,
                ErrorCode::Internal,
                error.to_string(),
            ),
            error @ StorageError::NoStudio(_) => Self::new(ErrorCode::NotFound, error.to_string()),
            // No SQLSTATE: the connection itself failed (the database is down or went away).
            StorageError::Postgres(error) if error.code().is_none() => {
                tracing::warn!(%error, "the database connection failed");
                Self::new(
                    ErrorCode::Unavailable,
                    "the server lost its database connection; what this request changed is \
                     unknown. Sending it again with the same ids is safe",
                )
            }
            StorageError::PgConnect(error) => {
                tracing::warn!(%error, "no connection to the database");
                Self::new(
                    ErrorCode::Unavailable,
                    "the server cannot reach its database right now; nothing was changed. \
                     Try again shortly",
                )
            }
            StorageError::Occupied(id) => Self::new(
                ErrorCode::IdReused,
                format!("there is a studio \"{id}\" already: pick another id"),
            ),
            error => {
                tracing::error!(%error, "storage failure");
                Self::internal()
            }
        }
    }
}

pub use frontdesk_protocol::in_zone as local;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        let status = rejection.status();
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
            ErrorCode::TooLarge
        } else {
            ErrorCode::BadRequest
        };
        let status = if status == StatusCode::UNPROCESSABLE_ENTITY {
            StatusCode::BAD_REQUEST
        } else {
            status
        };
        Self::with_status(
            status,
            code,
            format!("the request body is not valid: {}", rejection.body_text()),
        )
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        Self::new(
            ErrorCode::BadRequest,
            format!(
                "the query parameters are not valid: {}",
                rejection.body_text()
            ),
        )
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        Self::new(
            ErrorCode::BadRequest,
            format!("the path is not valid: {}", rejection.body_text()),
        )
    }
}

/// Gives every error answer that is not JSON yet (unknown route, wrong method, timeout,
/// body too large before parsing) the JSON error body.
pub async fn json_errors(response: Response) -> Response {
    let status = response.status();
    // JSON is an answer already; HTML is the public page's own "not found" page.
    let answered = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json") || v.starts_with("text/html"));
    if !(status.is_client_error() || status.is_server_error()) || answered {
        return response;
    }
    let (code, message) = match status {
        StatusCode::NOT_FOUND => (
            ErrorCode::NotFound,
            "there is no such endpoint; see /v1/openapi.json",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            ErrorCode::MethodNotAllowed,
            "this endpoint does not take that method; see /v1/openapi.json",
        ),
        StatusCode::REQUEST_TIMEOUT => (
            ErrorCode::Timeout,
            "the server stopped waiting for this request: what it changed is unknown. \
             Sending it again with the same ids is safe (a booking or push already made is \
             answered as made)",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (ErrorCode::TooLarge, "the request body is too large"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            ErrorCode::BadRequest,
            "send the body as JSON with Content-Type: application/json",
        ),
        s if s.is_server_error() => (
            ErrorCode::Internal,
            "the server failed to answer; nothing was changed",
        ),
        _ => (ErrorCode::BadRequest, "the request is not valid"),
    };
    ApiError::with_status(status, code, message).into_response()
}
