//! A studio's desks: enrolled with a one-time code, listed and revoked by an admin.
//!
//! No token is ever copied by hand: `frontdesk-server desk add NAME` (or an admin's
//! `POST /v1/desks`, or a chain administrator's `POST /v1/chain/studios/{id}/desks`) issues
//! a short code that expires within minutes; the new desk sends it once to
//! `POST /v1/enrol` and gets its token. A desk has one token: enrolling it again replaces
//! the old one, and revoking it refuses the token on every instance within seconds.

use serde::{Deserialize, Serialize};

use crate::Instant;

/// Characters of an enrolment code (before the dash that `format_code` puts in the middle).
pub const ENROLMENT_CODE_LEN: usize = 10;

/// `POST /v1/enrol` body (no token): the code an admin was shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct EnrolRequest {
    /// As shown, e.g. `K7QM-2XRP9F` (case, spaces and dashes do not matter).
    pub code: String,
    /// The desk app's version, shown to admins in the desk list.
    #[serde(default)]
    pub app_version: Option<String>,
}

/// `POST /v1/enrol` answer: the desk's token, shown this once (only its hash is stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct EnrolResponse {
    /// The studio's id on this server.
    pub studio: String,
    /// The studio's name, for the desk to show.
    pub studio_name: String,
    pub desk: String,
    /// The token may also change the studio and manage desks.
    pub admin: bool,
    pub token: String,
}

/// `POST /v1/desks` body (an admin's token), and the chain's
/// `POST /v1/chain/studios/{id}/desks`: a desk to enrol (a new one, or one to re-key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AddDeskRequest {
    /// The desk's name, e.g. `reception`: 1 to 40 of `a-z`, `0-9`, `-` and `_`.
    pub name: String,
    /// Its token may also change the studio and manage desks.
    #[serde(default)]
    pub admin: bool,
}

/// A one-time enrolment code for a desk: typed once on the new desk's welcome screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct EnrolmentCode {
    pub studio: String,
    pub desk: String,
    pub admin: bool,
    /// e.g. `K7QM-2XRP9F`; valid once, until `expires_at`.
    pub code: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub expires_at: Instant,
}

/// One desk of the studio, as `GET /v1/desks` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DeskEntry {
    pub name: String,
    pub admin: bool,
    /// Whether the desk has a token now (false: a code was issued and not used yet).
    pub enrolled: bool,
    /// When the desk last made a request (to within a minute), if ever.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub last_seen: Option<Instant>,
    /// The app version it enrolled with or last reported.
    pub app_version: Option<String>,
}

/// `GET /v1/desks` answer (an admin's token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DeskList {
    pub desks: Vec<DeskEntry>,
}

/// A code as typed, reduced to what counts: upper case, without spaces and dashes.
pub fn normalize_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A code as shown: `K7QM2XRP9F` → `K7QM-2XRP9F`.
pub fn format_code(code: &str) -> String {
    let (a, b) = code.split_at(code.len().min(4));
    if b.is_empty() {
        a.to_owned()
    } else {
        format!("{a}-{b}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_however_it_was_typed() {
        assert_eq!(normalize_code(" k7qm-2xrp 9f "), "K7QM2XRP9F");
        assert_eq!(format_code("K7QM2XRP9F"), "K7QM-2XRP9F");
        assert_eq!(normalize_code(&format_code("K7QM2XRP9F")), "K7QM2XRP9F");
    }
}
