//! The command line of `frontdesk-server`: each command and what it takes (clap), and where
//! a command finds its database.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use frontdesk_server::desk_admin::DeskAt;
use frontdesk_server::Database;

#[derive(Debug, Parser)]
#[command(
    name = "frontdesk-server",
    version,
    about = "Frontdesk's central server (HTTP contract v1)"
)]
pub struct Cli {
    /// How log lines are written to stderr: `text` (colour only on a terminal) or `json`
    /// (one object a line: timestamp, level, target, fields).
    #[arg(long, value_enum, global = true, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the HTTP API. Prints `listening on http://HOST:PORT` first.
    Serve {
        /// The studio.toml: studio, opening hours, rooms, development desk tokens.
        #[arg(long)]
        config: PathBuf,
        /// The SQLite file (default: beside the config, named after it).
        #[arg(long, conflicts_with = "database")]
        db: Option<PathBuf>,
        /// A PostgreSQL database for chains, `postgres://user@host/db`: any number of
        /// server instances may serve it at once (the SQLite file allows one). Without a
        /// password in it, the password comes from PGPASSWORD or a password file
        /// (`?passfile=`, PGPASSFILE, ~/.pgpass).
        #[arg(long)]
        database: Option<String>,
        /// Connections to PostgreSQL this instance opens.
        #[arg(long, default_value_t = 8)]
        connections: usize,
        /// Address to listen on; port 0 picks a free port.
        #[arg(long, default_value = "127.0.0.1:8787")]
        listen: SocketAddr,
        /// Accept the desk tokens written in studio.toml (development and tests only: they
        /// are in plain text; real desks enrol with `desk add`'s one-time code).
        #[arg(long)]
        dev_tokens: bool,
        /// Rate limits per token and per address.
        #[command(flatten)]
        limits: frontdesk_server::limits::RateLimits,
        /// A file holding the operator's metrics token (16 characters or more): `/metrics`
        /// answers Prometheus with `Authorization: Bearer <token>` only. The environment's
        /// FRONTDESK_METRICS_TOKEN serves too; without either, `/metrics` answers 404.
        #[arg(long)]
        metrics_token_file: Option<PathBuf>,
        /// Where messages to customers go: SMTP, the manage links' address, the SMS gateway.
        #[command(flatten)]
        messages: Box<MessageArgs>,
    },
    /// Move the studio of a SQLite server file into a PostgreSQL database (for a chain's
    /// server), then check every booking, customer and desk token read back. Stop the
    /// server first; afterwards start it with `--database`.
    Migrate {
        /// The SQLite server file.
        #[arg(long)]
        from: PathBuf,
        /// The PostgreSQL database, `postgres://user@host/db`.
        #[arg(long)]
        to: String,
        /// The studio's id there (a chain's database holds several).
        #[arg(long, default_value = "main")]
        studio: String,
    },
    /// Back up a SQLite server file into a new file, while the server runs (SQLite's online
    /// backup), and check the copy. PostgreSQL: deploy/pg-backup.sh.
    Backup {
        /// The SQLite server file.
        #[arg(long)]
        db: PathBuf,
        /// The backup to write (must not exist yet).
        #[arg(long)]
        to: PathBuf,
    },
    /// Restore a backup as the SQLite server file (stop the server first); the file it
    /// replaces is kept beside it as FILE.before-restore-N.
    Restore {
        /// The backup.
        #[arg(long)]
        from: PathBuf,
        /// The SQLite server file to restore.
        #[arg(long)]
        db: PathBuf,
    },
    /// Manage the administrators of a chain (PostgreSQL only).
    ChainAdmin {
        #[command(subcommand)]
        command: ChainAdminCommand,
    },
    /// Manage the desks allowed to call the server.
    Desk {
        #[command(subcommand)]
        command: DeskCommand,
    },
    /// Replace the database's studio with the one of studio.toml, deliberately (`serve` uses
    /// studio.toml only to start a new database). Stop the server first; desks take the
    /// new version over when they next sync. Bookings are kept.
    Reseed {
        /// The studio.toml whose studio replaces the database's.
        #[arg(long)]
        config: PathBuf,
        /// The SQLite file (default: beside the config, named after it).
        #[arg(long, conflicts_with = "database")]
        db: Option<PathBuf>,
        /// The PostgreSQL database instead of the SQLite file.
        #[arg(long)]
        database: Option<String>,
    },
}

