//! An instance's periodic work: reading every token again (so revocations reach it within
//! a second), writing back when desks were last seen, and announcing expired holds.

use std::time::Duration as StdDuration;

use tokio::sync::watch;

use crate::app::AppState;
use crate::auth::Identity;

/// Reads every token again (a token revoked or replaced on any instance, or from the
/// command line, is refused from then on), and writes back when desks were last seen.
pub async fn keep_tokens(state: AppState, mut shutdown: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(crate::auth::TOKENS_REFRESH);
    let mut ticks: u64 = 0;
    loop {
        tokio::select! {
            _ = tick.tick() => {
                ticks += 1;
                refresh_tokens(&state).await;
                if ticks % SEEN_EVERY_TICKS == 0 {
                    write_back_seen(&state).await;
                }
            }
            _ = async { let _ = shutdown.wait_for(|s| *s).await; } => {
                write_back_seen(&state).await;
                return;
            }
        }
    }
}

/// When desks were last seen is written back every this many token refreshes.
const SEEN_EVERY_TICKS: u64 = 30;

pub async fn refresh_tokens(state: &AppState) {
    let mark = state.desks().mark();
    match state.run(|s, _| s.tokens()).await {
        Ok(Ok(tokens)) => state.desks().replace_all(
            tokens
                .into_iter()
                .map(|(hash, owner)| {
                    let identity = Identity {
                        studio: owner.studio,
                        desk: owner.desk,
                        admin: owner.admin,
                    };
                    (hash, identity)
                })
                .collect(),
            mark,
        ),
        Ok(Err(error)) => tracing::warn!(%error, "reading the tokens failed; the last ones stay"),
        Err(_) => tracing::warn!("reading the tokens failed; the last ones stay"),
    }
}

async fn write_back_seen(state: &AppState) {
    let seen = state.desks().take_seen();
    if seen.is_empty() {
        return;
    }
    if let Ok(Err(error)) = state.run(move |s, _| s.desks_seen(&seen)).await {
        tracing::warn!(%error, "noting when desks were last seen failed");
    }
}

/// Announces holds that expired, once a second. Correctness does not depend on it (expired
/// holds are ignored by every check); it only tells desks to refresh.
pub async fn sweep_expired_holds(state: AppState, mut shutdown: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(StdDuration::from_secs(1));
    loop {
        tokio::select! {
            _ = tick.tick() => {
                for studio in state.loaded_studios() {
                    let state = state.for_studio(studio);
                    match state.run(|s, now| s.sweep_holds(now)).await {
                        Ok(Ok(expired)) => state.events().holds(&expired),
                        Ok(Err(error)) => tracing::warn!(%error, "sweeping expired holds failed"),
                        Err(_) => {}
                    }
                }
            }
            _ = async { let _ = shutdown.wait_for(|s| *s).await; } => return,
        }
    }
}
