//! A randomized fault run with real desks (docs/fault-run.md): several headless desks (the
//! desk's library on its own SQLite file, with its sync worker) work against two server
//! instances on one PostgreSQL database, each desk through its own gate of the test kit's
//! switchboard. A seeded scheduler books, holds, moves, cancels and edits customers at the
//! desks — online and offline — while it kills desks mid-work (a new desk on the same file
//! later), crashes instances (restarted later on the same database) and cuts desks off for
//! spells. Then the faults stop, the queues drain, and the run checks:
//!
//! - no two confirmed bookings of a room overlap on the server (changeover included);
//! - every write a desk had from the server as done is there (or was overtaken by a later
//!   version);
//! - every write made offline was taken by the server or is something staff see: a conflict,
//!   a refused change or customer edit kept beside the server's version, a refusal in the
//!   activity log;
//! - every desk's file equals the server: bookings, customers, studio version, cursor;
//! - the change log read from 0 in small pages skips and repeats nothing, and agrees with
//!   one big read and with reads from cursors in between.
//!
//! Violations that one of the defects this run found explains (A–D below; each a test in
//! tests/fault_findings.rs) are listed under `KNOWN`. All four are fixed, so they fail the
//! run as any other violation does; a defect found later and not fixed yet can be listed
//! in `OPEN_DEFECTS`, and then fails the run only with `FRONTDESK_FAULT_STRICT=1`.
//!
//! `FRONTDESK_FAULT_SECONDS`, `FRONTDESK_FAULT_SEED` and `FRONTDESK_FAULT_DESKS` choose the
//! run (`scripts/fault-run.sh --seconds N --seed S`); without them this is the short seeded
//! run of every `cargo test`. Needs the test PostgreSQL (`FRONTDESK_TEST_PG`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_app::desk::views::BookingState;
use frontdesk_app::desk::Desk;
use frontdesk_app::events::NoEvents;
use frontdesk_client::{Client, ServerSettings};
use frontdesk_protocol::{
    BookingChange, BookingDto, BookingStatusDto, CreateBookingRequest, CustomerDto,
    CustomerRecordDto, EditCustomerRequest, HoldSpan,
};
use frontdesk_store::customers::CustomerRecord;
use frontdesk_store::{BookingRecord, BookingStatus, Durability, Store};
use frontdesk_testkit::clock::{berlin, pinned, ManualClock};
use frontdesk_testkit::fault::{FaultSettings, Rng, Tally};
use frontdesk_testkit::fault_net::{Gate, Switchboard};
use frontdesk_testkit::fault_server::Instance;
use frontdesk_testkit::studio::StudioToml;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use uuid::Uuid;

/// The short run of every `cargo test`: its seed and how long faults go on.
const SHORT_SEED: u64 = 20_261_202;
const SHORT_SECONDS: u64 = 20;
const SHORT_DESKS: u64 = 3;
const INSTANCES: usize = 2;
/// Bookings fall on these many days from the first date.
const DAYS: i64 = 28;
/// The report's digest of the choices covers this many first steps (a replay prints the
/// same digest when it gets that far).
const DIGEST_STEPS: u64 = 100;
/// How long the queues may take to drain once the faults stop.
const DRAIN: StdDuration = StdDuration::from_secs(120);
/// No single desk operation may take longer than this (a hang is a finding).
const OP_DEADLINE: StdDuration = StdDuration::from_secs(45);

/// Three rooms (one with a 15-minute changeover), open around the clock; a token per desk,
/// one for the checks and an admin's.
fn studio(desks: usize) -> StudioToml {
    let mut studio = StudioToml::new("Fault Studios")
        .room("studio-a", "Studio A", &[60, 120])
        .room("studio-b", "Studio B", &[60])
        .room("studio-c", "Studio C", &[60, 120])
        .changeover(15)
        .desk("reader", "token-reader")
        .admin_desk("office", "token-admin");
    for k in 0..desks {
        studio = studio.desk(&format!("desk-{k}"), &format!("token-{k}"));
    }
    studio
}

const ROOMS: [(&str, &[i64], i64); 3] = [
    ("studio-a", &[60, 120], 0),
    ("studio-b", &[60], 0),
    ("studio-c", &[60, 120], 15),
];

/// The reason the desk gives a conflict staff cancelled (it never reached the server).
const DISCARDED: &str = "cancelled after a sync conflict";

/// Everyone's now, advanced by the scheduler: 2027-01-04 08:00 in Berlin at the start.
fn start_clock() -> Arc<ManualClock> {
    pinned(berlin(2027, 1, 4, 8, 0))
}

fn first_day() -> DateTime<Utc> {
    berlin(2027, 1, 11, 0, 0)
}

fn wire(t: DateTime<Utc>) -> DateTime<chrono::FixedOffset> {
    frontdesk_protocol::in_zone(t, Berlin)
}

fn client(url: &str, token: &str) -> Client {
    Client::new(ServerSettings {
        url: url.into(),
        token: token.into(),
    })
    .unwrap()
}

/// A phone of the run's few regulars, written one of several ways (the same customer).
fn phone(rng: &mut Rng) -> (String, String) {
    let k = rng.below(8);
    let number = match rng.below(3) {
        0 => format!("0170 555 01{k:02}"),
        1 => format!("+49 170 55501{k:02}"),
        _ => format!("0170-55501{k:02}"),
    };
    (format!("Regular {k}"), number)
}

/// A desk of the run: its file, its gate, and (while it runs) the desk and its worker.
struct RunDesk {
    name: String,
    token: String,
    file: PathBuf,
    gate: Gate,
    desk: Option<Desk>,
    worker: Option<(JoinHandle<()>, watch::Sender<bool>)>,
    /// Steps left of a partition or of being down (0: none).
    cut_for: u64,
    down_for: u64,
}

impl RunDesk {
    fn open(&mut self, studio: &StudioToml, clock: &Arc<ManualClock>) {
        let store = if self.file.exists() {
            Store::open(&self.file, &self.name, Durability::Full)
        } else {
            Store::open_with_studio(
                &self.file,
                &self.name,
                Durability::Full,
                studio.config().studio,
            )
        }
        .unwrap();
        let settings = ServerSettings {
            url: self.gate.url(),
            token: self.token.clone(),
        };
        let desk = Desk::with_store(
            store,
            &self.name,
            Some(settings),
            Arc::new(NoEvents),
            clock.clone(),
        )
        .unwrap();
        desk.store().connection().execute_batch(TRACE_SQL).unwrap();
        let (stop, stopped) = watch::channel(false);
        let worker = tokio::spawn(frontdesk_app::sync::run(desk.clone(), stopped));
        self.worker = Some((worker, stop));
        self.desk = Some(desk);
    }

    /// The desk dies: its worker is aborted wherever it is, the desk dropped.
    fn kill(&mut self) {
        if let Some((worker, _stop)) = self.worker.take() {
            worker.abort();
        }
        self.desk = None;
    }
}

/// For the post-mortem of a broken run (the files are kept then): every row that enters or
/// leaves the desk's outbox and every change of a booking row, with the wall time in
/// milliseconds, kept by triggers in the desk's own file (the desk never reads them).
const TRACE_SQL: &str = "
CREATE TABLE IF NOT EXISTS fault_trace (
    ms INTEGER NOT NULL, what TEXT NOT NULL, id TEXT, detail TEXT);
