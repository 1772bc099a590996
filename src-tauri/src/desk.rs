//! [`Desk`]: the desk's backend without a window — its SQLite store, its server (when one
//! is configured) and the events it sends. Online, holds and bookings go to the server
//! first (the authority) and its answer is stored here; offline, holds are local and a
//! booking is committed here as `pending` with its outbox row in the same transaction.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use frontdesk_core::{Customer, Hold, RoomId, Span};
use frontdesk_protocol::{
    BookingDto, BookingStatusDto, CreateBookingRequest, DaySlotsResponse, ErrorBody, HoldSpan,
    Mutation, MutationOp, PushRequest, PushStatus, SetHoldsRequest, SlotDto,
};
use frontdesk_store::{
    BookingRecord, BookingStatus, Durability, NewBooking, OutboxEntry, PushAnswer, RemoteBooking,
    Store, StoreError, StudioConfig, WriteContext,
};
use serde::Serialize;
use thiserror::Error;
use tokio::sync::Notify;
use uuid::Uuid;

use crate::events::{DeskEvent, EventSink, SyncStatus};
use crate::remote::{Remote, RemoteError, ServerSettings};

/// The desk database's file name inside the data dir.
pub const DB_FILE: &str = "frontdesk.sqlite";
/// How many outbox mutations one push sends.
pub const PUSH_BATCH: u32 = 500;
/// How many changes one pull asks for.
pub const PULL_BATCH: u32 = 5000;

#[derive(Debug, Error)]
pub enum DeskError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}", .0.message)]
    Server(ErrorBody),
    #[error("the server cannot be reached: {0}")]
    Unreachable(String),
    #[error("the built-in demo studio is invalid: {0}")]
    Demo(#[from] frontdesk_store::ConfigError),
    #[error("{0}")]
    Invalid(String),
}

impl From<RemoteError> for DeskError {
    fn from(e: RemoteError) -> Self {
        match e {
            RemoteError::Unreachable(m) => DeskError::Unreachable(m),
            RemoteError::Refused { body, .. } => DeskError::Server(body),
        }
    }
}

/// A booking as the desk shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BookingView {
    pub id: Uuid,
    pub room: String,
    pub start: DateTime<chrono::FixedOffset>,
    pub end: DateTime<chrono::FixedOffset>,
    pub customer: frontdesk_protocol::CustomerDto,
    pub note: Option<String>,
    /// `confirmed` (by the server, or locally with no server), `pending` (waits to sync),
    /// `cancelled`, or `conflict` (refused by the server: move or cancel it).
    pub status: &'static str,
    pub reason: Option<String>,
    pub desk: String,
}

struct Inner {
    store: Mutex<Store>,
    remote: RwLock<Option<Remote>>,
    online: AtomicBool,
    live: AtomicBool,
    last_sync: Mutex<Option<DateTime<Utc>>>,
    problem: Mutex<Option<String>>,
    events: Arc<dyn EventSink>,
    tz: Tz,
    desk_id: String,
    wake: Notify,
    /// The spans this desk's own sessions hold, until when: the day board leaves them out.
    /// Holds of two sessions never overlap, so a hold with one of these exact spans is ours,
    /// whichever desk id the server knows this desk by.
    own_holds: Mutex<HashMap<Uuid, OwnHolds>>,
}

/// What one of this desk's sessions holds, and until when.
type OwnHolds = (Vec<HoldSpan>, DateTime<Utc>);

