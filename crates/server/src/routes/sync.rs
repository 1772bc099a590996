use axum::extract::Extension;
use axum::Json;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use frontdesk_protocol::{
    ErrorCode, Mutation, MutationOp, PullResponse, PushRequest, PushResponse, PushResult,
    PushStatus,
};
use frontdesk_store::audit::Who;
use frontdesk_store::customers::{CustomerEdit, CustomerRecord};
use frontdesk_store::push_log::PushRecord;
use frontdesk_store::{NewBooking, WriteOutcome};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::app::AppState;
use crate::auth::Desk;
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiQuery};
use crate::pull_page::bounded;
use crate::staff_check::SignedIn;
use crate::storage::{HeldDays, Storage, StorageError};
use frontdesk_protocol::limits::Capped;

/// Applies a desk's queued mutations in order, each in its own transaction (group-committed
/// per chunk). A mutation id seen before changes nothing: it answers `duplicate` if it was
/// applied, and the same `conflict` or `invalid` (with its message) if it was refused.
#[utoipa::path(post, path = "/v1/sync/push", tag = "sync", security(("bearer" = [])),
    request_body = PushRequest,
    responses((status = 200, description = "One result per mutation, in order (a refused mutation is a result, not an error)", body = PushResponse)))]
pub async fn push(
    Extension(app): Extension<AppState>,
    Extension(Desk(desk)): Extension<Desk>,
    signed_in: SignedIn,
    ApiJson(body): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    let tz = app.tz();
    // A few trips to the storage thread per push, each with a chunk of mutations, so the
    // lock is never held for long. Each mutation is still its own transaction (a push cut
    // short keeps what it applied); a chunk's commits are made durable together, with one
    // sync, before the lock is released and anything is answered.
    let mut results = Vec::with_capacity(body.mutations.len());
    let mut rest = body.mutations;
    while !rest.is_empty() {
        let chunk: Vec<Mutation> = rest.drain(..rest.len().min(PUSH_CHUNK)).collect();
        let (events, desk, signed_in) = (app.events().clone(), desk.clone(), signed_in.clone());
        let answered = app
            .run(move |s, now| {
                let mut answered = Vec::with_capacity(chunk.len());
                let mut changed = Vec::new();
                let mut applied = Ok(());
                let mut chunk = chunk.into_iter();
                s.group(&mut |s| {
                    for mutation in chunk.by_ref() {
                        match apply(s, mutation, &desk, &signed_in, now, tz) {
                            Ok((result, seq, released)) => {
                                changed.push((seq, released));
                                answered.push(result);
                            }
                            Err(error) => {
                                applied = Err(error);
                                break;
                            }
                        }
                    }
                })
                .map_err(|e| ApiError::from_store(e, tz))?;
                // Announced only once durable.
                for (seq, released) in changed {
                    if let Some(seq) = seq {
                        events.change(seq);
                    }
                    events.holds(&released);
                }
                applied.map(|()| answered)
            })
            .await??;
        results.extend(answered);
    }
    Ok(Json(PushResponse { results }))
}

/// Mutations applied per trip to the storage thread.
const PUSH_CHUNK: usize = 32;

