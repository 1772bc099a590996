//! The connections of one studio on one instance, as a `deadpool` manager: the pool hands a
//! connection to a request and takes it back when the connection is dropped — wherever
//! that happens, so a request cancelled at any point (client gone, timeout, panic) leaves
//! its connection to the next one.

use std::sync::Arc;

use super::{connect, PgStorage};
use crate::current_studio::CurrentStudio;
use crate::storage::{Storage, StorageError};

/// Makes the connections (each a [`PgStorage`]) of studio `id` at `url`.
pub struct PgConnections {
    url: String,
    id: String,
    current: Arc<CurrentStudio>,
}

impl std::fmt::Debug for PgConnections {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgConnections")
            .field("studio", &self.id)
            .finish()
    }
}

impl PgConnections {
    pub(super) fn new(url: &str, id: &str, current: &Arc<CurrentStudio>) -> PgConnections {
        PgConnections {
            url: url.to_owned(),
            id: id.to_owned(),
            current: current.clone(),
        }
    }
}

impl deadpool::managed::Manager for PgConnections {
    type Type = Box<dyn Storage>;
    type Error = StorageError;

    /// Connects on a blocking thread (the synchronous client runs its own runtime).
    async fn create(&self) -> Result<Box<dyn Storage>, StorageError> {
        let (url, id, current) = (self.url.clone(), self.id.clone(), self.current.clone());
        tokio::task::spawn_blocking(move || {
            let client = connect(&url)?;
            Ok(Box::new(PgStorage::on(&url, client, &id, &current)) as Box<dyn Storage>)
        })
        .await
        .map_err(|_| StorageError::Corrupt("connecting to PostgreSQL panicked".into()))?
    }

    /// Nothing to check here: a storage connects again by itself, on its blocking thread,
    /// when it finds its connection closed.
    async fn recycle(
        &self,
        _storage: &mut Box<dyn Storage>,
        _metrics: &deadpool::managed::Metrics,
    ) -> deadpool::managed::RecycleResult<StorageError> {
        Ok(())
    }
}
