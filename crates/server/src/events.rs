//! The live event stream: `change` after each accepted write, `holds` when a room's holds
//! change. A desk that misses events loses nothing: it pulls the change log by cursor.
//!
//! Each studio has its own hub: a desk hears only its studio. With several instances on one
//! PostgreSQL database, every event published here is also handed to a relay
//! (`storage::postgres::EventRelay`) that tells the other instances, and theirs arrive
//! through [`EventHub::deliver`].

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{mpsc, Arc};

use chrono::NaiveDate;
use frontdesk_protocol::{ChangeEvent, HoldsEvent, StudioEvent};
use tokio::sync::broadcast;

use crate::storage::HeldDays;

/// One event for every connected desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerEvent {
    Change(ChangeEvent),
    Holds(HoldsEvent),
    Studio(StudioEvent),
}

/// Where a hub hands what it publishes for the other instances: the studio's id with each
/// event.
pub type Relay = mpsc::Sender<(String, ServerEvent)>;

/// Fan-out of events to every `/v1/events` stream of this instance, and to the relay.
#[derive(Debug, Clone)]
pub struct EventHub {
    sender: broadcast::Sender<ServerEvent>,
    /// The studio's id and the relay to the other instances.
    relay: Option<(Arc<str>, Relay)>,
    /// The newest change sequence announced here, from any instance.
    latest_change: Arc<AtomicI64>,
}

impl Default for EventHub {
    fn default() -> Self {
        let (sender, _) = broadcast::channel(1024);
        EventHub {
            sender,
            relay: None,
            latest_change: Arc::new(AtomicI64::new(0)),
        }
    }
}

impl EventHub {
    /// A hub of studio `studio` that also hands every event it publishes to `relay`.
    pub fn with_relay(studio: &str, relay: Relay) -> Self {
        EventHub {
            relay: Some((studio.into(), relay)),
            ..EventHub::default()
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<ServerEvent> {
        self.sender.subscribe()
    }

    /// An event from another instance: to this instance's streams only.
    pub fn deliver(&self, event: ServerEvent) {
        if let ServerEvent::Change(ChangeEvent { seq }) = &event {
            self.latest_change.fetch_max(*seq, Ordering::Relaxed);
        }
        // No subscriber is not an error.
        let _ = self.sender.send(event);
    }

    /// The newest change sequence this instance has announced.
    pub fn latest_change(&self) -> i64 {
        self.latest_change.load(Ordering::Relaxed)
    }

    fn publish(&self, event: ServerEvent) {
        if let Some((studio, relay)) = &self.relay {
            // The relay's thread ends only at shutdown.
            let _ = relay.send((studio.to_string(), event.clone()));
        }
        self.deliver(event);
    }

    pub fn change(&self, seq: i64) {
        self.publish(ServerEvent::Change(ChangeEvent { seq }));
    }

    /// The studio changed; this is its version now.
    pub fn studio(&self, version: i64) {
        self.publish(ServerEvent::Studio(StudioEvent { version }));
    }

    /// One `holds` event per room whose held days changed.
    pub fn holds(&self, days: &HeldDays) {
        let mut by_room: BTreeMap<&str, Vec<NaiveDate>> = BTreeMap::new();
        for (room, date) in days {
            by_room.entry(room.as_str()).or_default().push(*date);
        }
        for (room, dates) in by_room {
            self.publish(ServerEvent::Holds(HoldsEvent {
                room: room.to_owned(),
                dates,
            }));
        }
    }
}