/// One mutation → its result, the change-log seq it wrote (if any), and released holds.
fn apply(
    s: &mut dyn Storage,
    mutation: Mutation,
    desk: &str,
    signed_in: &SignedIn,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<(PushResult, Option<i64>, HeldDays), ApiError> {
    let store_err = |e| ApiError::from_store(e, tz);
    let id = mutation.id;
    let mut result = PushResult {
        id,
        status: PushStatus::Duplicate,
        booking: None,
        conflicts: None,
        message: None,
    };
    // A mutation answered before gets that answer again: applied ones as `duplicate` (with
    // the booking), refused ones as the same refusal, so a desk whose first answer was lost
    // (killed mid-push, the instance crashed) still learns the server never took it.
    if let Some(seen) = s.push_record(id).map_err(store_err)? {
        if let Some(booking) = seen.booking_id {
            result.booking = s.booking(booking).map_err(store_err)?.map(|b| b.to_dto(tz));
        }
        result.status = match seen.status.as_str() {
            "conflict" => PushStatus::Conflict,
            "invalid" => PushStatus::Invalid,
            _ => PushStatus::Duplicate,
        };
        result.message = match (result.status, seen.message) {
            (PushStatus::Conflict | PushStatus::Invalid, Some(message)) => Some(message),
            _ => Some(format!(
                "mutation {id} was answered before ({})",
                seen.status
            )),
        };
        return Ok((result, None, HeldDays::new()));
    }
    // A text past its cap refuses this mutation alone, as the same request would be.
    if let Err(too_long) = mutation.op.check_caps() {
        result.status = PushStatus::Invalid;
        result.message = Some(too_long.to_string());
        let record = PushRecord {
            status: "invalid".into(),
            booking_id: None,
            message: result.message.clone(),
        };
        s.record_push(id, &record, now).map_err(store_err)?;
        return Ok((result, None, HeldDays::new()));
    }
    // The staff member is the one the server can vouch for, or the mutation is refused alone.
    let sent = crate::staff_check::sent_staff(&mutation.op);
    let staff = match crate::staff_check::at_push(&*s, signed_in, sent, now).map_err(store_err)? {
        Ok(staff) => staff,
        Err(message) => {
            result.status = PushStatus::Conflict;
            result.message = Some(message);
            let record = PushRecord {
                status: "conflict".into(),
                booking_id: None,
                message: result.message.clone(),
            };
            s.record_push(id, &record, now).map_err(store_err)?;
            return Ok((result, None, HeldDays::new()));
        }
    };
    let mut released = HeldDays::new();
    // A refused change of a booking answers the server's booking beside it: the desk keeps
    // its own version and the server's for staff to choose.
    let changed = match &mutation.op {
        MutationOp::ChangeBooking { booking_id, .. } => Some(*booking_id),
        _ => None,
    };
    let outcome = match mutation.op {
        MutationOp::CreateBooking { booking } => {
            let new = NewBooking::from(&booking);
            if let Some(session) = new.session {
                released = s
                    .session_hold_days(session)
                    .map_err(|e| ApiError::from_store(e, tz))?;
            }
            let who = Who {
                desk,
                staff: staff.as_ref(),
            };
            s.create_booking(&new, who, Some(id), now)
        }
        MutationOp::CancelBooking {
            booking_id,
            reason,
            staff: _,
        } => {
            let who = Who {
                desk,
                staff: staff.as_ref(),
            };
            s.cancel_booking(booking_id, reason.as_deref(), who, Some(id), now)
        }
        MutationOp::ChangeBooking {
            booking_id,
            request,
        } => {
            if let frontdesk_protocol::BookingChange::Span {
                session: Some(session),
                ..
            } = &request.change
            {
                released = s
                    .session_hold_days(*session)
                    .map_err(|e| ApiError::from_store(e, tz))?;
            }
            let who = Who {
                desk,
                staff: staff.as_ref(),
            };
            let change = frontdesk_store::booking_changes::Change::from(&request.change);
            s.change_booking(booking_id, request.version, &change, who, Some(id), now)
        }
        MutationOp::EditCustomer {
            customer_id,
            request,
        } => {
            let who = Who {
                desk,
                staff: staff.as_ref(),
            };
            let edit = CustomerEdit::from(&request);
            let written = s.edit_customer(customer_id, request.version, &edit, who, Some(id), now);
            return customer_answer(s, result, written, now, tz);
        }
        MutationOp::MergeCustomers { keep, request } => {
            let who = Who {
                desk,
                staff: staff.as_ref(),
            };
            let written = s.merge_customers(keep, request.gone, who, Some(id), now);
            return customer_answer(s, result, written, now, tz);
        }
    };
    let mut seq = None;
    let booking_id = match outcome {
        Ok((record, written)) => {
            result.status = match written {
                WriteOutcome::Applied => {
                    seq = Some(record.seq);
                    PushStatus::Applied
                }
                WriteOutcome::Duplicate => PushStatus::Duplicate,
            };
            result.booking = Some(record.to_dto(tz));
            Some(record.id)
        }
        Err(error) => {
            released.clear();
            let api = ApiError::from_store(error, tz);
            if api.status.is_server_error() {
                return Err(api);
            }
            result.status = match api.body.error {
                ErrorCode::Conflict | ErrorCode::Stale => PushStatus::Conflict,
                _ => PushStatus::Invalid,
            };
            if let Some(target) = changed {
                result.booking = s.booking(target).map_err(store_err)?.map(|b| b.to_dto(tz));
            }
            result.conflicts = api.body.conflicts;
            result.message = Some(api.body.message);
            // The booking a refused change or cancellation was for, so that the refusal
            // answered again carries it as it is then (the desk puts it back).
            result.booking.as_ref().map(|b| b.id)
        }
    };
    // An applied write recorded its mutation in its own transaction; the rest is noted here.
    if result.status != PushStatus::Applied {
        let status = match result.status {
            PushStatus::Conflict => "conflict",
            PushStatus::Invalid => "invalid",
            _ => "applied",
        };
        let record = PushRecord {
            status: status.into(),
            booking_id,
            message: result.message.clone(),
        };
        s.record_push(id, &record, now).map_err(store_err)?;
    }
    Ok((result, seq, released))
}

/// The answer to a customer mutation: applied (its push-log row committed with it),
/// a duplicate, or refused with the reason (noted here).
fn customer_answer(
    s: &mut dyn Storage,
    mut result: PushResult,
    written: Result<(CustomerRecord, WriteOutcome), StorageError>,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<(PushResult, Option<i64>, HeldDays), ApiError> {
    match written {
        Ok((record, WriteOutcome::Applied)) => {
            result.status = PushStatus::Applied;
            Ok((result, Some(record.seq), HeldDays::new()))
        }
        Ok((_, WriteOutcome::Duplicate)) => Ok((result, None, HeldDays::new())),
        Err(error) => {
            let api = ApiError::from_store(error, tz);
            if api.status.is_server_error() {
                return Err(api);
            }
            result.status = match api.body.error {
                ErrorCode::Conflict | ErrorCode::Stale => PushStatus::Conflict,
                _ => PushStatus::Invalid,
            };
            result.message = Some(api.body.message);
            let record = PushRecord {
                status: if result.status == PushStatus::Conflict {
                    "conflict".into()
                } else {
                    "invalid".into()
                },
                booking_id: None,
                message: result.message.clone(),
            };
            s.record_push(result.id, &record, now)
                .map_err(|e| ApiError::from_store(e, tz))?;
            Ok((result, None, HeldDays::new()))
        }
    }
}

/// The most changes one pull returns.
pub const MAX_PULL: u32 = 5000;
/// A pull stops adding changes once their JSON passes this many bytes (always at least
/// one, with `more: true` so the desk pulls on).
pub use crate::pull_page::PULL_PAGE_BYTES;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PullQuery {
    /// The last sequence the desk has (0 at first).
    since: i64,
    /// At most this many changes (default 500; fewer than 1 counts as 1, more than 5000 as
    /// 5000).
    #[param(nullable = false, format = Int64, minimum = 0, maximum = 4294967295_u64)]
    limit: Option<u32>,
}

/// Every booking created or changed after `since`, oldest first.
#[utoipa::path(get, path = "/v1/sync/pull", tag = "sync", security(("bearer" = [])), params(PullQuery),
    responses((status = 200, body = PullResponse)))]
pub async fn pull(
    Extension(app): Extension<AppState>,
    ApiQuery(q): ApiQuery<PullQuery>,
) -> Result<Json<PullResponse>, ApiError> {
    let tz = app.tz();
    let limit = q.limit.unwrap_or(500).clamp(1, MAX_PULL);
    let since = q.since;
    let (page, studio_version) = app
        .run(move |s, _| (s.pull(since, limit), s.studio_version()))
        .await?;
    let page = page.map_err(|e| ApiError::from_store(e, tz))?;
    let (bookings, more, customers) = (page.bookings, page.more, page.customers);
    // At most about PULL_PAGE_BYTES of them, in change-log order; the cursor stops there.
    let page = bounded(bookings, customers, more, since, tz, PULL_PAGE_BYTES);
    Ok(Json(PullResponse {
        customers: page.customers,
        changes: page.changes,
        cursor: page.cursor,
        more: page.more,
        studio_version,
    }))
}
