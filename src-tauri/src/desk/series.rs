//! Recurring series at the desk: the preview, booking the free occurrences, and cancelling
//! an occurrence with all that follow — on the server when online (its answer is stored
//! here), else in this file with one outbox row per occurrence, so a series booked offline
//! is pushed as bookings of their own and any the server refuses become conflicts.

use frontdesk_protocol::{
    BookSeriesRequest, BookingChange, CancelFollowingRequest, ChangeBookingRequest,
    ChangeFollowingRequest, CreateBookingRequest, MutationOp, OccurrenceDto, PreviewSeriesRequest,
    StaffRole,
};
use frontdesk_store::booking_changes::Change;
use frontdesk_store::series::{NewSeries, SeriesShift};
use frontdesk_store::{BookingRecord, BookingStatus};
use serde::Serialize;
use uuid::Uuid;

use super::views::BookingView;
use super::writes::queue_if;
use super::{Desk, DeskError};

/// What booking a series did, as shown: the occurrences booked and those skipped, each
/// with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SeriesOutcome {
    pub booked: Vec<BookingView>,
    pub skipped: Vec<OccurrenceDto>,
}

impl Desk {
    /// Every occurrence of a series, free or why not. Nothing is written.
    pub async fn preview_series(
        &self,
        request: PreviewSeriesRequest,
    ) -> Result<Vec<OccurrenceDto>, DeskError> {
        let rule = request
            .rule
            .to_rule()
            .map_err(|e| DeskError::invalid(e.to_string()))?;
        let sent = &request;
        self.server_first(
            |c| async move { Ok(c.preview_series(sent).await?.occurrences) },
            || {
                let (now, tz) = (self.now(), self.tz());
                let found = self.local(|s| s.preview_series(&rule, request.session, now))?;
                Ok(found
                    .iter()
                    .map(|o| OccurrenceDto::from_core(o, tz))
                    .collect())
            },
        )
        .await
    }

    /// Books every free occurrence of a series, all in one transaction.
    pub async fn book_series(
        &self,
        request: BookSeriesRequest,
    ) -> Result<SeriesOutcome, DeskError> {
        let staff = self.acting(StaffRole::Staff)?;
        let request = BookSeriesRequest { staff, ..request };
        let series = NewSeries {
            id: request.id,
            rule: request
                .rule
                .to_rule()
                .map_err(|e| DeskError::invalid(e.to_string()))?,
            name: request.customer.name.clone(),
            phone: request.customer.phone.clone(),
            email: request.customer.email.clone(),
            note: request.note.clone(),
            session: request.session,
        };
        let sent = &request;
        let outcome = self
            .server_first(
                |c| async move {
                    let answer = c.book_series(sent).await?;
                    let mut booked = Vec::with_capacity(answer.booked.len());
                    for dto in &answer.booked {
                        booked.push(self.view(&self.store_server_answer(dto)?));
                    }
                    Ok(SeriesOutcome {
                        booked,
                        skipped: answer.skipped,
                    })
                },
                || self.book_series_here(&series, &request),
            )
            .await?;
        if let Some(session) = request.session {
            self.release_local_holds(session);
        }
        self.after_write();
        Ok(outcome)
    }

    /// Books the series in this file: confirmed when standalone, else pending with one
    /// queued `createBooking` per occurrence.
    fn book_series_here(
        &self,
        series: &NewSeries,
        request: &BookSeriesRequest,
    ) -> Result<SeriesOutcome, DeskError> {
        let tz = self.tz();
        // Not a choice between server and local (this is server_first's local answer):
        // standalone, this file is the authority and the occurrences are confirmed; with a
        // server (unreachable now), they are pending, each queued for it. Read once, so the
        // status and the outbox rows agree.
        let queued = self.connection().client().is_some();
        let status = if queued {
            BookingStatus::Pending
        } else {
            BookingStatus::Confirmed
        };
        let ctx = self.write_context(None).by(request.staff.as_ref());
        let queue = |new: &frontdesk_store::NewBooking| {
            let booking = CreateBookingRequest {
                id: new.id,
                room: new.room.clone(),
                start: frontdesk_protocol::in_zone(new.start, tz),
                end: frontdesk_protocol::in_zone(new.end, tz),
                customer: request.customer.clone(),
                note: new.note.clone(),
                session: None,
                staff: request.staff.clone(),
                series: new.series,
            };
            queue_if(queued, MutationOp::CreateBooking { booking })
                .map_err(|e| frontdesk_store::StoreError::Corrupt(e.to_string()))
        };
        let done = self.local(|s| s.book_series(series, status, &ctx, queue))?;
        Ok(SeriesOutcome {
            booked: done.booked.iter().map(|b| self.view(b)).collect(),
            skipped: done
                .skipped
                .iter()
                .map(|o| OccurrenceDto::from_core(o, tz))
                .collect(),
        })
    }

