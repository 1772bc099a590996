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
use postgres::{Client, NoTls};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use uuid::Uuid;

use super::schema::load_studio;
use crate::current_studio::CurrentStudio;
use crate::events::{EventHub, ServerEvent};
use crate::storage::StorageError;

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
    /// Starts relaying: `published` receives what `hub` publishes.
    pub fn start(
        url: &str,
        studio: &str,
        hub: EventHub,
        published: Receiver<ServerEvent>,
        shutdown: watch::Receiver<bool>,
        current: Arc<CurrentStudio>,
    ) -> EventRelay {
        let origin = Uuid::new_v4();
        let notifier = {
            let (url, studio, shutdown) = (url.to_owned(), studio.to_owned(), shutdown.clone());
            std::thread::spawn(move || notify(&url, &studio, origin, &published, &shutdown))
        };
        let listener = {
            let (url, studio) = (url.to_owned(), studio.to_owned());
            let at = Listener {
                url,
                studio,
                origin,
                hub,
                current,
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

fn notify(
    url: &str,
    studio: &str,
    origin: Uuid,
    published: &Receiver<ServerEvent>,
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
        let mut change = None;
        let mut version = None;
        let mut holds: BTreeMap<String, BTreeSet<NaiveDate>> = BTreeMap::new();
        for event in std::iter::once(first).chain(published.try_iter()) {
            match event {
                ServerEvent::Change(ChangeEvent { seq }) => change = change.max(Some(seq)),
                ServerEvent::Studio(StudioEvent { version: v }) => version = version.max(Some(v)),
                ServerEvent::Holds(HoldsEvent { room, dates }) => {
                    holds.entry(room).or_default().extend(dates)
                }
            }
        }
        let notice = |change, studio_version, holds| Notice {
            origin,
            studio: studio.to_owned(),
            change,
            studio_version,
            holds,
        };
        let mut notices = vec![];
        if change.is_some() || version.is_some() {
            notices.push(notice(change, version, None));
        }
        for (room, dates) in holds {
            notices.push(notice(
                None,
                None,
                Some((room, dates.into_iter().collect())),
            ));
        }
        if client.as_ref().is_none_or(Client::is_closed) {
            client = Client::connect(url, NoTls)
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
    studio: String,
    origin: Uuid,
    hub: EventHub,
    current: Arc<CurrentStudio>,
}

impl Listener {
    fn listen(&self, shutdown: &watch::Receiver<bool>) {
        while !stopped(shutdown) {
            let mut client = match Client::connect(&self.url, NoTls) {
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

    /// Delivers another instance's notice; true if it announces a newer studio.
    fn receive(&self, payload: &str) -> bool {
        let Ok(notice) = serde_json::from_str::<Notice>(payload) else {
            tracing::warn!(payload, "a notification that is not ours");
            return false;
        };
        if notice.origin == self.origin || notice.studio != self.studio {
            return false;
        }
        if let Some(seq) = notice.change {
            if seq > self.hub.latest_change() {
                self.hub.deliver(ServerEvent::Change(ChangeEvent { seq }));
            }
        }
        if let Some((room, dates)) = notice.holds {
            self.hub
                .deliver(ServerEvent::Holds(HoldsEvent { room, dates }));
        }
        notice
            .studio_version
            .is_some_and(|v| v > self.current.version())
    }

    /// Reads the change log's head and the studio's version: announces a change this
    /// instance has not announced, and serves (then announces) a newer studio.
    fn backstop(&self, client: &mut Client) -> Result<(), StorageError> {
        let row = client.query_one(
            "SELECT head, version FROM studios WHERE id = $1",
            &[&self.studio],
        )?;
        let (head, version): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
        if version > self.current.version() {
            let (studio, info) = load_studio(client, &self.studio)?;
            if self.current.replace(studio, info) {
                self.hub
                    .deliver(ServerEvent::Studio(StudioEvent { version }));
            }
        }
        if head > self.hub.latest_change() {
            self.hub
                .deliver(ServerEvent::Change(ChangeEvent { seq: head }));
        }
        Ok(())
    }
}
