//! The one error vocabulary of Frontdesk: what the store, the server, the desk and the UI
//! (through the generated TypeScript union) all branch on. A code says *what* went wrong;
//! the message next to it says it in plain words. The server maps each code to its HTTP
//! status in one place (`frontdesk_server::error`).

use serde::{Deserialize, Serialize};

/// `ErrorBody::error` on the wire and `CommandError::code` in the desk, `snake_case`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A booking or hold overlaps; `conflicts` lists where and why (409).
    Conflict,
    /// A booking id was sent again with other content (409).
    IdReused,
    /// The request is well-formed but breaks a rule: off the quantum grid, outside opening
    /// hours, a duration the room does not offer, a bad date (422).
    Invalid,
    /// A room id the studio does not have; `unknown` lists them (422).
    UnknownRoom,
    /// No such booking, or no such endpoint (404).
    NotFound,
    /// No valid desk token (401).
    Unauthorized,
    /// The desk's token may not do this: changing the studio needs an admin token (403).
    Forbidden,
    /// What was edited changed meanwhile (another desk saved first): reload and edit again;
    /// nothing was overwritten (409).
    Stale,
    /// The request cannot be read: bad JSON, a bad query parameter or path (400), or a body
    /// that is not JSON (415).
    BadRequest,
    /// The request body is too large (413).
    TooLarge,
    /// The endpoint does not take that method (405).
    MethodNotAllowed,
    /// The request took too long and the server stopped waiting for it: what it changed
    /// is unknown; sending it again with the same ids is safe (408).
    Timeout,
    /// Too many requests from this token or address: the `Retry-After` header says when to
    /// try again (429).
    RateLimited,
    /// The server cannot reach its database or is starting or stopping: try again shortly (503).
    Unavailable,
    /// The server failed; nothing was changed (500).
    Internal,
    /// The desk could not reach its server (never sent by a server).
    Unreachable,
    /// The desk's own file failed (never sent by a server).
    Storage,
    /// The desk asks for a staff member's PIN before this (never sent by a server).
    SignInRequired,
    /// This needs an admin signed in at the desk (never sent by a server).
    AdminRequired,
    /// The PIN is not this staff member's (never sent by a server).
    WrongPin,
    /// Too many wrong PINs: the message says how long to wait (never sent by a server).
    PinLocked,
    /// This lives on the studio's server (e.g. calendar feeds) and the desk works
    /// standalone: connect it to the server first (never sent by a server).
    ServerRequired,
    /// A code this version does not know yet (sent by a newer server).
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// The code as it is written on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Conflict => "conflict",
            ErrorCode::IdReused => "id_reused",
            ErrorCode::Invalid => "invalid",
            ErrorCode::UnknownRoom => "unknown_room",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::Stale => "stale",
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Timeout => "timeout",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::Internal => "internal",
            ErrorCode::Unreachable => "unreachable",
            ErrorCode::Storage => "storage",
            ErrorCode::SignInRequired => "sign_in_required",
            ErrorCode::AdminRequired => "admin_required",
            ErrorCode::WrongPin => "wrong_pin",
            ErrorCode::PinLocked => "pin_locked",
            ErrorCode::ServerRequired => "server_required",
            ErrorCode::Unknown => "unknown",
        }
    }

    /// Every code, for tests and documentation.
    pub const ALL: [ErrorCode; 23] = [
        ErrorCode::Conflict,
        ErrorCode::IdReused,
        ErrorCode::Invalid,
        ErrorCode::UnknownRoom,
        ErrorCode::NotFound,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::Stale,
        ErrorCode::BadRequest,
        ErrorCode::TooLarge,
        ErrorCode::MethodNotAllowed,
        ErrorCode::Timeout,
        ErrorCode::RateLimited,
        ErrorCode::Unavailable,
        ErrorCode::Internal,
        ErrorCode::Unreachable,
        ErrorCode::Storage,
        ErrorCode::SignInRequired,
        ErrorCode::AdminRequired,
        ErrorCode::WrongPin,
        ErrorCode::PinLocked,
        ErrorCode::ServerRequired,
        ErrorCode::Unknown,
    ];
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_name_is_the_serde_name() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_value(code).unwrap_or_default();
            assert_eq!(json, serde_json::Value::from(code.as_str()), "{code:?}");
            let back: ErrorCode = serde_json::from_value(json).unwrap_or(ErrorCode::Unknown);
            assert_eq!(back, code);
        }
    }

    #[test]
    fn a_code_from_a_newer_server_reads_as_unknown() {
        let code: Result<ErrorCode, _> = serde_json::from_str("\"quota_exceeded\"");
        assert!(matches!(code, Ok(ErrorCode::Unknown)));
    }
}
