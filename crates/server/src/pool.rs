//! Where the routes get a storage to call: the one SQLite store behind a lock, or one of a
//! few PostgreSQL connections, each a storage of its own, so that calls of one instance run
//! side by side and the database orders them.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use tokio::sync::Semaphore;

use crate::error::ApiError;
use crate::storage::Storage;
use frontdesk_clock::Clock;

/// The storages of one server instance.
pub enum StoragePool {
    /// SQLite: one store; holds live in its memory, so setting them needs no thread.
    Single(Arc<Mutex<Box<dyn Storage>>>),
    /// PostgreSQL: idle connections, and a permit per connection.
    Shared {
        idle: Mutex<Vec<Box<dyn Storage>>>,
        permits: Semaphore,
    },
}

impl std::fmt::Debug for StoragePool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoragePool::Single(_) => f.write_str("StoragePool::Single"),
            StoragePool::Shared { permits, .. } => f
                .debug_struct("StoragePool::Shared")
                .field("idle", &permits.available_permits())
                .finish(),
        }
    }
}

impl StoragePool {
    pub fn single(storage: Box<dyn Storage>) -> StoragePool {
        StoragePool::Single(Arc::new(Mutex::new(storage)))
    }

    pub fn shared(storages: Vec<Box<dyn Storage>>) -> StoragePool {
        StoragePool::Shared {
            permits: Semaphore::new(storages.len()),
            idle: Mutex::new(storages),
        }
    }

    /// Runs `f` on a storage on a blocking thread, with the time read when it starts; a
    /// panic in `f` is an internal error and leaves the storage usable.
    pub async fn run<T: Send + 'static>(
        &self,
        clock: &Arc<dyn Clock>,
        f: impl FnOnce(&mut dyn Storage, DateTime<Utc>) -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let clock = clock.clone();
        match self {
            StoragePool::Single(storage) => {
                let storage = storage.clone();
                let answer = tokio::task::spawn_blocking(move || {
                    let mut storage = storage.lock().unwrap_or_else(|p| p.into_inner());
                    let now = clock.now();
                    catch_unwind(AssertUnwindSafe(|| f(storage.as_mut(), now)))
                })
                .await;
                settle(answer.map_err(|_| ()))
            }
            StoragePool::Shared { idle, permits } => {
                let Ok(_permit) = permits.acquire().await else {
                    return Err(ApiError::internal());
                };
                let Some(mut storage) = idle.lock().unwrap_or_else(|p| p.into_inner()).pop() else {
                    tracing::error!("a storage permit without an idle connection");
                    return Err(ApiError::internal());
                };
                let (storage, answer) = tokio::task::spawn_blocking(move || {
                    storage.refresh();
                    let now = clock.now();
                    let answer = catch_unwind(AssertUnwindSafe(|| f(storage.as_mut(), now)));
                    (storage, answer)
                })
                .await
                .map_err(|error| {
                    tracing::error!(%error, "storage task failed");
                    ApiError::internal()
                })?;
                idle.lock().unwrap_or_else(|p| p.into_inner()).push(storage);
                settle(Ok(answer))
            }
        }
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
            StoragePool::Shared { .. } => self.run(clock, f).await,
        }
    }
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
    /// an async thread: they are closed on a thread of their own.
    fn drop(&mut self) {
        if let StoragePool::Shared { idle, .. } = self {
            let storages = std::mem::take(idle.get_mut().unwrap_or_else(|p| p.into_inner()));
            if !storages.is_empty() {
                let _ = std::thread::spawn(move || drop(storages)).join();
            }
        }
    }
}
