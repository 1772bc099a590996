//! A booking made, changed or cancelled: the steps of each, over a [`Ledger`].

use chrono::{DateTime, Utc};
use frontdesk_core::cancellation::FeeRule;
use frontdesk_core::{admit_booking, admit_move, Customer, Span, Studio};
use frontdesk_protocol::{PaymentDto, StaffRole};
use serde_json::{json, Value};
use uuid::Uuid;

use super::{around, customers, Ledger};
use crate::booking_changes::Change;
use crate::change_rules::{plan_change, Planned};
use crate::customers::clean;
use crate::fees::{self, BookingFee, FeeWaiver};
use crate::{BookingRecord, BookingStatus, NewBooking, StoreError, WriteContext, WriteOutcome};

/// Checks and writes a booking made with `status` (confirmed by the authority, pending on
/// a desk working offline), re-checking the bookings and other sessions' live holds of its
/// days under their locks; its session's holds are released. The same id with the same
/// content again answers the stored booking unchanged; with other content,
/// [`StoreError::IdReused`].
pub fn create<L: Ledger>(
    l: &mut L,
    studio: &Studio,
    new: &NewBooking,
    status: BookingStatus,
    ctx: &WriteContext<'_>,
) -> Result<(BookingRecord, WriteOutcome), L::Error> {
    crate::text_caps::booking(new).map_err(StoreError::from)?;
    let now = ctx.now;
    let calendar = &studio.calendar;
    let target = studio.room(&new.room).map_err(StoreError::from)?;
    let (room, changeover) = (target.id.clone(), target.changeover);
    let customer = Customer::new(&new.name, new.phone.as_deref(), new.email.as_deref())
        .map_err(StoreError::from)?;
    let span = Span::new(new.start, new.end).map_err(StoreError::from)?;
    calendar.span_days(&span).map_err(StoreError::from)?;
    let price = target.pricing.price(calendar, &span);
    let note = clean(new.note.as_deref());
    let same = |existing: &BookingRecord| {
        existing.room == room
            && existing.series == new.series
            && existing.span == span
            && existing.customer == customer
            && existing.note == note
    };
    let widened = span.widened(changeover);
    l.lock_days(calendar, &[(room.clone(), widened)])?;
    // Made before (a retry): the booking as it was made, or `id_reused`. Asked only when
    // the span is refused or the id is taken (a new booking, the common case, costs no
    // read for it), always under the locks: a retry that raced its own first attempt
    // waited there for it to commit.
    let made_before = |l: &mut L| -> Result<Option<BookingRecord>, L::Error> {
        match l.booking(new.id, false)? {
            Some(existing) if same(&existing) => Ok(Some(existing)),
            Some(_) => Err(StoreError::IdReused(new.id).into()),
            None => Ok(None),
        }
    };
    let (booked, holds) = l.checked_against(calendar, &room, around(&widened), now)?;
    let admitted = admit_booking(
        calendar,
        &room,
        &span,
        changeover,
        new.session,
        &booked,
        &holds,
        now,
    );
    drop(holds);
    if let Err(refused) = admitted {
        return match made_before(l)? {
            Some(existing) => Ok((existing, WriteOutcome::Duplicate)),
            None => Err(StoreError::from(refused).into()),
        };
    }
    let (customer_id, made) = customers::customer_for(l, new.id, &customer, studio.country, now)?;
    // Made on the public page of a studio whose online bookings wait for staff (its setting
    // in this transaction): it holds its time and waits for their approval.
    let awaiting_approval = ctx.messages.is_some()
        && ctx.desk == frontdesk_protocol::ONLINE_DESK
        && l.online_settings()?.approval;
    let record = BookingRecord {
        id: new.id,
        room: room.clone(),
        span,
        customer: customer.clone(),
        note: note.clone(),
        status,
        desk: ctx.desk.to_owned(),
        created_at: now,
        updated_at: now,
        seq: 0,
        status_reason: None,
        price: Some(price),
        version: 1,
        checked_in_at: None,
        no_show: false,
        payment: PaymentDto::unpaid(),
        series: new.series,
        customer_id: Some(customer_id),
        fee: None,
        awaiting_approval,
        // The deposit the terms of its room ask, of the price it is made at.
        deposit: studio
            .cancellation
            .for_room(&room)
            .deposit
            .map(|d| d.of(price)),
    };
    if !l.insert_booking(calendar, &record)? {
        // The id is taken: made before (a retried push, or one cancelled since), or reused.
        return match made_before(l)? {
            Some(existing) => Ok((existing, WriteOutcome::Duplicate)),
            None => Err(StoreError::NotFound(new.id).into()),
        };
    }
    if let Some(session) = new.session {
        l.release_holds(calendar, session)?;
    }
    let detail = json!({"room": room.as_str(), "start": span.start(), "end": span.end(),
                        "status": status.as_str()});
    finish(l, ctx, "create", (new.id, Some(new.id)), &detail)?;
    crate::messages::queue(l, ctx, studio, None, &record)?;
    if let Some(made) = made {
        l.stamp_customer(made, now)?;
    }
    Ok((l.stamp_booking(new.id, now)?, WriteOutcome::Applied))
}

