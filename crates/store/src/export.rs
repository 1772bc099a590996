//! Everything a server's file holds, read in one transaction, for moving the studio to
//! another database (`frontdesk-server migrate`). Holds are not in it: they live in memory
//! and come back with the desks' next heartbeats.

use chrono::{DateTime, Utc};
use frontdesk_core::Studio;
use frontdesk_protocol::StaffDto;
use rusqlite::TransactionBehavior;
use uuid::Uuid;

use crate::audit::{ActivityFilter, AuditEntry};
use crate::booking_rows::query;
use crate::customers::{query_customers, CustomerRecord};
use crate::push_log::PushRecord;
use crate::{BookingRecord, Store, StoreError};

/// A desk's token as stored: only its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskToken {
    pub desk: String,
    pub token_sha256: String,
    pub admin: bool,
    pub created_at: DateTime<Utc>,
}

/// The first answer to a sync mutation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushEntry {
    pub mutation: Uuid,
    pub record: PushRecord,
    pub at: DateTime<Utc>,
}

/// A server file's contents.
#[derive(Debug, Clone)]
pub struct Export {
    pub studio: Studio,
    pub version: i64,
    pub staff: Vec<StaffDto>,
    pub desks: Vec<DeskToken>,
    pub bookings: Vec<BookingRecord>,
    pub customers: Vec<CustomerRecord>,
    pub push_log: Vec<PushEntry>,
    /// Oldest first.
    pub audit: Vec<AuditEntry>,
    /// The change log's head: the highest sequence number handed out.
    pub head: i64,
    /// The public page's settings and their version (a server's file).
    pub online: (frontdesk_protocol::OnlineBooking, i64),
    /// The key customers' manage links are signed with, if one was made: moved along, the
    /// links keep working.
    pub link_key: Option<[u8; crate::online_booking::LINK_KEY_LEN]>,
    /// The live calendar feeds, each with its token's hash: subscriptions keep working.
    pub feeds: Vec<(crate::feed_tokens::FeedRow, String)>,
    /// Messages to customers, every state: queued ones are still sent after the move.
    pub messages: Vec<crate::messages::export::ExportedMessage>,
    /// Customers' reminder choices, by address key.
    pub consents: Vec<(String, crate::reminder_consent::ReminderConsent)>,
}

fn instant(secs: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp(secs, 0).ok_or_else(|| StoreError::Corrupt(format!("instant {secs}")))
}

fn uuid(text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|_| StoreError::Corrupt(format!("id \"{text}\"")))
}

impl Store {
    /// Reads everything in one read transaction, so the parts agree with each other.
    pub fn export(&mut self) -> Result<Export, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let desks = tx
            .prepare("SELECT desk, token_sha256, admin, created_at FROM desk_tokens ORDER BY desk")?
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)?))
            })?
            .map(|row| {
                let (desk, token_sha256, admin, at) = row?;
                Ok(DeskToken {
                    desk,
                    token_sha256,
                    admin,
                    created_at: instant(at)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        /// mutation, status, booking, message, at
        type PushRow = (String, String, Option<String>, Option<String>, i64);
        let push_log = tx
            .prepare(
                "SELECT mutation_id, status, booking_id, message, at FROM push_log ORDER BY at",
            )?
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .map(|row| {
                let (mutation, status, booking, message, at): PushRow = row?;
                Ok(PushEntry {
                    mutation: uuid(&mutation)?,
                    record: PushRecord {
                        status,
                        booking_id: booking.as_deref().map(uuid).transpose()?,
                        message,
                    },
                    at: instant(at)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let mut audit = crate::audit::activity(
            &tx,
            &ActivityFilter {
                limit: u32::MAX,
                ..ActivityFilter::default()
            },
        )?;
        audit.reverse();
        let head = tx.query_row("SELECT COALESCE(MAX(seq), 0) FROM changes", [], |r| {
            r.get(0)
        })?;
        let export = Export {
            studio: self.studio.clone(),
            version: self.studio_version,
            staff: crate::staff::load(&tx)?,
            desks,
            bookings: query(&tx, "ORDER BY seq", [])?,
            customers: query_customers(&tx, "ORDER BY seq", [])?,
            push_log,
            audit,
            head,
            online: crate::online_booking::read_settings(&tx)?,
            link_key: crate::online_booking::read_link_key(&tx)?,
            feeds: crate::feed_tokens::read_all(&tx)?,
            messages: crate::messages::export::read_all(&tx)?,
            consents: crate::reminder_consent::read_all(&tx)?,
        };
        tx.commit()?;
        Ok(export)
    }
}
