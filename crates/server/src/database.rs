//! Where a server keeps its data: a SQLite file (one studio, one instance) or a PostgreSQL
//! database (a chain: several studios, several instances).

use chrono::{DateTime, Utc};
use frontdesk_store::{Durability, Store};
use std::path::PathBuf;

use crate::storage::{PgOptions, PgServer, Storage, StorageError, STUDIO_ID};

#[derive(Debug, Clone)]
pub enum Database {
    /// A SQLite file: one studio, one server instance (holds live in its memory).
    Sqlite(PathBuf),
    /// A PostgreSQL database: any number of server instances share it.
    Postgres(PgOptions),
}

impl Database {
    /// `postgres://…` (or `postgresql://…`) is PostgreSQL with `connections` per
    /// instance; anything else a SQLite file's path.
    pub fn parse(text: &str, connections: usize) -> Database {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Database::Postgres(PgOptions {
                url: text.to_owned(),
                connections,
            })
        } else {
            Database::Sqlite(PathBuf::from(text))
        }
    }

    /// One storage of the first studio, seeded with `seed` if the database has none yet:
    /// for the command line's one-off changes (`desk add`, `reseed`, `migrate`'s check).
    /// Not in an async context.
    pub fn open_one(
        &self,
        seed: frontdesk_core::Studio,
        now: DateTime<Utc>,
    ) -> Result<Box<dyn Storage>, StorageError> {
        match self {
            Database::Sqlite(path) => Ok(Box::new(Store::open_or_seed(
                path,
                "server",
                Durability::Full,
                seed,
            )?)),
            Database::Postgres(pg) => {
                PgServer::open(pg.clone(), &seed, now)?;
                PgServer::one_storage(&pg.url, STUDIO_ID)?
                    .ok_or_else(|| StorageError::NoStudio(STUDIO_ID.to_owned()))
            }
        }
    }
}
