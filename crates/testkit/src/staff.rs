//! Staff members for a studio change, from a name and a PIN.

use frontdesk_protocol::{StaffRole, StaffUpdate};
use uuid::Uuid;

fn member(name: &str, role: StaffRole, pin: &str) -> StaffUpdate {
    StaffUpdate {
        id: Uuid::new_v4(),
        name: name.to_owned(),
        role,
        pin: Some(pin.to_owned()),
    }
}

pub fn admin(name: &str, pin: &str) -> StaffUpdate {
    member(name, StaffRole::Admin, pin)
}

pub fn staff(name: &str, pin: &str) -> StaffUpdate {
    member(name, StaffRole::Staff, pin)
}

/// `members` as sent again without their PINs (each keeps the PIN it has).
pub fn keeping_pins(members: &[StaffUpdate]) -> Vec<StaffUpdate> {
    members
        .iter()
        .map(|m| StaffUpdate {
            pin: None,
            ..m.clone()
        })
        .collect()
}
