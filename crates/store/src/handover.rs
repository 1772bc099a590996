//! A standalone desk connected to a server: the bookings it made alone become offline work,
//! pushed like any booking made while the server was away. Whatever the server refuses is
//! kept as a conflict for staff, as always; nothing is dropped.

use chrono::{DateTime, Utc};
use frontdesk_protocol::{Mutation, MutationOp};
use rusqlite::{params, TransactionBehavior};
use serde_json::json;
use uuid::Uuid;

use crate::bookings::{query, BookingStatus};
use crate::{audit, outbox, OutboxEntry, Store, StoreError};

impl Store {
    /// Every booking this file holds as confirmed that no server has seen (made while the
    /// desk was standalone) becomes `pending` with a `createBooking` in the outbox, all in
    /// one transaction. Answers how many.
    pub fn queue_standalone_bookings(&mut self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let tz = self.studio.calendar.timezone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let local = query(
            &tx,
            "WHERE status = 'confirmed' AND server_seq IS NULL ORDER BY start_utc",
            params![],
        )?;
        for b in &local {
            let mutation = Mutation {
                id: Uuid::new_v4(),
                op: MutationOp::CreateBooking {
                    booking: b.to_request(tz),
                },
            };
            outbox::enqueue(&tx, &OutboxEntry::of(&mutation)?, now)?;
            tx.prepare_cached("UPDATE bookings SET status = ?2, updated_at = ?3 WHERE id = ?1")?
                .execute(params![
                    b.id.to_string(),
                    BookingStatus::Pending.as_str(),
                    now.timestamp()
                ])?;
            audit::record(
                &tx,
                now,
                audit::Who::desk(&b.desk),
                "queued",
                Some(b.id),
                &json!({"reason": "made before this desk was connected to a server"}),
            )?;
        }
        tx.commit()?;
        Ok(local.len())
    }
}