    /// Cancels an occurrence and every later one of its series.
    pub async fn cancel_following(
        &self,
        id: Uuid,
        reason: Option<String>,
    ) -> Result<Vec<BookingView>, DeskError> {
        let staff = self.acting(StaffRole::Staff)?;
        let body = CancelFollowingRequest { reason, staff };
        let sent = &body;
        let cancelled = self
            .server_first(
                |c| async move {
                    let answer = c.cancel_following(id, sent).await?;
                    let mut cancelled = Vec::with_capacity(answer.cancelled.len());
                    for dto in &answer.cancelled {
                        cancelled.push(self.store_server_answer(dto)?);
                    }
                    Ok(cancelled)
                },
                || self.cancel_following_here(id, &body),
            )
            .await?;
        self.after_write();
        Ok(cancelled.iter().map(|b| self.view(b)).collect())
    }

    /// Cancels here, queueing a `cancelBooking` for each occurrence the server has or will
    /// have (a conflict it refused is only dropped).
    fn cancel_following_here(
        &self,
        id: Uuid,
        body: &CancelFollowingRequest,
    ) -> Result<Vec<BookingRecord>, DeskError> {
        let ctx = self.write_context(None).by(body.staff.as_ref());
        let queue = |record: &BookingRecord| {
            if record.status == BookingStatus::Conflict {
                return Ok(None);
            }
            self.queue(MutationOp::CancelBooking {
                booking_id: record.id,
                reason: body.reason.clone(),
                staff: body.staff.clone(),
            })
            .map_err(|e| frontdesk_store::StoreError::Corrupt(e.to_string()))
        };
        self.local(|s| s.cancel_series_from(id, body.reason.as_deref(), &ctx, queue))
    }

    /// Moves an occurrence and every later one of its series to a room, a local start and
    /// a length, all or none.
    pub async fn change_following(
        &self,
        id: Uuid,
        request: ChangeFollowingRequest,
    ) -> Result<Vec<BookingView>, DeskError> {
        let staff = self.acting(StaffRole::Staff)?;
        let request = ChangeFollowingRequest { staff, ..request };
        let shift = SeriesShift {
            room: request.room.clone(),
            start: request
                .start_time()
                .map_err(|e| DeskError::invalid(e.to_string()))?,
            minutes: request.minutes,
        };
        let sent = &request;
        let changed = self
            .server_first(
                |c| async move {
                    let answer = c.change_following(id, sent).await?;
                    let mut changed = Vec::with_capacity(answer.changed.len());
                    for dto in &answer.changed {
                        changed.push(self.store_server_answer(dto)?);
                    }
                    Ok(changed)
                },
                || self.change_following_here(id, &shift, &request),
            )
            .await?;
        self.after_write();
        Ok(changed.iter().map(|b| self.view(b)).collect())
    }

    /// Changes here, queueing a `changeBooking` made to each occurrence's version.
    fn change_following_here(
        &self,
        id: Uuid,
        shift: &SeriesShift,
        request: &ChangeFollowingRequest,
    ) -> Result<Vec<BookingRecord>, DeskError> {
        let tz = self.tz();
        let ctx = self.write_context(None).by(request.staff.as_ref());
        let queue = |record: &BookingRecord, change: &Change| {
            let Change::Span {
                room, start, end, ..
            } = change
            else {
                return Ok(None);
            };
            let change = BookingChange::Span {
                room: room.clone(),
                start: frontdesk_protocol::in_zone(*start, tz),
                end: frontdesk_protocol::in_zone(*end, tz),
                session: None,
            };
            self.queue(MutationOp::ChangeBooking {
                booking_id: record.id,
                request: ChangeBookingRequest {
                    version: record.version,
                    change,
                    staff: request.staff.clone(),
                },
            })
            .map_err(|e| frontdesk_store::StoreError::Corrupt(e.to_string()))
        };
        self.local(|s| s.change_series_from(id, shift, &ctx, queue))
    }
}
