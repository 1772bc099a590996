//! Sync planning, pure: what a queued change looks like in the outbox, which mutations a
//! push sends, and what the desk stores for each answer of the server — matched by the
//! mutation's id, never by position. A mutation the server did not answer stays queued and
//! is pushed again (its id makes that harmless).

use std::collections::HashMap;

use frontdesk_protocol::{Mutation, MutationOp, PushResult, PushStatus};
use frontdesk_store::outbox::QueuedMutation;
use frontdesk_store::{OutboxEntry, PushAnswer, RemoteBooking};
use uuid::Uuid;

use crate::desk::DeskError;

/// The outbox row of a mutation: its id, kind and JSON.
pub fn outbox_entry(mutation: &Mutation) -> Result<OutboxEntry, DeskError> {
    OutboxEntry::of(mutation).map_err(|e| DeskError::invalid(e.to_string()))
}

/// The mutations to push, in outbox order.
pub fn mutations(queued: &[QueuedMutation]) -> Result<Vec<Mutation>, DeskError> {
    queued
        .iter()
        .map(|q| {
            serde_json::from_str(&q.entry.payload).map_err(|e| {
                DeskError::invalid(format!(
                    "queued change {} could not be read: {e}",
                    q.entry.mutation_id
                ))
            })
        })
        .collect()
}

/// What to store for the answers of one push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushPlan {
    /// One per answered mutation, in push order.
    pub answers: Vec<PushAnswer>,
    /// Pushed but not answered: they stay queued.
    pub unanswered: Vec<Uuid>,
}

/// Pairs each pushed mutation with the server's result of the same id.
pub fn plan_answers(pushed: &[Mutation], results: &[PushResult]) -> Result<PushPlan, DeskError> {
    let by_id: HashMap<Uuid, &PushResult> = results.iter().map(|r| (r.id, r)).collect();
    let mut plan = PushPlan {
        answers: Vec::with_capacity(pushed.len()),
        unanswered: Vec::new(),
    };
    for mutation in pushed {
        match by_id.get(&mutation.id) {
            Some(result) => plan.answers.push(answer(mutation, result)?),
            None => plan.unanswered.push(mutation.id),
        }
    }
    Ok(plan)
}

fn remote(dto: &frontdesk_protocol::BookingDto) -> Result<RemoteBooking, DeskError> {
    RemoteBooking::try_from(dto).map_err(|e| {
        DeskError::Unreachable(format!(
            "the server answered a booking this desk cannot read: {e}"
        ))
    })
}