/// The desk's backend, cheap to clone.
#[derive(Clone)]
pub struct Desk {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("desk", &self.inner.desk_id)
            .finish()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every write is one SQLite transaction: a panic elsewhere cannot leave it half-done.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

pub fn local(t: DateTime<Utc>, tz: Tz) -> DateTime<chrono::FixedOffset> {
    t.with_timezone(&tz).fixed_offset()
}

pub fn remote_booking(dto: &BookingDto) -> Result<RemoteBooking, DeskError> {
    Ok(RemoteBooking {
        id: dto.id,
        room: RoomId::new(&dto.room).map_err(|e| DeskError::Invalid(e.to_string()))?,
        span: Span::new(dto.start.with_timezone(&Utc), dto.end.with_timezone(&Utc))
            .map_err(|e| DeskError::Invalid(e.to_string()))?,
        customer: Customer {
            name: dto.customer.name.clone(),
            phone: dto.customer.phone.clone(),
            email: dto.customer.email.clone(),
        },
        note: dto.note.clone(),
        cancelled: dto.status == BookingStatusDto::Cancelled,
        desk: dto.desk.clone(),
        created_at: dto.created_at.with_timezone(&Utc),
    })
}

impl Desk {
    /// Opens `dir/frontdesk.sqlite` (a new file starts with the demo studio) and, if
    /// `server` is given, works against it.
    pub fn open(
        dir: &Path,
        desk_id: &str,
        server: Option<ServerSettings>,
        events: Arc<dyn EventSink>,
    ) -> Result<Desk, DeskError> {
        let path = dir.join(DB_FILE);
        let store = match Store::open(&path, desk_id, Durability::Full) {
            Ok(store) => store,
            Err(StoreError::NoStudio) => Store::open_with_studio(
                &path,
                desk_id,
                Durability::Full,
                StudioConfig::demo()?.studio,
            )?,
            Err(other) => return Err(other.into()),
        };
        Self::with_store(store, desk_id, server, events)
    }

    /// A desk over an opened store (tests use a store with their own studio).
    pub fn with_store(
        store: Store,
        desk_id: &str,
        server: Option<ServerSettings>,
        events: Arc<dyn EventSink>,
    ) -> Result<Desk, DeskError> {
        let tz = store.studio().calendar.timezone();
        let remote = server.map(Remote::new).transpose()?;
        let online = remote.is_some();
        Ok(Desk {
            inner: Arc::new(Inner {
                store: Mutex::new(store),
                remote: RwLock::new(remote),
                online: AtomicBool::new(online),
                live: AtomicBool::new(false),
                last_sync: Mutex::new(None),
                problem: Mutex::new(None),
                events,
                tz,
                desk_id: desk_id.to_owned(),
                wake: Notify::new(),
                own_holds: Mutex::new(HashMap::new()),
            }),
        })
    }

