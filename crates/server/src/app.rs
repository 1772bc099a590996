//! The running server: shared state, start-up and graceful shutdown.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use frontdesk_protocol::StudioInfo;
use frontdesk_store::{DeskRole, Durability, Store, StoreError, StudioConfig};
use thiserror::Error;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::auth::{token_hash, DeskRegistry, Identity};
use crate::error::ApiError;
use crate::events::EventHub;
use crate::storage::Storage;
use frontdesk_clock::Clock;

#[derive(Debug, Error)]
pub enum ServerError {
    #[error("cannot open the database: {0}")]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
}

struct Inner {
    storage: Mutex<Box<dyn Storage>>,
    clock: Arc<dyn Clock>,
    events: EventHub,
    desks: DeskRegistry,
    /// The studio's timezone and its wire view, replaced when an admin changes it.
    studio: RwLock<(Tz, StudioInfo)>,
    shutdown: watch::Receiver<bool>,
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("studio", &self.studio_info().name)
            .finish()
    }
}

impl AppState {
    /// Runs `f` on the locked storage, on a blocking thread, with the time read under the
    /// lock: one call is atomic against every other.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut dyn Storage, DateTime<Utc>) -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let mut storage = inner.storage.lock().unwrap_or_else(|p| p.into_inner());
            let now = inner.clock.now();
            f(storage.as_mut(), now)
        })
        .await
        .map_err(|error| {
            tracing::error!(%error, "storage task failed");
            ApiError::internal()
        })
    }

    /// Runs `f` on the locked storage right here, for calls that only touch memory (holds
    /// renewals): no thread hand-off. A booking write holding the lock can delay it by the
    /// length of one commit.
    pub fn run_now<T>(&self, f: impl FnOnce(&mut dyn Storage, DateTime<Utc>) -> T) -> T {
        let mut storage = self.inner.storage.lock().unwrap_or_else(|p| p.into_inner());
        let now = self.inner.clock.now();
        f(storage.as_mut(), now)
    }

    pub fn tz(&self) -> Tz {
        self.inner
            .studio
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .0
    }

    /// The studio as `GET /v1/studio` answers it.
    pub fn studio_info(&self) -> StudioInfo {
        self.inner
            .studio
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .1
            .clone()
    }

    /// Serves this studio from now on (after an admin changed it).
    pub fn set_studio(
        &self,
        studio: &frontdesk_core::Studio,
        staff: Vec<frontdesk_protocol::StaffDto>,
        version: i64,
    ) {
        let info = StudioInfo {
            staff,
            ..StudioInfo::from_studio(studio, version)
        };
        *self.inner.studio.write().unwrap_or_else(|p| p.into_inner()) =
            (studio.calendar.timezone(), info);
    }

    pub fn events(&self) -> &EventHub {
        &self.inner.events
    }

    pub fn desks(&self) -> &DeskRegistry {
        &self.inner.desks
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.inner.clock.now()
    }

    /// Becomes true when the server shuts down (long-lived streams end then).
    pub fn shutdown_signal(&self) -> watch::Receiver<bool> {
        self.inner.shutdown.clone()
    }
}

/// How to start a server.
#[derive(Debug)]
pub struct ServerOptions {
    pub config: StudioConfig,
    pub db: PathBuf,
    pub listen: SocketAddr,
    pub clock: Arc<dyn Clock>,
}

/// A server accepting requests until [`RunningServer::stop`].
#[derive(Debug)]
pub struct RunningServer {
    pub addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl RunningServer {
    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, ends the event streams, and waits for requests in flight.
    pub async fn stop(self) {
        let _ = self.shutdown.send(true);
        let _ = self.task.await;
    }
}

/// Opens the database (a new one starts with the configured studio; afterwards the
/// database is the truth, and a restart never reverts what an admin changed), binds, and
/// serves.
pub async fn start(options: ServerOptions) -> Result<RunningServer, ServerError> {
    let store = Store::open_or_seed(
        &options.db,
        "server",
        Durability::Full,
        options.config.studio.clone(),
    )?;
    let studio = (
        store.studio().calendar.timezone(),
        StudioInfo {
            staff: store.staff()?,
            ..StudioInfo::from_studio(store.studio(), store.studio_version())
        },
    );
    let listener =
        TcpListener::bind(options.listen)
            .await
            .map_err(|source| ServerError::Listen {
                addr: options.listen,
                source,
            })?;
    let addr = listener
        .local_addr()
        .map_err(|source| ServerError::Listen {
            addr: options.listen,
            source,
        })?;
    let desks = DeskRegistry::default();
    for desk in &options.config.desks {
        let identity = Identity {
            desk: desk.id.clone(),
            admin: desk.role == DeskRole::Admin,
        };
        desks.insert(token_hash(&desk.token), identity);
    }
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let state = AppState {
        inner: Arc::new(Inner {
            storage: Mutex::new(Box::new(store)),
            clock: options.clock,
            events: EventHub::default(),
            desks,
            studio: RwLock::new(studio),
            shutdown: shutdown_rx.clone(),
        }),
    };
    let router = crate::routes::router(state.clone());
    let mut stop = shutdown_rx.clone();
    let sweeper = tokio::spawn(sweep_expired_holds(state, shutdown_rx));
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                let _ = stop.wait_for(|s| *s).await;
            })
            .await;
        if let Err(error) = served {
            tracing::error!(%error, "server stopped with an error");
        }
        let _ = sweeper.await;
    });
    Ok(RunningServer {
        addr,
        shutdown: shutdown_tx,
        task,
    })
}

/// Announces holds that expired, once a second. Correctness does not depend on it (expired
/// holds are ignored by every check); it only tells desks to refresh.
async fn sweep_expired_holds(state: AppState, mut shutdown: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(StdDuration::from_secs(1));
    loop {
        tokio::select! {
            _ = tick.tick() => {
                if let Ok(expired) = state.run(|s, now| s.sweep_holds(now)).await {
                    state.events().holds(&expired);
                }
            }
            _ = async { let _ = shutdown.wait_for(|s| *s).await; } => return,
        }
    }
}
