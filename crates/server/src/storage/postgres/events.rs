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
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::NaiveDate;
use frontdesk_protocol::{ChangeEvent, HoldsEvent, StudioEvent};
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, NoTls};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use uuid::Uuid;

use crate::events::{EventHub, ServerEvent};

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
    ) -> EventRelay {
        let origin = Uuid::new_v4();
        let notifier = {
            let (url, studio, shutdown) = (url.to_owned(), studio.to_owned(), shutdown.clone());
            std::thread::spawn(move || notify(&url, &studio, origin, &published, &shutdown))
        };
        let listener = {
            let (url, studio) = (url.to_owned(), studio.to_owned());
            std::thread::spawn(move || listen(&url, &studio, origin, &hub, &shutdown))
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

fn stopped(shutdown: &watch::Receiver<bool>) -> bool {
    *shutdown.borrow()
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

fn listen(url: &str, studio: &str, origin: Uuid, hub: &EventHub, shutdown: &watch::Receiver<bool>) {
    while !stopped(shutdown) {
        let mut client = match Client::connect(url, NoTls) {
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
            if let Err(error) = backstop(&mut client, studio, hub) {
                tracing::warn!(%error, "the change log's head could not be read");
                break;
            }
            let mut notifications = client.notifications();
            let mut arriving = notifications.timeout_iter(TICK);
            let failed = loop {
                match arriving.next() {
                    Ok(Some(note)) => receive(note.payload(), studio, origin, hub),
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

fn receive(payload: &str, studio: &str, origin: Uuid, hub: &EventHub) {
    let Ok(notice) = serde_json::from_str::<Notice>(payload) else {
        tracing::warn!(payload, "a notification that is not ours");
        return;
    };
    if notice.origin == origin || notice.studio != studio {
        return;
    }
    if let Some(seq) = notice.change {
        if seq > hub.latest_change() {
            hub.deliver(ServerEvent::Change(ChangeEvent { seq }));
        }
    }
    if let Some(version) = notice.studio_version {
        hub.deliver(ServerEvent::Studio(StudioEvent { version }));
    }
    if let Some((room, dates)) = notice.holds {
        hub.deliver(ServerEvent::Holds(HoldsEvent { room, dates }));
    }
}

/// Announces the change log's head if this instance has not announced it yet.
fn backstop(client: &mut Client, studio: &str, hub: &EventHub) -> Result<(), postgres::Error> {
    let head: i64 = client
        .query_one("SELECT head FROM studios WHERE id = $1", &[&studio])?
        .try_get(0)?;
    if head > hub.latest_change() {
        hub.deliver(ServerEvent::Change(ChangeEvent { seq: head }));
    }
    Ok(())
}
