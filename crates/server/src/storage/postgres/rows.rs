//! Rows ↔ records for PostgreSQL: the booking columns and their conversion, a booking row's
//! two writes (new, changed) under the exclusion constraint's guard, the push-log rows, and
//! the activity screen's lines from the audit rows.

use chrono::{DateTime, Utc};
use frontdesk_core::{BookingError, Conflict, ConflictReason, Customer, RoomId, Span};
use frontdesk_protocol::PaymentDto;
use frontdesk_store::fees::BookingFee;
use frontdesk_store::push_log::PushRecord;
use frontdesk_store::{BookingRecord, BookingStatus};
use postgres::error::SqlState;
use postgres::types::ToSql;
use postgres::Row;
use serde_json::Value;

use super::sql::Sql;
use uuid::Uuid;

use crate::storage::StorageError;

/// The columns every booking query selects, in [`record`]'s order.
pub const BOOKING_COLUMNS: &str = "id, room, start_at, end_at, name, phone, email, note, status, \
     desk, created_at, updated_at, seq, status_reason, price, version, checked_in_at, no_show, \
     payment, series, customer_id, fee_amount, fee_rule, fee_waived_reason, fee_waived_at, \
     fee_waived_by, awaiting_approval, deposit";

fn corrupt(id: Uuid, what: &str) -> StorageError {
    StorageError::Corrupt(format!("booking {id}: {what}"))
}

/// A booking row as a record; data that breaks a rule is an error naming the booking.
pub fn record(row: &Row) -> Result<BookingRecord, StorageError> {
    let id: Uuid = row.try_get(0)?;
    let start: DateTime<Utc> = row.try_get(2)?;
    let end: DateTime<Utc> = row.try_get(3)?;
    let status: String = row.try_get(8)?;
    let price: Option<i64> = row.try_get(14)?;
    let payment: serde_json::Value = row.try_get(18)?;
    Ok(BookingRecord {
        id,
        room: RoomId::new(row.try_get::<_, &str>(1)?).map_err(|_| corrupt(id, "room"))?,
        span: Span::new(start, end).map_err(|_| corrupt(id, "span"))?,
        customer: Customer {
            name: row.try_get(4)?,
            phone: row.try_get(5)?,
            email: row.try_get(6)?,
        },
        note: row.try_get(7)?,
        status: BookingStatus::parse(&status).ok_or_else(|| corrupt(id, "status"))?,
        desk: row.try_get(9)?,
        created_at: row.try_get(10)?,
        updated_at: row.try_get(11)?,
        seq: row.try_get(12)?,
        status_reason: row.try_get(13)?,
        price: price.map(|p| u64::try_from(p).unwrap_or(0)),
        version: row.try_get(15)?,
        checked_in_at: row.try_get(16)?,
        no_show: row.try_get(17)?,
        payment: serde_json::from_value::<PaymentDto>(payment)
            .map_err(|_| corrupt(id, "payment"))?,
        series: row.try_get(19)?,
        customer_id: row.try_get(20)?,
        fee: BookingFee::from_columns((
            row.try_get(21)?,
            row.try_get(22)?,
            row.try_get(23)?,
            row.try_get(24)?,
            row.try_get(25)?,
        ))
        .map_err(|e| corrupt(id, &e.to_string()))?,
        awaiting_approval: row.try_get(26)?,
        deposit: row
            .try_get::<_, Option<i64>>(27)?
            .map(|d| u64::try_from(d).map_err(|_| corrupt(id, "deposit")))
            .transpose()?,
    })
}

