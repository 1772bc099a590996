//! The running server: shared state, start-up and graceful shutdown.

use std::net::SocketAddr;
use std::sync::Arc;
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
use crate::current_studio::CurrentStudio;
pub use crate::database::Database;
use crate::error::ApiError;
use crate::events::EventHub;
use crate::pool::StoragePool;
use crate::storage::{EventRelay, PgServer, Storage, StorageError, STUDIO_ID};
use crate::studios::{StudioState, Studios};
use frontdesk_clock::Clock;

#[derive(Debug, Error)]
pub enum ServerError {
    #[error("cannot open the database: {0}")]
    Store(#[from] StoreError),
    #[error("cannot open the database: {0}")]
    Storage(#[from] StorageError),
    #[error("the database could not be opened: its task failed")]
    Opening,
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
}

struct Inner {
    studios: Arc<Studios>,
    clock: Arc<dyn Clock>,
    desks: DeskRegistry,
    shutdown: watch::Receiver<bool>,
    limiters: crate::limits::Limiters,
    /// Whether this instance has an SMS gateway (`serve --sms-url`).
    sends_sms: bool,
}

/// What a handler works with: the instance, and the studio of the request's token (the
/// first studio before a token was read, and for a chain administrator's).
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
    studio: Arc<StudioState>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("studio", &self.studio_info().name)
            .finish()
    }
}

impl AppState {
    /// Runs `f` on a storage (the locked SQLite store, or a pooled PostgreSQL connection), on
    /// a blocking thread, with the time read when it starts: one call is atomic.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut dyn Storage, DateTime<Utc>) -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        self.studio.storage.run(&self.inner.clock, f).await
    }

    /// Runs `f` for setting holds: with the SQLite store right here (holds live in memory,
    /// no thread hand-off), with PostgreSQL like [`AppState::run`].
    pub async fn run_presence<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut dyn Storage, DateTime<Utc>) -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        self.studio.storage.run_presence(&self.inner.clock, f).await
    }

    /// The same instance, serving studio `studio`.
    pub fn for_studio(&self, studio: Arc<StudioState>) -> AppState {
        AppState {
            inner: self.inner.clone(),
            studio,
        }
    }

    /// Studio `id` if the database has it (loaded on first use); `None` if it has none.
    pub async fn studio_named(&self, id: &str) -> Result<Option<Arc<StudioState>>, ApiError> {
        if let Some(state) = self.inner.studios.get(id) {
            return Ok(Some(state));
        }
        let (studios, id) = (self.inner.studios.clone(), id.to_owned());
        let tz = self.tz();
        tokio::task::spawn_blocking(move || studios.load(&id))
            .await
            .map_err(|_| ApiError::internal())?
            .map_err(|e| ApiError::from_store(e, tz))
    }

    /// The id of the studio this state serves.
    pub fn studio_id(&self) -> &str {
        &self.studio.id
    }

    pub fn tz(&self) -> Tz {
        self.studio.current.tz()
    }

    /// The studio as the engine reads it (rooms, calendar, prices).
    pub fn studio(&self) -> frontdesk_core::Studio {
        self.studio.current.studio()
    }

    /// The studio as `GET /v1/studio` answers it.
    pub fn studio_info(&self) -> StudioInfo {
        self.studio.current.info()
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
        self.studio.current.replace(studio.clone(), info);
    }

    pub fn events(&self) -> &EventHub {
        &self.studio.events
    }

    pub fn desks(&self) -> &DeskRegistry {
        &self.inner.desks
    }

    /// The instance's rate limiters.
    pub fn limiters(&self) -> &crate::limits::Limiters {
        &self.inner.limiters
    }

    /// Whether this instance sends SMS (it has a gateway): a studio may ask for reminders
    /// by SMS only then.
    pub fn sends_sms(&self) -> bool {
        self.inner.sends_sms
    }

    /// Every studio this instance has loaded.
    pub fn loaded_studios(&self) -> Vec<Arc<StudioState>> {
        self.inner.studios.loaded()
    }

    /// Whether other instances may share the database (PostgreSQL).
    pub fn shared_database(&self) -> bool {
        matches!(self.studio.storage, StoragePool::Shared(_))
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
    pub database: Database,
    pub listen: SocketAddr,
    pub clock: Arc<dyn Clock>,
    /// Requests other than the event stream are answered `timeout` after this long (what
    /// they changed is then unknown; sending them again with the same ids is safe).
    pub request_timeout: StdDuration,
    /// Accept the desk tokens written in studio.toml: for development and tests only
    /// (`serve --dev-tokens`); otherwise desks enrol with one-time codes.
    pub dev_tokens: bool,
    /// Requests a token, and an address without a valid token, may send ([`crate::limits`]).
    pub limits: crate::limits::RateLimits,
    /// Who may read `/metrics` (`serve --metrics-token-file`); `None`: nobody (404).
    pub metrics_token: Option<crate::metrics::MetricsToken>,
    /// Where messages to customers go (`serve --smtp-url`); `None`: they stay queued.
    pub smtp: Option<crate::messages::SmtpSettings>,
    /// Where SMS reminders go (`serve --sms-url`); `None`: studios cannot ask for them.
    pub sms: Option<crate::messages::SmsSettings>,
}

