//! The studios one server instance serves: with a SQLite file exactly one; with PostgreSQL
//! every studio of the database, each loaded the first time one of its desks calls, with
//! its own connections, its own event stream and the studio it serves now. Nothing is
//! shared between studios but the process, so no request can cross from one to another.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::current_studio::CurrentStudio;
use crate::events::{EventHub, Relay};
use crate::pool::StoragePool;
use crate::storage::{PgServer, StorageError};

/// One studio as this instance serves it.
#[derive(Debug)]
pub struct StudioState {
    pub id: String,
    pub storage: StoragePool,
    pub current: Arc<CurrentStudio>,
    pub events: EventHub,
}

/// Where studios come from: the one SQLite studio, or the PostgreSQL database (and the
/// relay that tells the other instances about their events).
enum Source {
    Single,
    Postgres { server: Box<PgServer>, relay: Relay },
}

pub struct Studios {
    loaded: RwLock<HashMap<String, Arc<StudioState>>>,
    source: Source,
}

impl std::fmt::Debug for Studios {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Studios")
            .field("loaded", &self.ids())
            .finish()
    }
}

impl Studios {
    /// A SQLite file's one studio.
    pub fn single(state: StudioState) -> Studios {
        Studios {
            loaded: RwLock::new(HashMap::from([(state.id.clone(), Arc::new(state))])),
            source: Source::Single,
        }
    }

    /// The studios of a PostgreSQL database, `first` loaded already.
    pub fn shared(first: StudioState, server: PgServer, relay: Relay) -> Studios {
        Studios {
            loaded: RwLock::new(HashMap::from([(first.id.clone(), Arc::new(first))])),
            source: Source::Postgres {
                server: Box::new(server),
                relay,
            },
        }
    }

    /// A loaded studio.
    pub fn get(&self, id: &str) -> Option<Arc<StudioState>> {
        self.read().get(id).cloned()
    }

    /// Every loaded studio.
    pub fn loaded(&self) -> Vec<Arc<StudioState>> {
        self.read().values().cloned().collect()
    }

    pub fn ids(&self) -> Vec<String> {
        self.read().keys().cloned().collect()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<String, Arc<StudioState>>> {
        self.loaded.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Studio `id`, loaded from the database if it has it and this instance has not served
    /// it yet. Blocking (it connects): call it on a blocking thread.
    pub fn load(&self, id: &str) -> Result<Option<Arc<StudioState>>, StorageError> {
        if let Some(state) = self.get(id) {
            return Ok(Some(state));
        }
        let Source::Postgres { server, relay } = &self.source else {
            return Ok(None);
        };
        let Some((studio, info)) = server.load(id)? else {
            return Ok(None);
        };
        let current = Arc::new(CurrentStudio::new(studio, info));
        let (connections, size) = server.connections(id, &current);
        let state = Arc::new(StudioState {
            id: id.to_owned(),
            storage: StoragePool::shared(connections, size)?,
            current,
            events: EventHub::with_relay(id, relay.clone()),
        });
        // Two first requests may load it at once: the first one in is kept.
        let mut loaded = self.loaded.write().unwrap_or_else(|p| p.into_inner());
        Ok(Some(loaded.entry(id.to_owned()).or_insert(state).clone()))
    }
}
