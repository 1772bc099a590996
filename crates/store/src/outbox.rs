//! The outbox: mutations committed at a desk while offline, pushed to the server in order.
//! Each carries its own uuid, so pushing it again is harmless.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::{Store, StoreError};

/// One queued mutation, as it will be pushed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub mutation_id: Uuid,
    /// `createBooking` or `cancelBooking`.
    pub kind: String,
    /// The mutation's JSON.
    pub payload: String,
}

/// A queued mutation with its place in the queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedMutation {
    pub position: i64,
    pub entry: OutboxEntry,
    pub attempts: u32,
    pub last_error: Option<String>,
}

impl OutboxEntry {
    /// The outbox row of a mutation: its id, kind and JSON, as it will be pushed.
    pub fn of(mutation: &frontdesk_protocol::Mutation) -> Result<OutboxEntry, StoreError> {
        use frontdesk_protocol::MutationOp;
        let kind = match mutation.op {
            MutationOp::CreateBooking { .. } => "createBooking",
            MutationOp::CancelBooking { .. } => "cancelBooking",
            MutationOp::ChangeBooking { .. } => "changeBooking",
            MutationOp::EditCustomer { .. } => "editCustomer",
            MutationOp::MergeCustomers { .. } => "mergeCustomers",
        };
        Ok(OutboxEntry {
            mutation_id: mutation.id,
            kind: kind.into(),
            payload: serde_json::to_string(mutation)
                .map_err(|e| StoreError::Corrupt(format!("a change could not be queued: {e}")))?,
        })
    }
}

pub(crate) fn enqueue(
    conn: &Connection,
    entry: &OutboxEntry,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO outbox (mutation_id, kind, payload, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        entry.mutation_id.to_string(),
        entry.kind,
        entry.payload,
        now.timestamp()
    ])?;
    Ok(())
}

/// The kind (`createBooking`, `editCustomer`, …) and JSON of a queued mutation, if it is
/// queued.
pub(crate) fn queued(
    conn: &Connection,
    mutation_id: Uuid,
) -> Result<Option<(String, String)>, StoreError> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT kind, payload FROM outbox WHERE mutation_id = ?1")?
        .query_row([mutation_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub(crate) fn remove(conn: &Connection, mutation_id: Uuid) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM outbox WHERE mutation_id = ?1")?
        .execute([mutation_id.to_string()])?;
    Ok(())
}

impl Store {
    /// The oldest `limit` queued mutations, in order.
    pub fn outbox_peek(&self, limit: u32) -> Result<Vec<QueuedMutation>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT position, mutation_id, kind, payload, attempts, last_error
             FROM outbox ORDER BY position LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (position, id, kind, payload, attempts, last_error) = row?;
            out.push(QueuedMutation {
                position,
                entry: OutboxEntry {
                    mutation_id: Uuid::parse_str(&id)
                        .map_err(|_| StoreError::Corrupt(format!("outbox id {id}")))?,
                    kind,
                    payload,
                },
                attempts,
                last_error,
            });
        }
        Ok(out)
    }

    /// Number of queued mutations.
    pub fn outbox_len(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM outbox", [], |r| r.get(0))?)
    }

    /// Removes a pushed mutation (the server answered for it).
    pub fn outbox_done(&mut self, mutation_id: Uuid) -> Result<(), StoreError> {
        self.conn
            .prepare_cached("DELETE FROM outbox WHERE mutation_id = ?1")?
            .execute([mutation_id.to_string()])?;
        Ok(())
    }

    /// Records a failed push attempt (the mutation stays queued).
    pub fn outbox_failed(&mut self, mutation_id: Uuid, error: &str) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?2 WHERE mutation_id = ?1",
            )?
            .execute(params![mutation_id.to_string(), error])?;
        Ok(())
    }
}
