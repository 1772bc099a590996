//! The live event stream: `change` after each accepted write, `holds` when a room's holds
//! change. A desk that misses events loses nothing: it pulls the change log by cursor.
//!
//! With several instances on one PostgreSQL database, every event published here is also
//! handed to a relay (`storage::postgres::EventRelay`) that tells the other instances, and
//! theirs arrive through [`EventHub::deliver`].

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

/// Fan-out of events to every `/v1/events` stream of this instance, and to the relay.
#[derive(Debug, Clone)]
pub struct EventHub {
    sender: broadcast::Sender<ServerEvent>,
    relay: Option<mpsc::Sender<ServerEvent>>,
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
    /// A hub that also hands every event it publishes to `relay`.
    pub fn with_relay(relay: mpsc::Sender<ServerEvent>) -> Self {
        EventHub {
            relay: Some(relay),
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
        if let Some(relay) = &self.relay {
            // The relay's thread ends only at shutdown.
            let _ = relay.send(event.clone());
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
