//! Typed events from the desk's backend to the UI, in one place: the UI re-asks when one
//! arrives instead of polling.

use chrono::NaiveDate;
use serde::Serialize;

/// The name of the one Tauri event channel the UI listens to.
pub const DESK_EVENT: &str = "desk-event";

/// Whether the desk reaches its server, and what waits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    /// A server is configured.
    pub configured: bool,
    /// The last request to the server succeeded.
    pub online: bool,
    /// Following the server's event stream: changes of other desks arrive at once.
    pub live: bool,
    /// RFC 3339 time of the last successful push and pull, if any.
    pub last_sync: Option<String>,
    /// Bookings committed here that the server has not confirmed yet.
    pub pending: u64,
    /// Bookings the server refused, waiting for staff to move or cancel them.
    pub conflicts: u64,
    /// Why the desk is offline, in plain words.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum DeskEvent {
    /// Bookings were created, changed or cancelled (here or at another desk).
    BookingsChanged,
    /// Holds on a room changed on these dates.
    HoldsChanged {
        room: String,
        dates: Vec<NaiveDate>,
    },
    SyncStatusChanged {
        status: SyncStatus,
    },
    /// The studio (rooms, opening hours, …) changed: everything shown may differ.
    StudioChanged,
}

/// Where events go: the Tauri window in the app, a channel in tests.
pub trait EventSink: Send + Sync + 'static {
    fn emit(&self, event: DeskEvent);
}

/// Drops every event (a desk without a UI).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoEvents;

impl EventSink for NoEvents {
    fn emit(&self, _event: DeskEvent) {}
}

/// Sends every event into a tokio channel (tests, tools).
#[derive(Debug, Clone)]
pub struct ChannelEvents(pub tokio::sync::mpsc::UnboundedSender<DeskEvent>);

impl EventSink for ChannelEvents {
    fn emit(&self, event: DeskEvent) {
        let _ = self.0.send(event);
    }
}

/// Emits to the app's windows.
#[derive(Debug, Clone)]
pub struct TauriEvents(pub tauri::AppHandle);

impl EventSink for TauriEvents {
    fn emit(&self, event: DeskEvent) {
        use tauri::Emitter;
        if let Err(error) = self.0.emit(DESK_EVENT, &event) {
            tracing::warn!(%error, "could not send an event to the window");
        }
    }
}
