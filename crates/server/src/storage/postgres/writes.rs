//! Booking writes on PostgreSQL, each one READ COMMITTED transaction that
//! 1. locks the room-days it touches (widened by the room's changeover) in (room, date)
//!    order, so concurrent writers on any instance queue instead of deadlocking,
//! 2. checks the span against the bookings and live holds of those days with the same
//!    engine the desk uses (`admit_booking`), answering a conflict before writing,
//! 3. writes the booking, its audit and push-log rows, releases the session's holds,
//! 4. raises the change log's head last (see [`rows::stamp`]).
//!
//! The exclusion constraint on confirmed bookings stands underneath: if it fires, the masks
//! were wrong, which is logged loudly and answered as a conflict.

use super::sql::{Sql, Tx};
use chrono::{DateTime, Utc};
use frontdesk_core::{
    admit_booking, admit_move, BookingError, Conflict, ConflictReason, Customer, RoomId, Span,
    Studio,
};
use frontdesk_store::audit::Who;
use frontdesk_store::booking_changes::Change;
use frontdesk_store::change_rules::{plan_change, Planned};
use frontdesk_store::customers::clean;
use frontdesk_store::{BookingRecord, NewBooking, StoreError, WriteOutcome};
use postgres::error::SqlState;
use serde_json::json;
use uuid::Uuid;

use super::locks::{around, booked, held, lock_days, release};
use super::rows;
use crate::storage::{HeldDays, StorageError};

/// Creates a confirmed booking (see the module's steps).
pub fn create(
    tx: &mut Tx<'_>,
    studio_id: &str,
    studio: &Studio,
    new: &NewBooking,
    who: Who<'_>,
    mutation: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(BookingRecord, WriteOutcome), StorageError> {
    let calendar = &studio.calendar;
    let target = studio.room(&new.room).map_err(StorageError::rule)?;
    let (room, changeover) = (target.id.clone(), target.changeover);
    let customer = Customer::new(&new.name, new.phone.as_deref(), new.email.as_deref())
        .map_err(StorageError::rule)?;
    let span = Span::new(new.start, new.end).map_err(StorageError::rule)?;
    let price = target.pricing.price(calendar, &span);
    let note = clean(new.note.as_deref());
    let same = |existing: &BookingRecord| {
        existing.room == room
            && existing.series == new.series
            && existing.span == span
            && existing.customer == customer
            && existing.note == note
    };
    // Made before (a retry): the booking as it was made, or `id_reused`.
    let made_before =
        |tx: &mut Tx<'_>| -> Result<Option<(BookingRecord, WriteOutcome)>, StorageError> {
            match rows::booking(tx, studio_id, new.id, false)? {
                Some(existing) if same(&existing) => Ok(Some((existing, WriteOutcome::Duplicate))),
                Some(_) => Err(StoreError::IdReused(new.id).into()),
                None => Ok(None),
            }
        };
    if let Some(done) = made_before(tx)? {
        return Ok(done);
    }
    let widened = span.widened(changeover);
    lock_days(tx, studio_id, calendar, &[(room.clone(), widened)])?;
    // Again under the locks: a retry that raced its own first attempt (the client timed out
    // and sent it again) waited here for it to commit, and now finds it made.
    if let Some(done) = made_before(tx)? {
        return Ok(done);
    }
    let window = around(&widened);
    let rooms = [room.as_str()];
    let occupancy = booked(tx, studio_id, calendar, &rooms, window, None)?;
    let holds = held(tx, studio_id, calendar, &rooms, window, now)?;
    admit_booking(
        calendar,
        &room,
        &span,
        changeover,
        new.session,
        &occupancy,
        &holds,
        now,
    )
    .map_err(StorageError::rule)?;
    let (customer_id, made) = super::customers::customer_for(
        tx,
        studio_id,
        new.id,
        &customer.name,
        customer.phone.as_deref(),
        customer.email.as_deref(),
        now,
    )?;
    let payment = json!({"status": "unpaid", "amount": 0});
    let price = i64::try_from(price).unwrap_or(i64::MAX);
    let insert = format!(
        "INSERT INTO bookings (id, studio, room, start_at, end_at, name, phone, email, note,
             status, desk, created_at, updated_at, seq, price, payment, series, customer_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'confirmed', $10, $11, $11, 0, $12, $13, $14,
             $15)
         ON CONFLICT (studio, id) DO NOTHING RETURNING {}",
        rows::BOOKING_COLUMNS
    );
    let inserted = tx.query_opt(
        &insert,
        &[
            &new.id,
            &studio_id,
            &room.as_str(),
            &span.start(),
            &span.end(),
            &customer.name,
            &customer.phone,
            &customer.email,
            &note,
            &who.desk,
            &now,
            &price,
            &payment,
            &new.series,
            &customer_id,
        ],
    );
    let Some(row) = guard_overlap(inserted, &room, &span)? else {
        // The same id committed by another instance meanwhile (a retried push).
        let existing =
            rows::booking(tx, studio_id, new.id, false)?.ok_or(StoreError::NotFound(new.id))?;
        return if same(&existing) {
            Ok((existing, WriteOutcome::Duplicate))
        } else {
            Err(StoreError::IdReused(new.id).into())
        };
    };
    let mut record = rows::record(&row)?;
    if let Some(session) = new.session {
        release(tx, studio_id, calendar, session)?;
    }
    rows::audit(
        tx,
        studio_id,
        now,
        who,
        "create",
        Some(new.id),
        &json!({"room": room.as_str(), "start": span.start(), "end": span.end(), "status": "confirmed"}),
    )?;
    rows::applied(tx, studio_id, mutation, new.id, now)?;
    super::customers::stamp_made(tx, studio_id, made)?;
    record.seq = rows::stamp(tx, studio_id, new.id)?;
    Ok((record, WriteOutcome::Applied))
}

