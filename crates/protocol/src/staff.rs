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

/// A staff member in [`crate::StudioInfo`] (added after v1). The server keeps the PIN's
/// salted hash (Argon2id, PHC string) and never sends it: each desk gets `pinVerifier`, a
/// verifier bound to its own token (see `frontdesk_store::pin_verifier`), so staff can sign
/// in while the server is unreachable. A standalone desk keeps its own PINs' hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StaffDto {
    pub id: Uuid,
    pub name: String,
    pub role: StaffRole,
    /// The PIN's hash where it is kept (a server's database, a standalone desk's file);
    /// empty (left out) in what a server sends to desks.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub pin_hash: String,
    /// What a server sends a desk instead of the hash: `fdv1$…`, checkable only with that
    /// desk's token (added with staff sessions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub pin_verifier: Option<String>,
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
    /// 6 to 8 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub pin: Option<String>,
}

/// Who made a write (added after v1): recorded in the audit log beside the desk. A server
/// records only what it verified: the member of the write's staff session
/// ([`STAFF_SESSION_HEADER`]), whatever name was sent; or, for a write queued after an
/// offline sign-in (`offline`), the member as the server knows them, marked offline and
/// unverified, if they were in the studio at `at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StaffRef {
    pub id: Uuid,
    pub name: String,
    /// The member signed in at the desk without the server (their PIN checked there).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub offline: bool,
    /// When the desk made the write (offline sign-ins: the server checks the member was
    /// in the studio then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    #[cfg_attr(feature = "ts", ts(optional = nullable, type = "string"))]
    pub at: Option<crate::Instant>,
}

impl StaffRef {
    /// A member as signed in with the server (or at a standalone desk).
    pub fn new(id: Uuid, name: impl Into<String>) -> StaffRef {
        StaffRef {
            id,
            name: name.into(),
            offline: false,
            at: None,
        }
    }
}

/// The header a write carries its staff session in (from `POST /v1/staff/sessions`).
pub const STAFF_SESSION_HEADER: &str = "x-frontdesk-staff";

/// `POST /v1/staff/sessions` body: a staff member signing in at a desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StaffSignIn {
    pub staff_id: Uuid,
    pub pin: String,
}

impl crate::limits::Capped for StaffSignIn {
    fn check_caps(&self) -> Result<(), crate::limits::TooLong> {
        crate::limits::cap("pin", &self.pin, crate::limits::PIN_MAX)
    }
}

/// `POST /v1/staff/sessions` answer: a staff session, valid until `expires_at` or until
/// the desk ends it (`DELETE /v1/staff/sessions/{session}`). Only its hash is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StaffSession {
    /// Sent with each write as `X-Frontdesk-Staff`.
    pub session: String,
    pub staff_id: Uuid,
    /// The member's name as the server has it (what the audit records).
    pub name: String,
    pub admin: bool,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub expires_at: crate::Instant,
}

/// The shortest and longest PIN set from now on.
pub const PIN_DIGITS: std::ops::RangeInclusive<usize> = 6..=8;

/// The shortest PIN that still signs in: 4-digit PINs set before the 6-digit rule keep
/// working until they are changed (refusing them would lock staff out of a running
/// studio); every new or changed PIN has [`PIN_DIGITS`].
pub const OLD_PIN_DIGITS: usize = 4;

/// Whether `pin` may be set as a PIN: 6 to 8 digits.
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
        let admin = member("Mia", StaffRole::Admin, Some("654321"));
        assert_eq!(check_staff(&[]), Ok(()));
        assert_eq!(check_staff(std::slice::from_ref(&admin)), Ok(()));

        let short = member("Jo", StaffRole::Staff, Some("123"));
        let e = check_staff(&[admin.clone(), short]).unwrap_err();
        assert_eq!(e.field, "staff[1].pin");
        assert!(e.message.contains("6 to 8 digits"), "{e}");
        let four = member("Jo", StaffRole::Staff, Some("1234"));
        assert_eq!(
            check_staff(&[admin.clone(), four]).unwrap_err().field,
            "staff[1].pin"
        );

        let letters = member("Jo", StaffRole::Staff, Some("12a456"));
        assert_eq!(
            check_staff(&[admin.clone(), letters]).unwrap_err().field,
            "staff[1].pin"
        );
        let nameless = member("  ", StaffRole::Staff, Some("123456"));
        assert_eq!(
            check_staff(&[admin.clone(), nameless]).unwrap_err().field,
            "staff[1].name"
        );
        let twin = member("mia", StaffRole::Staff, Some("123456"));
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
        let no_admin = member("Jo", StaffRole::Staff, Some("123456"));
        assert_eq!(check_staff(&[no_admin]).unwrap_err().field, "staff");
    }
}