/// Cancels a booking: its time is free once committed. Cancelling a cancelled booking
/// changes nothing. The fee the studio's terms for its room ask at the moment of the
/// cancellation ([`cancelled_at`]) is recorded on it and in the audit; a booking that owes
/// a fee already (a no-show cancelled afterwards) keeps that fee and owes no second one.
pub fn cancel<L: Ledger>(
    l: &mut L,
    studio: &Studio,
    id: Uuid,
    reason: Option<&str>,
    ctx: &WriteContext<'_>,
) -> Result<(BookingRecord, WriteOutcome), L::Error> {
    crate::text_caps::reason(reason).map_err(StoreError::from)?;
    let old = l.booking(id, true)?.ok_or(StoreError::NotFound(id))?;
    if old.status == BookingStatus::Cancelled {
        return Ok((old, WriteOutcome::Duplicate));
    }
    let reason = clean(reason);
    let fee = match &old.fee {
        Some(recorded) => Some(recorded.clone()),
        None => BookingFee::owed(fees::for_cancel(studio, &old, cancelled_at(&old, ctx))),
    };
    let new = BookingRecord {
        status: BookingStatus::Cancelled,
        status_reason: reason.clone(),
        fee,
        ..next_version(&old, ctx.now)
    };
    l.update_booking(&studio.calendar, &old, &new)?;
    let detail = json!({ "reason": reason, "fee": new.fee.as_ref().map(BookingFee::detail) });
    finish(l, ctx, "cancel", (id, Some(id)), &detail)?;
    crate::messages::queue(l, ctx, studio, Some(&old), &new)?;
    Ok((l.stamp_booking(id, ctx.now)?, WriteOutcome::Applied))
}

