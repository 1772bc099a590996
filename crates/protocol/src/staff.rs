//! The studio's staff on the wire: members with a role and a PIN (only its salted hash is
//! ever sent back), and the member a write is made by.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::studio_convert::FieldError;

/// What a staff member may do: `staff` books; `admin` also changes the studio's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    Staff,
    Admin,
}

impl StaffRole {
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Staff => "staff",
            StaffRole::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<StaffRole> {
        match text {
            "staff" => Some(StaffRole::Staff),
            "admin" => Some(StaffRole::Admin),
            _ => None,
        }
    }
}

/// A staff member in [`crate::StudioInfo`] (added after v1). Desks keep the PIN's salted
/// hash (Argon2id, PHC string) so staff can sign in while the server is unreachable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StaffDto {
    pub id: Uuid,
    pub name: String,
    pub role: StaffRole,
    pub pin_hash: String,
}

/// A staff member in a [`crate::StudioUpdate`]: `pin` sets a new PIN (required for a new
/// member), left out it keeps the member's PIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StaffUpdate {
    pub id: Uuid,
    pub name: String,
    pub role: StaffRole,
    /// 4 to 8 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub pin: Option<String>,
}

/// Who made a write (added after v1): recorded in the audit log beside the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StaffRef {
    pub id: Uuid,
    pub name: String,
}

/// The shortest and longest PIN.
pub const PIN_DIGITS: std::ops::RangeInclusive<usize> = 4..=8;

/// Whether `pin` is a PIN: 4 to 8 digits.
pub fn check_pin(pin: &str) -> Result<(), String> {
    if !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err("a PIN is digits only".to_owned());
    }
    if !PIN_DIGITS.contains(&pin.len()) {
        return Err(format!(
            "a PIN has {} to {} digits, this one has {}",
            PIN_DIGITS.start(),
            PIN_DIGITS.end(),
            pin.len()
        ));
    }
    Ok(())
}

/// Checks a staff list as a whole; errors name the field (`staff[1].pin`). Whether a
/// member without `pin` already has one is the store's to say.
pub fn check_staff(staff: &[StaffUpdate]) -> Result<(), FieldError> {
    let field = |i: usize, name: &str, message: String| FieldError {
        field: format!("staff[{i}].{name}"),
        message,
    };
    for (i, member) in staff.iter().enumerate() {
        if member.name.trim().is_empty() {
            return Err(field(i, "name", "a staff member needs a name".to_owned()));
        }
        if staff[..i].iter().any(|m| m.id == member.id) {
            return Err(field(i, "id", format!("{} is listed twice", member.id)));
        }
        if staff[..i]
            .iter()
            .any(|m| m.name.trim().eq_ignore_ascii_case(member.name.trim()))
        {
            return Err(field(
                i,
                "name",
                format!("two staff members are called {}", member.name.trim()),
            ));
        }
        if let Some(pin) = &member.pin {
            check_pin(pin).map_err(|m| field(i, "pin", m))?;
        }
    }
    if !staff.is_empty() && !staff.iter().any(|m| m.role == StaffRole::Admin) {
        return Err(FieldError {
            field: "staff".to_owned(),
            message: "at least one staff member is an admin (or nobody could change the settings)"
                .to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str, role: StaffRole, pin: Option<&str>) -> StaffUpdate {
        StaffUpdate {
            id: Uuid::new_v4(),
            name: name.to_owned(),
            role,
            pin: pin.map(str::to_owned),
        }
    }

    #[test]
    fn a_staff_list_is_checked_field_by_field() {
        let admin = member("Mia", StaffRole::Admin, Some("4321"));
        assert_eq!(check_staff(&[]), Ok(()));
        assert_eq!(check_staff(std::slice::from_ref(&admin)), Ok(()));

        let short = member("Jo", StaffRole::Staff, Some("123"));
        let e = check_staff(&[admin.clone(), short]).unwrap_err();
        assert_eq!(e.field, "staff[1].pin");
        assert!(e.message.contains("4 to 8 digits"), "{e}");

        let letters = member("Jo", StaffRole::Staff, Some("12a4"));
        assert_eq!(
            check_staff(&[admin.clone(), letters]).unwrap_err().field,
            "staff[1].pin"
        );
        let nameless = member("  ", StaffRole::Staff, Some("1234"));
        assert_eq!(
            check_staff(&[admin.clone(), nameless]).unwrap_err().field,
            "staff[1].name"
        );
        let twin = member("mia", StaffRole::Staff, Some("1234"));
        assert_eq!(
            check_staff(&[admin.clone(), twin]).unwrap_err().field,
            "staff[1].name"
        );
        assert_eq!(
            check_staff(&[admin.clone(), admin.clone()])
                .unwrap_err()
                .field,
            "staff[1].id"
        );
        let no_admin = member("Jo", StaffRole::Staff, Some("1234"));
        assert_eq!(check_staff(&[no_admin]).unwrap_err().field, "staff");
    }
}
