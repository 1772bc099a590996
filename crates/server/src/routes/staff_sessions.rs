//! Staff sign in at a desk with their PIN, checked here against the server's own record:
//! the answer is a staff session that the desk's writes carry (`X-Frontdesk-Staff`).
//! Wrong PINs are counted per member and studio in the database (every instance, every
//! restart): from the third on the member is locked out for a while (`pin_locked`, 423).

use axum::extract::Extension;
use axum::http::StatusCode;
use axum::Json;
use chrono::Duration;
use frontdesk_protocol::{ErrorBody, ErrorCode, StaffRole, StaffSession, StaffSignIn};
use frontdesk_store::staff_auth::{locked_message, new_session, session_hash, SESSION_HOURS};

use crate::app::AppState;
use crate::auth::Desk;
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath};
use crate::storage::StorageError;

/// Signs a staff member in: their PIN against the server's record. A member who is not on
/// this studio's staff is refused (`forbidden`); a wrong PIN answers `wrong_pin`; after
/// three wrong PINs in a row the member is locked out (`pin_locked`, the message says how
/// long; the right PIN included).
#[utoipa::path(post, path = "/v1/staff/sessions", tag = "staff", security(("bearer" = [])),
    request_body = StaffSignIn,
    responses((status = 201, description = "Signed in: the staff session", body = StaffSession),
        (status = 403, description = "`forbidden`: no such member in this studio; or `wrong_pin`", body = ErrorBody),
        (status = 423, description = "`pin_locked`: too many wrong PINs, the message says how long to wait", body = ErrorBody)))]
pub async fn open(
    Extension(app): Extension<AppState>,
    Extension(Desk(desk)): Extension<Desk>,
    ApiJson(body): ApiJson<StaffSignIn>,
) -> Result<(StatusCode, Json<StaffSession>), ApiError> {
    let tz = app.tz();
    let id = body.staff_id;
    let (member, tries) = app
        .run(move |s, _| {
            let member = s.staff()?.into_iter().find(|m| m.id == id);
            Ok::<_, StorageError>((member, s.pin_tries(id)?))
        })
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    let member = member.ok_or_else(|| {
        ApiError::new(
            ErrorCode::Forbidden,
            format!("there is no staff member {id} in this studio"),
        )
    })?;
    if let Some(wait) = tries.wait(app.now()) {
        return Err(ApiError::new(
            ErrorCode::PinLocked,
            locked_message(&member.name, wait),
        ));
    }
    // Costly on purpose (see frontdesk_store::pin_verifier): off the async threads.
    let (hash, pin) = (member.pin_hash.clone(), body.pin);
    let right = tokio::task::spawn_blocking(move || {
        pin.chars().all(|c| c.is_ascii_digit())
            && pin.len() >= frontdesk_protocol::OLD_PIN_DIGITS
            && frontdesk_store::staff::pin_matches(&hash, &pin)
    })
    .await
    .map_err(|_| ApiError::internal())?;
    let session = new_session();
    let hashed = session_hash(&session);
    let (opened_by, staff) = (desk.clone(), member.id);
    let (tries, expires_at) = app
        .run(move |s, now| {
            let tries = s.record_pin_try(staff, right, now)?;
            let expires_at = now + Duration::hours(SESSION_HOURS);
            if right {
                s.open_staff_session(&hashed, staff, &opened_by, expires_at, now)?;
            }
            Ok::<_, StorageError>((tries, expires_at))
        })
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    if !right {
        tracing::warn!(desk, staff = %member.name, wrong = tries.wrong, "wrong PIN");
        let mut message = format!("that PIN is not {}'s", member.name);
        if let Some(wait) = tries.wait(app.now()) {
            message = format!("{message}; {}", locked_message(&member.name, wait));
        }
        return Err(ApiError::new(ErrorCode::WrongPin, message));
    }
    Ok((
        StatusCode::CREATED,
        Json(StaffSession {
            session,
            staff_id: member.id,
            name: member.name,
            admin: member.role == StaffRole::Admin,
            expires_at: frontdesk_protocol::in_zone(expires_at, tz),
        }),
    ))
}

/// Ends a staff session opened at this desk (the desk signs its member out).
#[utoipa::path(delete, path = "/v1/staff/sessions/{session}", tag = "staff", security(("bearer" = [])),
    params(("session" = String, Path, description = "The staff session")),
    responses((status = 204, description = "Ended"),
        (status = 404, description = "`not_found`: no such session of this desk", body = ErrorBody)))]
pub async fn close(
    Extension(app): Extension<AppState>,
    Extension(Desk(desk)): Extension<Desk>,
    ApiPath(session): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let tz = app.tz();
    let hash = session_hash(&session);
    let closed = app
        .run(move |s, _| s.close_staff_session(&hash, &desk))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    if closed {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(
            "there is no such staff session of this desk",
        ))
    }
}
