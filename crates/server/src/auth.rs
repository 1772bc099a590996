//! Bearer tokens of desks. Only a SHA-256 of each token is kept (in the database for tokens
//! made by `frontdesk-server desk add`; development tokens from `studio.toml` are hashed at
//! start). Every request but `/v1/health` must carry one.

use std::collections::HashMap;
use std::sync::RwLock;

use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::app::AppState;
use crate::error::ApiError;

/// The authenticated desk of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desk(pub String);

/// Whether the request's token is an admin's (it may change the studio).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Admin(pub bool);

/// A known token: its desk and whether it is an admin's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub desk: String,
    pub admin: bool,
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new random token (244 random bits from the OS).
pub fn new_token() -> String {
    format!("fd_{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple())
}

/// Token hashes already seen, so most requests need no database look-up.
#[derive(Debug, Default)]
pub struct DeskRegistry {
    known: RwLock<HashMap<String, Identity>>,
}

impl DeskRegistry {
    pub fn insert(&self, hash: String, desk: Identity) {
        self.known
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(hash, desk);
    }

    pub fn get(&self, hash: &str) -> Option<Identity> {
        self.known
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(hash)
            .cloned()
    }
}

/// Middleware: a valid `Authorization: Bearer <token>` or 401, with the desk put into the
/// request for the handlers.
pub async fn require_desk(
    State(app): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let token = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(ApiError::unauthorized)?;
    let hash = token_hash(token);
    let desk = match app.desks().get(&hash) {
        Some(desk) => desk,
        None => {
            let lookup = hash.clone();
            let (desk, admin) = app
                .run(move |s, _| s.desk_for_token_hash(&lookup))
                .await?
                .map_err(|e| ApiError::from_store(e, app.tz()))?
                .ok_or_else(ApiError::unauthorized)?;
            let found = Identity { desk, admin };
            app.desks().insert(hash, found.clone());
            found
        }
    };
    request.extensions_mut().insert(Desk(desk.desk));
    request.extensions_mut().insert(Admin(desk.admin));
    Ok(next.run(request).await)
}

/// Extractor: the request's token is an admin's, else 403 `forbidden` before the body is
/// read (a desk token learns nothing about what the body would have done).
#[derive(Debug, Clone, Copy)]
pub struct AdminOnly;

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for AdminOnly {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Admin>() {
            Some(Admin(true)) => Ok(AdminOnly),
            _ => Err(ApiError::new(
                frontdesk_protocol::ErrorCode::Forbidden,
                "changing the studio needs an admin token (frontdesk-server desk add NAME --admin)",
            )),
        }
    }
}
