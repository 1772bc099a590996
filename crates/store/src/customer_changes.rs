//! Changing customer records: edits made to a version, merges whose bookings follow, the
//! server's records stored at a desk, and what a pull carries.

use rusqlite::{params, TransactionBehavior};
use serde_json::json;
use uuid::Uuid;

use crate::bookings::next_seq;
use crate::customers::{
    apply_remote_customer, clean, email_key, finish_customer_write, get_customer, phone_key,
    query_customers, relink, CustomerEdit, CustomerRecord,
};
use crate::{audit, Store, StoreError, WriteContext, WriteOutcome};

impl Store {
    /// Stores the server's answer to a customer edit or merge.
    pub fn store_remote_customer(&mut self, record: &CustomerRecord) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        apply_remote_customer(&tx, record)?;
        tx.commit()?;
        Ok(())
    }

    pub fn customer(&self, id: Uuid) -> Result<Option<CustomerRecord>, StoreError> {
        get_customer(&self.conn, id)
    }

    /// Changes a customer's details if the record is still at `version` (else
    /// [`StoreError::StaleCustomer`], nothing changed), with its audit and change-log rows.
    pub fn edit_customer(
        &mut self,
        id: Uuid,
        version: i64,
        edit: &CustomerEdit,
        ctx: &WriteContext<'_>,
    ) -> Result<(CustomerRecord, WriteOutcome), StoreError> {
        let (name, phone, email, notes) = edit.checked()?;
        let name = name.as_str();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old = get_customer(&tx, id)?.ok_or(StoreError::NoCustomer(id))?;
        if let Some(mutation) = ctx.mutation {
            if crate::push_log::was_applied(&tx, mutation)? {
                return Ok((old, WriteOutcome::Duplicate));
            }
        }
        if old.version != version {
            return Err(StoreError::StaleCustomer {
                id,
                current: old.version,
                expected: version,
            });
        }
        let seq = next_seq(&tx, id, ctx.now)?;
        tx.prepare_cached(
            "UPDATE customers SET name = ?2, phone = ?3, email = ?4, notes = ?5, phone_key = ?6,
                 email_key = ?7, version = version + 1, seq = ?8, updated_at = ?9 WHERE id = ?1",
        )?
        .execute(params![
            id.to_string(),
            name,
            phone,
            email,
            notes,
            phone_key(phone.as_deref()),
            email_key(email.as_deref()),
            seq,
            ctx.now.timestamp()
        ])?;
        audit::record(
            &tx,
            ctx.now,
            ctx.who(),
            "customer",
            None,
            &json!({"customer": id, "name": name}),
        )?;
        finish_customer_write(&tx, id, ctx)?;
        let record = get_customer(&tx, id)?.ok_or(StoreError::NoCustomer(id))?;
        tx.commit()?;
        Ok((record, WriteOutcome::Applied))
    }

    /// Merges `gone` into `keep` in one transaction: `gone`'s bookings become `keep`'s, its
    /// notes are added to `keep`'s, and `gone` stays only as a pointer to `keep` (so desks
    /// that still name it find `keep`).
    pub fn merge_customers(
        &mut self,
        keep: Uuid,
        gone: Uuid,
        ctx: &WriteContext<'_>,
    ) -> Result<(CustomerRecord, WriteOutcome), StoreError> {
        check_merge(keep, gone)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let kept = get_customer(&tx, keep)?.ok_or(StoreError::NoCustomer(keep))?;
        let old = get_customer(&tx, gone)?.ok_or(StoreError::NoCustomer(gone))?;
        if old.merged_into == Some(keep) {
            return Ok((kept, WriteOutcome::Duplicate));
        }
        let notes = merged_notes(&kept, &old)?;
        let (keep_seq, gone_seq) = (next_seq(&tx, keep, ctx.now)?, next_seq(&tx, gone, ctx.now)?);
        tx.prepare_cached(
            "UPDATE customers SET notes = ?2, phone = COALESCE(phone, ?3), email = COALESCE(email, ?4),
                 phone_key = COALESCE(phone_key, ?5), email_key = COALESCE(email_key, ?6),
                 version = version + 1, seq = ?7, updated_at = ?8 WHERE id = ?1",
        )?
        .execute(params![
            keep.to_string(),
            notes,
            old.phone,
            old.email,
            phone_key(old.phone.as_deref()),
            email_key(old.email.as_deref()),
            keep_seq,
            ctx.now.timestamp()
        ])?;
        tx.prepare_cached(
            "UPDATE customers SET merged_into = ?2, version = version + 1, seq = ?3, updated_at = ?4
             WHERE id = ?1",
        )?
        .execute(params![gone.to_string(), keep.to_string(), gone_seq, ctx.now.timestamp()])?;
        relink(&tx, gone, keep)?;
        audit::record(
            &tx,
            ctx.now,
            ctx.who(),
            "merge",
            None,
            &json!({"keep": keep, "gone": gone, "name": kept.name}),
        )?;
        finish_customer_write(&tx, keep, ctx)?;
        let record = get_customer(&tx, keep)?.ok_or(StoreError::NoCustomer(keep))?;
        tx.commit()?;
        Ok((record, WriteOutcome::Applied))
    }

    /// Customers changed after `since` up to `upto` (inclusive), in change order: what a
    /// pull carries beside the bookings.
    pub fn customers_changed(
        &self,
        since: i64,
        upto: i64,
    ) -> Result<Vec<CustomerRecord>, StoreError> {
        query_customers(
            &self.conn,
            "WHERE seq > ?1 AND seq <= ?2 ORDER BY seq",
            params![since, upto],
        )
    }

    /// The newest change-log sequence, of a booking or a customer.
    pub fn last_seq(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(seq), 0) FROM changes", [], |r| {
                r.get(0)
            })?)
    }
}

