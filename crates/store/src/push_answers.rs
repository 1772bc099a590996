//! The server's answers to one push, stored at the desk: applied bookings as the server
//! has them, refused ones kept as conflicts (or, for a change, beside the server's version),
//! refused customer edits named in the activity log; answered mutations leave the outbox.

use chrono::{DateTime, Utc};
use rusqlite::TransactionBehavior;
use uuid::Uuid;

use crate::remote::{apply_one, set_status};
use crate::{outbox, BookingStatus, RemoteBooking, Store, StoreError};

/// One answer of the server to a pushed mutation, as the desk stores it.
// Short-lived (one push's answers at a time): a refused change keeps its request inline.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushAnswer {
    /// Applied (or applied before): the server's version of the booking.
    Stored {
        mutation: Uuid,
        booking: RemoteBooking,
        seq: i64,
    },
    /// Refused: the booking (if the mutation created one) becomes `conflict`.
    Refused {
        mutation: Uuid,
        booking: Option<Uuid>,
        reason: String,
    },
    /// Answered with nothing to store.
    Done { mutation: Uuid },
    /// A change of a booking the server refused (it changed meanwhile, or the new span is
    /// taken): kept beside this desk's version for staff to choose; the server's version
    /// (if it sent one) replaces the local one.
    RefusedChange {
        mutation: Uuid,
        booking: Uuid,
        request: frontdesk_protocol::ChangeBookingRequest,
        server: Option<(RemoteBooking, i64)>,
        reason: String,
    },
}

impl Store {
    /// Stores the server's answers to one push in one transaction: applied bookings as the
    /// server has them, refused ones as `conflict` with the reason; the answered mutations
    /// leave the outbox.
    pub fn apply_push_answers(
        &mut self,
        answers: &[PushAnswer],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let calendar = self.studio.calendar.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for answer in answers {
            match answer {
                PushAnswer::Stored {
                    mutation,
                    booking,
                    seq,
                } => {
                    apply_one(&tx, &calendar, booking, Some(*seq), now)?;
                    outbox::remove(&tx, *mutation)?;
                }
                PushAnswer::Refused {
                    mutation,
                    booking,
                    reason,
                } => {
                    if let Some(id) = booking {
                        set_status(
                            &tx,
                            &calendar,
                            *id,
                            BookingStatus::Conflict,
                            Some(reason),
                            now,
                        )?;
                    } else if let Some((kind, payload)) = outbox::queued(&tx, *mutation)? {
                        // A refused edit or merge of a customer (the server's record wins
                        // when pulled): the activity log says so, with the reason, and an
                        // edit waits for staff to make it again or keep the server's.
                        crate::refused_customer_edits::keep(&tx, &payload, reason, now)?;
                        let who = crate::audit::Who {
                            desk: &self.desk,
                            staff: None,
                        };
                        crate::audit::record(
                            &tx,
                            now,
                            who,
                            "refused",
                            None,
                            &serde_json::json!({"kind": kind, "reason": reason}),
                        )?;
                    }
                    outbox::remove(&tx, *mutation)?;
                }
                PushAnswer::Done { mutation } => outbox::remove(&tx, *mutation)?,
                PushAnswer::RefusedChange {
                    mutation,
                    booking,
                    request,
                    server,
                    reason,
                } => {
                    crate::refused_changes::keep(
                        &tx,
                        calendar.timezone(),
                        *mutation,
                        *booking,
                        request,
                        reason,
                        now,
                    )?;
                    if let Some((remote, seq)) = server {
                        apply_one(&tx, &calendar, remote, Some(*seq), now)?;
                    }
                    outbox::remove(&tx, *mutation)?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }
}
