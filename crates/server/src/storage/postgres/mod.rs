//! [`Storage`] on PostgreSQL, for chains: several server instances on one database.
//!
//! Client: the synchronous `postgres` crate (rust-postgres). The storage seam is
//! synchronous — every call runs on a blocking thread and is one transaction, as with
//! rusqlite — so each pooled connection is a storage of its own (`crate::pool`) and no async
//! trait is needed; LISTEN runs on a connection of its own (`events`), where rust-postgres
//! delivers every notification. Queries are plain runtime SQL, checked by the integration
//! tests against a real PostgreSQL, so building needs no database.
//!
//! What a write does is not written here: the write engine (`frontdesk_store::engine`)
//! decides it for both databases, and `ledger` says how each of its steps (rows, locks,
//! the change log) is done on PostgreSQL. The rest is this database's own:
//! - `schema` (numbered steps), `connections` and `tls` (the pool's connections), `password`
//!   (from the URL, `PGPASSWORD` or a password file) and `connect_error` (what a failed
//!   connection means), `sql` (statements prepared once per connection);
//! - `locks` (room-days locked in order; what a span is checked against), `rows` (booking
//!   and push-log rows), `stamp` (the change log's head, with the write's audit row),
//!   `studio_rows` (the studio's row and staff departures);
//! - `presence` (holds shared by every instance), `events` (LISTEN/NOTIFY between them);
//! - `reads`, `customers` and `customer_lookup` (what the routes read); `reports`,
//!   `reports_occupancy` and `reports_payments` (the studio's numbers);
//! - `chain` (studios and tokens), `staff_auth` (lockouts, staff sessions), `feeds`
//!   (calendar feeds and their bookings), `import` (a SQLite file moved in), `storage`
//!   (the [`Storage`] calls, each one transaction).

mod chain;
mod connect_error;
mod connections;
mod consent;
mod customer_lookup;
mod customers;
mod events;
mod feeds;
mod import;
mod ledger;
mod locks;
mod messages;
mod online;
mod password;
mod presence;
mod reads;
mod reports;
mod reports_occupancy;
mod reports_payments;
mod rows;
mod schema;
mod sql;
mod staff_auth;
mod stamp;
mod storage;
mod studio_rows;
mod tls;
mod transactions;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use frontdesk_core::Studio;
use frontdesk_protocol::StudioInfo;
use postgres::Client;

pub use connect_error::PgConnectError;
pub use connections::PgConnections;
pub use events::EventRelay;
pub use import::import;

use super::{Storage, StorageError};
use crate::current_studio::CurrentStudio;
pub(crate) use chain::check_studio_id;
pub use storage::PgStorage;
pub use tls::PgTlsError;

/// The studio a database serves until a database holds several.
pub const STUDIO_ID: &str = "main";

/// How to reach the database.
#[derive(Debug, Clone)]
pub struct PgOptions {
    /// `postgres://user@host:port/database`
    pub url: String,
    /// Connections of this instance (each serves one storage call at a time).
    pub connections: usize,
}

/// An opened PostgreSQL database: the schema up to date, the studio seeded.
pub struct PgServer {
    options: PgOptions,
    pub studio: Studio,
    pub info: StudioInfo,
}

impl std::fmt::Debug for PgServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgServer")
            .field("studio", &self.info.name)
            .finish()
    }
}

/// A connection as the URL's `sslmode` and `sslrootcert` ask (`tls`: libpq's `verify-full`
/// whenever the certificate is checked).
fn connect(url: &str) -> Result<Client, StorageError> {
    let mut client = tls::connect(url)?;
    // Statements are prepared once per connection (`sql`), but planned for their values
    // each time: a generic plan cannot see that a day's window of bookings is a few rows.
    client.batch_execute("SET plan_cache_mode = force_custom_plan")?;
    Ok(client)
}

impl PgServer {
    /// Connects, brings the schema up to date and seeds the studio when the database has
    /// none (afterwards the database is the truth).
    pub fn open(
        options: PgOptions,
        seed: &Studio,
        now: DateTime<Utc>,
    ) -> Result<PgServer, StorageError> {
        let mut client = connect(&options.url)?;
        schema::migrate(&mut client)?;
        let (studio, info) = schema::seed_studio(&mut client, STUDIO_ID, seed, now)?;
        Ok(PgServer {
            options,
            studio,
            info,
        })
    }

    /// One storage of studio `id` of the database at `url` (its schema brought up to date,
    /// nothing seeded), if the database has that studio: for the command line.
    pub fn one_storage(url: &str, id: &str) -> Result<Option<Box<dyn Storage>>, StorageError> {
        let mut client = connect(url)?;
        schema::migrate(&mut client)?;
        let Some((studio, info)) = schema::find_studio(&mut client, id)? else {
            return Ok(None);
        };
        let current = Arc::new(CurrentStudio::new(studio, info));
        Ok(Some(Box::new(PgStorage::on(url, client, id, &current))))
    }

    /// The connections of this instance for studio `id`, all serving `current`, made as
    /// requests need them, and how many at most.
    pub fn connections(&self, id: &str, current: &Arc<CurrentStudio>) -> (PgConnections, usize) {
        (
            PgConnections::new(&self.options.url, id, current),
            self.options.connections.max(1),
        )
    }

    /// The stored studio `id`, if the database has it.
    pub fn load(&self, id: &str) -> Result<Option<(Studio, StudioInfo)>, StorageError> {
        schema::find_studio(&mut connect(&self.options.url)?, id)
    }

    pub fn url(&self) -> &str {
        &self.options.url
    }
}
