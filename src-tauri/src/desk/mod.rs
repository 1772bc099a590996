//! [`Desk`]: the desk's backend without a window — its SQLite store, its connection to a
//! server (standalone, online or offline: [`Connection`]), its clock and the events it
//! sends. Online, holds and bookings go to the server first (the authority) and its answer
//! is stored here; offline, holds are local and a booking is committed here as `pending`
//! with its outbox row in the same transaction. Where it chooses, it chooses in one place:
//! [`Desk::server_first`].
//!
//! - [`connection`]: the connection state and the one "server first, local on unreachable"
//!   path; [`local`]: the local side, answering in the server's protocol types;
//! - [`reads`]: start times, month, day board, room status, search;
//! - [`writes`]: holds, create, cancel, move a conflict;
//! - [`views`]: what the UI is shown; [`settings`]: kiosk settings and the first run;
//! - [`server`]: the server it works with (an admin's decision; enrolment by code), whose
//!   token [`secret`] keeps in the OS's credential store or a 0600 file;
//! - [`activity`]: the audit log for the activity screen;
//! - [`reports`]: the studio's numbers (occupancy, money, customers, the cash-up), server
//!   first; [`report_views`]: as the UI is shown them, with their source;
//! - [`feeds`]: calendar feeds (an admin's, on the server only);
//! - [`studio_edit`]: an admin's change of the studio;
//! - [`staff`]: who is signed in (idle sign-out); `staff_sign_in`: the PIN checked by the
//!   server or, offline, against the desk's verifier, and wrong-PIN lockouts in the file;
//! - [`error`]: [`DeskError`], in the protocol's error vocabulary.

mod activity;
pub mod backups;
mod connection;
mod customers;
mod error;
mod feeds;
mod local;
pub mod messages;
mod online;
mod own_holds;
mod reads;
pub mod refused;
pub mod report_views;
mod reports;
pub mod secret;
mod series;
mod server;
mod server_only;
mod settings;
pub mod staff;
mod staff_sign_in;
mod studio_edit;
pub mod views;
mod writes;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use frontdesk_client::ServerSettings;
use frontdesk_clock::SharedClock;
use frontdesk_store::{Durability, Store, StoreError, StudioConfig};
use tokio::sync::Notify;

pub use connection::Connection;
pub use customers::CustomerPageView;
pub use error::DeskError;
pub use secret::SecretStore;
pub use series::SeriesOutcome;
pub use server::{test_connection, Enrolled};
pub use views::{BoardHold, BoardRoom, BookingView, DayBoard, RoomStatusView};

use crate::events::{DeskEvent, EventSink, SyncStatus};
use own_holds::OwnHolds;

/// The desk database's file name inside the data dir.
pub const DB_FILE: &str = "frontdesk.sqlite";

struct Inner {
    store: Mutex<Store>,
    connection: RwLock<Connection>,
    live: AtomicBool,
    last_sync: Mutex<Option<DateTime<Utc>>>,
    events: Arc<dyn EventSink>,
    clock: SharedClock,
    desk_id: String,
    wake: Notify,
    own_holds: OwnHolds,
    staff: Mutex<staff::StaffSession>,
    secrets: SecretStore,
}

/// The desk's backend, cheap to clone.
#[derive(Clone)]
pub struct Desk {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("desk", &self.inner.desk_id)
            .finish()
    }
}

