//! The sync worker: pushes the outbox, pulls the change log, then follows the server's
//! event stream and pulls at once on every `change`. When the server goes away it retries
//! with backoff (1 s doubling to 10 s), or at once when woken (a new local booking, new
//! settings).
//!
//! - [`plan`]: pure planning (outbox rows, answers matched by mutation id);
//! - [`exchange`]: one push-and-pull round of a desk.

pub mod exchange;
pub mod plan;

use std::time::Duration;

use frontdesk_client::{Client, ServerEvent};
use futures_util::StreamExt;
use tokio::sync::watch;

use crate::desk::Desk;
use crate::events::DeskEvent;

const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// Runs until `stop` becomes true.
pub async fn run(desk: Desk, mut stop: watch::Receiver<bool>) {
    let mut backoff = Duration::from_secs(1);
    loop {
        if *stop.borrow() {
            return;
        }
        let Some(client) = desk.connection().client().cloned() else {
            tokio::select! {
                _ = desk.wait_for_wake(Duration::from_secs(3600)) => {}
                _ = stop.changed() => {}
            }
            continue;
        };
        if desk.sync_once().await.is_ok() {
            backoff = Duration::from_secs(1);
            tokio::select! {
                _ = follow(&desk, &client) => {}
                _ = stop.changed() => return,
            }
        }
        tokio::select! {
            _ = desk.wait_for_wake(backoff) => {}
            _ = stop.changed() => {}
        }
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// Follows `/v1/events` until it ends; returns when the server is gone.
async fn follow(desk: &Desk, client: &Client) {
    let events = match client.events().await {
        Ok(events) => events,
        Err(error) => {
            desk.record_reach(Err(error.to_string()));
            return;
        }
    };
    desk.set_live(true);
    following(desk, client, events).await;
    desk.set_live(false);
}

async fn following(
    desk: &Desk,
    client: &Client,
    events: impl futures_util::Stream<Item = Result<ServerEvent, frontdesk_client::ClientError>>,
) {
    let mut events = std::pin::pin!(events);
    loop {
        tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => {
                    if handle(desk, client, event).await.is_err() {
                        return;
                    }
                }
                Some(Err(error)) => {
                    desk.record_reach(Err(error.to_string()));
                    return;
                }
                None => {
                    desk.record_reach(Err("the server closed the connection".into()));
                    return;
                }
            },
            // Local work queued while online (e.g. a cancellation): push it now.
            _ = desk.wait_for_wake(Duration::from_secs(3600)) => {
                if desk.sync_once().await.is_err() {
                    return;
                }
            }
        }
    }
}

/// One event of the server: pull on a change, tell the UI of holds.
async fn handle(desk: &Desk, client: &Client, event: ServerEvent) -> Result<(), ()> {
    match event {
        ServerEvent::Change(_) => {
            match desk.pull(client).await {
                Ok(true) => desk.emit(DeskEvent::BookingsChanged),
                Ok(false) => {}
                Err(_) => return Err(()),
            }
            desk.mark_synced();
        }
        ServerEvent::Holds(h) => desk.emit(DeskEvent::HoldsChanged {
            room: h.room,
            dates: h.dates,
        }),
        ServerEvent::Studio(_) => {
            if desk.adopt_studio(client).await.is_err() {
                return Err(());
            }
        }
        ServerEvent::Other { .. } => {} // events of a newer server
    }
    Ok(())
}

/// Expires local holds once a second, so that a start another session stopped holding shows
/// as free without anyone asking.
pub async fn expire_holds(desk: Desk, mut stop: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tokio::select! {
            _ = tick.tick() => desk.sweep_holds(),
            _ = stop.changed() => break,
        }
    }
}