/// Cancels a booking; its time is free once committed. Cancelling a cancelled booking
/// changes nothing.
pub fn cancel(
    tx: &mut Tx<'_>,
    studio_id: &str,
    id: Uuid,
    reason: Option<&str>,
    who: Who<'_>,
    mutation: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(BookingRecord, WriteOutcome), StorageError> {
    let booking = rows::booking(tx, studio_id, id, true)?.ok_or(StoreError::NotFound(id))?;
    if booking.status == frontdesk_store::BookingStatus::Cancelled {
        return Ok((booking, WriteOutcome::Duplicate));
    }
    let reason = clean(reason);
    tx.execute(
        "UPDATE bookings SET status = 'cancelled', status_reason = $2, updated_at = $3,
             version = version + 1
         WHERE studio = $4 AND id = $1",
        &[&id, &reason, &now, &studio_id],
    )?;
    rows::audit(
        tx,
        studio_id,
        now,
        who,
        "cancel",
        Some(id),
        &json!({ "reason": reason }),
    )?;
    rows::applied(tx, studio_id, mutation, id, now)?;
    let mut record = rows::booking(tx, studio_id, id, false)?.ok_or(StoreError::NotFound(id))?;
    record.seq = rows::stamp(tx, studio_id, id)?;
    Ok((record, WriteOutcome::Applied))
}

/// Changes a booking made to `version` (the rules: `frontdesk_store::change_rules`); a new
/// span is admitted like a new booking, its own old quanta counted free.
#[allow(clippy::too_many_arguments)]
pub fn change(
    tx: &mut Tx<'_>,
    studio_id: &str,
    studio: &Studio,
    id: Uuid,
    version: i64,
    change: &Change,
    who: Who<'_>,
    mutation: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(BookingRecord, HeldDays), StorageError> {
    let calendar = &studio.calendar;
    let old = rows::booking(tx, studio_id, id, true)?.ok_or(StoreError::NotFound(id))?;
    let planned = plan_change(studio, &old, version, change, now)?;
    let mut released = HeldDays::new();
    match &planned {
        Planned::Span {
            room,
            span,
            changeover,
            price,
            session,
        } => {
            let widened = span.widened(*changeover);
            lock_days(tx, studio_id, calendar, &[(room.clone(), widened)])?;
            let window = around(&widened);
            let rooms = [room.as_str(), old.room.as_str()];
            let occupancy = booked(tx, studio_id, calendar, &rooms, window, None)?;
            let holds = held(tx, studio_id, calendar, &rooms, window, now)?;
            admit_move(
                calendar,
                &old.room,
                &old.span,
                room,
                span,
                *changeover,
                *session,
                &occupancy,
                &holds,
                now,
            )
            .map_err(StorageError::rule)?;
            let price = i64::try_from(*price).unwrap_or(i64::MAX);
            let moved = tx.execute(
                "UPDATE bookings SET room = $2, start_at = $3, end_at = $4, price = $5
                  WHERE studio = $6 AND id = $1",
                &[
                    &id,
                    &room.as_str(),
                    &span.start(),
                    &span.end(),
                    &price,
                    &studio_id,
                ],
            );
            guard_overlap(moved, room, span)?;
            if let Some(session) = session {
                released = release(tx, studio_id, calendar, *session)?;
            }
        }
        Planned::Details { customer, note } => {
            tx.execute(
                "UPDATE bookings SET name = $2, phone = $3, email = $4, note = $5
                  WHERE studio = $6 AND id = $1",
                &[
                    &id,
                    &customer.name,
                    &customer.phone,
                    &customer.email,
                    note,
                    &studio_id,
                ],
            )?;
        }
        Planned::CheckIn { at } => {
            tx.execute(
                "UPDATE bookings SET checked_in_at = $2, no_show = false WHERE studio = $3 AND id = $1",
                &[&id, at, &studio_id],
            )?;
        }
        Planned::NoShow => {
            tx.execute(
                "UPDATE bookings SET no_show = true WHERE studio = $2 AND id = $1",
                &[&id, &studio_id],
            )?;
        }
        Planned::Payment(payment) => {
            let payment =
                serde_json::to_value(payment).map_err(|e| StorageError::Corrupt(e.to_string()))?;
            tx.execute(
                "UPDATE bookings SET payment = $2 WHERE studio = $3 AND id = $1",
                &[&id, &payment, &studio_id],
            )?;
        }
    }
    tx.execute(
        "UPDATE bookings SET version = version + 1, updated_at = $2 WHERE studio = $3 AND id = $1",
        &[&id, &now, &studio_id],
    )?;
    rows::audit(
        tx,
        studio_id,
        now,
        who,
        change.action(),
        Some(id),
        &planned.detail(&old),
    )?;
    rows::applied(tx, studio_id, mutation, id, now)?;
    let mut record = rows::booking(tx, studio_id, id, false)?.ok_or(StoreError::NotFound(id))?;
    record.seq = rows::stamp(tx, studio_id, id)?;
    Ok((record, released))
}

/// A write the exclusion constraint refused means the masks were wrong: logged loudly,
/// answered as a conflict on `span`.
fn guard_overlap<T>(
    written: Result<T, postgres::Error>,
    room: &RoomId,
    span: &Span,
) -> Result<T, StorageError> {
    match written {
        Err(error) if error.code() == Some(&SqlState::EXCLUSION_VIOLATION) => {
            tracing::error!(room = room.as_str(), %error,
                "the exclusion constraint refused a span the masks admitted");
            Err(StorageError::rule(BookingError::Conflicts(vec![
                Conflict {
                    room: room.clone(),
                    start: span.start(),
                    end: span.end(),
                    reason: ConflictReason::Booked,
                },
            ])))
        }
        other => Ok(other?),
    }
}
