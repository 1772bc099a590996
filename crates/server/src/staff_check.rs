//! Which staff member a write is recorded as: only one the server verified.
//!
//! - A write sent while the desk is online carries its staff session
//!   (`X-Frontdesk-Staff`, from `POST /v1/staff/sessions`); the member is the session's,
//!   with the name the server has for them. A staff id in the body that is not the
//!   session's, a staff member named without a session, or a session that is unknown,
//!   expired, another studio's or another desk's is refused (403 `forbidden`, nothing
//!   written); a name that disagrees with the server's is not recorded.
//! - A pushed mutation (`POST /v1/sync/push`) is the session's member's if the push carries
//!   their session and the mutation does not say it was made after an offline sign-in.
//!   Otherwise it is recorded as an offline, unverified sign-in (`offline` in the audit, the
//!   activity's `staffOffline`) with the server's name of the member, if the member is in
//!   the studio, or left it after the write was made at the desk; else it is refused alone,
//!   as a `conflict` staff see.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chrono::{DateTime, Utc};
use frontdesk_protocol::{ErrorCode, MutationOp, StaffRef, STAFF_SESSION_HEADER};

use crate::app::AppState;
use crate::auth::Desk;
use crate::error::ApiError;
use crate::storage::Storage;

/// The member of the request's staff session (none sent: `None`); a session sent that is
/// not a live one of this studio and desk is refused before the body is read.
#[derive(Debug, Clone, Default)]
pub struct SignedIn(pub Option<StaffRef>);

/// What a refused write says about its staff session.
fn forbidden(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::Forbidden, message)
}

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(STAFF_SESSION_HEADER) else {
            return Ok(SignedIn(None));
        };
        let session = value.to_str().map(str::trim).unwrap_or_default().to_owned();
        let (Some(app), Some(Desk(desk))) = (
            parts.extensions.get::<AppState>().cloned(),
            parts.extensions.get::<Desk>().cloned(),
        ) else {
            return Err(ApiError::unauthorized());
        };
        let tz = app.tz();
        let hash = frontdesk_store::staff_auth::session_hash(&session);
        let found = app
            .run(move |s, now| {
                let Some((staff, opened_at)) = s.staff_session(&hash, now)? else {
                    return Ok(None);
                };
                let member = s.staff()?.into_iter().find(|m| m.id == staff);
                Ok::<_, crate::storage::StorageError>(member.map(|m| (m, opened_at)))
            })
            .await?
            .map_err(|e| ApiError::from_store(e, tz))?;
        match found {
            Some((member, opened_at)) if opened_at == desk => {
                Ok(SignedIn(Some(StaffRef::new(member.id, member.name))))
            }
            Some(_) => Err(forbidden(
                "this staff session was opened at another desk: sign in here; nothing was written",
            )),
            None => Err(forbidden(
                "the staff session (X-Frontdesk-Staff) is unknown, has ended or has expired, \
                 or its member is no longer on the staff: sign in again; nothing was written",
            )),
        }
    }
}

/// The staff member an online write is recorded as (see the module's notes).
pub fn verified(
    signed_in: &SignedIn,
    sent: Option<&StaffRef>,
) -> Result<Option<StaffRef>, ApiError> {
    match (&signed_in.0, sent) {
        (None, None) => Ok(None),
        (Some(member), None) => Ok(Some(member.clone())),
        (Some(member), Some(sent)) if sent.id == member.id => Ok(Some(member.clone())),
        (Some(member), Some(sent)) => Err(forbidden(format!(
            "the staff session is {}'s, not staff member {}'s: a write is recorded as the \
             member signed in; nothing was written",
            member.name, sent.id
        ))),
        (None, Some(sent)) => Err(forbidden(format!(
            "a write naming staff member {} needs their staff session (X-Frontdesk-Staff, from \
             POST /v1/staff/sessions): the server records only staff it verified; nothing was \
             written",
            sent.id
        ))),
    }
}

/// The staff reference a queued mutation carries.
pub fn sent_staff(op: &MutationOp) -> Option<&StaffRef> {
    match op {
        MutationOp::CreateBooking { booking } => booking.staff.as_ref(),
        MutationOp::CancelBooking { staff, .. } => staff.as_ref(),
        MutationOp::ChangeBooking { request, .. } => request.staff.as_ref(),
        MutationOp::EditCustomer { request, .. } => request.staff.as_ref(),
        MutationOp::MergeCustomers { request, .. } => request.staff.as_ref(),
    }
}

/// The staff member a pushed mutation is recorded as, or why it is refused (see the
/// module's notes). `now` stands in for a write's time the desk did not send.
pub fn at_push(
    s: &dyn Storage,
    signed_in: &SignedIn,
    sent: Option<&StaffRef>,
    now: DateTime<Utc>,
) -> Result<Result<Option<StaffRef>, String>, crate::storage::StorageError> {
    let Some(sent) = sent else {
        return Ok(Ok(None));
    };
    if let Some(member) = &signed_in.0 {
        if member.id == sent.id && !sent.offline {
            return Ok(Ok(Some(member.clone())));
        }
    }
    let at = sent.at.map_or(now, |t| t.with_timezone(&Utc));
    let offline = |name: &str| StaffRef {
        id: sent.id,
        name: name.to_owned(),
        offline: true,
        at: sent.at,
    };
    if let Some(member) = s.staff()?.into_iter().find(|m| m.id == sent.id) {
        return Ok(Ok(Some(offline(&member.name))));
    }
    Ok(match s.staff_left_at(sent.id)? {
        Some((left, name)) if left > at => Ok(Some(offline(&name))),
        Some((left, name)) => Err(format!(
            "{name} had left the studio's staff ({left}) before this change was made at the \
             desk: the server records only staff of the studio; nothing was written"
        )),
        None => Err(format!(
            "staff member {} ({}) is not on this studio's staff: the server records only staff \
             of the studio; nothing was written",
            sent.name, sent.id
        )),
    })
}
