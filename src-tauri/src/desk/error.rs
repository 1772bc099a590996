//! What a desk call can fail with, in the protocol's one error vocabulary: a refusal (by
//! the server, or by this desk's own file, worded the same way) or an unreachable server.

use chrono_tz::Tz;
use frontdesk_client::ClientError;
use frontdesk_protocol::{ErrorBody, ErrorCode};
use frontdesk_store::StoreError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum DeskError {
    /// Refused, with the contract's code, message and conflicts.
    #[error("{}", .0.message)]
    Refused(ErrorBody),
    /// The server did not answer (the desk goes offline when it happens online).
    #[error("the server cannot be reached: {0}")]
    Unreachable(String),
}

impl DeskError {
    /// A refusal of this desk's own file; `tz` renders conflict instants in the studio's
    /// zone, as the server does.
    pub fn local(error: StoreError, tz: Tz) -> DeskError {
        if error.code() == ErrorCode::Storage {
            tracing::error!(%error, "the desk's file failed");
        }
        DeskError::Refused(error.to_body(tz))
    }

    /// Input the desk refuses before asking anyone.
    pub fn invalid(message: impl Into<String>) -> DeskError {
        DeskError::Refused(ErrorBody::new(ErrorCode::Invalid, message))
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            DeskError::Refused(body) => body.error,
            DeskError::Unreachable(_) => ErrorCode::Unreachable,
        }
    }

    /// The error as the UI gets it: the body of a refusal, or `unreachable`.
    pub fn into_body(self) -> ErrorBody {
        match self {
            DeskError::Refused(body) => body,
            DeskError::Unreachable(_) => ErrorBody::new(ErrorCode::Unreachable, self.to_string()),
        }
    }
}

impl From<ClientError> for DeskError {
    fn from(e: ClientError) -> Self {
        match e {
            ClientError::Unreachable(m) => DeskError::Unreachable(m),
            ClientError::Refused { body, .. } => DeskError::Refused(body),
            ClientError::Address(m) => DeskError::invalid(m),
        }
    }
}