    pub fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.inner.store)
    }

    pub fn tz(&self) -> Tz {
        self.inner.tz
    }

    pub fn desk_id(&self) -> &str {
        &self.inner.desk_id
    }

    pub(crate) fn remote(&self) -> Option<Remote> {
        self.inner
            .remote
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The server to talk to now, if configured and not known to be unreachable.
    fn online_remote(&self) -> Option<Remote> {
        self.remote()
            .filter(|_| self.inner.online.load(Ordering::SeqCst))
    }

    /// Asks the sync worker to push and pull now (e.g. after the network came back).
    pub fn sync_soon(&self) {
        self.wake_sync();
    }

    /// Whether the event stream is connected; the UI shows it with the online state.
    pub(crate) fn set_live(&self, live: bool) {
        if self.inner.live.swap(live, Ordering::SeqCst) != live {
            self.emit_status();
        }
    }

    pub(crate) fn wake_sync(&self) {
        self.inner.wake.notify_one();
    }

    pub(crate) async fn wait_for_wake(&self, timeout: std::time::Duration) {
        let _ = tokio::time::timeout(timeout, self.inner.wake.notified()).await;
    }

    pub fn emit(&self, event: DeskEvent) {
        self.inner.events.emit(event);
    }

    /// Records that the server answered (or not) and tells the UI when that changes.
    pub(crate) fn set_online(&self, online: bool, problem: Option<String>) {
        let was = self.inner.online.swap(online, Ordering::SeqCst);
        *lock(&self.inner.problem) = problem;
        if was != online {
            if online {
                self.wake_sync();
            }
            self.emit_status();
        }
    }

    pub(crate) fn mark_synced(&self, at: DateTime<Utc>) {
        *lock(&self.inner.last_sync) = Some(at);
        self.emit_status();
    }

    pub fn emit_status(&self) {
        if let Ok(status) = self.sync_status() {
            self.emit(DeskEvent::SyncStatusChanged { status });
        }
    }

    /// Replaces the server settings (None: standalone) and wakes the sync worker.
    pub fn set_server(&self, server: Option<ServerSettings>) -> Result<(), DeskError> {
        let remote = server.map(Remote::new).transpose()?;
        let configured = remote.is_some();
        *self.inner.remote.write().unwrap_or_else(|p| p.into_inner()) = remote;
        self.inner.online.store(configured, Ordering::SeqCst);
        self.wake_sync();
        self.emit_status();
        Ok(())
    }

    pub fn sync_status(&self) -> Result<SyncStatus, DeskError> {
        let store = self.store();
        Ok(SyncStatus {
            configured: self.remote().is_some(),
            online: self.remote().is_some() && self.inner.online.load(Ordering::SeqCst),
            live: self.inner.live.load(Ordering::SeqCst),
            last_sync: lock(&self.inner.last_sync).map(|t| local(t, self.inner.tz).to_rfc3339()),
            pending: store.pending_count()?,
            conflicts: store.conflict_count()?,
            problem: lock(&self.inner.problem).clone(),
        })
    }

    /// Runs a server call; an unreachable server turns the desk offline (`Ok(None)`), so the
    /// caller falls back to local work.
    async fn try_remote<T>(
        &self,
        call: impl std::future::Future<Output = Result<T, RemoteError>>,
    ) -> Result<Option<T>, DeskError> {
        match call.await {
            Ok(value) => {
                self.set_online(true, None);
                Ok(Some(value))
            }
            Err(RemoteError::Unreachable(why)) => {
                self.set_online(false, Some(format!("the server cannot be reached: {why}")));
                Ok(None)
            }
            Err(RemoteError::Refused { body, .. }) => Err(DeskError::Server(body)),
        }
    }

    /// A store error of local work; conflicts carry their instants in the studio's zone,
    /// as the server's do.
    fn local_error(&self, error: StoreError) -> DeskError {
        let tz = self.inner.tz;
        let message = error.to_string();
        match error {
            StoreError::Booking(frontdesk_core::BookingError::Conflicts(c))
            | StoreError::Hold(frontdesk_core::HoldError::Conflicts(c)) => {
                let dtos = c
                    .iter()
                    .map(|c| frontdesk_protocol::ConflictDto::from_core(c, |t| local(t, tz)))
                    .collect();
                DeskError::Server(ErrorBody::conflict(message, dtos))
            }
            other => DeskError::Store(other),
        }
    }

    pub fn view(&self, b: &BookingRecord) -> BookingView {
        let tz = self.inner.tz;
        BookingView {
            id: b.id,
            room: b.room.to_string(),
            start: local(b.span.start(), tz),
            end: local(b.span.end(), tz),
            customer: b.customer.clone().into(),
            note: b.note.clone(),
            status: b.status.as_str(),
            reason: b.status_reason.clone(),
            desk: b.desk.clone(),
        }
    }

    /// Start times of a room's date: from the server (with every desk's holds) when
    /// online, from the local file otherwise.
    pub async fn day_slots(
        &self,
        room: &str,
        date: NaiveDate,
        duration: u32,
        session: Option<Uuid>,
    ) -> Result<DaySlotsResponse, DeskError> {
        if let Some(remote) = self.online_remote() {
            if let Some(answer) = self
                .try_remote(remote.day_slots(room, date, duration, session))
                .await?
            {
                return Ok(answer);
            }
        }
        let tz = self.inner.tz;
        let slots = self
            .store()
            .day_slots(room, date, duration, None, session, Utc::now())?;
        Ok(DaySlotsResponse {
            room: room.to_owned(),
            date,
            quanta: slots.quanta,
            slots: slots
                .slots
                .iter()
                .map(|s| SlotDto::from_core(s, |t| local(t, tz)))
                .collect(),
        })
    }

    /// Per date of a month: does an available start remain?
    pub async fn month(
        &self,
        room: &str,
        year: i32,
        month: u32,
        duration: u32,
    ) -> Result<Vec<(NaiveDate, bool)>, DeskError> {
        if let Some(remote) = self.online_remote() {
            if let Some(answer) = self
                .try_remote(remote.month(room, year, month, duration))
                .await?
            {
                return Ok(answer.days.into_iter().collect());
            }
        }
        Ok(self
            .store()
            .month_availability(room, year, month, duration, None, Utc::now())?)
    }

    /// Sets (and renews) all holds of a booking session in one call, all or nothing.
    pub async fn set_holds(
        &self,
        session: Uuid,
        holds: Vec<HoldSpan>,
    ) -> Result<DateTime<chrono::FixedOffset>, DeskError> {
        let body = SetHoldsRequest { holds };
        if let Some(remote) = self.online_remote() {
            if let Some(answer) = self.try_remote(remote.set_holds(session, &body)).await? {
                self.remember_own_holds(session, &body.holds, answer.expires_at.to_utc());
                return Ok(answer.expires_at);
            }
        }
        let holds = body
            .holds
            .iter()
            .map(|h| {
                Ok(Hold {
                    room: RoomId::new(&h.room).map_err(StoreError::from)?,
                    span: Span::new(h.start.with_timezone(&Utc), h.end.with_timezone(&Utc))
                        .map_err(StoreError::from)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let set = self
            .store()
            .set_holds(session, &self.inner.desk_id, holds, Utc::now())?;
        self.remember_own_holds(session, &body.holds, set.expires_at);
        self.emit_holds(&set.changed);
        Ok(local(set.expires_at, self.inner.tz))
    }

    fn remember_own_holds(&self, session: Uuid, spans: &[HoldSpan], until: DateTime<Utc>) {
        let mut own = lock(&self.inner.own_holds);
        own.retain(|_, (_, until)| *until > Utc::now());
        own.insert(session, (spans.to_vec(), until));
    }

    fn forget_own_holds(&self, session: Uuid) {
        lock(&self.inner.own_holds).remove(&session);
    }

    /// Whether a hold on the board is one of this desk's live sessions'.
    fn is_own_hold(&self, room: &str, hold: &BoardHold, now: DateTime<Utc>) -> bool {
        lock(&self.inner.own_holds).values().any(|(spans, until)| {
            *until > now
                && spans
                    .iter()
                    .any(|s| s.room == room && s.start == hold.start && s.end == hold.end)
        })
    }

    fn emit_holds(&self, changed: &std::collections::BTreeSet<(RoomId, NaiveDate)>) {
        let mut by_room: std::collections::BTreeMap<String, Vec<NaiveDate>> =
            std::collections::BTreeMap::new();
        for (room, date) in changed {
            by_room.entry(room.to_string()).or_default().push(*date);
        }
        for (room, dates) in by_room {
            self.emit(DeskEvent::HoldsChanged { room, dates });
        }
    }

    /// Drops the local holds that expired and tells the UI where (the server announces its
    /// own expiries on its event stream).
    pub fn sweep_holds(&self, now: DateTime<Utc>) {
        let changed = self.store().sweep_holds(now);
        self.emit_holds(&changed);
    }

    /// Frees every hold of the session, here and on the server.
    pub async fn release_holds(&self, session: Uuid) -> Result<(), DeskError> {
        self.forget_own_holds(session);
        let changed = self.store().release_holds(session);
        self.emit_holds(&changed);
        if let Some(remote) = self.online_remote() {
            self.try_remote(remote.release_holds(session)).await?;
        }
        Ok(())
    }

    /// Books: on the server when online (its answer is stored here), else committed here as
    /// `pending` with the mutation queued in the same transaction.
    pub async fn create_booking(
        &self,
        request: CreateBookingRequest,
    ) -> Result<BookingView, DeskError> {
        if let Some(remote) = self.online_remote() {
            if let Some(dto) = self.try_remote(remote.create_booking(&request)).await? {
                let record =
                    self.store()
                        .apply_remote(&remote_booking(&dto)?, Some(dto.seq), Utc::now())?;
                if let Some(session) = request.session {
                    self.forget_own_holds(session);
                    let changed = self.store().release_holds(session);
                    self.emit_holds(&changed);
                }
                self.emit(DeskEvent::BookingsChanged);
                return Ok(self.view(&record));
            }
        }
        let new = NewBooking {
            id: request.id,
            room: request.room.clone(),
            start: request.start.with_timezone(&Utc),
            end: request.end.with_timezone(&Utc),
            name: request.customer.name.clone(),
            phone: request.customer.phone.clone(),
            email: request.customer.email.clone(),
            note: request.note.clone(),
            session: request.session,
        };
        let configured = self.remote().is_some();
        let mutation = Mutation {
            id: Uuid::new_v4(),
            op: MutationOp::CreateBooking { booking: request },
        };
        let entry = outbox_entry(&mutation)?;
        let now = Utc::now();
        let (record, _) = {
            let mut store = self.store();
            let ctx = WriteContext::new(&self.inner.desk_id, now);
            let written = if configured {
                // Offline with a server: pending until the server confirms.
                store.create_booking(&new, BookingStatus::Pending, &ctx.with_outbox(&entry))
            } else {
                // Standalone: this file is the authority.
                store.create_booking(&new, BookingStatus::Confirmed, &ctx)
            };
            written.map_err(|e| self.local_error(e))?
        };
        if let Some(session) = new.session {
            self.forget_own_holds(session);
        }
        self.emit(DeskEvent::BookingsChanged);
        self.emit_status();
        self.wake_sync();
        Ok(self.view(&record))
    }

    /// Cancels: on the server when online and it knows the booking, else here with the
    /// cancellation queued.
    pub async fn cancel_booking(
        &self,
        id: Uuid,
        reason: Option<String>,
    ) -> Result<BookingView, DeskError> {
        let existing = self.store().booking(id)?.ok_or(StoreError::NotFound(id))?;
        if existing.status == BookingStatus::Conflict {
            let record = self.store().discard_conflict(id, Utc::now())?;
            self.emit(DeskEvent::BookingsChanged);
            self.emit_status();
            return Ok(self.view(&record));
        }
        if existing.status == BookingStatus::Confirmed {
            if let Some(remote) = self.online_remote() {
                if let Some(dto) = self
                    .try_remote(remote.cancel_booking(id, reason.as_deref()))
                    .await?
                {
                    let record = self.store().apply_remote(
                        &remote_booking(&dto)?,
                        Some(dto.seq),
                        Utc::now(),
                    )?;
                    self.emit(DeskEvent::BookingsChanged);
                    return Ok(self.view(&record));
                }
            }
        }
        let configured = self.remote().is_some();
        let mutation = Mutation {
            id: Uuid::new_v4(),
            op: MutationOp::CancelBooking {
                booking_id: id,
                reason: reason.clone(),
            },
        };
        let entry = outbox_entry(&mutation)?;
        let (record, _) = {
            let mut store = self.store();
            let ctx = WriteContext::new(&self.inner.desk_id, Utc::now());
            let ctx = if configured {
                ctx.with_outbox(&entry)
            } else {
                ctx
            };
            store.cancel_booking(id, reason.as_deref(), &ctx)?
        };
        self.emit(DeskEvent::BookingsChanged);
        self.wake_sync();
        Ok(self.view(&record))
    }

    /// Moves a booking the server refused to another room or time; it is pending again.
    pub fn move_conflict(
        &self,
        id: Uuid,
        room: &str,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<BookingView, DeskError> {
        let span = Span::new(start, end).map_err(StoreError::from)?;
        let record = {
            let mut store = self.store();
            let old = store.booking(id)?.ok_or(StoreError::NotFound(id))?;
            let tz = self.inner.tz;
            let request = CreateBookingRequest {
                id,
                room: room.to_owned(),
                start: local(start, tz),
                end: local(end, tz),
                customer: old.customer.clone().into(),
                note: old.note.clone(),
                session: None,
            };
            let entry = outbox_entry(&Mutation {
                id: Uuid::new_v4(),
                op: MutationOp::CreateBooking { booking: request },
            })?;
            let ctx = WriteContext::new(&self.inner.desk_id, Utc::now()).with_outbox(&entry);
            store
                .move_conflict(id, room, span, &ctx)
                .map_err(|e| self.local_error(e))?
        };
        self.emit(DeskEvent::BookingsChanged);
        self.emit_status();
        self.wake_sync();
        Ok(self.view(&record))
    }

    /// Pushes the outbox in order, then pulls the change log from the cursor. Each pushed
    /// booking the server refused becomes `conflict` here, kept with the reason.
    pub async fn sync_once(&self) -> Result<(), DeskError> {
        let Some(remote) = self.remote() else {
            return Ok(());
        };
        let mut changed = false;
        loop {
            let queued = self.store().outbox_peek(PUSH_BATCH)?;
            if queued.is_empty() {
                break;
            }
            let mut mutations = Vec::with_capacity(queued.len());
            for q in &queued {
                let m: Mutation = serde_json::from_str(&q.entry.payload).map_err(|e| {
                    DeskError::Invalid(format!("a queued change could not be read: {e}"))
                })?;
                mutations.push(m);
            }
            let answer = match remote
                .push(&PushRequest {
                    mutations: mutations.clone(),
                })
                .await
            {
                Ok(answer) => answer,
                Err(error) => {
                    let message = error.to_string();
                    if let Some(first) = queued.first() {
                        self.store()
                            .outbox_failed(first.entry.mutation_id, &message)?;
                    }
                    self.set_online(false, Some(message.clone()));
                    return Err(error.into());
                }
            };
            let mut answers = Vec::with_capacity(answer.results.len());
            for (mutation, result) in mutations.iter().zip(&answer.results) {
                answers.push(match (&result.status, &result.booking) {
                    (PushStatus::Applied | PushStatus::Duplicate, Some(dto)) => {
                        PushAnswer::Stored {
                            mutation: mutation.id,
                            booking: remote_booking(dto)?,
                            seq: dto.seq,
                        }
                    }
                    (PushStatus::Conflict | PushStatus::Invalid, _) => PushAnswer::Refused {
                        mutation: mutation.id,
                        booking: match &mutation.op {
                            MutationOp::CreateBooking { booking } => Some(booking.id),
                            MutationOp::CancelBooking { .. } => None,
                        },
                        reason: result
                            .message
                            .clone()
                            .unwrap_or_else(|| "the server refused this booking".into()),
                    },
                    _ => PushAnswer::Done {
                        mutation: mutation.id,
                    },
                });
            }
            self.store().apply_push_answers(&answers, Utc::now())?;
            changed = true;
        }
        changed |= self.pull(&remote).await?;
        self.set_online(true, None);
        self.mark_synced(Utc::now());
        if changed {
            self.emit(DeskEvent::BookingsChanged);
        }
        Ok(())
    }

    /// Pulls every change after the cursor; true if any arrived.
    pub async fn pull(&self, remote: &Remote) -> Result<bool, DeskError> {
        let mut any = false;
        loop {
            let since = self.store().sync_cursor()?;
            let page = match remote.pull(since, PULL_BATCH).await {
                Ok(page) => page,
                Err(error) => {
                    self.set_online(false, Some(error.to_string()));
                    return Err(error.into());
                }
            };
            let changes = page
                .changes
                .iter()
                .map(|c| Ok((remote_booking(&c.booking)?, c.seq)))
                .collect::<Result<Vec<_>, DeskError>>()?;
            self.store()
                .apply_remote_page(&changes, page.cursor, Utc::now())?;
            any |= !page.changes.is_empty();
            if !page.more {
                return Ok(any);
            }
        }
    }

    /// Bookings that hold time on `date`, every room, in start order.
    pub fn bookings_on(&self, date: NaiveDate) -> Result<Vec<BookingView>, DeskError> {
        let store = self.store();
        let calendar = &store.studio().calendar;
        let day = calendar.day(date).map_err(StoreError::from)?;
        let list = store.bookings_between(None, day.start, day.end())?;
        Ok(list.iter().map(|b| self.view(b)).collect())
    }
}

fn outbox_entry(mutation: &Mutation) -> Result<OutboxEntry, DeskError> {
    let kind = match mutation.op {
        MutationOp::CreateBooking { .. } => "createBooking",
        MutationOp::CancelBooking { .. } => "cancelBooking",
    };
    Ok(OutboxEntry {
        mutation_id: mutation.id,
        kind: kind.into(),
        payload: serde_json::to_string(mutation).map_err(|e| DeskError::Invalid(e.to_string()))?,
    })
}

/// A hold of another desk on the day board ("Reserved").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BoardHold {
    pub start: DateTime<chrono::FixedOffset>,
    pub end: DateTime<chrono::FixedOffset>,
    pub desk: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BoardRoom {
    pub id: String,
    pub name: String,
    pub bookings: Vec<BookingView>,
    pub holds: Vec<BoardHold>,
    /// Quanta of the date inside opening hours, as `[from, to)` runs.
    pub open: Vec<(u32, u32)>,
}

/// Every room's bookings and other desks' holds on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DayBoard {
    pub date: NaiveDate,
    pub start: DateTime<chrono::FixedOffset>,
    pub quanta: u32,
    pub rooms: Vec<BoardRoom>,
}

/// A room's current and next bookings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoomStatusView {
    pub current: Option<BookingView>,
    pub next: Vec<BookingView>,
    pub held: bool,
}

const SERVER_URL: &str = "server_url";
const SERVER_TOKEN: &str = "server_token";
const START_FULLSCREEN: &str = "start_fullscreen";

impl Desk {
    /// A booking of the server's answer, shown without storing it.
    pub fn view_of_dto(&self, dto: &BookingDto) -> BookingView {
        BookingView {
            id: dto.id,
            room: dto.room.clone(),
            start: dto.start,
            end: dto.end,
            customer: dto.customer.clone(),
            note: dto.note.clone(),
            status: match dto.status {
                BookingStatusDto::Cancelled => "cancelled",
                BookingStatusDto::Confirmed => "confirmed",
            },
            reason: None,
            desk: dto.desk.clone(),
        }
    }

    /// The day board: every room's bookings (from this desk's copy, kept current by the
    /// sync worker) and other desks' holds (from the server when online).
    pub async fn day_board(&self, date: NaiveDate) -> Result<DayBoard, DeskError> {
        let now = Utc::now();
        let (day, rooms, bookings) = {
            let store = self.store();
            let day = store
                .studio()
                .calendar
                .day(date)
                .map_err(StoreError::from)?;
            let rooms: Vec<(String, String)> = store
                .studio()
                .rooms
                .iter()
                .map(|r| (r.id.to_string(), r.name.clone()))
                .collect();
            let bookings = store.bookings_between(None, day.start, day.end())?;
            (day, rooms, bookings)
        };
        let tz = self.inner.tz;
        let mut holds: Vec<Vec<BoardHold>> = vec![Vec::new(); rooms.len()];
        let mut from_server = false;
        if let Some(remote) = self.online_remote() {
            let answers =
                futures_util::future::join_all(rooms.iter().map(|(id, _)| remote.holds(id, date)))
                    .await;
            if answers.iter().all(Result::is_ok) {
                from_server = true;
                for (slot, answer) in holds.iter_mut().zip(answers.into_iter().flatten()) {
                    *slot = answer
                        .holds
                        .into_iter()
                        .map(|h| BoardHold {
                            start: h.start,
                            end: h.end,
                            desk: h.desk,
                        })
                        .collect();
                }
                self.set_online(true, None);
            } else if let Some(Err(e)) = answers.into_iter().find(Result::is_err) {
                self.set_online(false, Some(e.to_string()));
            }
        }
        if !from_server {
            let store = self.store();
            for (slot, (id, _)) in holds.iter_mut().zip(&rooms) {
                *slot = store
                    .holds_on(id, date, Utc::now())?
                    .into_iter()
                    .map(|h| BoardHold {
                        start: local(h.span.start(), tz),
                        end: local(h.span.end(), tz),
                        desk: h.desk,
                    })
                    .collect();
            }
        }
        let rooms = rooms
            .into_iter()
            .zip(holds)
            .map(|((id, name), holds)| BoardRoom {
                bookings: bookings
                    .iter()
                    .filter(|b| b.room.as_str() == id)
                    .map(|b| self.view(b))
                    .collect(),
                holds: holds
                    .into_iter()
                    .filter(|h| !self.is_own_hold(&id, h, now))
                    .collect(),
                open: day.open.runs().collect(),
                id,
                name,
            })
            .collect();
        Ok(DayBoard {
            date,
            start: local(day.start, tz),
            quanta: day.quanta,
            rooms,
        })
    }

    /// Current and next bookings of many rooms in one call (one request when online).
    pub async fn rooms_status(
        &self,
        rooms: Vec<String>,
    ) -> Result<std::collections::BTreeMap<String, RoomStatusView>, DeskError> {
        if let Some(remote) = self.online_remote() {
            let body = frontdesk_protocol::RoomsStatusRequest {
                rooms: rooms.clone(),
                at: None,
            };
            if let Some(answer) = self.try_remote(remote.rooms_status(&body)).await? {
                return Ok(answer
                    .rooms
                    .into_iter()
                    .map(|(id, s)| {
                        let view = RoomStatusView {
                            current: s.current.as_ref().map(|b| self.view_of_dto(b)),
                            next: s.next.iter().map(|b| self.view_of_dto(b)).collect(),
                            held: s.held,
                        };
                        (id, view)
                    })
                    .collect());
            }
        }
        let now = Utc::now();
        let status = self.store().rooms_status(&rooms, now, now)?;
        Ok(status
            .into_iter()
            .map(|(id, s)| {
                let view = RoomStatusView {
                    current: s.current.as_ref().map(|b| self.view(b)),
                    next: s.next.iter().map(|b| self.view(b)).collect(),
                    held: s.held,
                };
                (id, view)
            })
            .collect())
    }

    /// Bookings whose customer name contains `text`.
    pub fn find_bookings(&self, text: &str) -> Result<Vec<BookingView>, DeskError> {
        Ok(self
            .store()
            .search_bookings(text, 100)?
            .iter()
            .map(|b| self.view(b))
            .collect())
    }

    pub fn conflicts(&self) -> Result<Vec<BookingView>, DeskError> {
        Ok(self
            .store()
            .conflicts()?
            .iter()
            .map(|b| self.view(b))
            .collect())
    }

    /// The saved server settings, if any.
    pub fn saved_server(&self) -> Result<Option<ServerSettings>, DeskError> {
        let store = self.store();
        Ok(
            match (
                store.sync_value(SERVER_URL)?,
                store.sync_value(SERVER_TOKEN)?,
            ) {
                (Some(url), Some(token)) if !url.is_empty() => Some(ServerSettings { url, token }),
                _ => None,
            },
        )
    }

    /// Whether the app starts in full screen (the kiosk setting).
    pub fn start_fullscreen(&self) -> Result<bool, DeskError> {
        Ok(self.store().sync_value(START_FULLSCREEN)?.as_deref() == Some("1"))
    }

    pub fn save_start_fullscreen(&self, on: bool) -> Result<(), DeskError> {
        self.store()
            .set_sync_value(START_FULLSCREEN, if on { "1" } else { "0" })?;
        Ok(())
    }

    /// Saves the server settings (empty URL: standalone) and uses them at once.
    pub fn save_server(&self, settings: Option<ServerSettings>) -> Result<(), DeskError> {
        if let Some(s) = &settings {
            if !(s.url.starts_with("http://") || s.url.starts_with("https://")) {
                return Err(DeskError::Invalid(format!(
                    "\"{}\" is not a server address: it starts with http:// or https://",
                    s.url
                )));
            }
        }
        {
            let mut store = self.store();
            store.set_sync_value(SERVER_URL, settings.as_ref().map_or("", |s| s.url.as_str()))?;
            store.set_sync_value(
                SERVER_TOKEN,
                settings.as_ref().map_or("", |s| s.token.as_str()),
            )?;
        }
        self.set_server(settings)
    }
}

/// Checks a server address and token: the studio's name, or why not.
pub async fn test_connection(settings: ServerSettings) -> Result<String, DeskError> {
    let remote = Remote::new(settings)?;
    Ok(remote.studio().await?.name)
}
