//! Who is at the desk: staff sign in with their PIN (checked against the salted hash in the
//! desk's file, so it works offline), stay signed in until the desk has been idle for its
//! sign-out time, and every write names them. Wrong PINs are counted per staff member: after
//! [`FREE_TRIES`] the member is locked out for a while that doubles with every further
//! wrong PIN. A studio without staff asks nobody (a desk from before staff existed, or
//! a demo): staff are added in the settings.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use frontdesk_protocol::{ErrorBody, ErrorCode, StaffDto, StaffRef, StaffRole};
use serde::Serialize;
use uuid::Uuid;

use super::{lock, Desk, DeskError};

/// Wrong PINs allowed before the member is locked out.
pub const FREE_TRIES: u32 = 3;
/// The first lockout; each further wrong PIN doubles it, up to [`MAX_LOCK`].
const FIRST_LOCK: Duration = Duration::seconds(30);
const MAX_LOCK: Duration = Duration::minutes(15);

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
    signed_in: Option<(StaffMember, DateTime<Utc>)>,
    wrong: HashMap<Uuid, Tries>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Tries {
    count: u32,
    locked_until: Option<DateTime<Utc>>,
}

impl StaffSession {
    /// The member signed in at `now`, if they have not been idle for `idle`.
    fn current(&mut self, now: DateTime<Utc>, idle: Duration) -> Option<StaffMember> {
        match &self.signed_in {
            Some((member, last)) if now - *last < idle => Some(member.clone()),
            Some(_) => {
                self.signed_in = None;
                None
            }
            None => None,
        }
    }
}

fn refused(code: ErrorCode, message: impl Into<String>) -> DeskError {
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
        let required = !self.local(|s| s.staff())?.is_empty();
        let sign_out_minutes = self.sign_out_minutes()?;
        let (now, idle) = (self.now(), Duration::minutes(i64::from(sign_out_minutes)));
        let mut session = lock(&self.inner.staff);
        let signed_in = session.current(now, idle);
        if touch && signed_in.is_some() {
            if let Some((_, last)) = session.signed_in.as_mut() {
                *last = now;
            }
        }
        Ok(SignInState {
            required,
            signed_in,
            sign_out_minutes,
        })
    }

    /// Signs `id` in with `pin`. A wrong PIN is refused (`wrong_pin`); after
    /// [`FREE_TRIES`] wrong ones the member is locked out for a while (`pin_locked`, the
    /// message says how long), the right PIN included.
    pub fn sign_in(&self, id: Uuid, pin: &str) -> Result<SignInState, DeskError> {
        let member = self
            .local(|s| s.staff())?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| {
                refused(
                    ErrorCode::NotFound,
                    "this staff member is not on the list any more",
                )
            })?;
        let now = self.now();
        if let Some(until) = lock(&self.inner.staff)
            .wrong
            .get(&id)
            .and_then(|t| t.locked_until)
            .filter(|until| *until > now)
        {
            let wait = (until - now).num_seconds().max(1);
            return Err(refused(
                ErrorCode::PinLocked,
                format!(
                    "too many wrong PINs for {}: try again in {wait} s",
                    member.name
                ),
            ));
        }
        // Checking the hash takes a moment: not under the session's lock.
        let right = frontdesk_store::staff::pin_matches(&member.pin_hash, pin);
        let mut session = lock(&self.inner.staff);
        if !right {
            let tries = session.wrong.entry(id).or_default();
            tries.count += 1;
            if tries.count >= FREE_TRIES {
                let doublings = (tries.count - FREE_TRIES).min(10);
                let lock_for = (FIRST_LOCK * 2_i32.pow(doublings)).min(MAX_LOCK);
                tries.locked_until = Some(now + lock_for);
                tracing::warn!(staff = %member.name, wrong = tries.count, "PIN locked");
            }
            return Err(refused(
                ErrorCode::WrongPin,
                format!("that PIN is not {}'s", member.name),
            ));
        }
        session.wrong.remove(&id);
        session.signed_in = Some((StaffMember::from(&member), now));
        drop(session);
        self.sign_in_state()
    }

    pub fn sign_out(&self) {
        lock(&self.inner.staff).signed_in = None;
    }

    /// Staff did something at the desk: the idle time starts again.
    pub fn touch(&self) -> Result<SignInState, DeskError> {
        self.state_of(true)
    }

    /// The staff member a write is made by: the one signed in (if `need` allows their
    /// role), or nobody while the studio has no staff. Refused when a PIN is needed first.
    pub(crate) fn acting(&self, need: StaffRole) -> Result<Option<StaffRef>, DeskError> {
        let state = self.touch()?;
        if !state.required {
            return Ok(None);
        }
        let member = state
            .signed_in
            .ok_or_else(|| refused(ErrorCode::SignInRequired, "sign in with your PIN first"))?;
        if need == StaffRole::Admin && member.role != StaffRole::Admin {
            return Err(refused(
                ErrorCode::AdminRequired,
                format!("{} is not an admin: only an admin can do this", member.name),
            ));
        }
        Ok(Some(StaffRef::new(member.id, member.name)))
    }
}
