//! `frontdesk-load`: a bounded load test of the Frontdesk central server, loopback only.
//!
//! Without `--url` it starts the real server in-process (a throw-away SQLite file in a
//! temporary folder, 100 rooms open around the clock) and measures:
//!
//! 1. heartbeats ([`heartbeats`]): N booking sessions, each holding 8 quarter hours nobody
//!    else touches, send `PUT /v1/holds/{session}` with the same body, back to back (closed
//!    loop) or at `--rate` in all (open loop), for the phase's seconds or until the request
//!    cap is reached. Each session has its own bare keep-alive connection ([`http1`]) so
//!    that the client costs the shared cores as little as possible (`--client typed`, the
//!    desk's typed client, for comparison);
//! 2. room status ([`status`]): K sequential `POST /v1/rooms/status` for every room, after
//!    creating 200 bookings so the answers have something in them;
//! 3. what one 30-second booking session holding 8 slots costs in requests with the
//!    batched protocol versus holding every slot on its own ([`session`]), counted by
//!    driving a session object through virtual time (and with `--hold-session` also for
//!    real).
//!
//! 4. booking throughput ([`bookings`]): `--bookings` non-overlapping bookings from 32
//!    concurrent desks.
//!
//! With `--postgres URL` the same phases run again on two in-process instances sharing that
//! PostgreSQL database, sessions and bookings spread over both: both backends in one run.
//!
//! Phases 1, 2 and 4 also print how busy the cores were and how much time the hypervisor
//! took from them ([`frontdesk_testkit::host`]), so that a run shows whether its tail was the host's.
//!
//! 5. the public page's viewers (`--page-viewers N`, [`viewers`]): N visitors hold its live
//!    line open while a desk holds starts they watch; the time until each sees the hold,
//!    the server's CPU and memory; then the same with the visitors polling every second.
//! 6. a flood against the public page (`--page-flood RATE`, [`flood`]): desk booking
//!    latency alone and under the flood, in the same run.
//!
//! Phases 5 and 6 switch the page on with an admin token first; `--page-only` skips 1 to 4.
//!
//! Everything is bounded: at most 5 000 sessions, 120 seconds of heartbeats and 2 000 000
//! heartbeat requests; only `http://` URLs on 127.0.0.1, localhost or [::1] are accepted.
//! Today's date comes from the clock ([`frontdesk_clock`]), like everywhere in Frontdesk.

mod api;
mod bookings;
mod cli;
mod flood;
mod heartbeats;
mod http1;
mod latency;
mod page;
mod report;
mod report_page;
mod server_proc;
mod session;
mod sse;
mod status;
mod studio;
mod viewers;

use std::error::Error;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use chrono::Duration as ChronoDuration;
use chrono_tz::Tz;
use clap::Parser;
use frontdesk_clock::SharedClock;
use frontdesk_server::limits::RateLimits;
use frontdesk_server::{start, Database, ServerOptions};
use frontdesk_store::StudioConfig;
use uuid::Uuid;

use crate::api::Api;
use crate::cli::{loopback_base, loopback_postgres, Cli};
use crate::server_proc::ServerProc;
use crate::session::{real_session, simulate, Strategy};
use crate::studio::{
    desk_tokens, local_studio_toml, session_spans, LOCAL_ADMIN_TOKEN, LOCAL_TOKEN,
};

type BoxError = Box<dyn Error + Send + Sync>;

/// The server a run loads: one instance, or several sharing a database.
#[derive(Debug)]
struct Target {
    urls: Vec<String>,
    /// Every desk's token (see [`cli::Cli::desks`]).
    tokens: Vec<String>,
    /// What serves it, for the report (`None`: already running).
    in_process: Option<&'static str>,
    /// An admin desk's token (to switch the public page on).
    admin_token: Option<String>,
    /// The process serving it, for phases 5 and 6.
    server: Option<server_proc::ServerProc>,
}

