//! What staff change: holds of a booking session, bookings made and cancelled, conflicts
//! moved. Online, the server decides first and its answer is stored here; standalone, this
//! file decides; offline, this file decides for now and the change waits in the outbox,
//! committed in the same transaction as the booking.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use frontdesk_core::{RoomId, Span};
use frontdesk_protocol::{
    BookingChange, CancelRequest, ChangeBookingRequest, CreateBookingRequest, HoldSpan, Mutation,
    MutationOp, StaffRole,
};
use frontdesk_store::booking_changes::Change;
use frontdesk_store::{BookingStatus, NewBooking, RemoteBooking, WriteContext};
use uuid::Uuid;

use super::views::BookingView;
use super::{Desk, DeskError};
use crate::events::DeskEvent;
use crate::sync::plan::outbox_entry;

impl Desk {
    /// Sets (and renews) all holds of a booking session in one call, all or nothing.
    pub async fn set_holds(
        &self,
        session: Uuid,
        holds: Vec<HoldSpan>,
    ) -> Result<DateTime<FixedOffset>, DeskError> {
        let answer = self
            .server_first(
                |c| {
                    let holds = holds.clone();
                    async move {
                        let body = frontdesk_protocol::SetHoldsRequest { holds };
                        Ok(c.set_holds(session, &body).await?)
                    }
                },
                || self.local_set_holds(session, holds.clone()),
            )
            .await?;
        self.inner.own_holds.remember(
            session,
            &answer.holds,
            answer.expires_at.to_utc(),
            self.now(),
        );
        Ok(answer.expires_at)
    }

    /// Frees every hold of the session, here and on the server.
    pub async fn release_holds(&self, session: Uuid) -> Result<(), DeskError> {
        // Not server_first's local answer: the holds in this file go whatever the server
        // answers (online, they are the server's holds kept here too; offline or standalone,
        // they are the only ones), and first, so the board frees them at once.
        self.release_local_holds(session);
        // Offline, the server's holds of this session expire by themselves.
        self.server_first(
            |c| async move { Ok(c.release_holds(session).await?) },
            || Ok(()),
        )
        .await
    }

    pub(crate) fn release_local_holds(&self, session: Uuid) {
        self.inner.own_holds.forget(session);
        let changed = self.store().release_holds(session);
        self.emit_holds(&changed);
    }

    pub(crate) fn emit_holds(&self, changed: &BTreeSet<(RoomId, NaiveDate)>) {
        let mut by_room: BTreeMap<String, Vec<NaiveDate>> = BTreeMap::new();
        for (room, date) in changed {
            by_room.entry(room.to_string()).or_default().push(*date);
        }
        for (room, dates) in by_room {
            self.emit(DeskEvent::HoldsChanged { room, dates });
        }
    }

    /// Drops the local holds that expired by the desk's clock and tells the UI where (the
    /// server announces its own expiries on its event stream).
    pub fn sweep_holds(&self) {
        let now = self.now();
        let changed = self.store().sweep_holds(now);
        self.emit_holds(&changed);
    }

    /// Books: on the server when online (its answer is stored here), else committed here —
    /// `pending` with the mutation queued when a server is configured, `confirmed` when
    /// standalone.
    pub async fn create_booking(
        &self,
        request: CreateBookingRequest,
    ) -> Result<BookingView, DeskError> {
        let staff = self.acting(StaffRole::Staff)?;
        let request = CreateBookingRequest { staff, ..request };
        let sent = &request;
        let record = self
            .server_first(
                |c| async move {
                    let dto = c.create_booking(sent).await?;
                    self.store_server_answer(&dto)
                },
                || {
                    let queued = self.queue(MutationOp::CreateBooking {
                        booking: request.clone(),
                    })?;
                    let new = NewBooking::from(&request);
                    let (status, entry) = match &queued {
                        Some(entry) => (BookingStatus::Pending, Some(entry)),
                        None => (BookingStatus::Confirmed, None),
                    };
                    let ctx = self.write_context(entry).by(request.staff.as_ref());
                    let (record, _) = self.local(|s| s.create_booking(&new, status, &ctx))?;
                    Ok(record)
                },
            )
            .await?;
        if let Some(session) = request.session {
            self.release_local_holds(session);
        }
        self.after_write();
        Ok(self.view(&record))
    }

    /// Cancels: on the server when online and it has the booking, else here with the
    /// cancellation queued. A conflict is simply dropped: the server never had it.
    pub async fn cancel_booking(
        &self,
        id: Uuid,
        reason: Option<String>,
    ) -> Result<BookingView, DeskError> {
        let staff = self.acting(StaffRole::Staff)?;
        let existing = self.local_booking(id)?;
        let now = self.now();
        let body = CancelRequest { reason, staff };
        let record = match existing.status {
            BookingStatus::Conflict => self.local(|s| s.discard_conflict(id, now))?,
            BookingStatus::Confirmed => {
                let sent = &body;
                self.server_first(
                    |c| async move {
                        let dto = c.cancel_booking(id, sent).await?;
                        self.store_server_answer(&dto)
                    },
                    || self.cancel_here(id, &body),
                )
                .await?
            }
            BookingStatus::Pending | BookingStatus::Cancelled => self.cancel_here(id, &body)?,
        };
        self.after_write();
        Ok(self.view(&record))
    }