impl CustomerEdit {
    /// The edit's name, phone, email and notes, trimmed (empty ones left out); a missing
    /// name is refused naming the field.
    #[allow(clippy::type_complexity)]
    pub fn checked(
        &self,
    ) -> Result<(String, Option<String>, Option<String>, Option<String>), StoreError> {
        crate::text_caps::customer_edit(self)?;
        let name = self.name.trim();
        if name.is_empty() {
            return Err(StoreError::BadChange(
                "name: the customer's name is missing".into(),
            ));
        }
        Ok((
            name.to_owned(),
            clean(self.phone.as_deref()),
            clean(self.email.as_deref()),
            clean(self.notes.as_deref()),
        ))
    }
}

/// A record cannot be merged with itself.
pub fn check_merge(keep: Uuid, gone: Uuid) -> Result<(), StoreError> {
    if keep == gone {
        return Err(StoreError::BadChange(
            "a customer cannot be merged with itself: pick two different records".into(),
        ));
    }
    Ok(())
}

/// The notes of the record kept after merging `gone` into `kept` (both of them, once),
/// or a refusal if either was merged already, or if together they would pass the notes' cap
/// (nothing is cut: staff shorten one first).
pub fn merged_notes(
    kept: &CustomerRecord,
    gone: &CustomerRecord,
) -> Result<Option<String>, StoreError> {
    if kept.merged_into.is_some() || gone.merged_into.is_some() {
        return Err(StoreError::BadChange(
            "one of the two customers was merged into another already: look them up again".into(),
        ));
    }
    let notes = match (kept.notes.as_deref(), gone.notes.as_deref()) {
        (Some(a), Some(b)) if a != b => Some(format!("{a}\n{b}")),
        (a, b) => a.or(b).map(str::to_owned),
    };
    let max = frontdesk_protocol::limits::CUSTOMER_NOTES_MAX;
    if frontdesk_protocol::limits::cap_opt("notes", notes.as_deref(), max).is_err() {
        return Err(StoreError::BadChange(format!(
            "notes: the two customers' notes together would pass {max} characters; shorten \
             one of them first (nothing was merged)"
        )));
    }
    Ok(notes)
}
