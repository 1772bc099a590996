//! The live event stream: `change` after each accepted write, `holds` when a room's holds
//! change. A desk that misses events loses nothing: it pulls the change log by cursor.

use std::collections::BTreeMap;

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

/// Fan-out of events to every `/v1/events` stream.
#[derive(Debug, Clone)]
pub struct EventHub {
    sender: broadcast::Sender<ServerEvent>,
}

impl Default for EventHub {
    fn default() -> Self {
        let (sender, _) = broadcast::channel(1024);
        EventHub { sender }
    }
}

impl EventHub {
    pub fn subscribe(&self) -> broadcast::Receiver<ServerEvent> {
        self.sender.subscribe()
    }

    pub fn change(&self, seq: i64) {
        // No subscriber is not an error.
        let _ = self.sender.send(ServerEvent::Change(ChangeEvent { seq }));
    }

    /// The studio changed; this is its version now.
    pub fn studio(&self, version: i64) {
        let _ = self
            .sender
            .send(ServerEvent::Studio(StudioEvent { version }));
    }

    /// One `holds` event per room whose held days changed.
    pub fn holds(&self, days: &HeldDays) {
        let mut by_room: BTreeMap<&str, Vec<NaiveDate>> = BTreeMap::new();
        for (room, date) in days {
            by_room.entry(room.as_str()).or_default().push(*date);
        }
        for (room, dates) in by_room {
            let _ = self.sender.send(ServerEvent::Holds(HoldsEvent {
                room: room.to_owned(),
                dates,
            }));
        }
    }
}
