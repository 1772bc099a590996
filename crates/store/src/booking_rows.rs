//! Booking rows ↔ records: the columns, the conversion that turns corrupt data into an
//! error, the one row loop every booking query uses, and the two writes of a row (a new
//! booking, a booking changed) the SQLite ledger makes.

use chrono::{DateTime, Utc};
use frontdesk_core::{Customer, RoomId, Span};
use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use crate::bookings::{BookingRecord, BookingStatus};
use crate::fees::BookingFee;
use crate::StoreError;

const COLUMNS: &str =
    "id, room, start_utc, end_utc, customer_name, customer_phone, customer_email, \
                       note, status, desk, created_at, updated_at, seq, status_reason, price, \
                       version, checked_in_at, no_show, payment_status, paid_amount, payment_method, series_id, customer_id, \
                       fee_amount, fee_rule, fee_waived_reason, fee_waived_at, fee_waived_by, \
                       awaiting_approval, deposit";

pub(crate) fn instant(secs: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp(secs, 0).ok_or_else(|| StoreError::Corrupt(format!("instant {secs}")))
}

/// The raw columns of a row, converted after the query so that corrupt data is an error.
struct RawBooking {
    id: String,
    room: String,
    start: i64,
    end: i64,
    name: String,
    phone: Option<String>,
    email: Option<String>,
    note: Option<String>,
    status: String,
    desk: String,
    created_at: i64,
    updated_at: i64,
    seq: i64,
    status_reason: Option<String>,
    price: Option<i64>,
    version: i64,
    checked_in_at: Option<i64>,
    no_show: bool,
    payment_status: String,
    paid_amount: i64,
    payment_method: Option<String>,
    series: Option<String>,
    customer_id: Option<String>,
    fee: crate::fees::FeeColumns<i64>,
    awaiting_approval: bool,
    deposit: Option<i64>,
}

impl RawBooking {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<RawBooking> {
        Ok(RawBooking {
            id: r.get(0)?,
            room: r.get(1)?,
            start: r.get(2)?,
            end: r.get(3)?,
            name: r.get(4)?,
            phone: r.get(5)?,
            email: r.get(6)?,
            note: r.get(7)?,
            status: r.get(8)?,
            desk: r.get(9)?,
            created_at: r.get(10)?,
            updated_at: r.get(11)?,
            seq: r.get(12)?,
            status_reason: r.get(13)?,
            price: r.get(14)?,
            version: r.get(15)?,
            checked_in_at: r.get(16)?,
            no_show: r.get(17)?,
            payment_status: r.get(18)?,
            paid_amount: r.get(19)?,
            payment_method: r.get(20)?,
            series: r.get(21)?,
            customer_id: r.get(22)?,
            fee: (r.get(23)?, r.get(24)?, r.get(25)?, r.get(26)?, r.get(27)?),
            awaiting_approval: r.get(28)?,
            deposit: r.get(29)?,
        })
    }

    fn into_record(self) -> Result<BookingRecord, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("booking {}: {what}", self.id));
        let id = Uuid::parse_str(&self.id).map_err(|_| corrupt("id"))?;
        let status = BookingStatus::parse(&self.status).ok_or_else(|| corrupt("status"))?;
        let (amount, rule, reason, waived_at, by) = self.fee;
        let fee = BookingFee::from_columns((
            amount,
            rule,
            reason,
            waived_at.map(instant).transpose()?,
            by,
        ))?;
        Ok(BookingRecord {
            id,
            room: RoomId::new(&self.room)?,
            span: Span::new(instant(self.start)?, instant(self.end)?)?,
            customer: Customer {
                name: self.name,
                phone: self.phone,
                email: self.email,
            },
            note: self.note,
            status,
            desk: self.desk,
            created_at: instant(self.created_at)?,
            updated_at: instant(self.updated_at)?,
            seq: self.seq,
            status_reason: self.status_reason,
            price: self
                .price
                .map(u64::try_from)
                .transpose()
                .map_err(|e| StoreError::Corrupt(format!("booking price: {e}")))?,
            version: self.version,
            checked_in_at: self.checked_in_at.map(instant).transpose()?,
            no_show: self.no_show,
            payment: frontdesk_protocol::PaymentDto {
                status: frontdesk_protocol::PaymentStatus::parse(&self.payment_status)
                    .ok_or_else(|| corrupt("payment status"))?,
                amount: u64::try_from(self.paid_amount).map_err(|_| corrupt("paid amount"))?,
                method: self
                    .payment_method
                    .as_deref()
                    .map(|m| {
                        frontdesk_protocol::PaymentMethod::parse(m)
                            .ok_or_else(|| corrupt("payment method"))
                    })
                    .transpose()?,
            },
            series: self
                .series
                .as_deref()
                .map(|s| Uuid::parse_str(s).map_err(|_| corrupt("series")))
                .transpose()?,
            customer_id: self
                .customer_id
                .as_deref()
                .map(|s| Uuid::parse_str(s).map_err(|_| corrupt("customer")))
                .transpose()?,
            fee,
            awaiting_approval: self.awaiting_approval,
            deposit: self
                .deposit
                .map(u64::try_from)
                .transpose()
                .map_err(|_| corrupt("deposit"))?,
        })
    }
}

