//! Moving a studio from its SQLite server file into PostgreSQL (`frontdesk-server
//! migrate`): everything the file holds, in one transaction, into a database that does not
//! have the studio yet. Sequence numbers, versions and ids are kept, so desks carry on with
//! their cursors and outboxes as if nothing had happened.

use frontdesk_protocol::StudioInfo;
use frontdesk_store::customers::{email_key, phone_key};
use frontdesk_store::export::Export;
use frontdesk_store::fees::BookingFee;
use frontdesk_store::messages::language_str;

use super::schema;
use crate::storage::StorageError;

/// How many rows of each kind were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub bookings: usize,
    pub customers: usize,
    pub desks: usize,
    pub push_log: usize,
    pub audit: usize,
    pub feeds: usize,
    pub messages: usize,
}

/// Writes `export` as studio `studio_id`; refused, writing nothing, if the database has a
/// studio of that id already.
pub fn import(url: &str, studio_id: &str, export: &Export) -> Result<Imported, StorageError> {
    let mut client = super::tls::connect(url)?;
    schema::migrate(&mut client)?;
    let mut tx = client.transaction()?;
    let taken = tx.query_opt("SELECT 1 FROM studios WHERE id = $1", &[&studio_id])?;
    if taken.is_some() {
        return Err(StorageError::Occupied(studio_id.to_owned()));
    }
    let info = StudioInfo {
        staff: export.staff.clone(),
        ..StudioInfo::from_studio(&export.studio, export.version)
    };
    let info = serde_json::to_value(&info).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    let created = export
        .audit
        .first()
        .map_or_else(|| chrono::DateTime::UNIX_EPOCH, |a| a.at);
    tx.execute(
        "INSERT INTO studios (id, info, version, created_at) VALUES ($1, $2, $3, $4)",
        &[&studio_id, &info, &export.version, &created],
    )?;
    tx.execute(
        "INSERT INTO heads (studio, head) VALUES ($1, $2)",
        &[&studio_id, &export.head],
    )?;
    let (online, online_version) = &export.online;
    if *online_version > 0 {
        let settings =
            serde_json::to_value(online).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        tx.execute(
            "INSERT INTO online_booking (studio, settings, version) VALUES ($1, $2, $3)",
            &[&studio_id, &settings, online_version],
        )?;
    }
    if let Some(key) = &export.link_key {
        tx.execute(
            "INSERT INTO link_keys (studio, key) VALUES ($1, $2)",
            &[&studio_id, &key.as_slice()],
        )?;
    }
    for desk in &export.desks {
        let taken = tx.query_opt(
            "SELECT studio, desk FROM desks WHERE token_hash = $1 UNION ALL
             SELECT NULL, name FROM chain_admins WHERE token_hash = $1",
            &[&desk.token_sha256],
        )?;
        if let Some(row) = taken {
            let (studio, other): (Option<String>, String) = (row.try_get(0)?, row.try_get(1)?);
            return Err(StorageError::Corrupt(format!(
                "desk \"{}\" has the same token as \"{other}\" of {}: give one of them a new token \
                 (frontdesk-server desk add) and move again; nothing was written",
                desk.desk,
                studio.map_or("the chain's administrators".to_owned(), |s| format!("studio {s}"))
            )));
        }
        tx.execute(
            "INSERT INTO desks (token_hash, studio, desk, admin, created_at) VALUES ($1, $2, $3, $4, $5)",
            &[&desk.token_sha256, &studio_id, &desk.desk, &desk.admin, &desk.created_at],
        )?;
    }
    for c in &export.customers {
        tx.execute(
            "INSERT INTO customers (studio, id, name, phone, email, notes, phone_key, email_key,
                 merged_into, version, seq, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())",
            &[
                &studio_id,
                &c.id,
                &c.name,
                &c.phone,
                &c.email,
                &c.notes,
                &phone_key(c.phone.as_deref()),
                &email_key(c.email.as_deref()),
                &c.merged_into,
                &c.version,
                &c.seq,
            ],
        )?;
    }
    for b in &export.bookings {
        let (price, payment) = (super::rows::price(b), super::rows::payment(b)?);
        let fee = BookingFee::columns(b.fee.as_ref());
        tx.execute(
            "INSERT INTO bookings (id, studio, room, start_at, end_at, name, phone, email, note,
                 status, desk, created_at, updated_at, seq, status_reason, price, version,
                 checked_in_at, no_show, payment, series, customer_id, fee_amount, fee_rule,
                 fee_waived_reason, fee_waived_at, fee_waived_by, awaiting_approval, deposit)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                 $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29)",
            &[
                &b.id,
                &studio_id,
                &b.room.as_str(),
                &b.span.start(),
                &b.span.end(),
                &b.customer.name,
                &b.customer.phone,
                &b.customer.email,
                &b.note,
                &b.status.as_str(),
                &b.desk,
                &b.created_at,
                &b.updated_at,
                &b.seq,
                &b.status_reason,
                &price,
                &b.version,
                &b.checked_in_at,
                &b.no_show,
                &payment,
                &b.series,
                &b.customer_id,
                &fee.0,
                &fee.1,
                &fee.2,
                &fee.3,
                &fee.4,
                &b.awaiting_approval,
                &super::rows::deposit(b),
            ],
        )?;
    }
    for p in &export.push_log {
        tx.execute(
            "INSERT INTO push_log (mutation, studio, status, booking, message, at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &p.mutation,
                &studio_id,
                &p.record.status,
                &p.record.booking_id,
                &p.record.message,
                &p.at,
            ],
        )?;
    }
    for a in &export.audit {
        let staff = a
            .staff
            .as_ref()
            .map(|s| serde_json::to_value(s).unwrap_or(serde_json::Value::Null));
        tx.execute(
            "INSERT INTO audit (studio, at, desk, staff, action, booking, detail)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &studio_id,
                &a.at,
                &a.desk,
                &staff,
                &a.action,
                &a.booking_id,
                &a.detail,
            ],
        )?;
    }
    feeds_and_messages(&mut tx, studio_id, export)?;
    tx.commit()?;
    Ok(Imported {
        bookings: export.bookings.len(),
        customers: export.customers.len(),
        desks: export.desks.len(),
        push_log: export.push_log.len(),
        audit: export.audit.len(),
        feeds: export.feeds.len(),
        messages: export.messages.len(),
    })
}

/// The calendar feeds (by their tokens' hashes), the messages to customers, each in its
/// state, and the customers' reminder choices; no lease moves (the file's server is stopped).
fn feeds_and_messages(
    tx: &mut postgres::Transaction<'_>,
    studio_id: &str,
    export: &Export,
) -> Result<(), StorageError> {
    for (feed, token_hash) in &export.feeds {
        super::feeds::insert(tx, studio_id, feed, token_hash)?;
    }
    for m in &export.messages {
        let attempts = i32::try_from(m.attempts).unwrap_or(i32::MAX);
        tx.execute(
            "INSERT INTO messages (id, studio, booking_id, kind, recipient, language, due_at,
                 state, attempts, next_attempt_at, last_error, sent_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            &[
                &m.id,
                &studio_id,
                &m.booking,
                &m.kind.as_str(),
                &m.recipient,
                &m.language.map(language_str),
                &m.due,
                &m.state,
                &attempts,
                &m.next_attempt,
                &m.last_error,
                &m.sent_at,
                &m.created_at,
            ],
        )?;
    }
    for (key, choice) in &export.consents {
        super::consent::write(tx, studio_id, key, choice)?;
    }
    Ok(())
}