impl ServerOptions {
    /// The defaults: 30 s per request, no development tokens.
    pub fn new(
        config: StudioConfig,
        database: Database,
        listen: SocketAddr,
        clock: Arc<dyn Clock>,
    ) -> ServerOptions {
        ServerOptions {
            config,
            database,
            listen,
            clock,
            request_timeout: crate::routes::REQUEST_TIMEOUT,
            dev_tokens: false,
            limits: crate::limits::RateLimits::default(),
            metrics_token: None,
            smtp: None,
            sms: None,
        }
    }
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
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let (studios, relay) = match &options.database {
        Database::Sqlite(path) => {
            let store = Store::open_or_seed(
                path,
                "server",
                Durability::Full,
                options.config.studio.clone(),
            )?;
            let info = StudioInfo {
                staff: store.staff()?,
                ..StudioInfo::from_studio(store.studio(), store.studio_version())
            };
            let current = Arc::new(CurrentStudio::new(store.studio().clone(), info));
            let only = StudioState {
                id: STUDIO_ID.to_owned(),
                storage: StoragePool::single(Box::new(store)),
                current,
                events: EventHub::default(),
            };
            (Arc::new(Studios::single(only)), None)
        }
        Database::Postgres(pg) => {
            let (pg, seed, now) = (
                pg.clone(),
                options.config.studio.clone(),
                options.clock.now(),
            );
            let (relay_tx, relay_rx) = std::sync::mpsc::channel();
            // The synchronous client runs its own small runtime: opened on a blocking thread.
            let opened = tokio::task::spawn_blocking(move || {
                let server = PgServer::open(pg, &seed, now)?;
                let current = Arc::new(CurrentStudio::new(
                    server.studio.clone(),
                    server.info.clone(),
                ));
                let first = StudioState {
                    id: STUDIO_ID.to_owned(),
                    storage: {
                        let (connections, size) = server.connections(STUDIO_ID, &current);
                        StoragePool::shared(connections, size)?
                    },
                    current,
                    events: EventHub::with_relay(STUDIO_ID, relay_tx.clone()),
                };
                let url = server.url().to_owned();
                Ok::<_, StorageError>((Studios::shared(first, server, relay_tx), url))
            })
            .await
            .map_err(|_| ServerError::Opening)??;
            let (studios, url) = opened;
            let studios = Arc::new(studios);
            let relay = EventRelay::start(&url, studios.clone(), relay_rx, shutdown_rx.clone());
            (studios, Some(relay))
        }
    };
    let Some(first) = studios.get(STUDIO_ID) else {
        return Err(ServerError::Opening);
    };
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
    if options.dev_tokens {
        for desk in &options.config.desks {
            let identity = Identity {
                studio: Some(STUDIO_ID.to_owned()),
                desk: desk.id.clone(),
                admin: desk.role == DeskRole::Admin,
            };
            desks.insert_development(token_hash(&desk.token), identity);
        }
    } else if !options.config.desks.is_empty() {
        tracing::warn!(
            tokens = options.config.desks.len(),
            "the desk tokens of studio.toml are refused: they are for development only \
             (serve --dev-tokens); enrol desks with `frontdesk-server desk add NAME`"
        );
    }
    let state = AppState {
        inner: Arc::new(Inner {
            studios,
            clock: options.clock,
            desks,
            shutdown: shutdown_rx.clone(),
            limiters: crate::limits::Limiters::new(&options.limits),
            sends_sms: options.sms.is_some(),
        }),
        studio: first,
    };
    // Every token of the database before the first request, then every second.
    crate::housekeeping::refresh_tokens(&state).await;
    let metrics = Arc::new(crate::metrics::Metrics::new(options.metrics_token));
    let router = crate::routes::router(state.clone(), options.request_timeout, metrics);
    let mut stop = shutdown_rx.clone();
    let tokens = tokio::spawn(crate::housekeeping::keep_tokens(
        state.clone(),
        shutdown_rx.clone(),
    ));
    let sender = tokio::spawn(crate::messages::send_messages(
        state.clone(),
        crate::messages::Transports {
            smtp: options.smtp,
            sms: options.sms,
        },
        shutdown_rx.clone(),
    ));
    let sweeper = tokio::spawn(crate::housekeeping::sweep_expired_holds(state, shutdown_rx));
    let task = tokio::spawn(async move {
        let served = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = stop.wait_for(|s| *s).await;
        })
        .await;
        if let Err(error) = served {
            tracing::error!(%error, "server stopped with an error");
        }
        let _ = sweeper.await;
        let _ = tokens.await;
        let _ = sender.await;
        if let Some(relay) = relay {
            // Its threads notice the shutdown within half a second.
            let _ = tokio::task::spawn_blocking(move || relay.join()).await;
        }
    });
    Ok(RunningServer {
        addr,
        shutdown: shutdown_tx,
        task,
    })
}