    fn cancel_here(
        &self,
        id: Uuid,
        body: &CancelRequest,
    ) -> Result<frontdesk_store::BookingRecord, DeskError> {
        let queued = self.queue(MutationOp::CancelBooking {
            booking_id: id,
            reason: body.reason.clone(),
            staff: body.staff.clone(),
        })?;
        let ctx = self.write_context(queued.as_ref()).by(body.staff.as_ref());
        let (record, _) = self.local(|s| s.cancel_booking(id, body.reason.as_deref(), &ctx))?;
        Ok(record)
    }

    /// Changes a booking (a new span, details, check-in, no-show) made to the version this
    /// desk has: on the server when online (its answer is stored here), else here with the
    /// change queued; if the server has a newer version by then, the change comes back
    /// refused and is kept beside the server's version for staff to choose. Waiving a fee
    /// needs an admin signed in.
    pub async fn change_booking(
        &self,
        id: Uuid,
        change: BookingChange,
    ) -> Result<BookingView, DeskError> {
        let need = match change {
            BookingChange::WaiveFee { .. } => StaffRole::Admin,
            _ => StaffRole::Staff,
        };
        let staff = self.acting(need)?;
        let existing = self.local_booking(id)?;
        let request = ChangeBookingRequest {
            version: existing.version,
            change,
            staff,
        };
        let sent = &request;
        let record = self
            .server_first(
                |c| async move {
                    let dto = c.change_booking(id, sent).await?;
                    self.store_server_answer(&dto)
                },
                || {
                    let queued = self.queue(MutationOp::ChangeBooking {
                        booking_id: id,
                        request: request.clone(),
                    })?;
                    let ctx = self
                        .write_context(queued.as_ref())
                        .by(request.staff.as_ref());
                    let change = Change::from(&request.change);
                    let (record, _) =
                        self.local(|s| s.change_booking(id, request.version, &change, &ctx))?;
                    Ok(record)
                },
            )
            .await?;
        if let BookingChange::Span {
            session: Some(session),
            ..
        } = &request.change
        {
            self.release_local_holds(*session);
        }
        self.after_write();
        Ok(self.view(&record))
    }

    /// Moves a booking the server refused to another room or time; it is pending again,
    /// queued as a new booking request.
    pub fn move_conflict(
        &self,
        id: Uuid,
        room: &str,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<BookingView, DeskError> {
        let staff = self.acting(StaffRole::Staff)?;
        let span = Span::new(start, end).map_err(|e| DeskError::local(e.into(), self.tz()))?;
        let old = self.local_booking(id)?;
        let tz = self.tz();
        let request = CreateBookingRequest {
            room: room.to_owned(),
            start: frontdesk_protocol::in_zone(start, tz),
            end: frontdesk_protocol::in_zone(end, tz),
            staff: staff.clone(),
            ..old.to_request(tz)
        };
        let entry = outbox_entry(&Mutation {
            id: Uuid::new_v4(),
            op: MutationOp::CreateBooking { booking: request },
        })?;
        let ctx = self.write_context(Some(&entry)).by(staff.as_ref());
        let record = self.local(|s| s.move_conflict(id, room, span, &ctx))?;
        self.after_write();
        Ok(self.view(&record))
    }

    /// Stores the server's version of a booking it just answered with.
    pub(crate) fn store_server_answer(
        &self,
        dto: &frontdesk_protocol::BookingDto,
    ) -> Result<frontdesk_store::BookingRecord, DeskError> {
        let remote = RemoteBooking::try_from(dto).map_err(|e| {
            DeskError::Unreachable(format!(
                "the server answered a booking this desk cannot read: {e}"
            ))
        })?;
        let now = self.now();
        self.local(|s| s.apply_remote(&remote, Some(dto.seq), now))
    }

    /// The outbox entry for a change made here, if a server is configured (it will be
    /// pushed); `None` when standalone (this file is the authority).
    pub(crate) fn queue(
        &self,
        op: MutationOp,
    ) -> Result<Option<frontdesk_store::OutboxEntry>, DeskError> {
        queue_if(self.connection().client().is_some(), op)
    }

    pub(crate) fn write_context<'a>(
        &'a self,
        outbox: Option<&'a frontdesk_store::OutboxEntry>,
    ) -> WriteContext<'a> {
        let ctx = WriteContext::new(self.desk_id(), self.now());
        match outbox {
            Some(entry) => ctx.with_outbox(entry),
            None => ctx,
        }
    }

    /// After any booking write: the UI re-asks, the status bar updates, the outbox goes.
    pub(crate) fn after_write(&self) {
        self.emit(DeskEvent::BookingsChanged);
        self.emit_status();
        self.sync_soon();
    }
}

/// The outbox entry for a change made here when `queued` (a server is configured), else
/// `None` — for a write that reads the connection once for several changes.
pub(crate) fn queue_if(
    queued: bool,
    op: MutationOp,
) -> Result<Option<frontdesk_store::OutboxEntry>, DeskError> {
    if !queued {
        return Ok(None);
    }
    outbox_entry(&Mutation {
        id: Uuid::new_v4(),
        op,
    })
    .map(Some)
}
