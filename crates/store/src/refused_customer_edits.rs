//! Edits of a customer made here offline that the server refused (the record changed
//! meanwhile at another desk): kept with what staff asked for, beside the server's record
//! (which the desk now shows), until staff choose — keep the server's, or edit again.

use chrono::{DateTime, Utc};
use frontdesk_protocol::{EditCustomerRequest, Mutation, MutationOp};
use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::{Store, StoreError};

/// A refused customer edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedCustomerEdit {
    pub mutation: Uuid,
    pub customer: Uuid,
    /// What staff asked for.
    pub request: EditCustomerRequest,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// Keeps the refused mutation `payload` (its JSON as queued) when it edits a customer,
/// inside the caller's transaction; other mutations are not kept here.
pub(crate) fn keep(
    tx: &Connection,
    payload: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mutation: Mutation = serde_json::from_str(payload)
        .map_err(|e| StoreError::Corrupt(format!("a queued change: {e}")))?;
    let MutationOp::EditCustomer {
        customer_id,
        request,
    } = mutation.op
    else {
        return Ok(());
    };
    let request = serde_json::to_string(&request)
        .map_err(|e| StoreError::Corrupt(format!("a refused customer edit: {e}")))?;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO refused_customer_edits (mutation_id, customer_id, request, reason, at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        mutation.id.to_string(),
        customer_id.to_string(),
        request,
        reason,
        now.timestamp()
    ])?;
    Ok(())
}

impl Store {
    /// The refused customer edits staff have not decided on, oldest first.
    pub fn refused_customer_edits(&self) -> Result<Vec<RefusedCustomerEdit>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT mutation_id, customer_id, request, reason, at FROM refused_customer_edits
             ORDER BY at, rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        let corrupt = |what: &str| StoreError::Corrupt(format!("refused customer edit {what}"));
        let mut out = Vec::new();
        for row in rows {
            let (mutation, customer, request, reason, at) = row?;
            out.push(RefusedCustomerEdit {
                mutation: Uuid::parse_str(&mutation).map_err(|_| corrupt("id"))?,
                customer: Uuid::parse_str(&customer).map_err(|_| corrupt("customer"))?,
                request: serde_json::from_str(&request).map_err(|_| corrupt("request"))?,
                reason,
                at: DateTime::from_timestamp(at, 0).ok_or_else(|| corrupt("time"))?,
            });
        }
        Ok(out)
    }

    /// Staff decided on a refused customer edit: it is forgotten.
    pub fn dismiss_refused_customer_edit(&mut self, mutation: Uuid) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM refused_customer_edits WHERE mutation_id = ?1",
            [mutation.to_string()],
        )?;
        Ok(())
    }
}
