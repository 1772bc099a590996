//! A desk's copy of the server's bookings: what a pull or a server answer says is stored
//! as is, and the day masks of the touched dates are rebuilt from the bookings, so local
//! work that overlaps it (a pending walk-in the server will reject) stays consistent.

use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_core::{BookedDays, Customer, DayMask, Occupancy, RoomId, Span};
use rusqlite::{params, Connection, TransactionBehavior};
use serde_json::json;
use uuid::Uuid;

use crate::bookings::{get, BookingRecord, BookingStatus};
use crate::{audit, masks, Store, StoreError};

/// The server's version of a booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteBooking {
    pub id: Uuid,
    pub room: RoomId,
    pub span: Span,
    pub customer: Customer,
    pub note: Option<String>,
    pub cancelled: bool,
    pub desk: String,
    pub created_at: DateTime<Utc>,
    /// The price the server made it at.
    pub price: Option<u64>,
    pub version: i64,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub no_show: bool,
    pub payment: frontdesk_protocol::PaymentDto,
    pub series: Option<Uuid>,
    /// The server's customer record of the booking (None from an older server).
    pub customer_id: Option<Uuid>,
    /// The fee the server recorded (None: nothing owed, or an older server).
    pub fee: Option<crate::fees::BookingFee>,
    pub awaiting_approval: bool,
    pub deposit: Option<u64>,
}

/// Recomputes the stored masks of `room` on `dates` from the bookings that hold time.
pub(crate) fn rebuild_masks(
    conn: &Connection,
    store_calendar: &frontdesk_core::Calendar,
    room: &RoomId,
    dates: &[NaiveDate],
) -> Result<(), StoreError> {
    let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else {
        return Ok(());
    };
    let from = store_calendar.day_start(*first)?;
    let to = store_calendar.day_start(
        last.succ_opt()
            .ok_or(frontdesk_core::CalendarError::OutOfRange)?,
    )?;
    let overlapping = crate::bookings::query(
        conn,
        "WHERE room = ?1 AND start_utc < ?3 AND start_utc > ?2 - 1209600 AND end_utc > ?2
           AND status IN ('confirmed', 'pending')",
        params![room.as_str(), from.timestamp(), to.timestamp()],
    )?;
    let mut expected = Occupancy::new();
    for b in &overlapping {
        expected.add(room, store_calendar.span_days(&b.span)?.masks());
    }
    for date in dates {
        let stored = {
            let mut o = Occupancy::new();
            masks::load_range(conn, room, *date, *date, &mut o)?;
            o.booked(room.as_str(), *date)
        };
        let want = expected.booked(room.as_str(), *date);
        if stored != want {
            masks::update(
                conn,
                room,
                *date,
                want,
                DayMask::full(DayMask::CAPACITY).without(want),
            )?;
        }
    }
    Ok(())
}

pub(crate) fn set_status(
    tx: &Connection,
    calendar: &frontdesk_core::Calendar,
    id: Uuid,
    status: BookingStatus,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let booking = get(tx, id)?.ok_or(StoreError::NotFound(id))?;
    tx.prepare_cached(
        "UPDATE bookings SET status = ?2, status_reason = ?3, updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![
        id.to_string(),
        status.as_str(),
        reason,
        now.timestamp()
    ])?;
    let dates: Vec<NaiveDate> = calendar
        .span_days(&booking.span)?
        .masks()
        .map(|(d, _)| d)
        .collect();
    rebuild_masks(tx, calendar, &booking.room, &dates)?;
    audit::record(
        tx,
        now,
        audit::Who::desk(&booking.desk),
        status.as_str(),
        Some(id),
        &json!({"reason": reason}),
    )?;
    Ok(())
}

