//! Who is at the desk: staff sign in with their PIN ([`super::staff_sign_in`]: checked by
//! the server when it answers, which gives a staff session the desk's requests carry; else
//! against the desk's offline verifier), stay signed in until the desk has been idle for
//! its sign-out time, and every write names them — marked as an offline sign-in when the
//! server did not check the PIN. Wrong PINs are counted per member in the desk's file (and
//! on the server): after [`FREE_TRIES`] the member is locked out for a while that doubles
//! with every further wrong PIN, across restarts. A studio without staff asks nobody (a
//! desk from before staff existed, or a demo): staff are added in the settings.

use chrono::{DateTime, Duration, Utc};
use frontdesk_protocol::{ErrorBody, ErrorCode, StaffDto, StaffRef, StaffRole};
use serde::Serialize;
use uuid::Uuid;

use super::{lock, Connection, Desk, DeskError};

pub use frontdesk_store::staff_auth::FREE_TRIES;

/// Minutes without a write or a touch after which the desk signs its staff member out.
pub const DEFAULT_SIGN_OUT_MINUTES: u32 = 5;
pub const SIGN_OUT_MINUTES: std::ops::RangeInclusive<u32> = 1..=240;
const SIGN_OUT_KEY: &str = "sign_out_minutes";

/// A staff member as the sign-in screen lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StaffMember {
    pub id: Uuid,
    pub name: String,
    pub role: StaffRole,
}

impl From<&StaffDto> for StaffMember {
    fn from(m: &StaffDto) -> Self {
        StaffMember {
            id: m.id,
            name: m.name.clone(),
            role: m.role,
        }
    }
}

/// Who is signed in, and whether the studio asks for a PIN at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SignInState {
    /// False while the studio has no staff: nobody is asked.
    pub required: bool,
    #[cfg_attr(test, ts(optional = nullable))]
    pub signed_in: Option<StaffMember>,
    pub sign_out_minutes: u32,
}

#[derive(Debug, Default)]
pub(crate) struct StaffSession {
    pub(super) signed_in: Option<Signed>,
}

/// The member signed in, when they last did something, and how they signed in.
#[derive(Debug, Clone)]
pub(super) struct Signed {
    pub(super) member: StaffMember,
    pub(super) last: DateTime<Utc>,
    /// The staff session the server gave (its requests carry it), and until when.
    pub(super) server_session: Option<(String, DateTime<Utc>)>,
    /// Signed in without the server while one is configured: writes say so.
    pub(super) offline: bool,
}

impl StaffSession {
    /// Who is signed in at `now`, if they have not been idle for `idle`.
    fn current(&mut self, now: DateTime<Utc>, idle: Duration) -> Option<Signed> {
        match &self.signed_in {
            Some(signed) if now - signed.last < idle => Some(signed.clone()),
            Some(_) => {
                self.signed_in = None;
                None
            }
            None => None,
        }
    }
}

pub(super) fn refused(code: ErrorCode, message: impl Into<String>) -> DeskError {
    DeskError::Refused(ErrorBody::new(code, message))
}

impl Desk {
    /// The staff who can sign in here.
    pub fn staff_members(&self) -> Result<Vec<StaffMember>, DeskError> {
        Ok(self
            .local(|s| s.staff())?
            .iter()
            .map(StaffMember::from)
            .collect())
    }

    pub fn sign_out_minutes(&self) -> Result<u32, DeskError> {
        let saved = self.local(|s| s.sync_value(SIGN_OUT_KEY))?;
        Ok(saved
            .and_then(|m| m.parse().ok())
            .filter(|m| SIGN_OUT_MINUTES.contains(m))
            .unwrap_or(DEFAULT_SIGN_OUT_MINUTES))
    }

    pub fn save_sign_out_minutes(&self, minutes: u32) -> Result<(), DeskError> {
        if !SIGN_OUT_MINUTES.contains(&minutes) {
            return Err(DeskError::invalid(format!(
                "signOutMinutes: between {} and {} minutes, not {minutes}",
                SIGN_OUT_MINUTES.start(),
                SIGN_OUT_MINUTES.end()
            )));
        }
        self.local(|s| s.set_sync_value(SIGN_OUT_KEY, &minutes.to_string()))
    }

    /// Whether a PIN is asked, and who is signed in now.
    pub fn sign_in_state(&self) -> Result<SignInState, DeskError> {
        self.state_of(false)
    }

    /// The sign-in state; with `touch`, the signed-in member's idle time starts again. One
    /// read of the staff and of the sign-out time.
    fn state_of(&self, touch: bool) -> Result<SignInState, DeskError> {
        Ok(self.signed_of(touch)?.0)
    }

    /// The sign-in state and who is signed in, with how.
    fn signed_of(&self, touch: bool) -> Result<(SignInState, Option<Signed>), DeskError> {
        let required = !self.local(|s| s.staff())?.is_empty();
        let sign_out_minutes = self.sign_out_minutes()?;
        let (now, idle) = (self.now(), Duration::minutes(i64::from(sign_out_minutes)));
        let mut session = lock(&self.inner.staff);
        let signed = session.current(now, idle);
        if touch && signed.is_some() {
            if let Some(signed) = session.signed_in.as_mut() {
                signed.last = now;
            }
        }
        let state = SignInState {
            required,
            signed_in: signed.as_ref().map(|s| s.member.clone()),
            sign_out_minutes,
        };
        Ok((state, signed))
    }

    /// The staff session the desk's requests to its server carry, if any (none once it
    /// has expired).
    pub(crate) fn server_staff_session(&self) -> Option<String> {
        let now = self.now();
        lock(&self.inner.staff)
            .signed_in
            .as_ref()
            .and_then(|s| s.server_session.as_ref())
            .filter(|(_, until)| *until > now)
            .map(|(session, _)| session.clone())
    }

    /// Staff did something at the desk: the idle time starts again.
    pub fn touch(&self) -> Result<SignInState, DeskError> {
        self.state_of(true)
    }

    /// The staff member a write is made by: the one signed in (if `need` allows their
    /// role), or nobody while the studio has no staff. Refused when a PIN is needed first.
    /// Signed in offline and the server answers again: the member signs in anew so the
    /// server can vouch for them.
    pub(crate) fn acting(&self, need: StaffRole) -> Result<Option<StaffRef>, DeskError> {
        let (state, signed) = self.signed_of(true)?;
        if !state.required {
            return Ok(None);
        }
        let signed = signed
            .ok_or_else(|| refused(ErrorCode::SignInRequired, "sign in with your PIN first"))?;
        if signed.offline && matches!(self.connection(), Connection::Online(_)) {
            lock(&self.inner.staff).signed_in = None;
            return Err(refused(
                ErrorCode::SignInRequired,
                "the server answers again: sign in with your PIN once more so it can vouch for you",
            ));
        }
        if matches!(&signed.server_session, Some((_, until)) if *until <= self.now()) {
            lock(&self.inner.staff).signed_in = None;
            return Err(refused(
                ErrorCode::SignInRequired,
                "your sign-in with the server has expired: sign in with your PIN again",
            ));
        }
        let member = signed.member;
        if need == StaffRole::Admin && member.role != StaffRole::Admin {
            return Err(refused(
                ErrorCode::AdminRequired,
                format!("{} is not an admin: only an admin can do this", member.name),
            ));
        }
        Ok(Some(StaffRef {
            offline: signed.offline,
            at: Some(frontdesk_protocol::in_zone(self.now(), self.tz())),
            ..StaffRef::new(member.id, member.name)
        }))
    }
}