/// The bookings of a query whose select list is [`BOOKING_COLUMNS`] and whose `WHERE …`
/// (and order) is `tail`.
pub fn bookings(
    client: &mut impl Sql,
    tail: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Vec<BookingRecord>, StorageError> {
    let sql = format!("SELECT {BOOKING_COLUMNS} FROM bookings {tail}");
    client.query(&sql, params)?.iter().map(record).collect()
}

/// One booking of the studio, if any (locked with `FOR UPDATE` in `lock`).
pub fn booking(
    client: &mut impl Sql,
    studio: &str,
    id: Uuid,
    lock: bool,
) -> Result<Option<BookingRecord>, StorageError> {
    let tail = if lock {
        "WHERE studio = $1 AND id = $2 FOR UPDATE"
    } else {
        "WHERE studio = $1 AND id = $2"
    };
    Ok(bookings(client, tail, &[&studio, &id])?.into_iter().next())
}

/// Remembers the first answer to a sync mutation (a later one for the same id is ignored).
pub fn push_log(
    client: &mut impl Sql,
    studio: &str,
    mutation: Uuid,
    record: &PushRecord,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    client.execute(
        "INSERT INTO push_log (mutation, studio, status, booking, message, at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (studio, mutation) DO NOTHING",
        &[
            &mutation,
            &studio,
            &record.status,
            &record.booking_id,
            &record.message,
            &now,
        ],
    )?;
    Ok(())
}

/// The answer given to a mutation before, if any.
pub fn push_record(
    client: &mut impl Sql,
    studio: &str,
    mutation: Uuid,
) -> Result<Option<PushRecord>, StorageError> {
    let row = client.query_opt(
        "SELECT status, booking, message FROM push_log WHERE mutation = $1 AND studio = $2",
        &[&mutation, &studio],
    )?;
    Ok(match row {
        Some(row) => Some(PushRecord {
            status: row.try_get(0)?,
            booking_id: row.try_get(1)?,
            message: row.try_get(2)?,
        }),
        None => None,
    })
}

/// The applied answer of a mutation, written in the transaction that applied it.
pub fn applied(
    client: &mut impl Sql,
    studio: &str,
    mutation: Option<Uuid>,
    booking: Uuid,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let Some(mutation) = mutation else {
        return Ok(());
    };
    let record = PushRecord {
        status: "applied".to_owned(),
        booking_id: Some(booking),
        message: None,
    };
    push_log(client, studio, mutation, &record, now)
}

/// The activity screen's lines for `filter`, newest first, instants in `tz`.
pub fn activity(
    client: &mut impl Sql,
    studio: &str,
    filter: &frontdesk_store::audit::ActivityFilter,
    tz: chrono_tz::Tz,
) -> Result<Vec<frontdesk_protocol::ActivityEntry>, StorageError> {
    let rows = client.query(
        "SELECT a.at, a.desk, a.staff->>'name', a.action, a.booking, b.room, b.name,
                COALESCE((a.staff->>'offline')::boolean, false)
           FROM audit a LEFT JOIN bookings b ON b.studio = a.studio AND b.id = a.booking
          WHERE a.studio = $1
            AND ($2::timestamptz IS NULL OR a.at >= $2) AND ($3::timestamptz IS NULL OR a.at < $3)
            AND ($4::uuid IS NULL OR a.staff->>'id' = $4::text)
            AND ($5::text IS NULL OR b.room = $5) AND ($6::uuid IS NULL OR a.booking = $6)
          ORDER BY a.at DESC, a.id DESC LIMIT $7",
        &[
            &studio,
            &filter.from,
            &filter.to,
            &filter.staff,
            &filter.room,
            &filter.booking,
            &i64::from(filter.limit),
        ],
    )?;
    rows.iter()
        .map(|row| {
            Ok(frontdesk_protocol::ActivityEntry {
                at: frontdesk_protocol::in_zone(row.try_get(0)?, tz),
                desk: row.try_get(1)?,
                staff: row.try_get(2)?,
                action: row.try_get(3)?,
                booking: row.try_get(4)?,
                room: row.try_get(5)?,
                customer: row.try_get(6)?,
                staff_offline: row.try_get(7)?,
            })
        })
        .collect()
}

/// Writes a new booking row of `studio` (its `seq` is stamped later); whether it was
/// written (false: a booking of that id exists already).
pub fn insert(tx: &mut impl Sql, studio: &str, r: &BookingRecord) -> Result<bool, StorageError> {
    let inserted = tx.execute(
        "INSERT INTO bookings (id, studio, room, start_at, end_at, name, phone, email, note,
             status, desk, created_at, updated_at, seq, price, payment, series, customer_id,
             version, awaiting_approval, deposit)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0, $14, $15, $16, $17,
             $18, $19, $20)
         ON CONFLICT (studio, id) DO NOTHING",
        &[
            &r.id,
            &studio,
            &r.room.as_str(),
            &r.span.start(),
            &r.span.end(),
            &r.customer.name,
            &r.customer.phone,
            &r.customer.email,
            &r.note,
            &r.status.as_str(),
            &r.desk,
            &r.created_at,
            &r.updated_at,
            &price(r),
            &payment(r)?,
            &r.series,
            &r.customer_id,
            &r.version,
            &r.awaiting_approval,
            &deposit(r),
        ],
    );
    Ok(guard_overlap(inserted, r)? == 1)
}

