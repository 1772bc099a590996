//! Changing customer records: edits made to a version, merges whose bookings follow, the
//! server's records stored at a desk, and what a pull carries.

use rusqlite::{params, TransactionBehavior};
use uuid::Uuid;

use crate::customers::{
    apply_remote_customer, clean, get_customer, query_customers, CustomerEdit, CustomerRecord,
};
use crate::{engine, Store, StoreError, WriteContext, WriteOutcome};

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
    /// [`StoreError::StaleCustomer`], nothing changed), with its audit and change-log rows
    /// (the steps: [`crate::engine::customers::edit`]).
    pub fn edit_customer(
        &mut self,
        id: Uuid,
        version: i64,
        edit: &CustomerEdit,
        ctx: &WriteContext<'_>,
    ) -> Result<(CustomerRecord, WriteOutcome), StoreError> {
        self.write(|l, studio| engine::customers::edit(l, studio.country, id, version, edit, ctx))
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
        self.write(|l, _| engine::customers::merge(l, keep, gone, ctx))
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
