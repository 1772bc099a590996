//! The studio's staff: members with a role and a PIN kept as a salted Argon2id hash (see
//! [`crate::pin_verifier`] for its costs and what desks get instead). An admin's studio
//! change replaces the list (a member sent without a PIN keeps theirs; a member left out
//! is noted as gone, with when); a desk adopting its server's studio takes the server's
//! list with its own offline verifiers, so staff can sign in offline.

use frontdesk_protocol::{check_pin, StaffDto, StaffRole, StaffUpdate};
use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::{Store, StoreError};

/// The PIN's salted hash (a PHC string naming algorithm, parameters and salt), for a new or
/// changed PIN: 6 to 8 digits.
pub fn hash_pin(pin: &str) -> Result<String, StoreError> {
    check_pin(pin).map_err(|message| StoreError::Staff {
        field: "pin".to_owned(),
        message,
    })?;
    crate::pin_verifier::hash_with_cost(pin).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Whether `pin` is the one `hash` was made from (false for a hash that cannot be read).
pub fn pin_matches(hash: &str, pin: &str) -> bool {
    crate::pin_verifier::record_matches(hash, pin)
}

pub(crate) fn load(conn: &Connection) -> Result<Vec<StaffDto>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT id, name, role, pin_hash FROM staff ORDER BY position")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut staff = Vec::new();
    for row in rows {
        let (id, name, role, pin_hash) = row?;
        staff.push(StaffDto {
            id: Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt(format!("staff id: {e}")))?,
            name,
            role: StaffRole::parse(&role)
                .ok_or_else(|| StoreError::Corrupt(format!("staff role {role}")))?,
            pin_hash,
            pin_verifier: None,
        });
    }
    Ok(staff)
}

/// Replaces the staff with `members` as they are: their hashes, or (a desk adopting its
/// server's staff) the verifiers the server made for this desk.
pub(crate) fn replace(tx: &Connection, members: &[StaffDto]) -> Result<(), StoreError> {
    tx.execute("DELETE FROM staff", [])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO staff (id, name, role, pin_hash, position) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, m) in members.iter().enumerate() {
        insert.execute(params![
            m.id.to_string(),
            m.name.trim(),
            m.role.as_str(),
            m.pin_verifier.as_deref().unwrap_or(&m.pin_hash),
            position as i64
        ])?;
    }
    Ok(())
}

/// The members of `before` that `after` leaves out.
pub fn departed<'a>(before: &'a [StaffDto], after: &[StaffDto]) -> Vec<&'a StaffDto> {
    before
        .iter()
        .filter(|b| !after.iter().any(|a| a.id == b.id))
        .collect()
}

/// The staff after `changes` to `current`: checked, new PINs hashed, unchanged ones kept.
/// Pure: the server's PostgreSQL applies the same rules.
pub fn merged(current: &[StaffDto], changes: &[StaffUpdate]) -> Result<Vec<StaffDto>, StoreError> {
    frontdesk_protocol::check_staff(changes).map_err(|e| StoreError::Staff {
        field: e.field,
        message: e.message,
    })?;
    let mut members = Vec::with_capacity(changes.len());
    for (i, change) in changes.iter().enumerate() {
        let pin_hash = match &change.pin {
            Some(pin) => hash_pin(pin)?,
            None => current
                .iter()
                .find(|m| m.id == change.id)
                .map(|m| m.pin_hash.clone())
                .ok_or_else(|| StoreError::Staff {
                    field: format!("staff[{i}].pin"),
                    message: format!("{} is new here and needs a PIN", change.name.trim()),
                })?,
        };
        members.push(StaffDto {
            id: change.id,
            name: change.name.trim().to_owned(),
            role: change.role,
            pin_hash,
            pin_verifier: None,
        });
    }
    Ok(members)
}

impl Store {
    /// The staff, in the order the admin listed them.
    pub fn staff(&self) -> Result<Vec<StaffDto>, StoreError> {
        load(&self.conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_stored_salted_and_checked() {
        let a = hash_pin("471100").unwrap();
        let b = hash_pin("471100").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "two hashes of one PIN differ by their salt");
        assert!(pin_matches(&a, "471100"));
        assert!(pin_matches(&b, "471100"));
        assert!(!pin_matches(&a, "471200"));
        assert!(!pin_matches("not a hash", "471100"));
        let e = hash_pin("4711").unwrap_err();
        assert!(e.to_string().contains("6 to 8 digits"), "{e}");
    }
}
