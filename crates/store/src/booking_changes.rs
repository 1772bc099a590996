//! What happens to a booking after it is made, each change one transaction checked against
//! the version it was made to: a new span (moved to another room or time, extended,
//! shortened, finished early: the old quanta are freed and the new ones taken together, so
//! no third party ever sees both free or both taken), the customer's details and note, a
//! check-in, a no-show. Each raises the version and writes its audit, change-log and (on a
//! desk working offline) outbox rows with it.

use chrono::{DateTime, Duration, Utc};
use frontdesk_core::{admit_move, Occupancy, SessionId};
use rusqlite::{params, TransactionBehavior};
use uuid::Uuid;

use crate::bookings::{get, next_seq, BookingRecord, WriteContext, WriteOutcome};
use crate::change_rules::{plan_change, Planned};
use crate::{audit, masks, outbox, Store, StoreError};

/// How long before its start a customer can be checked in.
pub const CHECK_IN_EARLY: Duration = Duration::minutes(60);

/// A change of a booking, checked (instants in UTC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Span {
        room: String,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        session: Option<SessionId>,
    },
    Details {
        name: String,
        phone: Option<String>,
        email: Option<String>,
        note: Option<String>,
    },
    CheckIn {
        at: DateTime<Utc>,
    },
    NoShow,
    Payment(frontdesk_protocol::PaymentDto),
}

impl Change {
    /// The audit log's word for it (the activity screen labels these).
    pub fn action(&self) -> &'static str {
        match self {
            Change::Span { .. } => "span",
            Change::Details { .. } => "details",
            Change::CheckIn { .. } => "check_in",
            Change::NoShow => "no_show",
            Change::Payment(_) => "payment",
        }
    }
}

impl From<&frontdesk_protocol::BookingChange> for Change {
    fn from(c: &frontdesk_protocol::BookingChange) -> Change {
        use frontdesk_protocol::BookingChange as Wire;
        match c {
            Wire::Span {
                room,
                start,
                end,
                session,
            } => Change::Span {
                room: room.clone(),
                start: start.to_utc(),
                end: end.to_utc(),
                session: *session,
            },
            Wire::Details { customer, note } => Change::Details {
                name: customer.name.clone(),
                phone: customer.phone.clone(),
                email: customer.email.clone(),
                note: note.clone(),
            },
            Wire::CheckIn { at } => Change::CheckIn { at: at.to_utc() },
            Wire::NoShow => Change::NoShow,
            Wire::Payment { payment } => Change::Payment(payment.clone()),
        }
    }
}

impl Store {
    /// Applies `change` to booking `id` if it is still at `version` (else
    /// [`StoreError::StaleBooking`], nothing changed). Only bookings that hold time
    /// (confirmed or pending) change; a new span is checked like a new booking against the
    /// stored masks (its own old quanta count as free) and other sessions' live holds.
    pub fn change_booking(
        &mut self,
        id: Uuid,
        version: i64,
        change: &Change,
        ctx: &WriteContext<'_>,
    ) -> Result<(BookingRecord, WriteOutcome), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (record, session) =
            change_in(&tx, &self.studio, &self.holds, id, version, change, ctx)?;
        tx.commit()?;
        if let Some(session) = session {
            self.holds.release(session);
        }
        Ok((record, WriteOutcome::Applied))
    }
}

/// A booking's change inside the caller's transaction (one booking, or this and the
/// following occurrences of a series); answers the record and the session whose holds the
/// caller releases after committing.
pub(crate) fn change_in(
    tx: &rusqlite::Connection,
    studio: &frontdesk_core::Studio,
    holds: &frontdesk_core::HoldBook,
    id: Uuid,
    version: i64,
    change: &Change,
    ctx: &WriteContext<'_>,
) -> Result<(BookingRecord, Option<SessionId>), StoreError> {
    let now = ctx.now;
    let calendar = &studio.calendar;
    let old = get(tx, id)?.ok_or(StoreError::NotFound(id))?;
    let planned = plan_change(studio, &old, version, change, now)?;
    let mut session = None;
    match &planned {
        Planned::Span {
            room,
            span,
            changeover,
            price,
            session: s,
        } => {
            let mut booked = Occupancy::new();
            masks::load_around(tx, calendar, room, span, *changeover, &mut booked)?;
            let (old_days, new_days) = admit_move(
                calendar,
                &old.room,
                &old.span,
                room,
                span,
                *changeover,
                *s,
                &booked,
                holds,
                now,
            )?;
            for (date, mask) in old_days.masks() {
                masks::update(tx, &old.room, date, frontdesk_core::DayMask::EMPTY, mask)?;
            }
            for (date, mask) in new_days.masks() {
                masks::update(tx, room, date, mask, frontdesk_core::DayMask::EMPTY)?;
            }
            tx.prepare_cached(
                "UPDATE bookings SET room = ?2, start_utc = ?3, end_utc = ?4, price = ?5 WHERE id = ?1",
            )?
            .execute(params![
                id.to_string(),
                room.as_str(),
                span.start().timestamp(),
                span.end().timestamp(),
                i64::try_from(*price).unwrap_or(i64::MAX)
            ])?;
            session = *s;
        }
        Planned::Details { customer, note } => {
            tx.prepare_cached(
                "UPDATE bookings SET customer_name = ?2, customer_phone = ?3, customer_email = ?4,
                     note = ?5 WHERE id = ?1",
            )?
            .execute(params![
                id.to_string(),
                customer.name,
                customer.phone,
                customer.email,
                note
            ])?;
        }
        Planned::CheckIn { at } => {
            tx.prepare_cached("UPDATE bookings SET checked_in_at = ?2, no_show = 0 WHERE id = ?1")?
                .execute(params![id.to_string(), at.timestamp()])?;
        }
        Planned::NoShow => {
            tx.prepare_cached("UPDATE bookings SET no_show = 1 WHERE id = ?1")?
                .execute(params![id.to_string()])?;
        }
        Planned::Payment(payment) => {
            tx.prepare_cached(
                "UPDATE bookings SET payment_status = ?2, paid_amount = ?3, payment_method = ?4
                 WHERE id = ?1",
            )?
            .execute(params![
                id.to_string(),
                payment.status.as_str(),
                i64::try_from(payment.amount).unwrap_or(i64::MAX),
                payment.method.map(|m| m.as_str())
            ])?;
        }
    }
    let detail = planned.detail(&old);
    let seq = next_seq(tx, id, now)?;
    tx.prepare_cached(
        "UPDATE bookings SET version = version + 1, updated_at = ?2, seq = ?3 WHERE id = ?1",
    )?
    .execute(params![id.to_string(), now.timestamp(), seq])?;
    audit::record(tx, now, ctx.who(), change.action(), Some(id), &detail)?;
    if let Some(entry) = ctx.outbox {
        outbox::enqueue(tx, entry, now)?;
    }
    if let Some(mutation) = ctx.mutation {
        crate::push_log::record_applied(tx, mutation, id, now)?;
    }
    let record = get(tx, id)?.ok_or(StoreError::NotFound(id))?;
    Ok((record, session))
}
