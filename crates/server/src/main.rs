//! `frontdesk-server`: run the central server; enrol, list and revoke desks; move a studio
//! into PostgreSQL; add a chain's administrators.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use frontdesk_server::desk_admin::DeskAction;
use frontdesk_server::messages::{SmsSettings, SmtpSettings};
use frontdesk_server::metrics::MetricsToken;
use frontdesk_server::studio_admin;
use frontdesk_server::{start, Database, ServerOptions, SystemClock};
use frontdesk_store::StudioConfig;
use tracing_subscriber::EnvFilter;

mod cli;

use cli::{database_of, ChainAdminCommand, Cli, Command, DeskCommand, LogFormat};

fn load_config(path: &Path) -> Result<StudioConfig, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    StudioConfig::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr);
    match cli.log_format {
        // Colour only on a terminal: a log redirected to a file or the journal is plain text.
        LogFormat::Text => logs.with_ansi(std::io::stderr().is_terminal()).init(),
        LogFormat::Json => logs.json().init(),
    }
    let outcome = match cli.command {
        Command::Serve {
            config,
            db,
            database,
            connections,
            listen,
            dev_tokens,
            limits,
            metrics_token_file,
            messages,
        } => MetricsToken::configured(
            metrics_token_file.as_deref(),
            std::env::var(frontdesk_server::metrics::access::TOKEN_ENV).ok(),
        )
        .map_err(|e| e.to_string())
        .and_then(|metrics_token| {
            let database = database_of(&config, db, database, connections);
            serve(
                &config,
                database,
                listen,
                ServeExtras {
                    dev_tokens,
                    limits,
                    metrics_token,
                    smtp: SmtpSettings::configured(
                        messages.smtp_url,
                        messages.smtp_from,
                        messages.public_url,
                    )?
                    .map(|smtp| SmtpSettings {
                        lease: messages
                            .smtp_lease_seconds
                            .map_or(smtp.lease, |s| chrono::Duration::seconds(i64::from(s))),
                        ..smtp
                    }),
                    sms: SmsSettings::configured(
                        messages.sms_url,
                        messages.sms_token_file.as_deref(),
                        messages.sms_from,
                    )?,
                },
            )
        }),
        Command::Desk { command } => frontdesk_server::desk_admin::run(match command {
            DeskCommand::Add { name, at, admin } => (at.into(), DeskAction::Add { name, admin }),
            DeskCommand::List { at } => (at.into(), DeskAction::List),
            DeskCommand::Revoke { name, at } => (at.into(), DeskAction::Revoke { name }),
        }),
        Command::ChainAdmin {
            command:
                ChainAdminCommand::Add {
                    name,
                    config,
                    database,
                },
        } => load_config(&config).and_then(|c| {
            studio_admin::add_chain_admin(&name, c.studio, &Database::parse(&database, 1))
        }),
        Command::Reseed {
            config,
            db,
            database,
        } => load_config(&config).and_then(|c| {
            studio_admin::reseed(c.studio, &config, &database_of(&config, db, database, 1))
        }),
        Command::Backup { db, to } => {
            frontdesk_server::backup::backup(&db, &to).map(|done| println!("{done}"))
        }
        Command::Restore { from, db } => {
            frontdesk_server::backup::restore(&from, &db).map(|done| println!("{done}"))
        }
        Command::Migrate { from, to, studio } => {
            frontdesk_server::migrate::migrate(&from, &to, &studio)
                .map(|report| {
                    println!("{report}");
                    println!(
                        "\n{}",
                        frontdesk_server::migrate::next_steps(&from, &studio)
                    );
                })
                .map_err(|e| e.to_string())
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("frontdesk-server: {message}");
            ExitCode::FAILURE
        }
    }
}

/// What `serve` sets beside the studio, the database and the address.
struct ServeExtras {
    dev_tokens: bool,
    limits: frontdesk_server::limits::RateLimits,
    metrics_token: Option<MetricsToken>,
    smtp: Option<SmtpSettings>,
    sms: Option<SmsSettings>,
}

fn serve(
    config_path: &Path,
    database: Database,
    listen: SocketAddr,
    extras: ServeExtras,
) -> Result<(), String> {
    let config = load_config(config_path)?;
    let runtime =
        tokio::runtime::Runtime::new().map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async move {
        // Before anything is said: a supervisor's SIGTERM right after the server says it
        // listens stops it gracefully instead of killing it.
        let stop = shutdown_signal();
        let server = start(ServerOptions {
            dev_tokens: extras.dev_tokens,
            limits: extras.limits,
            metrics_token: extras.metrics_token,
            smtp: extras.smtp,
            sms: extras.sms,
            ..ServerOptions::new(config, database, listen, Arc::new(SystemClock))
        })
        .await
        .map_err(|e| e.to_string())?;
        println!("listening on {}", server.url());
        use std::io::Write;
        let _ = std::io::stdout().flush();
        stop.await;
        tracing::info!("shutting down");
        server.stop().await;
        Ok(())
    })
}

/// SIGINT or SIGTERM, whichever comes first. The handlers are installed when this is
/// called (inside the runtime), not when it is first awaited.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let (terminate, interrupt) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        );
        async move {
            let wait = |stream: std::io::Result<tokio::signal::unix::Signal>| async move {
                match stream {
                    Ok(mut stream) => {
                        stream.recv().await;
                    }
                    Err(_) => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = wait(terminate) => {},
                _ = wait(interrupt) => {},
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
