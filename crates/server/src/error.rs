//! Every failure as `{"error": code, "message": plain words, ...}` with a fitting status.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use frontdesk_core::{BookingError, Conflict, HoldError, StudioError};
use frontdesk_protocol::{codes, ConflictDto, ErrorBody};
use frontdesk_store::StoreError;

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            body: ErrorBody::new(code, message),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message)
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "this request needs a valid desk token: send \"Authorization: Bearer <token>\"",
        )
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the server failed to answer; nothing was changed. Try again, and tell the administrator if it persists",
        )
    }

    /// 409 with every conflicting span, instants in the studio's timezone.
    pub fn conflict(message: String, conflicts: &[Conflict], tz: Tz) -> Self {
        let dtos = conflicts
            .iter()
            .map(|c| ConflictDto::from_core(c, |t| local(t, tz)))
            .collect();
        ApiError {
            status: StatusCode::CONFLICT,
            body: ErrorBody::conflict(message, dtos),
        }
    }

    /// Maps a store error; `tz` renders conflict instants.
    pub fn from_store(error: StoreError, tz: Tz) -> Self {
        let message = error.to_string();
        match error {
            StoreError::Booking(BookingError::Conflicts(c))
            | StoreError::Hold(HoldError::Conflicts(c)) => Self::conflict(message, &c, tz),
            StoreError::IdReused(_) => Self::new(StatusCode::CONFLICT, codes::ID_REUSED, message),
            StoreError::NotFound(_) => Self::not_found(message),
            StoreError::Studio(StudioError::UnknownRoom(room)) => {
                let mut e = Self::new(StatusCode::UNPROCESSABLE_ENTITY, "unknown_room", message);
                e.body.unknown = Some(vec![room]);
                e
            }
            StoreError::UnknownRooms(ref list) => {
                let rooms = list.clone();
                let mut e = Self::new(StatusCode::UNPROCESSABLE_ENTITY, "unknown_room", message);
                e.body.unknown = Some(rooms);
                e
            }
            StoreError::Studio(_)
            | StoreError::Span(_)
            | StoreError::Calendar(_)
            | StoreError::Booking(_)
            | StoreError::Hold(_)
            | StoreError::Availability(_) => Self::invalid(message),
            other => {
                tracing::error!(error = %other, "storage failure");
                Self::internal()
            }
        }
    }
}

/// An instant in the studio's timezone, as it goes on the wire.
pub fn local(t: DateTime<Utc>, tz: Tz) -> DateTime<chrono::FixedOffset> {
    t.with_timezone(&tz).fixed_offset()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        let status = rejection.status();
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
            "too_large"
        } else {
            "bad_request"
        };
        let status = if status == StatusCode::UNPROCESSABLE_ENTITY {
            StatusCode::BAD_REQUEST
        } else {
            status
        };
        Self::new(
            status,
            code,
            format!("the request body is not valid: {}", rejection.body_text()),
        )
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
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
            StatusCode::BAD_REQUEST,
            "bad_request",
            format!("the path is not valid: {}", rejection.body_text()),
        )
    }
}

/// Gives every error answer that is not JSON yet (unknown route, wrong method, timeout,
/// body too large before parsing) the JSON error body.
pub async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (code, message) = match status {
        StatusCode::NOT_FOUND => (
            "not_found",
            "there is no such endpoint; see /v1/openapi.json",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "this endpoint does not take that method; see /v1/openapi.json",
        ),
        StatusCode::REQUEST_TIMEOUT => (
            "timeout",
            "the request took too long and was stopped; nothing was changed",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ("too_large", "the request body is too large"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "bad_request",
            "send the body as JSON with Content-Type: application/json",
        ),
        s if s.is_server_error() => (
            "internal",
            "the server failed to answer; nothing was changed",
        ),
        _ => ("bad_request", "the request is not valid"),
    };
    ApiError::new(status, code, message).into_response()
}
