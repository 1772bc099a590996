//! Bearer tokens. Only a SHA-256 of each token is kept: in the database for the tokens desks
//! got by enrolling (`frontdesk-server desk add` issues the one-time code) and for chain
//! administrators; development tokens from `studio.toml` are hashed at start and accepted
//! only with `serve --dev-tokens`. Every request but health, readiness and enrolment must
//! carry one. Each instance reads every token from the database every second, so a revoked
//! or replaced token is refused everywhere within about a second.
//!
//! A desk's token belongs to one studio: its requests are served by that studio's state
//! and reach nothing of another. A chain administrator's token belongs to none and reaches
//! only `/v1/chain/…`, which no desk token reaches.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Mutex, RwLock};

use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, Utc};
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

/// The SHA-256 (hex) of the request's desk token: the key its staff's offline verifiers
/// are bound to (`frontdesk_store::pin_verifier`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenHash(pub String);

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

/// The characters of an enrolment code: no 0/O, 1/I, so it is read and typed without doubt.
const CODE_ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// A new enrolment code: 10 characters of 32 (50 random bits from the OS), single use and
/// short-lived, so it survives being read out over the phone but not a guessing attack
/// (enrolment attempts are rate-limited per address).
pub fn new_enrolment_code() -> String {
    // A v4 uuid's bytes 6 and 8 carry its version and variant bits: the others are random.
    let bytes = Uuid::new_v4().into_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 6 && *i != 8)
        .take(frontdesk_protocol::ENROLMENT_CODE_LEN)
        .map(|(_, b)| char::from(CODE_ALPHABET[usize::from(b % 32)]))
        .collect()
}

/// Every token this instance accepts, as it last read them from the database (at most
/// [`TOKENS_REFRESH`] ago, so a revoked or replaced token is refused by every instance
/// within that), and when each desk was last seen, written back now and then.
#[derive(Debug, Default)]
pub struct DeskRegistry {
    /// Read from the database: replaced whole at each refresh.
    known: RwLock<HashMap<String, Identity>>,
    /// Development tokens of studio.toml (`serve --dev-tokens`), never in the database.
    development: RwLock<HashMap<String, Identity>>,
    /// (studio, desk) → last request, not yet written back.
    seen: Mutex<HashMap<(String, String), DateTime<Utc>>>,
    /// Raised by every change this instance makes itself (an enrolment, a revocation), so a
    /// refresh that read the database before it does not undo it.
    local_changes: std::sync::atomic::AtomicU64,
}

/// How often an instance reads the tokens again.
pub const TOKENS_REFRESH: std::time::Duration = std::time::Duration::from_secs(1);

impl DeskRegistry {
    /// Accepts a development token from studio.toml.
    pub fn insert_development(&self, hash: String, desk: Identity) {
        write(&self.development).insert(hash, desk);
    }

    /// Accepts a token this instance just stored (until the next refresh, which has it too).
    pub fn insert(&self, hash: String, desk: Identity) {
        let mut known = write(&self.known);
        self.local_changes.fetch_add(1, Ordering::SeqCst);
        known.insert(hash, desk);
    }

    /// A mark to pass to [`Self::replace_all`]: take it before reading the database.
    pub fn mark(&self) -> u64 {
        self.local_changes.load(Ordering::SeqCst)
    }

    /// The database's tokens, read after `mark` was taken: every other token is refused from
    /// now on — unless this instance changed a token since (then the read may predate that
    /// change, and the next refresh replaces the table instead).
    pub fn replace_all(&self, tokens: HashMap<String, Identity>, mark: u64) {
        let mut known = write(&self.known);
        if self.local_changes.load(Ordering::SeqCst) == mark {
            *known = tokens;
        }
    }

    /// Refuses the tokens of a desk this instance just revoked (other instances follow
    /// at their next refresh).
    pub fn forget_desk(&self, studio: &str, desk: &str) {
        let mut known = write(&self.known);
        self.local_changes.fetch_add(1, Ordering::SeqCst);
        known.retain(|_, who| !(who.studio.as_deref() == Some(studio) && who.desk == desk));
    }

    pub fn get(&self, hash: &str) -> Option<Identity> {
        if let Some(found) = read(&self.known).get(hash) {
            return Some(found.clone());
        }
        read(&self.development).get(hash).cloned()
    }

    /// Notes a request of a desk.
    pub fn saw(&self, studio: &str, desk: &str, at: DateTime<Utc>) {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        match seen.get_mut(&(studio.to_owned(), desk.to_owned())) {
            Some(last) => *last = at.max(*last),
            None => {
                seen.insert((studio.to_owned(), desk.to_owned()), at);
            }
        }
    }

    /// The desks seen since the last call: (studio, desk, when).
    pub fn take_seen(&self) -> Vec<(String, String, DateTime<Utc>)> {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        std::mem::take(&mut *seen)
            .into_iter()
            .map(|((studio, desk), at)| (studio, desk, at))
            .collect()
    }
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|p| p.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|p| p.into_inner())
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
        // The table is every token of the file, kept by this one instance: an unknown token
        // is refused without touching the database (nor waiting on its write lock).
        None if !app.shared_database() => return Err(ApiError::unauthorized()),
        // Another instance may have enrolled it within the last refresh.
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
            app.desks().insert(hash.clone(), found.clone());
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
            app.desks().saw(&studio.id, &identity.desk, app.now());
            request.extensions_mut().insert(app.for_studio(studio));
            request.extensions_mut().insert(Desk(identity.desk));
            request.extensions_mut().insert(Admin(identity.admin));
            request.extensions_mut().insert(TokenHash(hash));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn desk(name: &str) -> Identity {
        Identity {
            studio: Some("main".into()),
            desk: name.into(),
            admin: false,
        }
    }

    #[test]
    fn a_refresh_read_before_a_local_change_does_not_undo_it() {
        let registry = DeskRegistry::default();
        let before = registry.mark();
        // Enrolled here while the refresh was reading the database …
        registry.insert("new".into(), desk("laptop"));
        registry.replace_all(HashMap::new(), before);
        assert_eq!(registry.get("new"), Some(desk("laptop")), "kept");
        // … and replaced by the next refresh, which read after it.
        let after = registry.mark();
        registry.replace_all(HashMap::from([("new".into(), desk("laptop"))]), after);
        registry.forget_desk("main", "laptop");
        registry.replace_all(HashMap::from([("new".into(), desk("laptop"))]), after);
        assert_eq!(
            registry.get("new"),
            None,
            "a revocation is not undone either"
        );
        let last = registry.mark();
        registry.replace_all(HashMap::new(), last);
        assert_eq!(registry.get("new"), None);
    }

    #[test]
    fn enrolment_codes_use_the_unambiguous_alphabet() {
        for _ in 0..100 {
            let code = new_enrolment_code();
            assert_eq!(code.len(), frontdesk_protocol::ENROLMENT_CODE_LEN);
            assert!(code.bytes().all(|c| CODE_ALPHABET.contains(&c)), "{code}");
        }
        assert_ne!(new_enrolment_code(), new_enrolment_code());
    }
}