async fn run(cli: &Cli, target: &Target, clock: &SharedClock) -> Result<(), BoxError> {
    let started = Instant::now();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // The typed client's calls (first of all the 32 booking workers') go to a few desks;
    // the heartbeats to every desk. `--client typed` sends those with typed clients too.
    let typed_desks = match cli.client {
        cli::HeartbeatClient::Bare => bookings::WORKERS,
        cli::HeartbeatClient::Typed => target.tokens.len().min(cli.sessions as usize),
    };
    let api = Api::new(
        &target.urls,
        &target.tokens,
        typed_desks,
        cli.sessions as usize,
    )?;

    let studio = api
        .studio()
        .await
        .map_err(|e| format!("GET /v1/studio: {e}"))?;
    let tz: Tz = studio
        .timezone
        .parse()
        .map_err(|e| format!("timezone {}: {e}", studio.timezone))?;
    let rooms: Vec<String> = studio.rooms.iter().map(|r| r.id.clone()).collect();
    if rooms.is_empty() {
        return Err("the studio has no rooms".into());
    }
    let today = clock.now().with_timezone(&tz).date_naive();
    // Day 8 from today starts at least 7 days from now.
    let base = today + ChronoDuration::days(8);
    report::header(target, cli, cores, rooms.len(), tz);
    if !cli.page_only {
        desk_phases(cli, &api, clock, tz, &rooms, base).await?;
    }
    if cli.page_phases() {
        page_phases(cli, target, &api, tz, &rooms, base).await?;
    }
    report::total(api.sent(), started.elapsed());
    Ok(())
}

/// Phases 5 and 6: the public page, switched on for the first two rooms; the page's dates
/// are a month ahead, clear of phases 1 to 4.
async fn page_phases(
    cli: &Cli,
    target: &Target,
    api: &Api,
    tz: Tz,
    rooms: &[String],
    base: chrono::NaiveDate,
) -> Result<(), BoxError> {
    let (Some(admin), Some(server)) = (&target.admin_token, target.server) else {
        return Err(
            "the public page's phases need --admin-token and --server-pid with --url".into(),
        );
    };
    let [room, flood_room, ..] = rooms else {
        return Err("the public page's phases need two rooms".into());
    };
    page::switch_on(&target.urls[0], admin, &[room, flood_room]).await?;
    let page_date = base + ChronoDuration::days(30);
    if let Some(n) = cli.page_viewers {
        let (n, holds) = (n as usize, cli.page_holds as usize);
        let live = viewers::phase(
            api,
            server,
            tz,
            room,
            page_date,
            n,
            holds,
            viewers::Mode::Live,
        )
        .await?;
        report_page::viewers(server, &live);
        let poll_date = page_date + ChronoDuration::days(1);
        let poll = viewers::phase(
            api,
            server,
            tz,
            room,
            poll_date,
            n,
            holds,
            viewers::Mode::Poll,
        )
        .await?;
        report_page::viewers(server, &poll);
        report_page::viewers_ratio(&live, &poll);
    }
    if let Some(rate) = cli.page_flood {
        let flooded = flood::phase(
            api,
            server,
            tz,
            rooms,
            base + ChronoDuration::days(100),
            flood_room,
            page_date + ChronoDuration::days(2),
            rate,
            cli.page_flood_bookings,
            cli.page_seconds,
        )
        .await?;
        report_page::flood(rate, cli.page_seconds, &flooded);
    }
    Ok(())
}