/// Where a desk command finds the studio's database.
#[derive(Debug, clap::Args)]
pub struct DeskDatabase {
    /// The studio.toml (it seeds a new database; the SQLite file is beside it).
    #[arg(long)]
    pub config: PathBuf,
    /// The SQLite file (default: beside the config, named after it).
    #[arg(long, conflicts_with = "database")]
    pub db: Option<PathBuf>,
    /// The PostgreSQL database instead of the SQLite file.
    #[arg(long)]
    pub database: Option<String>,
    /// The studio of a chain's database (default: the first).
    #[arg(long, requires = "database")]
    pub studio: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum DeskCommand {
    /// Issue a one-time enrolment code for a new desk, or for a desk to re-key (its old
    /// token is refused once the code is used). The code is typed on the desk's welcome
    /// screen within 10 minutes; only its hash is stored.
    Add {
        /// The desk's name, e.g. "reception".
        name: String,
        #[command(flatten)]
        at: DeskDatabase,
        /// The desk may also change the studio and manage desks.
        #[arg(long)]
        admin: bool,
    },
    /// List the desks: name, role, last seen, app version.
    List {
        #[command(flatten)]
        at: DeskDatabase,
    },
    /// Revoke a desk: its token is refused by every instance within seconds.
    Revoke {
        name: String,
        #[command(flatten)]
        at: DeskDatabase,
    },
}

#[derive(Debug, Subcommand)]
pub enum ChainAdminCommand {
    /// Create a chain administrator and print their new token (it lists and adds the
    /// studios of a PostgreSQL database and their desks; only its hash is stored).
    Add {
        /// Who it is for, e.g. "operations".
        name: String,
        /// The studio.toml (it seeds a new database).
        #[arg(long)]
        config: PathBuf,
        /// The chain's PostgreSQL database.
        #[arg(long)]
        database: String,
    },
}

pub fn db_path(config: &Path, db: Option<PathBuf>) -> PathBuf {
    db.unwrap_or_else(|| config.with_extension("sqlite"))
}

/// `--database URL` (PostgreSQL), else `--db FILE` or the file beside the config.
pub fn database_of(
    config: &Path,
    db: Option<PathBuf>,
    database: Option<String>,
    connections: usize,
) -> Database {
    match database {
        Some(url) => Database::parse(&url, connections),
        None => Database::Sqlite(db_path(config, db)),
    }
}

impl From<DeskDatabase> for DeskAt {
    fn from(at: DeskDatabase) -> DeskAt {
        DeskAt {
            database: database_of(&at.config, at.db, at.database, 1),
            config: at.config,
            studio: at.studio,
        }
    }
}

/// `serve`'s settings of messages to customers (boxed in [`Command::Serve`]: it is the
/// largest part of it).
#[derive(Debug, clap::Args)]
pub struct MessageArgs {
    /// Where e-mails to customers go: `smtp://host:port` (plain), `smtp://…?tls=required`
    /// (STARTTLS), `smtps://user:pass@host` (TLS). FRONTDESK_SMTP_URL serves too (keeps a
    /// password out of the process list); without either, messages stay queued.
    #[arg(long)]
    pub smtp_url: Option<String>,
    /// The sender of those e-mails (FRONTDESK_SMTP_FROM), e.g. `desk@studio.example`.
    #[arg(long)]
    pub smtp_from: Option<String>,
    /// The address customers reach this server at, e.g. `https://book.studio.example`
    /// (FRONTDESK_PUBLIC_URL): the e-mails carry the booking's manage link under it.
    /// Without it they carry none. `https://` only (`http://` on a loopback host).
    #[arg(long)]
    pub public_url: Option<String>,
    /// How long an instance's claim on a message keeps it from the other instances,
    /// seconds (default 120): an instance killed while sending leaves its messages to
    /// the others this long after. Keep it above a slow SMTP conversation (20 s at
    /// most here), or another instance may send a second copy.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(frontdesk_server::messages::LEASE_SECONDS_MAX)))]
    pub smtp_lease_seconds: Option<u32>,
    /// The SMS gateway reminders by SMS go to (FRONTDESK_SMS_URL), e.g.
    /// `https://sms.example/send`: one `POST` of JSON `{"id", "to", "from"?, "text"}`
    /// per SMS (docs/server.md). Without it, studios cannot ask for SMS reminders.
    #[arg(long)]
    pub sms_url: Option<String>,
    /// A file holding the gateway's token, sent as `Authorization: Bearer <token>`
    /// (FRONTDESK_SMS_TOKEN serves too: keeps it out of the process list).
    #[arg(long)]
    pub sms_token_file: Option<PathBuf>,
    /// The sender's name or number the gateway shows (FRONTDESK_SMS_FROM).
    #[arg(long)]
    pub sms_from: Option<String>,
}
