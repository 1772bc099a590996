//! Who may read `/metrics`: the holder of the operator's metrics token, sent as
//! `Authorization: Bearer <token>` (never in the URL, so it is in no access log). Without a
//! configured token the route answers 404 as if it did not exist; a missing or wrong token
//! (a desk's included) answers 401.

use std::path::Path;
use std::sync::Arc;

use axum::extract::State;
use axum::http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use frontdesk_protocol::ErrorCode;
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::app::AppState;
use crate::error::ApiError;

use super::format::{classic, wants_openmetrics, OPENMETRICS, PROMETHEUS_TEXT};
use super::Metrics;

/// The environment variable that may hold the token instead of a file.
pub const TOKEN_ENV: &str = "FRONTDESK_METRICS_TOKEN";

/// A token shorter than this is refused at start: it would be guessable.
pub const TOKEN_MIN: usize = 16;

/// Why a metrics token cannot be used.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TokenError {
    #[error("the metrics token ({source_of}) is shorter than {TOKEN_MIN} characters")]
    TooShort { source_of: String },
    #[error("cannot read the metrics token file {path}: {reason}")]
    Unreadable { path: String, reason: String },
}

/// The operator's metrics token; only its hash is kept.
#[derive(Clone, PartialEq, Eq)]
pub struct MetricsToken([u8; 32]);

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MetricsToken(..)")
    }
}

impl MetricsToken {
    /// `token` (surrounding whitespace and a final newline ignored); `source_of` names where
    /// it came from for the error.
    pub fn new(token: &str, source_of: &str) -> Result<MetricsToken, TokenError> {
        let token = token.trim();
        if token.chars().count() < TOKEN_MIN {
            return Err(TokenError::TooShort {
                source_of: source_of.to_owned(),
            });
        }
        Ok(MetricsToken(Sha256::digest(token.as_bytes()).into()))
    }

    /// The token in the file at `path` (`--metrics-token-file`).
    pub fn from_file(path: &Path) -> Result<MetricsToken, TokenError> {
        let text = std::fs::read_to_string(path).map_err(|e| TokenError::Unreadable {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        MetricsToken::new(&text, &format!("--metrics-token-file {}", path.display()))
    }

    /// The token `serve` runs with: the file's (`--metrics-token-file`), else `env`'s (the
    /// value of [`TOKEN_ENV`]; empty counts as unset, as compose passes it), else none.
    pub fn configured(
        file: Option<&Path>,
        env: Option<String>,
    ) -> Result<Option<MetricsToken>, TokenError> {
        match (file, env) {
            (Some(path), _) => MetricsToken::from_file(path).map(Some),
            (None, Some(text)) if !text.trim().is_empty() => {
                MetricsToken::new(&text, TOKEN_ENV).map(Some)
            }
            (None, _) => Ok(None),
        }
    }

    fn opens(&self, headers: &HeaderMap) -> bool {
        headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|presented| <[u8; 32]>::from(Sha256::digest(presented.trim().as_bytes())))
            .is_some_and(|hash| hash == self.0)
    }
}

/// `GET /metrics`.
pub async fn serve(
    State((app, metrics)): State<(AppState, Arc<Metrics>)>,
    headers: HeaderMap,
) -> Response {
    let Some(token) = &metrics.token else {
        return ApiError::not_found("no such route").into_response();
    };
    if !token.opens(&headers) {
        let mut refused = ApiError::new(
            ErrorCode::Unauthorized,
            "the metrics need the operator's metrics token (Authorization: Bearer)",
        )
        .into_response();
        refused
            .headers_mut()
            .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return refused;
    }
    if let Err(error) = metrics.refresh(&app).await {
        return error.into_response();
    }
    let openmetrics = wants_openmetrics(headers.get(ACCEPT).and_then(|v| v.to_str().ok()));
    match metrics.encode() {
        Ok(text) if openmetrics => ([(CONTENT_TYPE, OPENMETRICS)], text).into_response(),
        Ok(text) => ([(CONTENT_TYPE, PROMETHEUS_TEXT)], classic(&text)).into_response(),
        Err(_) => ApiError::internal().into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_comes_first_and_an_empty_variable_is_unset() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("metrics.token");
        std::fs::write(&file, "from-the-file-0123456789\n").unwrap_or_else(|e| panic!("{e}"));
        let from_file = MetricsToken::new("from-the-file-0123456789", "test").ok();
        let env = Some("from-the-environment-0123".to_owned());
        assert_eq!(
            MetricsToken::configured(Some(&file), env.clone()),
            Ok(from_file)
        );
        let from_env = MetricsToken::new("from-the-environment-0123", "test").ok();
        assert_eq!(MetricsToken::configured(None, env), Ok(from_env));
        assert_eq!(MetricsToken::configured(None, Some("  ".into())), Ok(None));
        assert_eq!(MetricsToken::configured(None, None), Ok(None));
        let short = MetricsToken::configured(None, Some("short".into()));
        assert!(
            matches!(short, Err(TokenError::TooShort { .. })),
            "{short:?}"
        );
        let missing = MetricsToken::configured(Some(&dir.path().join("none")), None);
        assert!(
            matches!(missing, Err(TokenError::Unreadable { .. })),
            "{missing:?}"
        );
    }
}
