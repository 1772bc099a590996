//! The sync worker: pushes the outbox, pulls the change log, then follows the server's
//! event stream and pulls at once on every `change`. When the server goes away it retries
//! with backoff (1 s doubling to 10 s), or at once when woken (a new local booking, new
//! settings).

use std::time::Duration;

use frontdesk_protocol::{ChangeEvent, HoldsEvent};
use futures_util::StreamExt;
use tokio::sync::watch;

use crate::desk::Desk;
use crate::events::DeskEvent;
use crate::remote::Remote;

const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// Runs until `stop` becomes true.
pub async fn run(desk: Desk, mut stop: watch::Receiver<bool>) {
    let mut backoff = Duration::from_secs(1);
    loop {
        if *stop.borrow() {
            return;
        }
        let Some(remote) = desk.remote() else {
            tokio::select! {
                _ = desk.wait_for_wake(Duration::from_secs(3600)) => {}
                _ = stop.changed() => {}
            }
            continue;
        };
        if desk.sync_once().await.is_ok() {
            backoff = Duration::from_secs(1);
            tokio::select! {
                _ = follow(&desk, &remote) => {}
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
async fn follow(desk: &Desk, remote: &Remote) {
    let response = match remote.events().await {
        Ok(r) => r,
        Err(error) => {
            desk.set_online(false, Some(error.to_string()));
            return;
        }
    };
    desk.set_live(true);
    following(desk, remote, response).await;
    desk.set_live(false);
}

async fn following(desk: &Desk, remote: &Remote, response: reqwest::Response) {
    let mut stream = response.bytes_stream();
    let mut buffer = String::new();
    loop {
        tokio::select! {
            chunk = stream.next() => match chunk {
                Some(Ok(bytes)) => {
                    buffer.push_str(&String::from_utf8_lossy(&bytes));
                    while let Some(end) = buffer.find("\n\n") {
                        let event: String = buffer.drain(..end + 2).collect();
                        if handle(desk, remote, &event).await.is_err() {
                            return;
                        }
                    }
                }
                _ => {
                    desk.set_online(false, Some("the server closed the connection".into()));
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

/// One SSE message: `event: NAME\ndata: JSON`.
async fn handle(desk: &Desk, remote: &Remote, message: &str) -> Result<(), ()> {
    let mut name = "";
    let mut data = "";
    for line in message.lines() {
        if let Some(v) = line.strip_prefix("event:") {
            name = v.trim();
        } else if let Some(v) = line.strip_prefix("data:") {
            data = v.trim();
        }
    }
    match name {
        "change" if serde_json::from_str::<ChangeEvent>(data).is_ok() => {
            match desk.pull(remote).await {
                Ok(true) => desk.emit(DeskEvent::BookingsChanged),
                Ok(false) => {}
                Err(_) => return Err(()),
            }
            desk.mark_synced(chrono::Utc::now());
        }
        "holds" => {
            if let Ok(h) = serde_json::from_str::<HoldsEvent>(data) {
                desk.emit(DeskEvent::HoldsChanged {
                    room: h.room,
                    dates: h.dates,
                });
            }
        }
        _ => {} // keep-alive comments and unknown events
    }
    Ok(())
}

/// Expires local holds once a second, so that a start another session stopped holding shows
/// as free without anyone asking.
pub async fn expire_holds(desk: Desk, mut stop: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tokio::select! {
            _ = tick.tick() => desk.sweep_holds(chrono::Utc::now()),
            _ = stop.changed() => break,
        }
    }
}