CREATE TRIGGER IF NOT EXISTS fault_outbox_in AFTER INSERT ON outbox BEGIN
    INSERT INTO fault_trace VALUES (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
        'outbox+', NEW.mutation_id, NEW.kind || ' ' || NEW.payload); END;
CREATE TRIGGER IF NOT EXISTS fault_outbox_out AFTER DELETE ON outbox BEGIN
    INSERT INTO fault_trace VALUES (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
        'outbox-', OLD.mutation_id, OLD.kind || ' attempts ' || OLD.attempts); END;
CREATE TRIGGER IF NOT EXISTS fault_booking_in AFTER INSERT ON bookings BEGIN
    INSERT INTO fault_trace VALUES (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
        'booking+', NEW.id, NEW.status || ' v' || NEW.version || ' ' || NEW.room || ' ' || NEW.start_utc); END;
CREATE TRIGGER IF NOT EXISTS fault_booking_up AFTER UPDATE ON bookings BEGIN
    INSERT INTO fault_trace VALUES (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
        'booking', NEW.id, OLD.status || ' v' || OLD.version || ' -> ' || NEW.status || ' v' || NEW.version
        || ' ' || NEW.room || ' ' || NEW.start_utc || ' seq ' || NEW.seq); END;
";

/// What one operation was, as planned from the desk's own file.
#[derive(Debug, Clone)]
enum Plan {
    Book {
        request: CreateBookingRequest,
        hold: bool,
    },
    HoldAndLeave {
        span: HoldSpan,
    },
    Move {
        id: Uuid,
        room: String,
        start: DateTime<Utc>,
        minutes: i64,
    },
    Cancel {
        id: Uuid,
    },
    EditCustomer {
        id: Uuid,
        request: EditCustomerRequest,
    },
    MoveConflict {
        id: Uuid,
        room: String,
        start: DateTime<Utc>,
        minutes: i64,
    },
    /// The desk had nothing the chosen kind could work on.
    Nothing,
}

impl Plan {
    fn kind(&self) -> &'static str {
        match self {
            Plan::Book { hold: false, .. } => "book",
            Plan::Book { hold: true, .. } => "hold+book",
            Plan::HoldAndLeave { .. } => "hold+release",
            Plan::Move { .. } => "move",
            Plan::Cancel { .. } => "cancel",
            Plan::EditCustomer { .. } => "customer-edit",
            Plan::MoveConflict { .. } => "move-conflict",
            Plan::Nothing => "none",
        }
    }
}

/// How an operation ended, for the checks.
#[derive(Debug, Clone)]
enum Done {
    /// The server answered it: this is what it said.
    Acked(Ack),
    /// Made here and queued for the server.
    Queued(Queued),
    /// Refused at once (e.g. the time is taken): nothing to check.
    Refused(String),
    /// Nothing to do (no candidate).
    Nothing,
}

#[derive(Debug, Clone)]
enum Ack {
    Booking {
        id: Uuid,
        version: i64,
        room: String,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        cancelled: bool,
    },
    Customer {
        id: Uuid,
        version: i64,
        notes: Option<String>,
    },
    Hold,
}

#[derive(Debug, Clone)]
enum Queued {
    Create { id: Uuid },
    Change { id: Uuid, version: i64 },
    Cancel { id: Uuid },
    Customer { id: Uuid, version: i64 },
}

