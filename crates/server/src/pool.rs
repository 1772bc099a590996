//! Where the routes get a storage to call: the one SQLite store behind a lock, or a pooled
//! PostgreSQL connection (each a storage of its own), so that calls of one instance run
//! side by side and the database orders them.
//!
//! A call runs on a blocking thread that owns what it uses until it ends: the request that
//! started it may be cancelled at any point (the client hung up, the request timed out)
//! without taking the connection with it. The PostgreSQL connections are a `deadpool` pool:
//! a connection goes back to the pool when it is dropped, whichever thread drops it.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use deadpool::managed::{Pool, PoolError, Timeouts};

use crate::error::ApiError;
use crate::storage::{PgConnections, Storage, StorageError};
use frontdesk_clock::Clock;
use frontdesk_protocol::ErrorCode;

/// How long a request waits for a free PostgreSQL connection before it is answered 503.
const WAIT_FOR_CONNECTION: Duration = Duration::from_secs(10);
/// How long making a new connection may take before the request is answered 503.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The storages of one studio on one server instance.
pub enum StoragePool {
    /// SQLite: one store; holds live in its memory, so setting them needs no thread.
    Single(Arc<Mutex<Box<dyn Storage>>>),
    /// PostgreSQL: up to N connections, made when needed.
    Shared(Pool<PgConnections>),
}

impl std::fmt::Debug for StoragePool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoragePool::Single(_) => f.write_str("StoragePool::Single"),
            StoragePool::Shared(pool) => f
                .debug_struct("StoragePool::Shared")
                .field("status", &pool.status())
                .finish(),
        }
    }
}

impl StoragePool {
    pub fn single(storage: Box<dyn Storage>) -> StoragePool {
        StoragePool::Single(Arc::new(Mutex::new(storage)))
    }

    /// At most `size` connections made by `connections`.
    pub fn shared(connections: PgConnections, size: usize) -> Result<StoragePool, StorageError> {
        Pool::builder(connections)
            .max_size(size.max(1))
            .runtime(deadpool::Runtime::Tokio1)
            .timeouts(Timeouts {
                wait: Some(WAIT_FOR_CONNECTION),
                create: Some(CONNECT_TIMEOUT),
                recycle: None,
            })
            .build()
            .map(StoragePool::Shared)
            .map_err(|error| StorageError::Corrupt(format!("the connection pool: {error}")))
    }

    /// Runs `f` on a storage on a blocking thread, with the time read when it starts; a
    /// panic in `f` is an internal error and leaves the storage usable. If the caller stops
    /// waiting, `f` still runs to its end (its transaction commits or rolls back) and the
    /// storage is handed back.
    pub async fn run<T: Send + 'static>(
        &self,
        clock: &Arc<dyn Clock>,
        f: impl FnOnce(&mut dyn Storage, DateTime<Utc>) -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let clock = clock.clone();
        let answer = match self {
            StoragePool::Single(storage) => {
                let storage = storage.clone();
                tokio::task::spawn_blocking(move || {
                    let mut storage = storage.lock().unwrap_or_else(|p| p.into_inner());
                    let now = clock.now();
                    catch_unwind(AssertUnwindSafe(|| f(storage.as_mut(), now)))
                })
                .await
            }
            StoragePool::Shared(pool) => {
                let mut storage = pool.get().await.map_err(unavailable)?;
                // `storage` moves into the thread and goes back to the pool when that ends.
                tokio::task::spawn_blocking(move || {
                    let connection: &mut Box<dyn Storage> = &mut storage;
                    connection.refresh();
                    let now = clock.now();
                    catch_unwind(AssertUnwindSafe(|| f(connection.as_mut(), now)))
                })
                .await
            }
        };
        settle(answer.map_err(|_| ()))
    }

    /// Sets holds: right here for the SQLite store (memory only, no thread hand-off; a
    /// booking write holding the lock can delay it by one commit), else like [`Self::run`].
    pub async fn run_presence<T: Send + 'static>(
        &self,
        clock: &Arc<dyn Clock>,
        f: impl FnOnce(&mut dyn Storage, DateTime<Utc>) -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        match self {
            StoragePool::Single(storage) => {
                let mut storage = storage.lock().unwrap_or_else(|p| p.into_inner());
                let now = clock.now();
                settle(Ok(catch_unwind(AssertUnwindSafe(|| {
                    f(storage.as_mut(), now)
                }))))
            }
            StoragePool::Shared(_) => self.run(clock, f).await,
        }
    }
}

/// No connection could be had in time: the database is down or every connection is busy.
fn unavailable(error: PoolError<StorageError>) -> ApiError {
    tracing::warn!(%error, "no database connection");
    ApiError::new(
        ErrorCode::Unavailable,
        "the server cannot reach its database right now; nothing was changed. Try again shortly",
    )
}

fn settle<T>(answer: Result<std::thread::Result<T>, ()>) -> Result<T, ApiError> {
    match answer {
        Ok(Ok(value)) => Ok(value),
        _ => {
            tracing::error!("a storage call panicked");
            Err(ApiError::internal())
        }
    }
}

impl Drop for StoragePool {
    /// PostgreSQL connections close through their own small runtime, which must not run on
    /// an async thread: the idle ones are closed on a thread of their own (those in use go
    /// when their blocking call ends).
    fn drop(&mut self) {
        if let StoragePool::Shared(pool) = self {
            let pool = pool.clone();
            let _ = std::thread::spawn(move || pool.close()).join();
        }
    }
}
