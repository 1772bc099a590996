//! Frontdesk's central server: authoritative bookings, shared presence holds of every desk,
//! a change log that desks pull, and a live event stream — the HTTP contract v1 of
//! `shared/api.md`, served with axum.
//!
//! - [`app`]: start-up, shared state, graceful shutdown.
//! - [`routes`]: one module per area of the contract; [`openapi`]: the generated document.
//! - [`storage`]: the storage trait (SQLite [`frontdesk_store::Store`] by default).
//! - [`auth`]: desk tokens; [`events`]: the event fan-out; the clock comes from `frontdesk-clock`.
//! - [`error`], [`extract`], [`wire`]: JSON errors, extractors, domain ↔ wire.

pub mod app;
pub mod auth;
pub mod backup;
pub mod current_studio;
pub mod database;
pub mod desk_admin;
pub mod error;
pub mod events;
pub mod extract;
pub mod housekeeping;
pub mod limits;
pub mod manage_link;
pub mod messages;
pub mod metrics;
pub mod migrate;
pub mod openapi;
pub mod pool;
pub mod pull_page;
pub mod routes;
pub mod staff_check;
pub mod storage;
pub mod studio_admin;
pub mod studios;
pub mod wire;

pub use app::{start, Database, RunningServer, ServerError, ServerOptions};
pub use frontdesk_clock::{Clock, ManualClock, SharedClock, SystemClock};
