//! Events across instances: NOTIFY as the wake-up, the cursor pull as the truth, a check of
//! the change log's head every half second as the backstop.
//!
//! - The notifier sends what this instance published, after its commit (never inside the
//!   writing transaction: NOTIFY takes a global lock at commit), coalesced: the newest
//!   change, the newest studio version, one holds event per room.
//! - The listener, on a connection of its own, hands the other instances' events to this
//!   instance's streams. After connecting (again) and whenever no notification came for
//!   half a second, it reads the head and announces a change this instance has not seen, so
//!   a notification lost on a reconnect is late by at most that long.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::NaiveDate;
use frontdesk_protocol::{ChangeEvent, HoldsEvent, StudioEvent};
use postgres::fallible_iterator::FallibleIterator;
use postgres::Client;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use uuid::Uuid;

use super::schema::load_studio;
use crate::events::ServerEvent;
use crate::storage::StorageError;
use crate::studios::Studios;

const CHANNEL: &str = "frontdesk_events";
const TICK: Duration = Duration::from_millis(500);

/// What travels in a notification's payload (well under PostgreSQL's 8,000 bytes: holds
/// events name one room and its dates).
#[derive(Debug, Serialize, Deserialize)]
struct Notice {
    /// The instance that sent it (it ignores its own).
    origin: Uuid,
    studio: String,
    change: Option<i64>,
    studio_version: Option<i64>,
    holds: Option<(String, Vec<NaiveDate>)>,
}

/// The two threads that carry events between instances; they end at shutdown.
#[derive(Debug)]
pub struct EventRelay {
    threads: Vec<JoinHandle<()>>,
}

impl EventRelay {
    /// Starts relaying: `published` receives what the hubs of this instance's studios
    /// publish; what the other instances publish goes to the hubs of `studios`.
    pub fn start(
        url: &str,
        studios: Arc<Studios>,
        published: Receiver<(String, ServerEvent)>,
        shutdown: watch::Receiver<bool>,
    ) -> EventRelay {
        let origin = Uuid::new_v4();
        let notifier = {
            let (url, shutdown) = (url.to_owned(), shutdown.clone());
            std::thread::spawn(move || notify(&url, origin, &published, &shutdown))
        };
        let listener = {
            let at = Listener {
                url: url.to_owned(),
                origin,
                studios,
            };
            std::thread::spawn(move || at.listen(&shutdown))
        };
        EventRelay {
            threads: vec![notifier, listener],
        }
    }

    /// Waits for both threads (after shutdown was signalled).
    pub fn join(self) {
        for thread in self.threads {
            let _ = thread.join();
        }
    }
}

/// Shutdown was signalled, or its sender is gone (a server dropped without `stop`).
fn stopped(shutdown: &watch::Receiver<bool>) -> bool {
    *shutdown.borrow() || shutdown.has_changed().is_err()
}

/// What one studio's events of a moment come to: the newest change and studio version,
/// and the dates of each room whose holds changed.
#[derive(Default)]
struct Coalesced {
    change: Option<i64>,
    version: Option<i64>,
    holds: BTreeMap<String, BTreeSet<NaiveDate>>,
}

fn notify(
    url: &str,
    origin: Uuid,
    published: &Receiver<(String, ServerEvent)>,
    shutdown: &watch::Receiver<bool>,
) {
    let mut client: Option<Client> = None;
    loop {
        let first = match published.recv_timeout(TICK) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) if stopped(shutdown) => return,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let mut by_studio: BTreeMap<String, Coalesced> = BTreeMap::new();
        for (studio, event) in std::iter::once(first).chain(published.try_iter()) {
            let c = by_studio.entry(studio).or_default();
            match event {
                ServerEvent::Change(ChangeEvent { seq }) => c.change = c.change.max(Some(seq)),
                ServerEvent::Studio(StudioEvent { version }) => {
                    c.version = c.version.max(Some(version))
                }
                ServerEvent::Holds(HoldsEvent { room, dates }) => {
                    c.holds.entry(room).or_default().extend(dates)
                }
            }
        }
        let mut notices = vec![];
        for (studio, c) in by_studio {
            let notice = |change, studio_version, holds| Notice {
                origin,
                studio: studio.clone(),
                change,
                studio_version,
                holds,
            };
            if c.change.is_some() || c.version.is_some() {
                notices.push(notice(c.change, c.version, None));
            }
            for (room, dates) in c.holds {
                notices.push(notice(
                    None,
                    None,
                    Some((room, dates.into_iter().collect())),
                ));
            }
        }
        if client.as_ref().is_none_or(Client::is_closed) {
            client = super::tls::connect(url)
                .map_err(|error| tracing::warn!(%error, "cannot reach PostgreSQL to notify"))
                .ok();
        }
        let Some(connected) = client.as_mut() else {
            continue; // The other instances' backstop finds the changes.
        };
        for notice in notices {
            let Ok(payload) = serde_json::to_string(&notice) else {
                continue;
            };
            if let Err(error) = connected.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &payload])
            {
                tracing::warn!(%error, "a notification to the other instances failed");
            }
        }
    }
}

