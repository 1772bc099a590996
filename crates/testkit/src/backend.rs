//! The two databases a server test runs on, and the macro that runs one test on both.

use std::path::Path;

use frontdesk_server::Database;

/// The database a test's server keeps its data in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in a temp folder.
    Sqlite,
    /// A fresh database in the test run's PostgreSQL (scripts/pg-test-cluster.sh).
    Postgres,
}

impl Backend {
    /// A new, empty database of this kind: `server.sqlite` in `dir`, or a fresh PostgreSQL
    /// database served with 4 connections.
    pub fn fresh(self, dir: &Path) -> Database {
        match self {
            Backend::Sqlite => Database::Sqlite(dir.join("server.sqlite")),
            Backend::Postgres => Database::parse(&crate::postgres::fresh_database(), 4),
        }
    }
}

/// Tests that run against both databases: each `async fn name(db: Backend)` of the calling
/// module becomes `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::backend::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::backend::Backend::Postgres).await
            }
        }
    )*};
}
