//! Customer records made with a booking, edited to a version, merged: the steps, over a
//! [`Ledger`] (the rules: `customers`, `customer_changes`).

use chrono::{DateTime, Utc};
use frontdesk_core::phone::Country;
use frontdesk_core::Customer;
use serde_json::json;
use uuid::Uuid;

use super::bookings::finish;
use super::{CustomerKey, Ledger};
use crate::customer_changes::{check_merge, merged_notes};
use crate::customers::{
    derived_id, email_key, phone_key, stored_phone, CustomerEdit, CustomerRecord,
};
use crate::{StoreError, WriteContext, WriteOutcome};

/// The customer booking `booking` of `customer` belongs to: the record with the same phone
/// digits, else the same email, else one made now with an id derived from the phone, email
/// or (a name-only walk-in) the booking — the same on every desk and the server. The
/// second value is the record made, which the caller stamps last.
pub fn customer_for<L: Ledger>(
    l: &mut L,
    booking: Uuid,
    customer: &Customer,
    country: Option<Country>,
    now: DateTime<Utc>,
) -> Result<(Uuid, Option<Uuid>), L::Error> {
    let phone = stored_phone(customer.phone.as_deref(), country);
    let (pk, ek) = (
        phone_key(phone.as_deref()),
        email_key(customer.email.as_deref()),
    );
    let keys = [
        pk.as_deref().map(CustomerKey::Phone),
        ek.as_deref().map(CustomerKey::Email),
    ];
    for key in keys.into_iter().flatten() {
        if let Some(found) = l.customer_with(key)? {
            return match found.merged_into {
                Some(next) => Ok((current(l, next)?, None)),
                None => Ok((found.id, None)),
            };
        }
    }
    let id = derived_id(booking, pk.as_deref(), ek.as_deref());
    let record = CustomerRecord {
        id,
        name: customer.name.trim().to_owned(),
        phone,
        email: crate::customers::clean(customer.email.as_deref()),
        notes: None,
        merged_into: None,
        version: 1,
        seq: 0,
    };
    if l.insert_customer(&record, now)? {
        return Ok((id, Some(id)));
    }
    Ok((current(l, id)?, None))
}

/// The record a merged one points to (following a chain of merges), or itself.
pub fn current<L: Ledger>(l: &mut L, id: Uuid) -> Result<Uuid, L::Error> {
    let mut id = id;
    for _ in 0..16 {
        match l.customer(id, false)?.and_then(|c| c.merged_into) {
            Some(next) => id = next,
            None => return Ok(id),
        }
    }
    Ok(id)
}

/// Changes a customer's details if the record is still at `version` (else
/// [`StoreError::StaleCustomer`], nothing changed). A mutation applied before answers the
/// record as it is, unchanged.
pub fn edit<L: Ledger>(
    l: &mut L,
    country: Option<Country>,
    id: Uuid,
    version: i64,
    edit: &CustomerEdit,
    ctx: &WriteContext<'_>,
) -> Result<(CustomerRecord, WriteOutcome), L::Error> {
    let (name, phone, email, notes) = edit.checked()?;
    let phone = stored_phone(phone.as_deref(), country);
    let old = l.customer(id, true)?.ok_or(StoreError::NoCustomer(id))?;
    if let Some(mutation) = ctx.mutation {
        if l.was_applied(mutation)? {
            return Ok((old, WriteOutcome::Duplicate));
        }
    }
    if old.version != version {
        return Err(StoreError::StaleCustomer {
            id,
            current: old.version,
            expected: version,
        }
        .into());
    }
    let detail = json!({"customer": id, "name": name});
    let new = CustomerRecord {
        name,
        phone,
        email,
        notes,
        version: old.version + 1,
        ..old
    };
    l.update_customer(&new, ctx.now)?;
    finish(l, ctx, "customer", (id, None), &detail)?;
    Ok((l.stamp_customer(id, ctx.now)?, WriteOutcome::Applied))
}

/// Merges `gone` into `keep`: `gone`'s bookings become `keep`'s, its notes (and a phone or
/// email `keep` lacks) are added to `keep`'s, and `gone` stays only as a pointer to `keep`,
/// so desks that still name it find `keep`.
pub fn merge<L: Ledger>(
    l: &mut L,
    keep: Uuid,
    gone: Uuid,
    ctx: &WriteContext<'_>,
) -> Result<(CustomerRecord, WriteOutcome), L::Error> {
    check_merge(keep, gone)?;
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    let (first, second) = if keep < gone {
        (keep, gone)
    } else {
        (gone, keep)
    };
    let first = l
        .customer(first, true)?
        .ok_or(StoreError::NoCustomer(first))?;
    let second = l
        .customer(second, true)?
        .ok_or(StoreError::NoCustomer(second))?;
    let (kept, old) = if first.id == keep {
        (first, second)
    } else {
        (second, first)
    };
    if old.merged_into == Some(keep) {
        return Ok((kept, WriteOutcome::Duplicate));
    }
    let notes = merged_notes(&kept, &old)?;
    let detail = json!({"keep": keep, "gone": gone, "name": kept.name});
    let merged = CustomerRecord {
        notes,
        phone: kept.phone.clone().or_else(|| old.phone.clone()),
        email: kept.email.clone().or_else(|| old.email.clone()),
        version: kept.version + 1,
        ..kept
    };
    l.update_customer(&merged, ctx.now)?;
    let pointer = CustomerRecord {
        merged_into: Some(keep),
        version: old.version + 1,
        ..old
    };
    l.update_customer(&pointer, ctx.now)?;
    l.relink_bookings(gone, keep)?;
    finish(l, ctx, "merge", (keep, None), &detail)?;
    let record = l.stamp_customer(keep, ctx.now)?;
    l.stamp_customer(gone, ctx.now)?;
    Ok((record, WriteOutcome::Applied))
}
