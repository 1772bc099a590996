//! Bearer tokens. Only a SHA-256 of each token is kept (in the database for tokens made by
//! `frontdesk-server desk add` or a chain administrator; development tokens from
//! `studio.toml` are hashed at start). Every request but `/v1/health` must carry one.
//!
//! A desk's token belongs to one studio: its requests are served by that studio's state
//! and reach nothing of another. A chain administrator's token belongs to none and reaches
//! only `/v1/chain/…`, which no desk token reaches.

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

/// A known token: its studio (none: a chain administrator's), its desk (or the
/// administrator's name) and whether it is an admin's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub studio: Option<String>,
    pub desk: String,
    pub admin: bool,
}

/// The request's token is a chain administrator's.
#[derive(Debug, Clone)]
pub struct ChainAdmin(pub String);

/// The routes only a chain administrator's token reaches.
pub const CHAIN_PREFIX: &str = "/v1/chain/";

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
    let identity = match app.desks().get(&hash) {
        Some(identity) => identity,
        None => {
            let lookup = hash.clone();
            let owner = app
                .run(move |s, _| s.token_owner(&lookup))
                .await?
                .map_err(|e| ApiError::from_store(e, app.tz()))?
                .ok_or_else(ApiError::unauthorized)?;
            let found = Identity {
                studio: owner.studio,
                desk: owner.desk,
                admin: owner.admin,
            };
            app.desks().insert(hash, found.clone());
            found
        }
    };
    let chain_route = request.uri().path().starts_with(CHAIN_PREFIX);
    match (identity.studio, chain_route) {
        (Some(studio), false) => {
            // A token whose studio is gone is no token.
            let studio = app
                .studio_named(&studio)
                .await?
                .ok_or_else(ApiError::unauthorized)?;
            request.extensions_mut().insert(app.for_studio(studio));
            request.extensions_mut().insert(Desk(identity.desk));
            request.extensions_mut().insert(Admin(identity.admin));
        }
        (None, true) => {
            request.extensions_mut().insert(app.clone());
            request.extensions_mut().insert(ChainAdmin(identity.desk));
        }
        (Some(_), true) => {
            return Err(ApiError::new(
                frontdesk_protocol::ErrorCode::Forbidden,
                "the chain's studios are listed and added with a chain administrator's token \
                 (frontdesk-server chain-admin add NAME)",
            ))
        }
        (None, false) => return Err(ApiError::new(
            frontdesk_protocol::ErrorCode::Forbidden,
            "a chain administrator's token belongs to no studio: use a desk token of the studio",
        )),
    }
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