/// Applies `change` to booking `id` if it is still at `version` (else
/// [`StoreError::StaleBooking`], nothing changed); the rules: `change_rules`. A new span
/// is admitted like a new booking, its own old quanta counted free. Answers the record.
pub fn change<L: Ledger>(
    l: &mut L,
    studio: &Studio,
    id: Uuid,
    version: i64,
    change: &Change,
    ctx: &WriteContext<'_>,
) -> Result<BookingRecord, L::Error> {
    let now = ctx.now;
    let calendar = &studio.calendar;
    // Who may waive is asked first (the studio before the booking, the order of a studio
    // edit's locks): anyone else is refused whatever the booking owes.
    let admin = match change {
        Change::WaiveFee { .. } => Some(admin_of(l, ctx)?),
        _ => None,
    };
    let old = l.booking(id, true)?.ok_or(StoreError::NotFound(id))?;
    let planned = plan_change(studio, &old, version, change, now)?;
    let mut new = next_version(&old, now);
    let mut release = None;
    match &planned {
        Planned::Span {
            room,
            span,
            changeover,
            price,
            session,
        } => {
            let widened = span.widened(*changeover);
            l.lock_days(calendar, &[(room.clone(), widened)])?;
            let (booked, holds) = l.checked_against(calendar, room, around(&widened), now)?;
            admit_move(
                calendar,
                &old.room,
                &old.span,
                room,
                span,
                *changeover,
                *session,
                &booked,
                &holds,
                now,
            )
            .map_err(StoreError::from)?;
            new.room = room.clone();
            new.span = *span;
            new.price = Some(*price);
            release = *session;
        }
        Planned::Details { customer, note } => {
            new.customer = customer.clone();
            new.note = note.clone();
        }
        Planned::CheckIn { at } => {
            new.checked_in_at = Some(*at);
            new.no_show = false;
            // The customer came after all: a no-show's fee is no longer owed.
            if matches!(&new.fee, Some(f) if matches!(f.rule, FeeRule::NoShow { .. })) {
                new.fee = None;
            }
        }
        Planned::NoShow { fee } => {
            new.no_show = true;
            new.fee = fee.clone();
        }
        Planned::Payment(payment) => new.payment = payment.clone(),
        Planned::WaiveFee { reason } => {
            if let Some(fee) = &mut new.fee {
                fee.waiver = Some(FeeWaiver {
                    reason: reason.clone(),
                    at: now,
                    by: admin.clone(),
                });
            }
        }
        Planned::Approve => new.awaiting_approval = false,
    }
    l.update_booking(calendar, &old, &new)?;
    if let Some(session) = release {
        l.release_holds(calendar, session)?;
    }
    finish(
        l,
        ctx,
        change.action(),
        (id, Some(id)),
        &planned.detail(&old),
    )?;
    crate::messages::queue(l, ctx, studio, Some(&old), &new)?;
    l.stamp_booking(id, now)
}

/// The moment a cancellation's fee is computed at: the write's time, or — for a write a
/// desk made offline and pushed later — the time the desk recorded with its staff member,
/// if it sent one, bounded by when the booking was made and by now (never later than the
/// server's now, never before the booking existed). The amount is always computed here,
/// from the stored terms and price; the desk's figure is never taken.
fn cancelled_at(old: &BookingRecord, ctx: &WriteContext<'_>) -> DateTime<Utc> {
    ctx.staff.and_then(|s| s.at).map_or(ctx.now, |at| {
        at.to_utc()
            .clamp(old.created_at, ctx.now.max(old.created_at))
    })
}

/// The name of the staff member of `ctx`, if the stored staff have them as an admin; else
/// [`StoreError::AdminOnly`]. On a server the member is the one its staff session verified;
/// on a desk, the one signed in there.
fn admin_of<L: Ledger>(l: &mut L, ctx: &WriteContext<'_>) -> Result<String, L::Error> {
    let staff = l.stored_studio()?.staff;
    let admin = ctx.staff.and_then(|s| {
        staff
            .iter()
            .find(|m| m.id == s.id && m.role == StaffRole::Admin)
    });
    match admin {
        Some(member) => Ok(member.name.clone()),
        None => Err(StoreError::AdminOnly("waiving a fee needs an admin signed in").into()),
    }
}

/// `old` one version on, changed at `now`.
fn next_version(old: &BookingRecord, now: DateTime<Utc>) -> BookingRecord {
    BookingRecord {
        version: old.version + 1,
        updated_at: now,
        ..old.clone()
    }
}

/// The rows every write of record `id` ends with: its audit row (naming `booking`, if it is
/// one), the desk's outbox row and the server's push-log row.
pub(super) fn finish<L: Ledger>(
    l: &mut L,
    ctx: &WriteContext<'_>,
    action: &str,
    (id, booking): (Uuid, Option<Uuid>),
    detail: &Value,
) -> Result<(), L::Error> {
    l.audit(ctx.now, ctx.who(), action, booking, detail)?;
    if let Some(entry) = ctx.outbox {
        l.queue(entry, ctx.now)?;
    }
    if let Some(mutation) = ctx.mutation {
        l.applied(mutation, id, ctx.now)?;
    }
    Ok(())
}