/// Outbox rows ever queued in the desk's file (the position counter never goes back).
fn queued_so_far(desk: &Desk) -> i64 {
    desk.store()
        .connection()
        .query_row(
            "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

fn all_bookings(desk: &Desk) -> Vec<BookingRecord> {
    desk.store().changes_since(i64::MIN, u32::MAX).unwrap().0
}

fn all_customers(desk: &Desk) -> Vec<CustomerRecord> {
    desk.store().customers_changed(i64::MIN, i64::MAX).unwrap()
}

/// Chooses the desk's next operation from what its file holds.
fn plan(lane: &mut Rng, desk: &Desk, name: &str, serial: u64) -> Plan {
    // One draw from the desk's lane per operation, whatever the file holds: the lane's
    // choices stay the same in a replay even where the files differ.
    let mut rng = Rng::new(lane.next_u64());
    let rng = &mut rng;
    let bookings = all_bookings(desk);
    let live: Vec<&BookingRecord> = bookings
        .iter()
        .filter(|b| matches!(b.status, BookingStatus::Confirmed | BookingStatus::Pending))
        .collect();
    let conflicts: Vec<&BookingRecord> = bookings
        .iter()
        .filter(|b| b.status == BookingStatus::Conflict)
        .collect();
    let span = |rng: &mut Rng| {
        let (room, durations, _) = ROOMS[rng.below(ROOMS.len() as u64) as usize];
        let minutes = *rng.pick(durations).unwrap();
        let start = first_day()
            + Duration::days(rng.below(DAYS as u64) as i64)
            + Duration::hours(rng.between(8, 21) as i64)
            + Duration::minutes(15 * rng.below(4) as i64);
        (room.to_owned(), start, minutes)
    };
    match rng.weighted(&[40, 8, 18, 12, 12, 4]) {
        0 => {
            let (room, start, minutes) = span(rng);
            let customer = if rng.percent(60) {
                let (who, number) = phone(rng);
                CustomerDto {
                    name: who,
                    phone: Some(number),
                    email: None,
                }
            } else {
                CustomerDto {
                    name: format!("Walk-in {name} {serial}"),
                    phone: None,
                    email: None,
                }
            };
            Plan::Book {
                request: CreateBookingRequest {
                    id: Uuid::new_v4(),
                    room,
                    start: wire(start),
                    end: wire(start + Duration::minutes(minutes)),
                    customer,
                    note: None,
                    session: None,
                    staff: None,
                    series: None,
                },
                hold: rng.percent(40),
            }
        }
        1 => {
            let (room, start, minutes) = span(rng);
            Plan::HoldAndLeave {
                span: HoldSpan {
                    room,
                    start: wire(start),
                    end: wire(start + Duration::minutes(minutes)),
                },
            }
        }
        2 => match rng.pick(&live) {
            Some(b) => {
                let (room, start, minutes) = span(rng);
                // Half the moves stay in the room and shift by a quarter hour or two.
                if rng.percent(50) {
                    let shift =
                        15 * (rng.between(1, 4) as i64) * if rng.percent(50) { 1 } else { -1 };
                    let minutes = (b.span.end() - b.span.start()).num_minutes();
                    Plan::Move {
                        id: b.id,
                        room: b.room.to_string(),
                        start: b.span.start() + Duration::minutes(shift),
                        minutes,
                    }
                } else {
                    Plan::Move {
                        id: b.id,
                        room,
                        start,
                        minutes,
                    }
                }
            }
            None => Plan::HoldAndLeave {
                span: {
                    let (room, start, minutes) = span(rng);
                    HoldSpan {
                        room,
                        start: wire(start),
                        end: wire(start + Duration::minutes(minutes)),
                    }
                },
            },
        },
        3 => match rng.pick(&live).or_else(|| rng.pick(&conflicts)) {
            Some(b) => Plan::Cancel { id: b.id },
            None => Plan::Nothing,
        },
        4 => {
            let customers: Vec<CustomerRecord> = all_customers(desk)
                .into_iter()
                .filter(|c| c.merged_into.is_none())
                .collect();
            match rng.pick(&customers) {
                Some(c) => Plan::EditCustomer {
                    id: c.id,
                    request: EditCustomerRequest {
                        version: c.version,
                        name: c.name.clone(),
                        phone: c.phone.clone(),
                        email: c.email.clone(),
                        notes: Some(format!("{name} #{serial}")),
                        staff: None,
                    },
                },
                None => Plan::Nothing,
            }
        }
        _ => match rng.pick(&conflicts) {
            Some(b) => {
                let (room, start, minutes) = span(rng);
                Plan::MoveConflict {
                    id: b.id,
                    room,
                    start,
                    minutes,
                }
            }
            None => Plan::Nothing,
        },
    }
}

fn booking_ack(v: &frontdesk_app::desk::views::BookingView) -> Ack {
    Ack::Booking {
        id: v.id,
        version: v.version,
        room: v.room.clone(),
        start: v.start.to_utc(),
        end: v.end.to_utc(),
        cancelled: v.status == BookingState::Cancelled,
    }
}

/// Runs one planned operation at a desk; says what came of it.
async fn execute(desk: Desk, plan: Plan) -> Done {
    let before = queued_so_far(&desk);
    let queued = |desk: &Desk| queued_so_far(desk) > before;
    match plan {
        Plan::Book { request, hold } => {
            let mut request = request;
            if hold {
                let session = Uuid::new_v4();
                let span = HoldSpan {
                    room: request.room.clone(),
                    start: request.start,
                    end: request.end,
                };
                if let Err(e) = desk.set_holds(session, vec![span]).await {
                    return Done::Refused(format!("hold {:?}", e.code()));
                }
                request.session = Some(session);
            }
            let id = request.id;
            match desk.create_booking(request).await {
                Ok(v) if v.status == BookingState::Pending || queued(&desk) => {
                    Done::Queued(Queued::Create { id })
                }
                Ok(v) => Done::Acked(booking_ack(&v)),
                Err(e) => Done::Refused(format!("{:?}", e.code())),
            }
        }
        Plan::HoldAndLeave { span } => {
            let session = Uuid::new_v4();
            match desk.set_holds(session, vec![span]).await {
                Ok(_) => {
                    let _ = desk.release_holds(session).await;
                    Done::Acked(Ack::Hold)
                }
                Err(e) => Done::Refused(format!("hold {:?}", e.code())),
            }
        }
        Plan::Move {
            id,
            room,
            start,
            minutes,
        } => {
            let change = BookingChange::Span {
                room,
                start: wire(start),
                end: wire(start + Duration::minutes(minutes)),
                session: None,
            };
            let version = desk.store().booking(id).unwrap().map_or(0, |b| b.version);
            match desk.change_booking(id, change).await {
                Ok(_) if queued(&desk) => Done::Queued(Queued::Change { id, version }),
                Ok(v) => Done::Acked(booking_ack(&v)),
                Err(e) => Done::Refused(format!("{:?}", e.code())),
            }
        }
        Plan::Nothing => Done::Nothing,
        Plan::Cancel { id } => {
            let was = desk.store().booking(id).unwrap().map(|b| b.status);
            match desk.cancel_booking(id, Some("fault run".into())).await {
                Ok(_) if was == Some(BookingStatus::Conflict) => {
                    Done::Refused("conflict discarded".into())
                }
                Ok(_) if queued(&desk) => Done::Queued(Queued::Cancel { id }),
                Ok(v) => Done::Acked(booking_ack(&v)),
                Err(e) => Done::Refused(format!("{:?}", e.code())),
            }
        }
        Plan::EditCustomer { id, request } => {
            let version = request.version;
            match desk.edit_customer(id, request).await {
                Ok(_) if queued(&desk) => Done::Queued(Queued::Customer { id, version }),
                Ok(c) => Done::Acked(Ack::Customer {
                    id,
                    version: c.version,
                    notes: c.notes,
                }),
                Err(e) => Done::Refused(format!("{:?}", e.code())),
            }
        }
        Plan::MoveConflict {
            id,
            room,
            start,
            minutes,
        } => match desk.move_conflict(id, &room, start, start + Duration::minutes(minutes)) {
            Ok(_) => Done::Queued(Queued::Create { id }),
            Err(e) => Done::Refused(format!("{:?}", e.code())),
        },
    }
}

/// What the run saw and did, for the checks and the report.
#[derive(Default)]
struct Ledger {
    tally: Tally,
    /// Per desk: what the server answered, and what was queued.
    acked: Vec<Vec<Ack>>,
    queued: Vec<Vec<Queued>>,
}

impl Ledger {
    fn record(&mut self, desk: usize, kind: &str, done: Done) {
        match done {
            Done::Acked(ack) => {
                self.tally.one(format!("op {kind}: done online"));
                self.acked[desk].push(ack);
            }
            Done::Queued(q) => {
                self.tally.one(format!("op {kind}: queued offline"));
                self.queued[desk].push(q);
            }
            Done::Refused(why) => {
                let why = why.split_whitespace().last().unwrap_or("").to_owned();
                self.tally.one(format!("op {kind}: refused ({why})"));
            }
            Done::Nothing => self.tally.one("op none: nothing to work on"),
        }
    }
}

/// Defect A (tests/fault_findings.rs): a mutation the server refused, pushed again after its
/// answer was lost, is answered `duplicate` without the refusal and dropped by the desk.
const REFUSED_REPLAY: &str =
    "defect A: a refused push answered again is taken as done (offline write lost or stuck pending)";
/// Defect B (tests/fault_findings.rs): a PostgreSQL pull's cursor passes a booking committed
/// between its read of the bookings and its read of the customers.
const PULL_GAP: &str =
    "defect B: a PostgreSQL pull's cursor passed a booking (a desk misses a booking or change)";

/// What the checks found: broken invariants, and those explained by a known defect (listed,
/// and failing the run only in strict mode, `FRONTDESK_FAULT_STRICT=1`).
#[derive(Debug, Default)]
struct Findings {
    broken: Vec<String>,
    known: Vec<(&'static str, String)>,
}

impl Findings {
    fn push(&mut self, problem: String) {
        self.broken.push(problem);
    }

    fn known(&mut self, defect: &'static str, problem: String) {
        self.known.push((defect, problem));
    }
}

/// Defect C (tests/fault_findings.rs): moving or cancelling a pending booking clears the day
/// masks under it, also where a pulled booking of the server overlaps it.
const MASKS_CLEARED: &str =
    "defect C: a pending booking's change cleared a pulled booking's time from the day masks";

/// Defect D (tests/fault_findings.rs): a refused change answered again comes without the
/// server's booking, so the desk keeps showing its own refused version.
const REFUSED_CHANGE_NO_BOOKING: &str =
    "defect D: a refused change answered again carries no booking (the desk shows its own version)";

/// The known defects not fixed yet: the only ones a run tolerates outside strict mode
/// (none: A–D are fixed, so any of them fails the run).
const OPEN_DEFECTS: &[&str] = &[];

/// The server's state, read through the API from one instance.
struct ServerState {
    bookings: BTreeMap<Uuid, BookingDto>,
    customers: BTreeMap<Uuid, CustomerRecordDto>,
    cursor: i64,
    studio_version: i64,
}

/// Reads every page of the change log after `since`, `limit` at a time, checking the pull
/// contract on the way; the bookings (latest state) and customers, and the last cursor.
async fn read_log(
    reader: &Client,
    since: i64,
    limit: u32,
    problems: &mut Findings,
    checks: &mut Tally,
) -> ServerState {
    let mut state = ServerState {
        bookings: BTreeMap::new(),
        customers: BTreeMap::new(),
        cursor: since,
        studio_version: 0,
    };
    let mut since = since;
    let mut pages = 0;
    loop {
        pages += 1;
        assert!(pages < 100_000, "the pull never ends");
        let page = pull(reader, since, limit).await;
        let mut last = since;
        for change in &page.changes {
            checks.one("invariant: pull page in order, after its cursor");
            if change.seq <= since || change.seq < last {
                problems.push(format!(
                    "pull since {since} (limit {limit}): seq {} out of order (after {last})",
                    change.seq
                ));
            }
            if change.booking.seq != change.seq {
                problems.push(format!(
                    "pull: change seq {} carries a booking at seq {}",
                    change.seq, change.booking.seq
                ));
            }
            last = change.seq;
            checks.one("invariant: each booking once in a read of the log");
            if state
                .bookings
                .insert(change.booking.id, change.booking.clone())
                .is_some()
            {
                problems.push(format!(
                    "pull from {}: booking {} came twice (again at seq {})",
                    state.cursor, change.booking.id, change.seq
                ));
            }
        }
        for c in &page.customers {
            state.customers.insert(c.id, c.clone());
        }
        if page.more {
            // Cut by rows or bytes, the page ends at the last change or customer taken
            // (customers carry no sequence here): without customers, at the last change.
            checks.one("invariant: a cut page's cursor is its last change");
            let last_change = page.changes.last().map(|c| c.seq);
            let ends_right = if page.customers.is_empty() {
                last_change == Some(page.cursor)
            } else {
                last_change.is_none_or(|seq| seq <= page.cursor)
            };
            if !ends_right {
                problems.push(format!(
                    "pull since {since}: more, but the cursor {} is not the last change {last_change:?}",
                    page.cursor
                ));
            }
        }
        if page.cursor < last {
            problems.push(format!(
                "pull since {since}: cursor {} behind the changes ({last})",
                page.cursor
            ));
        }
        state.studio_version = page.studio_version;
        if page.cursor <= since && page.more {
            problems.push(format!("pull since {since}: more, but the cursor stays"));
            break;
        }
        since = page.cursor;
        if !page.more {
            break;
        }
    }
    state.cursor = since;
    state
}

/// One pull page; a `rate_limited` answer (the reader's token sends many small pulls) is
/// asked again once the server's `Retry-After` has passed.
async fn pull(reader: &Client, since: i64, limit: u32) -> frontdesk_protocol::PullResponse {
    let deadline = Instant::now() + StdDuration::from_secs(60);
    loop {
        match reader.pull(since, limit).await {
            Ok(page) => return page,
            Err(frontdesk_client::ClientError::Refused { status: 429, .. })
                if Instant::now() < deadline =>
            {
                tokio::time::sleep(StdDuration::from_secs(1)).await;
            }
            Err(e) => panic!("the server does not answer a pull since {since}: {e}"),
        }
    }
}

fn status_of(dto: &BookingDto) -> BookingStatus {
    match dto.status {
        BookingStatusDto::Confirmed => BookingStatus::Confirmed,
        BookingStatusDto::Cancelled => BookingStatus::Cancelled,
    }
}

/// The desk's booking differs from the server's: how, in words.
fn booking_difference(mine: &BookingRecord, server: &BookingDto) -> Option<String> {
    let ours = (
        mine.room.to_string(),
        mine.span.start(),
        mine.span.end(),
        mine.status,
        mine.version,
        mine.customer.name.clone(),
        mine.customer.phone.clone(),
        mine.customer_id,
        mine.series,
    );
    let theirs = (
        server.room.clone(),
        server.start.to_utc(),
        server.end.to_utc(),
        status_of(server),
        server.version,
        server.customer.name.clone(),
        server.customer.phone.clone(),
        server.customer_id,
        server.series,
    );
    (ours != theirs).then(|| format!("desk {ours:?} / server {theirs:?}"))
}

/// Waits (at most `within`) until `done` holds, asking again every few milliseconds.
async fn wait_until(within: StdDuration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + within;
    loop {
        if done() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(StdDuration::from_millis(25)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn desks_and_instances_under_faults_end_equal_to_the_server() {
    let settings = FaultSettings::from_env(SHORT_SECONDS, SHORT_SEED, SHORT_DESKS as usize);
    let strict = std::env::var("FRONTDESK_FAULT_STRICT").is_ok_and(|v| v == "1");
    let report = fault_run(settings, strict, None).await;
    println!("{report}");
}

/// The checks bite: a short run whose desk file is changed behind the desk's back after the
/// drain (its cursor set back, a booking's and a customer's details changed) fails, naming
/// each change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checks_find_a_desk_file_that_differs_from_the_server() {
    let settings = FaultSettings {
        seconds: 3,
        seed: SHORT_SEED,
        desks: 2,
    };
    let tamper = "UPDATE sync_state SET value = CAST(value AS INTEGER) - 1 WHERE key = 'cursor';
        UPDATE bookings SET customer_name = 'Tampered' WHERE rowid = (SELECT MIN(rowid) FROM bookings);
        UPDATE customers SET notes = 'Tampered' WHERE rowid = (SELECT MIN(rowid) FROM customers);";
    let run = tokio::spawn(fault_run(settings, true, Some(tamper))).await;
    let panic = run.expect_err("a tampered file passed the checks");
    let message = panic.into_panic();
    let message = message
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    for expected in ["BROKEN", "d0: cursor", "differs: desk (", "\"Tampered\""] {
        assert!(message.contains(expected), "{expected:?} not in {message}");
    }
}

/// One run: `strict` fails on violations a known defect explains too; `tamper` is SQL run on
/// desk 0's file after the drain (the checks' own test).
async fn fault_run(settings: FaultSettings, strict: bool, tamper: Option<&str>) -> String {
    let wall = Instant::now();
    let FaultSettings {
        seconds,
        seed,
        desks: desk_count,
    } = settings;
    println!(
        "fault run: seed {seed}, {seconds} s of faults, {desk_count} desks, {INSTANCES} instances"
    );
    let studio = studio(desk_count);
    let clock = start_clock();
    let database = frontdesk_testkit::postgres::fresh_database();
    let dir = tempfile::tempdir().unwrap();
    let board = Switchboard::new(INSTANCES);
    let mut instances: Vec<Option<Instance>> = Vec::new();
    for slot in 0..INSTANCES {
        let instance = Instance::start(studio.config(), &database, 4, clock.clone()).await;
        board.fill(slot, instance.addr);
        instances.push(Some(instance));
    }
    let mut instance_down = [0u64; INSTANCES];
    let mut desks = Vec::new();
    for k in 0..desk_count {
        let mut desk = RunDesk {
            name: format!("d{k}"),
            token: format!("token-{k}"),
            file: dir.path().join(format!("d{k}.sqlite")),
            gate: board.gate().await,
            desk: None,
            worker: None,
            cut_for: 0,
            down_for: 0,
        };
        desk.open(&studio, &clock);
        desks.push(desk);
    }
    let office = board.gate().await;
    let mut ledger = Ledger {
        acked: vec![Vec::new(); desk_count],
        queued: vec![Vec::new(); desk_count],
        ..Ledger::default()
    };
    let mut faults = Rng::lane(seed, u64::MAX);
    let mut lanes: Vec<Rng> = (0..desk_count).map(|k| Rng::lane(seed, k as u64)).collect();
    let mut serial = 0u64;
    let mut steps = 0u64;
    let mut choices = 0xcbf2_9ce4_8422_2325u64;
    let mut trace: Vec<String> = Vec::new();
    let ms = |wall: &Instant| wall.elapsed().as_millis();
    trace.push(format!(
        "0 run started at {} ms since the epoch (the files' fault_trace counts from the epoch)",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d
                .as_millis()
                .saturating_sub(wall.elapsed().as_millis()))
    ));
    let until = Instant::now() + StdDuration::from_secs(seconds);

    while Instant::now() < until {
        steps += 1;
        clock.advance(Duration::seconds(faults.between(1, 20) as i64));
        // Spells that end now.
        for d in desks.iter_mut() {
            if d.cut_for > 0 {
                d.cut_for -= 1;
                if d.cut_for == 0 {
                    d.gate.restore();
                    trace.push(format!("{} step {steps} {} restored", ms(&wall), d.name));
                }
            }
            if d.down_for > 0 {
                d.down_for -= 1;
                if d.down_for == 0 {
                    d.open(&studio, &clock);
                    ledger.tally.one("fault desk reopened on its file");
                    trace.push(format!("{} step {steps} {} reopened", ms(&wall), d.name));
                }
            }
        }
        for slot in 0..INSTANCES {
            if instance_down[slot] > 0 {
                instance_down[slot] -= 1;
                if instance_down[slot] == 0 {
                    let instance =
                        Instance::start(studio.config(), &database, 4, clock.clone()).await;
                    board.fill(slot, instance.addr);
                    instances[slot] = Some(instance);
                    ledger.tally.one("fault instance restarted");
                    trace.push(format!(
                        "{} step {steps} instance {slot} restarted",
                        ms(&wall)
                    ));
                }
            }
        }
        let open: Vec<usize> = (0..desk_count)
            .filter(|k| desks[*k].desk.is_some())
            .collect();
        if steps <= DIGEST_STEPS {
            // Every draw so far, of the scheduler and of each desk: a replay's are the same.
            for position in
                std::iter::once(faults.position()).chain(lanes.iter().map(Rng::position))
            {
                choices = (choices ^ position).wrapping_mul(0x0100_0000_01b3);
            }
        }
        match faults.weighted(&[82, 5, 6, 3, 2, 2]) {
            // Operations at some of the open desks at once.
            0 => {
                let mut chosen: Vec<usize> = open.clone();
                let keep = faults.between(1, chosen.len().max(1) as u64) as usize;
                while chosen.len() > keep {
                    let drop_at = faults.below(chosen.len() as u64) as usize;
                    chosen.remove(drop_at);
                }
                let mut running = Vec::new();
                // Now and then a fault lands while the operations are in flight.
                let midflight = faults.weighted(&[85, 8, 7]);
                let delay = StdDuration::from_micros(faults.below(20_000));
                let midflight_desk = faults.pick(&chosen).copied();
                for k in chosen {
                    serial += 1;
                    let desk = desks[k].desk.clone().unwrap();
                    let planned = plan(&mut lanes[k], &desk, &desks[k].name, serial);
                    let kind = planned.kind();
                    running.push((
                        k,
                        kind,
                        tokio::spawn(tokio::time::timeout(OP_DEADLINE, execute(desk, planned))),
                    ));
                }
                if midflight != 0 {
                    // Where the fault lands is a seeded choice: this far into the operations.
                    tokio::time::sleep(delay).await;
                    match (midflight, midflight_desk) {
                        (1, Some(k)) if desks[k].cut_for == 0 => {
                            desks[k].gate.cut();
                            desks[k].cut_for = faults.between(2, 25);
                            ledger.tally.one("fault desk partitioned");
                            trace.push(format!("{} step {steps} d{k} cut mid-flight", ms(&wall)));
                            ledger.tally.one("fault (of those: while operations ran)");
                        }
                        (2, _) => {
                            let up: Vec<usize> =
                                (0..INSTANCES).filter(|s| instances[*s].is_some()).collect();
                            if let Some(&slot) = faults.pick(&up) {
                                if let Some(instance) = instances[slot].take() {
                                    board.empty(slot);
                                    instance.kill();
                                }
                                instance_down[slot] = faults.between(2, 15);
                                ledger.tally.one("fault instance killed");
                                trace.push(format!(
                                    "{} step {steps} instance {slot} killed mid-flight",
                                    ms(&wall)
                                ));
                                ledger.tally.one("fault (of those: while operations ran)");
                            }
                        }
                        _ => {}
                    }
                }
                for (k, kind, task) in running {
                    match task.await {
                        Ok(Ok(done)) => {
                            trace.push(format!("{} step {steps} d{k} {kind}: {done:?}", ms(&wall)));
                            ledger.record(k, kind, done);
                        }
                        Ok(Err(_)) => {
                            ledger.tally.one(format!("op {kind}: TIMED OUT"));
                        }
                        Err(e) => panic!("an operation at desk {k} panicked: {e}"),
                    }
                }
            }
            // A desk dies mid-operation.
            1 => {
                let Some(&k) = faults.pick(&open) else {
                    continue;
                };
                serial += 1;
                let desk = desks[k].desk.clone().unwrap();
                let planned = plan(&mut lanes[k], &desk, &desks[k].name, serial);
                let kind = planned.kind();
                let task = tokio::spawn(execute(desk, planned));
                // Where the death lands is a seeded choice: this far into the operation.
                tokio::time::sleep(StdDuration::from_micros(faults.below(20_000))).await;
                task.abort();
                match task.await {
                    Ok(done) => {
                        trace.push(format!("{} step {steps} d{k} {kind}: {done:?}", ms(&wall)));
                        ledger.record(k, kind, done);
                    }
                    Err(_) => ledger
                        .tally
                        .one(format!("op {kind}: cut by the desk's death")),
                }
                trace.push(format!("{} step {steps} d{k} killed", ms(&wall)));
                desks[k].kill();
                desks[k].down_for = faults.between(1, 6);
                ledger.tally.one("fault desk killed");
            }
            // A desk is cut off for a spell.
            2 => {
                let candidates: Vec<usize> =
                    (0..desk_count).filter(|k| desks[*k].cut_for == 0).collect();
                let Some(&k) = faults.pick(&candidates) else {
                    continue;
                };
                desks[k].gate.cut();
                desks[k].cut_for = faults.between(2, 25);
                ledger.tally.one("fault desk partitioned");
                trace.push(format!("{} step {steps} d{k} cut", ms(&wall)));
            }
            // An instance crashes.
            3 => {
                let up: Vec<usize> = (0..INSTANCES).filter(|s| instances[*s].is_some()).collect();
                // Both down only now and then.
                if up.len() == 1 && !faults.percent(25) {
                    continue;
                }
                let Some(&slot) = faults.pick(&up) else {
                    continue;
                };
                if let Some(instance) = instances[slot].take() {
                    board.empty(slot);
                    instance.kill();
                }
                instance_down[slot] = faults.between(2, 15);
                ledger.tally.one("fault instance killed");
                trace.push(format!("{} step {steps} instance {slot} killed", ms(&wall)));
            }
            // An admin renames the studio (every desk takes the new version over).
            4 => {
                let admin = client(&office.url(), "token-admin");
                if let Ok(info) = admin.studio().await {
                    let update = frontdesk_protocol::StudioUpdate {
                        name: format!("Fault Studios {steps}"),
                        ..frontdesk_testkit::studio::editing(&info)
                    };
                    match admin.change_studio(&update).await {
                        Ok(_) => ledger.tally.one("op studio-edit: done online"),
                        Err(e) => ledger.tally.one(format!(
                            "op studio-edit: failed ({})",
                            e.to_string().split(':').next().unwrap_or("")
                        )),
                    }
                }
            }
            // A pause: the workers sync while nothing happens.
            _ => {
                tokio::task::yield_now().await;
                ledger.tally.one("pause");
            }
        }
    }
    let fault_wall = wall.elapsed();

    // The faults stop: every desk reaches the instances again, every instance runs, every
    // desk is open; then the queues drain.
    for d in desks.iter_mut() {
        d.gate.restore();
        d.cut_for = 0;
        if d.desk.is_none() {
            d.open(&studio, &clock);
            ledger.tally.one("fault desk reopened on its file");
        }
        d.down_for = 0;
    }
    for (slot, running) in instances.iter_mut().enumerate() {
        if running.is_none() {
            let instance = Instance::start(studio.config(), &database, 4, clock.clone()).await;
            board.fill(slot, instance.addr);
            *running = Some(instance);
            ledger.tally.one("fault instance restarted");
        }
    }
    // Holds left by dead desks expire.
    clock.advance(Duration::seconds(60));
    let reader_url = format!("http://{}", instances[0].as_ref().unwrap().addr);
    let reader = client(&reader_url, "token-reader");
    let drained = wait_until(DRAIN, || {
        desks.iter().all(|d| {
            let desk = d.desk.as_ref().unwrap();
            desk.sync_soon();
            desk.store().outbox_len().unwrap() == 0
        })
    })
    .await;
    let mut problems = Findings::default();
    if !drained {
        for d in &desks {
            let desk = d.desk.as_ref().unwrap();
            let left = desk.store().outbox_peek(5).unwrap();
            if !left.is_empty() {
                problems.push(format!(
                    "{}: the outbox did not drain within {DRAIN:?}: {} left, first {:?}",
                    d.name,
                    desk.store().outbox_len().unwrap(),
                    left[0]
                ));
            }
        }
    }
    // One more round each, after every push: each desk reads the log to its end.
    for d in &desks {
        let desk = d.desk.as_ref().unwrap();
        if let Err(e) = desk.sync_once().await {
            problems.push(format!("{}: the last sync failed: {e}", d.name));
        }
    }
    let drain_wall = wall.elapsed() - fault_wall;
    if let Some(sql) = tamper {
        // Its worker stops first, so no late pull mends what the checks must find.
        if let Some((worker, _stop)) = desks[0].worker.take() {
            worker.abort();
        }
        let desk = desks[0].desk.as_ref().unwrap();
        desk.store().connection().execute_batch(sql).unwrap();
    }

    let mut checks = Tally::default();
    let server = read_log(&reader, 0, 5000, &mut problems, &mut checks).await;
    check_log(&reader, &server, &mut faults, &mut problems, &mut checks).await;
    check_overlaps(&server, &mut problems, &mut checks);
    for (k, d) in desks.iter().enumerate() {
        let desk = d.desk.as_ref().unwrap();
        check_acked(
            &d.name,
            desk,
            &ledger.acked[k],
            &server,
            &mut problems,
            &mut checks,
        );
        check_queued(
            &d.name,
            desk,
            &ledger.queued[k],
            &server,
            &mut problems,
            &mut checks,
        );
        check_equal(
            &d.name,
            desk,
            &ledger.queued[k],
            &server,
            &mut problems,
            &mut checks,
        );
    }
    for d in desks.iter_mut() {
        d.kill();
    }
    for instance in instances.into_iter().flatten() {
        instance.stop();
    }

    let mut report = String::new();
    report.push_str(&format!(
        "fault run: seed {seed}, {seconds} s of faults, {desk_count} desks, {INSTANCES} instances on PostgreSQL\n"
    ));
    report.push_str(&format!(
        "  steps {steps} (choices of the first {}: digest {choices:016x}); wall {:.1} s (faults {:.1} s, drain {:.1} s, checks {:.1} s)\n",
        steps.min(DIGEST_STEPS),
        wall.elapsed().as_secs_f64(),
        fault_wall.as_secs_f64(),
        drain_wall.as_secs_f64(),
        (wall.elapsed() - fault_wall - drain_wall).as_secs_f64()
    ));
    report.push_str(&format!(
        "  server at the end: {} bookings ({} confirmed), {} customers, change log to {}, studio version {}\n",
        server.bookings.len(),
        server
            .bookings
            .values()
            .filter(|b| b.status == BookingStatusDto::Confirmed)
            .count(),
        server.customers.len(),
        server.cursor,
        server.studio_version
    ));
    report.push_str(&format!(
        "  operations {}, desk kills {}, instance kills {}, partitions {}\n",
        ledger.tally.sum("op "),
        ledger.tally.get("fault desk killed"),
        ledger.tally.get("fault instance killed"),
        ledger.tally.get("fault desk partitioned"),
    ));
    report.push_str(&ledger.tally.lines("    "));
    let timed_out = ledger
        .tally
        .lines("")
        .lines()
        .any(|l| l.contains("TIMED OUT"));
    if timed_out {
        problems.push(format!(
            "an operation took longer than {OP_DEADLINE:?} (see the tally)"
        ));
    }
    let total = checks.sum("");
    let failed = (problems.broken.len() + problems.known.len()) as u64;
    report.push_str(&format!(
        "  invariants checked {total} (held: {}; broken: {}, of them explained by a known defect: {})\n",
        total.saturating_sub(failed),
        failed,
        problems.known.len()
    ));
    report.push_str(&checks.lines("    "));
    let mut by_defect: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    for (defect, text) in &problems.known {
        by_defect.entry(defect).or_default().push(text);
    }
    for (defect, texts) in &by_defect {
        report.push_str(&format!("  KNOWN {defect}: {} violations\n", texts.len()));
        for t in texts.iter().take(12) {
            report.push_str(&format!("    - {t}\n"));
        }
    }
    report.push_str(&format!(
        "  replay: scripts/fault-run.sh --seconds {seconds} --seed {seed} --desks {desk_count}{}\n",
        if strict { " --strict" } else { "" }
    ));
    // A defect fixed since (A, B, C: commit 1c22a34) fails the run again if it comes back;
    // only those still open are tolerated outside strict mode.
    let fails = problems
        .known
        .iter()
        .any(|(defect, _)| strict || !OPEN_DEFECTS.contains(defect));
    if !problems.broken.is_empty() || fails {
        // Kept for a look: the desks' files (with their fault_trace tables), the scheduler's
        // trace, and the database (in the cluster).
        if tamper.is_none() {
            let _ = std::fs::write(dir.path().join("trace.log"), trace.join("\n"));
            report.push_str(&format!(
                "  kept: database {database}, desk files and trace.log in {}\n",
                dir.keep().display()
            ));
        }
        report.push_str(&format!(
            "  BROKEN: {} invariant violations, and {} of the known defects above{}\n",
            problems.broken.len(),
            problems.known.len(),
            if strict {
                " (strict)"
            } else {
                " (open ones are tolerated)"
            }
        ));
        for p in problems.broken.iter().take(60) {
            report.push_str(&format!("    - {p}\n"));
        }
        panic!("{report}");
    }
    if problems.known.is_empty() {
        report.push_str("  every invariant held\n");
    } else {
        report.push_str("  every invariant held but for the known defects above\n");
    }
    report
}

/// The pull contract, read other ways: small pages from 0 give what one big read gave, and
/// a read from a cursor in between gives exactly the bookings changed after it.
async fn check_log(
    reader: &Client,
    server: &ServerState,
    rng: &mut Rng,
    problems: &mut Findings,
    checks: &mut Tally,
) {
    let by_seq = |s: &ServerState| -> BTreeMap<Uuid, i64> {
        s.bookings.iter().map(|(id, b)| (*id, b.seq)).collect()
    };
    let whole = by_seq(server);
    for limit in [1, 7] {
        let paged = read_log(reader, 0, limit, problems, checks).await;
        checks.one("invariant: small pages from 0 give the big read");
        if by_seq(&paged) != whole || paged.cursor != server.cursor {
            problems.push(format!(
                "pull from 0 in pages of {limit}: {} bookings to cursor {}, one read: {} to {}",
                paged.bookings.len(),
                paged.cursor,
                whole.len(),
                server.cursor
            ));
        }
        checks.one("invariant: customers from small pages equal the big read");
        if paged.customers != server.customers {
            problems.push(format!(
                "pull from 0 in pages of {limit}: {} customers, one read: {}",
                paged.customers.len(),
                server.customers.len()
            ));
        }
    }
    let seqs: Vec<i64> = whole
        .values()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for _ in 0..5 {
        let Some(&from) = rng.pick(&seqs) else { break };
        let after = read_log(reader, from, 50, problems, checks).await;
        let want: BTreeMap<Uuid, i64> = whole
            .iter()
            .filter(|(_, s)| **s > from)
            .map(|(id, s)| (*id, *s))
            .collect();
        checks.one("invariant: a read from a cursor gives the changes after it");
        if by_seq(&after) != want {
            problems.push(format!(
                "pull from {from}: {} bookings, {} changed after it",
                after.bookings.len(),
                want.len()
            ));
        }
    }
}

/// No two confirmed bookings of a room overlap, nor come closer than its changeover.
fn check_overlaps(server: &ServerState, problems: &mut Findings, checks: &mut Tally) {
    for (room, _, changeover) in ROOMS {
        let mut confirmed: Vec<&BookingDto> = server
            .bookings
            .values()
            .filter(|b| b.room == room && b.status == BookingStatusDto::Confirmed)
            .collect();
        confirmed.sort_by_key(|b| b.start);
        for pair in confirmed.windows(2) {
            checks.one("invariant: confirmed bookings of a room apart");
            let gap = pair[1].start.to_utc() - pair[0].end.to_utc();
            if gap < Duration::minutes(changeover) {
                problems.push(format!(
                    "{room}: {} ({}–{}) and {} ({}–{}) overlap or break the {changeover}-minute changeover",
                    pair[0].id, pair[0].start, pair[0].end, pair[1].id, pair[1].start, pair[1].end
                ));
            }
        }
    }
}

/// Every write the server answered is there, or a later version overtook it.
fn check_acked(
    name: &str,
    desk: &Desk,
    acked: &[Ack],
    server: &ServerState,
    problems: &mut Findings,
    checks: &mut Tally,
) {
    let _ = desk;
    for ack in acked {
        match ack {
            Ack::Booking {
                id,
                version,
                room,
                start,
                end,
                cancelled,
            } => {
                checks.one("invariant: an acknowledged booking write is on the server");
                let Some(b) = server.bookings.get(id) else {
                    problems.push(format!(
                        "{name}: acknowledged booking {id} (v{version}) is not on the server"
                    ));
                    continue;
                };
                let same = b.room == *room
                    && b.start.to_utc() == *start
                    && b.end.to_utc() == *end
                    && (b.status == BookingStatusDto::Cancelled) == *cancelled;
                if b.version < *version || (b.version == *version && !same) {
                    problems.push(format!(
                        "{name}: acknowledged {id} v{version} {room} {start}–{end} cancelled={cancelled}; the server has v{} {} {}–{} {:?}",
                        b.version, b.room, b.start, b.end, b.status
                    ));
                }
                if *cancelled && b.status != BookingStatusDto::Cancelled {
                    problems.push(format!(
                        "{name}: acknowledged cancellation of {id} undone on the server"
                    ));
                }
            }
            Ack::Customer { id, version, notes } => {
                checks.one("invariant: an acknowledged customer edit is on the server");
                let Some(c) = server.customers.get(id) else {
                    problems.push(format!(
                        "{name}: acknowledged customer {id} is not on the server"
                    ));
                    continue;
                };
                if c.version < *version || (c.version == *version && c.notes != *notes) {
                    problems.push(format!(
                        "{name}: acknowledged customer {id} v{version} {notes:?}; the server has v{} {:?}",
                        c.version, c.notes
                    ));
                }
            }
            Ack::Hold => {}
        }
    }
}

/// Every write made offline was taken, or staff see it: a conflict, a refused change or
/// customer edit, a refusal in the activity log.
fn check_queued(
    name: &str,
    desk: &Desk,
    queued: &[Queued],
    server: &ServerState,
    problems: &mut Findings,
    checks: &mut Tally,
) {
    let refused_changes: BTreeSet<Uuid> = desk
        .refused_changes()
        .unwrap()
        .iter()
        .map(|r| r.mine.id)
        .collect();
    let refused_edits: BTreeSet<Uuid> = desk
        .store()
        .refused_customer_edits()
        .unwrap()
        .iter()
        .map(|r| r.customer)
        .collect();
    // A refusal in the activity log: of the booking, or naming it (a refused cancellation
    // is logged without its booking, its reason names it).
    let refused_in_log = |id: Uuid| {
        let count: i64 = desk
            .store()
            .connection()
            .query_row(
                "SELECT COUNT(*) FROM audit WHERE action = 'refused'
                   AND (booking_id = ?1 OR detail LIKE '%' || ?1 || '%')",
                [id.to_string()],
                |r| r.get(0),
            )
            .unwrap();
        count > 0
    };
    let local = |id: Uuid| desk.store().booking(id).unwrap();
    // The conflict list staff see, and the conflicts they cancelled (never on the server).
    let conflicts: BTreeSet<Uuid> = desk.conflicts().unwrap().iter().map(|b| b.id).collect();
    let is_conflict = |id: Uuid| {
        conflicts.contains(&id)
            || local(id).is_some_and(|b| {
                b.status == BookingStatus::Cancelled
                    && b.status_reason.as_deref() == Some(DISCARDED)
                    && !server.bookings.contains_key(&id)
            })
    };
    for q in queued {
        match q {
            Queued::Create { id } => {
                checks.one("invariant: an offline booking is confirmed or a conflict");
                if !(server.bookings.contains_key(id) || is_conflict(*id)) {
                    let here = local(*id).map(|b| (b.status, b.status_reason));
                    let text = format!(
                        "{name}: offline booking {id} is neither on the server nor a conflict here: {here:?}"
                    );
                    // Pending with the outbox drained, or cancelled here while pending: its
                    // refusal was dropped.
                    if matches!(
                        here,
                        Some((BookingStatus::Pending | BookingStatus::Cancelled, _))
                    ) {
                        problems.known(REFUSED_REPLAY, text);
                    } else {
                        problems.push(text);
                    }
                }
            }
            Queued::Change { id, version } => {
                checks.one("invariant: an offline change is taken or kept for staff");
                let taken = server
                    .bookings
                    .get(id)
                    .is_some_and(|b| b.version > *version);
                if !(taken
                    || refused_changes.contains(id)
                    || refused_in_log(*id)
                    || is_conflict(*id))
                {
                    problems.known(REFUSED_REPLAY, format!(
                        "{name}: offline change of {id} (made to v{version}) neither taken nor kept: server {:?}",
                        server.bookings.get(id).map(|b| (b.version, b.status))
                    ));
                }
            }
            Queued::Cancel { id } => {
                checks.one("invariant: an offline cancellation is taken or kept for staff");
                let taken = server
                    .bookings
                    .get(id)
                    .is_some_and(|b| b.status == BookingStatusDto::Cancelled);
                if !(taken || refused_in_log(*id) || is_conflict(*id)) {
                    problems.known(
                        REFUSED_REPLAY,
                        format!(
                        "{name}: offline cancellation of {id} neither taken nor kept: server {:?}",
                        server.bookings.get(id).map(|b| (b.version, b.status))
                    ),
                    );
                }
            }
            Queued::Customer { id, version } => {
                checks.one("invariant: an offline customer edit is taken or kept for staff");
                let taken = server
                    .customers
                    .get(id)
                    .is_some_and(|c| c.version > *version);
                if !(taken || refused_edits.contains(id)) {
                    problems.known(REFUSED_REPLAY, format!(
                        "{name}: offline edit of customer {id} (made to v{version}) neither taken nor kept: server {:?}",
                        server.customers.get(id).map(|c| c.version)
                    ));
                }
            }
        }
    }
}

/// The desk's file holds what the server holds: every booking and customer record alike, the
/// same studio version, its cursor at the log's end; what only the desk has is a conflict.
fn check_equal(
    name: &str,
    desk: &Desk,
    queued: &[Queued],
    server: &ServerState,
    problems: &mut Findings,
    checks: &mut Tally,
) {
    // What this desk changed offline: a difference there can be a dropped refusal.
    let changed_offline: BTreeSet<Uuid> = queued
        .iter()
        .map(|q| match q {
            Queued::Create { id }
            | Queued::Change { id, .. }
            | Queued::Cancel { id }
            | Queued::Customer { id, .. } => *id,
        })
        .collect();
    let mine: BTreeMap<Uuid, BookingRecord> =
        all_bookings(desk).into_iter().map(|b| (b.id, b)).collect();
    let refused_changes: BTreeSet<Uuid> = desk
        .refused_changes()
        .unwrap()
        .iter()
        .map(|r| r.mine.id)
        .collect();
    for (id, theirs) in &server.bookings {
        checks.one("invariant: a server booking is the same in the desk's file");
        match mine.get(id) {
            // The desk's cursor is at the log's end (checked below): the pull passed it.
            None => problems.known(
                PULL_GAP,
                format!(
                    "{name}: server booking {id} (seq {}) is missing from the file",
                    theirs.seq
                ),
            ),
            Some(b) => {
                if let Some(diff) = booking_difference(b, theirs) {
                    let text = format!("{name}: booking {id} differs: {diff}");
                    if b.version < theirs.version {
                        problems.known(PULL_GAP, text);
                    } else if b.version > theirs.version && refused_changes.contains(id) {
                        problems.known(REFUSED_CHANGE_NO_BOOKING, text);
                    } else if b.version > theirs.version || changed_offline.contains(id) {
                        problems.known(REFUSED_REPLAY, text);
                    } else {
                        problems.push(text);
                    }
                }
            }
        }
    }
    for (id, b) in &mine {
        if server.bookings.contains_key(id) {
            continue;
        }
        checks.one("invariant: a booking only the desk has is a conflict");
        let conflict_seen = b.status == BookingStatus::Conflict
            || (b.status == BookingStatus::Cancelled
                && b.status_reason.as_deref() == Some(DISCARDED));
        if !conflict_seen {
            let text = format!(
                "{name}: booking {id} only in the file, {:?} ({:?})",
                b.status, b.status_reason
            );
            let made_here = changed_offline.contains(id);
            if b.status == BookingStatus::Pending
                || (b.status == BookingStatus::Cancelled && made_here)
            {
                problems.known(REFUSED_REPLAY, text);
            } else {
                problems.push(text);
            }
        }
    }
    let customers: BTreeMap<Uuid, CustomerRecord> =
        all_customers(desk).into_iter().map(|c| (c.id, c)).collect();
    for (id, theirs) in &server.customers {
        checks.one("invariant: a server customer is the same in the desk's file");
        match customers.get(id) {
            None => problems.push(format!(
                "{name}: server customer {id} is missing from the file"
            )),
            Some(c) => {
                let ours = (
                    &c.name,
                    &c.phone,
                    &c.email,
                    &c.notes,
                    c.merged_into,
                    c.version,
                );
                let other = (
                    &theirs.name,
                    &theirs.phone,
                    &theirs.email,
                    &theirs.notes,
                    theirs.merged_into,
                    theirs.version,
                );
                if ours != other {
                    let text =
                        format!("{name}: customer {id} differs: desk {ours:?} / server {other:?}");
                    if c.version > theirs.version || changed_offline.contains(id) {
                        problems.known(REFUSED_REPLAY, text);
                    } else {
                        problems.push(text);
                    }
                }
            }
        }
    }
    checks.one("invariant: the desk's studio version is the server's");
    let version = desk.store().studio_version();
    if version != server.studio_version {
        problems.push(format!(
            "{name}: studio version {version}, the server's {}",
            server.studio_version
        ));
    }
    checks.one("invariant: the desk read the log to its end");
    let cursor = desk.store().sync_cursor().unwrap();
    if cursor != server.cursor {
        problems.push(format!(
            "{name}: cursor {cursor}, the server's log ends at {}",
            server.cursor
        ));
    }
    checks.one("invariant: the desk's file passes the consistency check");
    let faults = desk.store().consistency_check().unwrap();
    if !faults.is_empty() {
        let text = format!("{name}: consistency check: {faults:?}");
        // A booking left pending (defect A) overlapped by a pulled one, then changed here.
        if mine.values().any(|b| b.status == BookingStatus::Pending) {
            problems.known(MASKS_CLEARED, text);
        } else {
            problems.push(text);
        }
    }
}
