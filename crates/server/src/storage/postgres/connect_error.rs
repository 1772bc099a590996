//! Why a connection to PostgreSQL did not come about, said so that an operator knows what
//! to check: rust-postgres alone says "db error" for a wrong password and "error connecting
//! to server" for a wrong port.

use std::path::PathBuf;

use postgres::error::SqlState;
use thiserror::Error;

use super::password::Target;

/// Where a password may be given, for the messages.
const PASSWORD_FILES: &str = "?passfile=/path in the URL, PGPASSFILE or ~/.pgpass; \
    docs/server.md";

/// A connection to PostgreSQL that failed, by what to check. None holds the password.
#[derive(Debug, Error)]
pub enum PgConnectError {
    /// Nothing answered at the address (refused, timed out, no such host).
    #[error(
        "could not reach PostgreSQL at {server} ({reason}): is it running, and are the host \
         and port in the PostgreSQL URL (--database, or --to of migrate) right?"
    )]
    Unreachable { server: String, reason: String },
    /// The server refused the password.
    #[error(
        "PostgreSQL at {server}: authentication failed for user \"{user}\": check the \
         password in the URL, PGPASSWORD or the password file ({PASSWORD_FILES})"
    )]
    Authentication { server: String, user: String },
    /// The server asks for a password and none was found.
    #[error(
        "PostgreSQL at {server} asks user \"{user}\" for a password and none was given: set \
         PGPASSWORD or a password file ({PASSWORD_FILES})"
    )]
    NoPassword { server: String, user: String },
    /// The server refused the user before any password (no such role, or `pg_hba.conf`).
    #[error(
        "PostgreSQL at {server} refused user \"{user}\": {reason}. Check the user name in \
         the URL and the server's pg_hba.conf"
    )]
    Refused {
        server: String,
        user: String,
        reason: String,
    },
    /// The URL names a database the server does not have.
    #[error(
        "PostgreSQL at {server} has no database \"{database}\": create it (`createdb -O \
         {user} {database}`) or correct the URL's database name"
    )]
    NoDatabase {
        server: String,
        database: String,
        user: String,
    },
    /// A password file was named but cannot be used.
    #[error("the PostgreSQL password file {path}: {reason}")]
    PasswordFile { path: PathBuf, reason: String },
}

impl PgConnectError {
    /// What `error`, from connecting to `target`, means; `None` if it is none of these (the
    /// caller keeps rust-postgres's own error then).
    pub(super) fn classify(error: &postgres::Error, target: &Target) -> Option<PgConnectError> {
        let server = format!("{}:{}", target.host, target.port);
        let user = target.user.clone();
        if let Some(db) = error.as_db_error() {
            let code = db.code();
            return if *code == SqlState::INVALID_PASSWORD {
                Some(PgConnectError::Authentication { server, user })
            } else if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
                Some(PgConnectError::Refused {
                    server,
                    user,
                    reason: db.message().to_owned(),
                })
            } else if *code == SqlState::INVALID_CATALOG_NAME {
                Some(PgConnectError::NoDatabase {
                    server,
                    database: target.database.clone(),
                    user,
                })
            } else {
                None
            };
        }
        // rust-postgres's error kinds are private: a missing password is a configuration
        // error whose cause displays as this.
        let mut cause = std::error::Error::source(error);
        while let Some(inner) = cause {
            if inner.to_string() == "password missing" {
                return Some(PgConnectError::NoPassword { server, user });
            }
            if let Some(io) = inner.downcast_ref::<std::io::Error>() {
                return Some(PgConnectError::Unreachable {
                    server,
                    reason: io.to_string(),
                });
            }
            cause = inner.source();
        }
        None
    }
}