/// Runs a query returning booking rows.
pub(crate) fn query(
    conn: &Connection,
    sql_after_from: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<BookingRecord>, StoreError> {
    query_kept(conn, sql_after_from, params, |_| Ok(true))
}

/// Runs a query returning booking rows ordered by room, and keeps the first `per_room` rows
/// of each room.
pub(crate) fn query_limited(
    conn: &Connection,
    sql_after_from: &str,
    params: impl rusqlite::Params,
    per_room: usize,
) -> Result<Vec<BookingRecord>, StoreError> {
    let mut room = String::new();
    let mut kept = 0;
    query_kept(conn, sql_after_from, params, |row| {
        let this = row.get_ref(1)?.as_str()?;
        if this != room {
            this.clone_into(&mut room);
            kept = 0;
        }
        kept += 1;
        Ok(kept <= per_room)
    })
}

/// Runs a query returning booking rows; only the rows `keep` accepts become records.
fn query_kept(
    conn: &Connection,
    sql_after_from: &str,
    params: impl rusqlite::Params,
    mut keep: impl FnMut(&Row<'_>) -> Result<bool, StoreError>,
) -> Result<Vec<BookingRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM bookings {sql_after_from}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params)?;
    let mut records = Vec::new();
    while let Some(row) = rows.next()? {
        if keep(row)? {
            records.push(RawBooking::from_row(row)?.into_record()?);
        }
    }
    Ok(records)
}

pub(crate) fn get(conn: &Connection, id: Uuid) -> Result<Option<BookingRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM bookings WHERE id = ?1");
    let raw = conn
        .prepare_cached(&sql)?
        .query_row([id.to_string()], RawBooking::from_row)
        .optional()?;
    raw.map(RawBooking::into_record).transpose()
}

/// Stamps booking `id` with change-log sequence `seq`; the booking as stored.
pub(crate) fn stamp(conn: &Connection, id: Uuid, seq: i64) -> Result<BookingRecord, StoreError> {
    let sql = format!("UPDATE bookings SET seq = ?2 WHERE id = ?1 RETURNING {COLUMNS}");
    let raw = conn
        .prepare_cached(&sql)?
        .query_row(params![id.to_string(), seq], RawBooking::from_row)
        .optional()?;
    raw.map(RawBooking::into_record)
        .transpose()?
        .ok_or(StoreError::NotFound(id))
}

/// Writes a new booking row (its `seq` is stamped later); whether it was written (false: a
/// booking of that id exists already).
pub(crate) fn insert(tx: &Connection, r: &BookingRecord) -> Result<bool, StoreError> {
    let inserted = tx
        .prepare_cached(
            "INSERT INTO bookings (id, room, start_utc, end_utc, customer_name,
                 customer_phone, customer_email, note, status, desk, created_at, updated_at,
                 seq, price, series_id, customer_id, version, awaiting_approval, deposit)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, ?13, ?14, ?15, ?16, ?17,
                 ?18)
             ON CONFLICT (id) DO NOTHING",
        )?
        .execute(params![
            r.id.to_string(),
            r.room.as_str(),
            r.span.start().timestamp(),
            r.span.end().timestamp(),
            r.customer.name,
            r.customer.phone,
            r.customer.email,
            r.note,
            r.status.as_str(),
            r.desk,
            r.created_at.timestamp(),
            r.updated_at.timestamp(),
            r.price.map(|p| i64::try_from(p).unwrap_or(i64::MAX)),
            r.series.map(|s| s.to_string()),
            r.customer_id.map(|c| c.to_string()),
            r.version,
            r.awaiting_approval,
            r.deposit.map(|d| i64::try_from(d).unwrap_or(i64::MAX)),
        ])?;
    Ok(inserted == 1)
}

/// Writes `r` over the row of the same id: every column but `seq`.
pub(crate) fn update(tx: &Connection, r: &BookingRecord) -> Result<(), StoreError> {
    let fee = crate::fees::BookingFee::columns(r.fee.as_ref());
    tx.prepare_cached(
        "UPDATE bookings SET room = ?2, start_utc = ?3, end_utc = ?4, customer_name = ?5,
                 customer_phone = ?6, customer_email = ?7, note = ?8, status = ?9,
                 status_reason = ?10, updated_at = ?11, price = ?12, version = ?13,
                 checked_in_at = ?14, no_show = ?15, payment_status = ?16, paid_amount = ?17,
                 payment_method = ?18, customer_id = ?19, fee_amount = ?20, fee_rule = ?21,
                 fee_waived_reason = ?22, fee_waived_at = ?23, fee_waived_by = ?24,
                 awaiting_approval = ?25
             WHERE id = ?1",
    )?
    .execute(params![
        r.id.to_string(),
        r.room.as_str(),
        r.span.start().timestamp(),
        r.span.end().timestamp(),
        r.customer.name,
        r.customer.phone,
        r.customer.email,
        r.note,
        r.status.as_str(),
        r.status_reason,
        r.updated_at.timestamp(),
        r.price.map(|p| i64::try_from(p).unwrap_or(i64::MAX)),
        r.version,
        r.checked_in_at.map(|t| t.timestamp()),
        r.no_show,
        r.payment.status.as_str(),
        i64::try_from(r.payment.amount).unwrap_or(i64::MAX),
        r.payment.method.map(|m| m.as_str()),
        r.customer_id.map(|c| c.to_string()),
        fee.0,
        fee.1,
        fee.2,
        fee.3.map(|t| t.timestamp()),
        fee.4,
        r.awaiting_approval,
    ])?;
    Ok(())
}
