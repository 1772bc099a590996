//! Who holds what on the page: a visitor's address and its live holds, so one address cannot
//! hold the studio's week by opening sessions. One instance's view (a proxy spreading one
//! address over several instances gives it that many times the cap); the holds themselves
//! expire as the desks' do, so a cap once reached frees itself.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::app::AppState;

/// Live holds (sessions) one address may have on the page at once.
pub const HOLDS_PER_ADDRESS: usize = 3;

/// The client's address: the TCP peer, or what a trusted proxy says (`crate::limits`).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip());
        Ok(ClientAddress(app.limiters().client(peer, &parts.headers)))
    }
}

/// The sessions of one address with a live hold, and until when.
type Live = Vec<(Uuid, DateTime<Utc>)>;

/// Each address's sessions with a live hold.
#[derive(Debug, Default)]
pub struct VisitorHolds {
    by_address: Mutex<HashMap<IpAddr, Live>>,
}

impl VisitorHolds {
    /// Whether `address` may hold with `session` at `now`: a session it holds with already
    /// renews, a new one only below the cap.
    pub fn admits(&self, address: IpAddr, session: Uuid, now: DateTime<Utc>) -> bool {
        let mut map = self.by_address.lock().unwrap_or_else(|p| p.into_inner());
        let live = map.entry(address).or_default();
        live.retain(|(_, until)| *until > now);
        live.iter().any(|(s, _)| *s == session) || live.len() < HOLDS_PER_ADDRESS
    }

    /// `session` of `address` holds until `until`.
    pub fn held(&self, address: IpAddr, session: Uuid, until: DateTime<Utc>) {
        let mut map = self.by_address.lock().unwrap_or_else(|p| p.into_inner());
        let live = map.entry(address).or_default();
        live.retain(|(s, _)| *s != session);
        live.push((session, until));
    }

    /// `session` of `address` released its hold (or booked it).
    pub fn released(&self, address: IpAddr, session: Uuid) {
        let mut map = self.by_address.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(live) = map.get_mut(&address) {
            live.retain(|(s, _)| *s != session);
            if live.is_empty() {
                map.remove(&address);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::Duration;

    #[test]
    fn an_address_holds_a_few_starts_at_once_until_they_expire_or_are_released() {
        let holds = VisitorHolds::default();
        let (home, other) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let sessions: Vec<Uuid> = (0..=HOLDS_PER_ADDRESS).map(|_| Uuid::new_v4()).collect();
        for s in &sessions[..HOLDS_PER_ADDRESS] {
            assert!(holds.admits(home, *s, now));
            holds.held(home, *s, now + Duration::seconds(60));
        }
        let extra = sessions[HOLDS_PER_ADDRESS];
        assert!(!holds.admits(home, extra, now), "one over the cap");
        assert!(holds.admits(home, sessions[0], now), "a heartbeat renews");
        assert!(
            holds.admits(other, extra, now),
            "another address has its own"
        );
        holds.released(home, sessions[1]);
        assert!(
            holds.admits(home, extra, now),
            "a released hold frees its place"
        );
        holds.held(home, extra, now + Duration::seconds(60));
        assert!(!holds.admits(home, Uuid::new_v4(), now));
        assert!(
            holds.admits(home, Uuid::new_v4(), now + Duration::seconds(60)),
            "expired"
        );
    }
}