/// Inserts or updates the server's version of a booking inside the caller's transaction.
pub(crate) fn apply_one(
    tx: &Connection,
    calendar: &frontdesk_core::Calendar,
    remote: &RemoteBooking,
    seq: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let old = get(tx, remote.id)?;
    let status = if remote.cancelled {
        BookingStatus::Cancelled
    } else {
        BookingStatus::Confirmed
    };
    if let Some(old) = &old {
        let unchanged = old.status == status
            && old.room == remote.room
            && old.span == remote.span
            && old.customer == remote.customer
            && old.note == remote.note
            && old.version == remote.version
            && old.checked_in_at == remote.checked_in_at
            && old.no_show == remote.no_show
            && old.payment == remote.payment
            && old.fee == remote.fee
            && old.awaiting_approval == remote.awaiting_approval
            && old.deposit == remote.deposit;
        if unchanged {
            if seq.is_some() {
                tx.prepare_cached("UPDATE bookings SET server_seq = ?2 WHERE id = ?1")?
                    .execute(params![remote.id.to_string(), seq])?;
            }
            return Ok(());
        }
    }
    let customer_id = crate::customers::customer_of_remote(tx, remote, now)?;
    let fee = crate::fees::BookingFee::columns(remote.fee.as_ref());
    let local_seq = {
        tx.prepare_cached("INSERT INTO changes (booking_id, at) VALUES (?1, ?2)")?
            .execute(params![remote.id.to_string(), now.timestamp()])?;
        tx.last_insert_rowid()
    };
    tx.prepare_cached(
        "INSERT INTO bookings (id, room, start_utc, end_utc, customer_name, customer_phone, customer_email,
             note, status, desk, created_at, updated_at, seq, server_seq, price, version,
             checked_in_at, no_show, payment_status, paid_amount, payment_method, series_id,
             customer_id, fee_amount, fee_rule, fee_waived_reason, fee_waived_at, fee_waived_by,
             awaiting_approval, deposit)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
             ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)
         ON CONFLICT (id) DO UPDATE SET room = excluded.room, start_utc = excluded.start_utc,
             end_utc = excluded.end_utc, customer_name = excluded.customer_name,
             customer_phone = excluded.customer_phone, customer_email = excluded.customer_email,
             note = excluded.note, status = excluded.status, desk = excluded.desk,
             updated_at = excluded.updated_at, seq = excluded.seq,
             server_seq = COALESCE(excluded.server_seq, bookings.server_seq),
             price = COALESCE(excluded.price, bookings.price), version = excluded.version,
             checked_in_at = excluded.checked_in_at, no_show = excluded.no_show,
             payment_status = excluded.payment_status, paid_amount = excluded.paid_amount,
             payment_method = excluded.payment_method,
             series_id = COALESCE(excluded.series_id, bookings.series_id),
             customer_id = excluded.customer_id,
             fee_amount = excluded.fee_amount, fee_rule = excluded.fee_rule,
             fee_waived_reason = excluded.fee_waived_reason,
             fee_waived_at = excluded.fee_waived_at, fee_waived_by = excluded.fee_waived_by,
             awaiting_approval = excluded.awaiting_approval, deposit = excluded.deposit,
             status_reason = CASE WHEN excluded.status = 'cancelled' THEN bookings.status_reason ELSE NULL END",
    )?
    .execute(params![
        remote.id.to_string(),
        remote.room.as_str(),
        remote.span.start().timestamp(),
        remote.span.end().timestamp(),
        remote.customer.name,
        remote.customer.phone,
        remote.customer.email,
        remote.note,
        status.as_str(),
        remote.desk,
        remote.created_at.timestamp(),
        now.timestamp(),
        local_seq,
        seq,
        remote.price.map(|p| i64::try_from(p).unwrap_or(i64::MAX)),
        remote.version,
        remote.checked_in_at.map(|t| t.timestamp()),
        remote.no_show,
        remote.payment.status.as_str(),
        i64::try_from(remote.payment.amount).unwrap_or(i64::MAX),
        remote.payment.method.map(|m| m.as_str()),
        remote.series.map(|s| s.to_string()),
        customer_id.to_string(),
        fee.0,
        fee.1,
        fee.2,
        fee.3.map(|t| t.timestamp()),
        fee.4,
        remote.awaiting_approval,
        remote.deposit.map(|d| i64::try_from(d).unwrap_or(i64::MAX))
    ])?;
    let new_days = calendar.span_days(&remote.span)?;
    if old.is_none() {
        // A booking new to this desk: adding its quanta keeps the masks the union of the
        // bookings that hold time; nothing else needs rebuilding.
        if status.occupies() {
            for (date, mask) in new_days.masks() {
                masks::update(tx, &remote.room, date, mask, DayMask::EMPTY)?;
            }
        }
        audit::record(
            tx,
            now,
            audit::Who::desk(&remote.desk),
            "server",
            Some(remote.id),
            &json!({"status": status.as_str(), "seq": seq}),
        )?;
        return Ok(());
    }
    let mut touched: Vec<(RoomId, NaiveDate)> = new_days
        .masks()
        .map(|(d, _)| (remote.room.clone(), d))
        .collect();
    if let Some(old) = &old {
        touched.extend(
            calendar
                .span_days(&old.span)?
                .masks()
                .map(|(d, _)| (old.room.clone(), d)),
        );
    }
    touched.sort();
    touched.dedup();
    let mut rooms: Vec<&RoomId> = touched.iter().map(|(r, _)| r).collect();
    rooms.dedup();
    for room in rooms {
        let dates: Vec<NaiveDate> = touched
            .iter()
            .filter(|(r, _)| r == room)
            .map(|(_, d)| *d)
            .collect();
        rebuild_masks(tx, calendar, room, &dates)?;
    }
    if old.as_ref().map(|o| o.status) != Some(status) {
        audit::record(
            tx,
            now,
            audit::Who::desk(&remote.desk),
            "server",
            Some(remote.id),
            &json!({"status": status.as_str(), "seq": seq}),
        )?;
    }
    Ok(())
}

impl Store {
    /// Stores the server's version of a booking (insert or update), rebuilding the masks of
    /// every date its old and new spans touch. Returns the stored record.
    pub fn apply_remote(
        &mut self,
        remote: &RemoteBooking,
        seq: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<BookingRecord, StoreError> {
        let calendar = self.studio.calendar.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        apply_one(&tx, &calendar, remote, seq, now)?;
        let record = get(&tx, remote.id)?.ok_or(StoreError::NotFound(remote.id))?;
        tx.commit()?;
        Ok(record)
    }

    /// Stores one pulled page of the server's change log and moves the sync cursor, all in
    /// one transaction: a desk killed mid-pull resumes from a cursor that matches its data.
    pub fn apply_remote_page(
        &mut self,
        changes: &[(RemoteBooking, i64)],
        customers: &[crate::customers::CustomerRecord],
        cursor: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let calendar = self.studio.calendar.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for customer in customers {
            crate::customers::apply_remote_customer(&tx, customer)?;
        }
        for (remote, seq) in changes {
            apply_one(&tx, &calendar, remote, Some(*seq), now)?;
        }
        tx.prepare_cached(
            "INSERT INTO sync_state (key, value) VALUES ('cursor', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )?
        .execute([cursor.to_string()])?;
        tx.commit()?;
        Ok(())
    }
}