/// Locks a mutex of the desk. Every write is one SQLite transaction: a panic elsewhere
/// cannot leave one half-done, so a poisoned lock is still safe to use.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Desk {
    /// Opens `dir/frontdesk.sqlite` (a new file starts with the demo studio) and, if
    /// `server` is given, works against it. Its token is kept where
    /// `FRONTDESK_SECRET_STORE` says (see [`secret`]).
    pub fn open(
        dir: &Path,
        desk_id: &str,
        server: Option<ServerSettings>,
        events: Arc<dyn EventSink>,
        clock: SharedClock,
    ) -> Result<Desk, DeskError> {
        let secrets = SecretStore::for_desk_file(&dir.join(DB_FILE))?;
        Self::open_with_secrets(dir, desk_id, server, secrets, events, clock)
    }

    /// [`Desk::open`] with the token kept in `secrets` (tests choose the file).
    pub fn open_with_secrets(
        dir: &Path,
        desk_id: &str,
        server: Option<ServerSettings>,
        secrets: SecretStore,
        events: Arc<dyn EventSink>,
        clock: SharedClock,
    ) -> Result<Desk, DeskError> {
        let path = dir.join(DB_FILE);
        // A new file starts with the demo studio as a placeholder and in its first run: the
        // UI welcomes staff (connect, set up, or try the demo) before anything else.
        let opened = match Store::open(&path, desk_id, Durability::Full) {
            Err(StoreError::NoStudio) => StudioConfig::demo()
                .map_err(StoreError::from)
                .and_then(|demo| {
                    Store::open_with_studio(&path, desk_id, Durability::Full, demo.studio)
                })
                .and_then(|mut store| {
                    settings::begin_first_run(&mut store)?;
                    Ok(store)
                }),
            other => other,
        };
        let store = opened.map_err(|e| DeskError::local(e, chrono_tz::UTC))?;
        Self::with_store_and_secrets(store, desk_id, server, secrets, events, clock)
    }

    /// A desk over an opened store (tests use a store with their own studio); its token is
    /// kept in a 0600 file beside the store's file (an in-memory store's in the temp dir,
    /// named after this process).
    pub fn with_store(
        store: Store,
        desk_id: &str,
        server: Option<ServerSettings>,
        events: Arc<dyn EventSink>,
        clock: SharedClock,
    ) -> Result<Desk, DeskError> {
        let file = store
            .connection()
            .path()
            .filter(|p| !p.is_empty())
            .map_or_else(
                || std::env::temp_dir().join(format!("frontdesk-{}.sqlite", std::process::id())),
                Into::into,
            );
        let secrets = SecretStore::file_for(&file);
        Self::with_store_and_secrets(store, desk_id, server, secrets, events, clock)
    }

    /// A desk over an opened store, its token kept in `secrets`. A token an older version
    /// kept in the store's file moves there now.
    pub fn with_store_and_secrets(
        store: Store,
        desk_id: &str,
        server: Option<ServerSettings>,
        secrets: SecretStore,
        events: Arc<dyn EventSink>,
        clock: SharedClock,
    ) -> Result<Desk, DeskError> {
        let connection = Connection::configured(server)?;
        let connected = connection.client().is_some();
        let desk = Desk {
            inner: Arc::new(Inner {
                store: Mutex::new(store),
                connection: RwLock::new(connection),
                live: AtomicBool::new(false),
                last_sync: Mutex::new(None),
                events,
                clock,
                desk_id: desk_id.to_owned(),
                wake: Notify::new(),
                own_holds: OwnHolds::default(),
                staff: Mutex::new(staff::StaffSession::default()),
                secrets,
            }),
        };
        desk.move_token_out_of_file()?;
        if connected {
            desk.joined_server()?;
        }
        Ok(desk)
    }

    /// The store, locked. Tests and benches read it directly; the desk's own code goes
    /// through [`Desk::local`], which maps errors into the desk's vocabulary.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.inner.store)
    }

    /// Runs `f` on the locked store; its errors become [`DeskError`]s, conflicts with
    /// their instants in the studio's timezone.
    pub(crate) fn local<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, DeskError> {
        let mut store = self.store();
        let tz = store.studio().calendar.timezone();
        let result = f(&mut store);
        drop(store);
        result.map_err(|e| DeskError::local(e, tz))
    }

    /// The studio's timezone (the studio is data: it may change while the desk runs).
    pub fn tz(&self) -> Tz {
        self.store().studio().calendar.timezone()
    }

    pub fn desk_id(&self) -> &str {
        &self.inner.desk_id
    }

    /// Now, from the desk's clock: the only time the desk reads.
    pub fn now(&self) -> DateTime<Utc> {
        self.inner.clock.now()
    }

    /// Asks the sync worker to push and pull now (e.g. after the network came back).
    pub fn sync_soon(&self) {
        self.inner.wake.notify_one();
    }

    pub(crate) async fn wait_for_wake(&self, timeout: std::time::Duration) {
        let _ = tokio::time::timeout(timeout, self.inner.wake.notified()).await;
    }

    pub fn emit(&self, event: DeskEvent) {
        self.inner.events.emit(event);
    }

    /// Whether the event stream is connected; the UI shows it with the online state.
    pub(crate) fn set_live(&self, live: bool) {
        if self.inner.live.swap(live, Ordering::SeqCst) != live {
            self.emit_status();
        }
    }

    pub(crate) fn mark_synced(&self) {
        *lock(&self.inner.last_sync) = Some(self.now());
        self.emit_status();
    }

    pub fn emit_status(&self) {
        if let Ok(status) = self.sync_status() {
            self.emit(DeskEvent::SyncStatusChanged { status });
        }
    }

    pub fn sync_status(&self) -> Result<SyncStatus, DeskError> {
        let (pending, conflicts) = self.local(|store| {
            let conflicts = store.conflict_count()? + store.refused_change_count()?;
            Ok((store.pending_count()?, conflicts))
        })?;
        let connection = self.connection();
        Ok(SyncStatus {
            configured: connection.client().is_some(),
            online: matches!(connection, Connection::Online(_)),
            live: self.inner.live.load(Ordering::SeqCst),
            last_sync: lock(&self.inner.last_sync)
                .map(|t| frontdesk_protocol::in_zone(t, self.tz()).to_rfc3339()),
            pending,
            conflicts,
            problem: connection.problem().map(str::to_owned),
        })
    }
}