fn answer(mutation: &Mutation, result: &PushResult) -> Result<PushAnswer, DeskError> {
    let reason = |what: &str| {
        result
            .message
            .clone()
            .unwrap_or_else(|| format!("the server refused this {what}"))
    };
    if let (
        PushStatus::Conflict | PushStatus::Invalid,
        MutationOp::ChangeBooking {
            booking_id,
            request,
        },
    ) = (&result.status, &mutation.op)
    {
        return Ok(PushAnswer::RefusedChange {
            mutation: mutation.id,
            booking: *booking_id,
            request: request.clone(),
            server: result
                .booking
                .as_ref()
                .map(|dto| Ok::<_, DeskError>((remote(dto)?, dto.seq)))
                .transpose()?,
            reason: reason("change"),
        });
    }
    Ok(match (&result.status, &result.booking) {
        (PushStatus::Applied | PushStatus::Duplicate, Some(dto)) => PushAnswer::Stored {
            mutation: mutation.id,
            booking: remote(dto)?,
            seq: dto.seq,
        },
        (PushStatus::Applied | PushStatus::Duplicate, None) => PushAnswer::Done {
            mutation: mutation.id,
        },
        (PushStatus::Conflict | PushStatus::Invalid, _) => PushAnswer::Refused {
            mutation: mutation.id,
            booking: match &mutation.op {
                MutationOp::CreateBooking { booking } => Some(booking.id),
                MutationOp::CancelBooking { .. }
                | MutationOp::ChangeBooking { .. }
                | MutationOp::EditCustomer { .. }
                | MutationOp::MergeCustomers { .. } => None,
            },
            reason: reason("booking"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontdesk_protocol::{BookingDto, BookingStatusDto, CreateBookingRequest, CustomerDto};

    fn at(s: &str) -> frontdesk_protocol::Instant {
        chrono::DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn create(n: u128) -> Mutation {
        Mutation {
            id: Uuid::from_u128(n),
            op: MutationOp::CreateBooking {
                booking: CreateBookingRequest {
                    id: Uuid::from_u128(1000 + n),
                    room: "studio-a".into(),
                    start: at("2027-01-11T10:00:00+01:00"),
                    end: at("2027-01-11T11:00:00+01:00"),
                    customer: CustomerDto {
                        name: format!("Band {n}"),
                        phone: None,
                        email: None,
                    },
                    note: None,
                    session: None,
                    staff: None,
                    series: None,
                },
            },
        }
    }

    fn cancel(n: u128, booking: u128) -> Mutation {
        Mutation {
            id: Uuid::from_u128(n),
            op: MutationOp::CancelBooking {
                booking_id: Uuid::from_u128(booking),
                reason: None,
                staff: None,
            },
        }
    }

    fn stored(m: &Mutation, seq: i64) -> PushResult {
        let MutationOp::CreateBooking { booking } = &m.op else {
            panic!("a create");
        };
        PushResult {
            id: m.id,
            status: PushStatus::Applied,
            booking: Some(BookingDto {
                id: booking.id,
                room: booking.room.clone(),
                start: booking.start,
                end: booking.end,
                customer: booking.customer.clone(),
                note: None,
                status: BookingStatusDto::Confirmed,
                desk: "reception".into(),
                created_at: booking.start,
                seq,
                price: Some(4000),
                version: 1,
                checked_in_at: None,
                no_show: false,
                payment: frontdesk_protocol::PaymentDto::unpaid(),
                series: None,
                customer_id: None,
                fee: None,
                awaiting_approval: false,
                deposit: None,
            }),
            conflicts: None,
            message: None,
        }
    }

    fn refused(m: &Mutation, message: &str) -> PushResult {
        PushResult {
            id: m.id,
            status: PushStatus::Conflict,
            booking: None,
            conflicts: None,
            message: Some(message.into()),
        }
    }

    fn mutation_of(a: &PushAnswer) -> Uuid {
        match a {
            PushAnswer::Stored { mutation, .. }
            | PushAnswer::Refused { mutation, .. }
            | PushAnswer::RefusedChange { mutation, .. }
            | PushAnswer::Done { mutation } => *mutation,
        }
    }

    #[test]
    fn a_refused_change_keeps_the_request_and_the_servers_booking() {
        let created = create(1);
        let MutationOp::CreateBooking { booking } = &created.op else {
            panic!("a create");
        };
        let change = Mutation {
            id: Uuid::from_u128(7),
            op: MutationOp::ChangeBooking {
                booking_id: booking.id,
                request: frontdesk_protocol::ChangeBookingRequest {
                    version: 1,
                    change: frontdesk_protocol::BookingChange::NoShow,
                    staff: None,
                },
            },
        };
        let server = stored(&created, 9).booking;
        let result = PushResult {
            id: change.id,
            status: PushStatus::Conflict,
            booking: server,
            conflicts: None,
            message: Some("booking changed meanwhile".into()),
        };
        let plan = plan_answers(std::slice::from_ref(&change), &[result]).unwrap();
        let PushAnswer::RefusedChange {
            booking: id,
            request,
            server,
            reason,
            ..
        } = &plan.answers[0]
        else {
            panic!("a refused change: {:?}", plan.answers);
        };
        assert_eq!(*id, booking.id);
        assert_eq!(request.change, frontdesk_protocol::BookingChange::NoShow);
        assert_eq!(server.as_ref().map(|(_, seq)| *seq), Some(9));
        assert_eq!(reason, "booking changed meanwhile");
    }

    #[test]
    fn answers_in_another_order_are_matched_by_id() {
        let pushed = vec![create(1), create(2), cancel(3, 1001)];
        let results = vec![
            PushResult {
                id: pushed[2].id,
                status: PushStatus::Duplicate,
                booking: None,
                conflicts: None,
                message: None,
            },
            refused(&pushed[1], "Studio A is booked 10:00–11:00"),
            stored(&pushed[0], 42),
        ];
        let plan = plan_answers(&pushed, &results).unwrap();
        assert!(plan.unanswered.is_empty());
        // Push order is kept, whatever the order of the answers.
        let order: Vec<Uuid> = plan.answers.iter().map(mutation_of).collect();
        assert_eq!(order, vec![pushed[0].id, pushed[1].id, pushed[2].id]);
        assert!(matches!(
            &plan.answers[0],
            PushAnswer::Stored { booking, seq: 42, .. } if booking.id == Uuid::from_u128(1001)
        ));
        assert_eq!(
            plan.answers[1],
            PushAnswer::Refused {
                mutation: pushed[1].id,
                booking: Some(Uuid::from_u128(1002)),
                reason: "Studio A is booked 10:00–11:00".into(),
            }
        );
        assert_eq!(
            plan.answers[2],
            PushAnswer::Done {
                mutation: pushed[2].id
            }
        );
    }

    #[test]
    fn a_missing_answer_leaves_its_mutation_queued() {
        let pushed = vec![create(1), create(2), create(3)];
        let results = vec![stored(&pushed[2], 7), stored(&pushed[0], 6)];
        let plan = plan_answers(&pushed, &results).unwrap();
        assert_eq!(plan.unanswered, vec![pushed[1].id]);
        let answered: Vec<Uuid> = plan.answers.iter().map(mutation_of).collect();
        assert_eq!(answered, vec![pushed[0].id, pushed[2].id]);
    }

    #[test]
    fn answers_for_mutations_not_pushed_are_ignored() {
        let pushed = vec![create(1)];
        let stray = create(9);
        let results = vec![stored(&stray, 3)];
        let plan = plan_answers(&pushed, &results).unwrap();
        assert!(plan.answers.is_empty());
        assert_eq!(plan.unanswered, vec![pushed[0].id]);
    }

    #[test]
    fn a_refused_cancellation_names_no_booking_and_a_missing_message_is_worded() {
        let pushed = vec![cancel(5, 1001)];
        let results = vec![PushResult {
            id: pushed[0].id,
            status: PushStatus::Invalid,
            booking: None,
            conflicts: None,
            message: None,
        }];
        let plan = plan_answers(&pushed, &results).unwrap();
        assert_eq!(
            plan.answers,
            vec![PushAnswer::Refused {
                mutation: pushed[0].id,
                booking: None,
                reason: "the server refused this booking".into(),
            }]
        );
    }

    #[test]
    fn queued_payloads_round_trip_and_a_broken_one_is_named() {
        let m = create(1);
        let entry = outbox_entry(&m).unwrap();
        assert_eq!(entry.kind, "createBooking");
        let queued = vec![QueuedMutation {
            position: 1,
            entry: entry.clone(),
            attempts: 0,
            last_error: None,
        }];
        assert_eq!(mutations(&queued).unwrap(), vec![m]);
        let broken = vec![QueuedMutation {
            entry: OutboxEntry {
                payload: "{".into(),
                ..entry
            },
            ..queued[0].clone()
        }];
        let error = mutations(&broken).unwrap_err();
        assert!(error.to_string().contains(&Uuid::from_u128(1).to_string()));
    }
}