/// Where the listener delivers, and what it keeps up to date.
struct Listener {
    url: String,
    origin: Uuid,
    studios: Arc<Studios>,
}

impl Listener {
    fn listen(&self, shutdown: &watch::Receiver<bool>) {
        while !stopped(shutdown) {
            let mut client = match super::tls::connect(&self.url) {
                Ok(client) => client,
                Err(error) => {
                    tracing::warn!(%error, "cannot reach PostgreSQL to listen; trying again");
                    std::thread::sleep(TICK);
                    continue;
                }
            };
            if let Err(error) = client.batch_execute(&format!("LISTEN {CHANNEL}")) {
                tracing::warn!(%error, "LISTEN failed; trying again");
                continue;
            }
            while !stopped(shutdown) {
                if let Err(error) = self.backstop(&mut client) {
                    tracing::warn!(%error, "the change log's head could not be read");
                    break;
                }
                let mut notifications = client.notifications();
                let mut arriving = notifications.timeout_iter(TICK);
                let failed = loop {
                    match arriving.next() {
                        // A new studio is read (by the backstop, next) before it is announced.
                        Ok(Some(note)) if self.receive(note.payload()) => break false,
                        Ok(Some(_)) => {}
                        Ok(None) => break false,
                        Err(error) => {
                            tracing::warn!(%error, "listening to PostgreSQL failed");
                            break true;
                        }
                    }
                };
                if failed {
                    break;
                }
            }
        }
    }

    /// Delivers another instance's notice to its studio's hub (if this instance serves
    /// that studio); true if it announces a newer studio.
    fn receive(&self, payload: &str) -> bool {
        let Ok(notice) = serde_json::from_str::<Notice>(payload) else {
            tracing::warn!(payload, "a notification that is not ours");
            return false;
        };
        if notice.origin == self.origin {
            return false;
        }
        let Some(studio) = self.studios.get(&notice.studio) else {
            return false;
        };
        if let Some(seq) = notice.change {
            if seq > studio.events.latest_change() {
                studio
                    .events
                    .deliver(ServerEvent::Change(ChangeEvent { seq }));
            }
        }
        if let Some((room, dates)) = notice.holds {
            studio
                .events
                .deliver(ServerEvent::Holds(HoldsEvent { room, dates }));
        }
        notice
            .studio_version
            .is_some_and(|v| v > studio.current.version())
    }

    /// Reads the change log's head and the version of every studio this instance serves:
    /// announces a change it has not announced, and serves (then announces) a newer studio.
    fn backstop(&self, client: &mut Client) -> Result<(), StorageError> {
        let ids = self.studios.ids();
        let rows = client.query(
            "SELECT s.id, h.head, s.version FROM studios s JOIN heads h ON h.studio = s.id
              WHERE s.id = ANY($1)",
            &[&ids],
        )?;
        for row in rows {
            let id: String = row.try_get(0)?;
            let (head, version): (i64, i64) = (row.try_get(1)?, row.try_get(2)?);
            let Some(studio) = self.studios.get(&id) else {
                continue;
            };
            if version > studio.current.version() {
                let (fresh, info) = load_studio(client, &id)?;
                if studio.current.replace(fresh, info) {
                    studio
                        .events
                        .deliver(ServerEvent::Studio(StudioEvent { version }));
                }
            }
            if head > studio.events.latest_change() {
                studio
                    .events
                    .deliver(ServerEvent::Change(ChangeEvent { seq: head }));
            }
        }
        Ok(())
    }
}