/// Writes `r` over the row of the same id: every column but `seq`.
pub fn update(tx: &mut impl Sql, studio: &str, r: &BookingRecord) -> Result<(), StorageError> {
    let fee = frontdesk_store::fees::BookingFee::columns(r.fee.as_ref());
    let updated = tx.execute(
        "UPDATE bookings SET room = $3, start_at = $4, end_at = $5, name = $6, phone = $7,
             email = $8, note = $9, status = $10, status_reason = $11, updated_at = $12,
             price = $13, version = $14, checked_in_at = $15, no_show = $16, payment = $17,
             customer_id = $18, fee_amount = $19, fee_rule = $20, fee_waived_reason = $21,
             fee_waived_at = $22, fee_waived_by = $23, awaiting_approval = $24
         WHERE studio = $1 AND id = $2",
        &[
            &studio,
            &r.id,
            &r.room.as_str(),
            &r.span.start(),
            &r.span.end(),
            &r.customer.name,
            &r.customer.phone,
            &r.customer.email,
            &r.note,
            &r.status.as_str(),
            &r.status_reason,
            &r.updated_at,
            &price(r),
            &r.version,
            &r.checked_in_at,
            &r.no_show,
            &payment(r)?,
            &r.customer_id,
            &fee.0,
            &fee.1,
            &fee.2,
            &fee.3,
            &fee.4,
            &r.awaiting_approval,
        ],
    );
    guard_overlap(updated, r)?;
    Ok(())
}

/// The deposit column of `record`.
pub fn deposit(record: &BookingRecord) -> Option<i64> {
    record.deposit.map(|d| i64::try_from(d).unwrap_or(i64::MAX))
}

/// The price column of `record`.
pub fn price(record: &BookingRecord) -> Option<i64> {
    record.price.map(|p| i64::try_from(p).unwrap_or(i64::MAX))
}

/// The payment column of `record`.
pub fn payment(record: &BookingRecord) -> Result<Value, StorageError> {
    serde_json::to_value(&record.payment).map_err(|e| StorageError::Corrupt(e.to_string()))
}

/// A write the exclusion constraint refused means the masks were wrong: logged loudly,
/// answered as a conflict on the booking's span.
fn guard_overlap(
    written: Result<u64, postgres::Error>,
    r: &BookingRecord,
) -> Result<u64, StorageError> {
    match written {
        Err(error) if error.code() == Some(&SqlState::EXCLUSION_VIOLATION) => {
            tracing::error!(room = r.room.as_str(), %error,
                "the exclusion constraint refused a span the masks admitted");
            Err(StorageError::rule(BookingError::Conflicts(vec![
                Conflict {
                    room: r.room.clone(),
                    start: r.span.start(),
                    end: r.span.end(),
                    reason: ConflictReason::Booked,
                },
            ])))
        }
        other => Ok(other?),
    }
}