/// Phases 1 to 4: the desks' side.
async fn desk_phases(
    cli: &Cli,
    api: &Api,
    clock: &SharedClock,
    tz: Tz,
    rooms: &[String],
    base: chrono::NaiveDate,
) -> Result<(), BoxError> {
    let hb = heartbeats::phase(api, tz, rooms, base, cli).await?;
    report::heartbeats(cli, &hb);

    let st = status::phase(api, clock.as_ref(), tz, rooms, cli.status_requests).await?;
    report::status(rooms.len(), &st);

    let sim_date = base + ChronoDuration::days((cli.sessions as usize / rooms.len()) as i64 + 1);
    let spans = session_spans(tz, &rooms[0], sim_date)?;
    report::session_cost(
        report::heartbeat_rate(&hb),
        simulate(Strategy::Batched, &spans)?,
        simulate(Strategy::PerSlot, &spans)?,
    );
    if cli.hold_session {
        let per_slot_spans = session_spans(tz, &rooms[0], sim_date + ChronoDuration::days(1))?;
        let (batched, per_slot) = tokio::join!(
            real_session(api, Strategy::Batched, &spans),
            real_session(api, Strategy::PerSlot, &per_slot_spans)
        );
        for (name, real) in [("batched", batched), ("per slot", per_slot)] {
            if real.sent != real.counts.total() {
                return Err(format!(
                    "real {name} session miscounted: {} sent, {} counted",
                    real.sent,
                    real.counts.total()
                )
                .into());
            }
            report::real_session(name, &real);
        }
    }

    let booked = bookings::phase(
        api,
        tz,
        rooms,
        base + ChronoDuration::days(60),
        cli.bookings,
    )
    .await?;
    report::bookings(api.instances(), &booked);
    Ok(())
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match load(&cli, frontdesk_clock::system()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("frontdesk-load: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Runs against `--url`, or against an in-process server (on the same clock) whose
/// temporary folder is removed afterwards whatever happened.
async fn load(cli: &Cli, clock: SharedClock) -> Result<(), BoxError> {
    if cli.print_studio {
        print!("{}", local_studio_toml(cli.desks as usize));
        return Ok(());
    }
    if let Some(url) = &cli.url {
        let base = loopback_base(url)?;
        let token = cli
            .token
            .clone()
            .ok_or("--url needs --token with the desk token of that server")?;
        let target = Target {
            urls: vec![base],
            tokens: desk_tokens(&token, cli.desks as usize),
            in_process: None,
            admin_token: cli.admin_token.clone(),
            server: cli.server_pid.map(|pid| ServerProc { pid, own: false }),
        };
        return run(cli, &target, &clock).await;
    }

    let dir: PathBuf = std::env::temp_dir().join(format!("frontdesk-load-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir)?;
    let sqlite = Database::Sqlite(dir.join("load.sqlite"));
    let outcome = in_process(
        cli,
        &clock,
        sqlite,
        1,
        "in-process, SQLite in a temporary folder",
    )
    .await;
    let removed = std::fs::remove_dir_all(&dir);
    outcome?;
    removed?;
    if let Some(url) = &cli.postgres {
        let database = Database::parse(&loopback_postgres(url)?, 8);
        let what = "two in-process instances sharing one PostgreSQL database";
        in_process(cli, &clock, database, 2, what).await?;
    }
    Ok(())
}

/// Runs the phases on `instances` in-process servers on `database`, stopped afterwards.
async fn in_process(
    cli: &Cli,
    clock: &SharedClock,
    database: Database,
    instances: usize,
    what: &'static str,
) -> Result<(), BoxError> {
    let mut servers = Vec::with_capacity(instances);
    for _ in 0..instances {
        let started = start(ServerOptions {
            // The load studio's desks carry their tokens.
            dev_tokens: true,
            limits: RateLimits {
                address_rate: cli.address_rate,
                ..RateLimits::default()
            },
            ..ServerOptions::new(
                StudioConfig::parse(&local_studio_toml(cli.desks as usize))?,
                database.clone(),
                "127.0.0.1:0".parse()?,
                clock.clone(),
            )
        })
        .await;
        match started {
            Ok(server) => servers.push(server),
            Err(error) => {
                for server in servers {
                    server.stop().await;
                }
                return Err(error.into());
            }
        }
    }
    let target = Target {
        urls: servers.iter().map(|s| s.url()).collect(),
        tokens: desk_tokens(LOCAL_TOKEN, cli.desks as usize),
        in_process: Some(what),
        admin_token: Some(LOCAL_ADMIN_TOKEN.to_owned()),
        server: Some(ServerProc {
            pid: std::process::id(),
            own: true,
        }),
    };
    let outcome = run(cli, &target, clock).await;
    for server in servers {
        server.stop().await;
    }
    outcome
}
