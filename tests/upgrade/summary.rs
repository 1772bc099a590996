//! What an upgrade must keep of a file, as JSON: every booking (id, room, start, customer,
//! status, price, payment), customer record, staff member, the studio's name, rooms and
//! version, the change log's head, and what a desk keeps of its own (sync position, work
//! waiting to sync, its settings). Written by the release that made a fixture
//! (`examples/upgrade_fixture.rs`, run by `scripts/upgrade-fixtures.sh`) and compared with
//! what the current code reads from the same file (`tests/upgrade.rs`): both include this
//! file, so the two sides say it the same way.

use frontdesk_store::{Store, StoreError};
use serde_json::{json, Value};

/// The file's contents that an upgrade must keep.
pub fn of_file(store: &mut Store) -> Result<Value, StoreError> {
    let export = store.export()?;
    let mut bookings: Vec<Value> = export
        .bookings
        .iter()
        .map(|b| {
            json!({
                "id": b.id,
                "room": b.room.as_str(),
                "start": b.span.start().to_rfc3339(),
                "end": b.span.end().to_rfc3339(),
                "customer": b.customer.name,
                "phone": b.customer.phone,
                "email": b.customer.email,
                "status": format!("{:?}", b.status),
                "price": b.price,
                "paid": b.payment.amount,
                "version": b.version,
            })
        })
        .collect();
    bookings.sort_by_key(|b| b["id"].to_string());
    let mut customers: Vec<Value> = export
        .customers
        .iter()
        .map(|c| json!({"id": c.id, "name": c.name, "phone": c.phone, "email": c.email}))
        .collect();
    customers.sort_by_key(|c| c["id"].to_string());
    let staff: Vec<Value> = export
        .staff
        .iter()
        .map(|s| json!({"id": s.id, "name": s.name, "role": format!("{:?}", s.role)}))
        .collect();
    Ok(json!({
        "studio": export.studio.name,
        "rooms": export.studio.rooms.iter().map(|r| r.id.as_str().to_owned()).collect::<Vec<_>>(),
        "bookings": bookings,
        "customers": customers,
        "staff": staff,
        "syncCursor": store.sync_cursor()?,
        "waitingToSync": store.outbox_len()?,
        "signOutMinutes": store.sync_value("sign_out_minutes")?,
    }))
}
