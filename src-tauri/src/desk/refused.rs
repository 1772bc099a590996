//! Changes made here offline that the server refused: this desk's version beside the
//! server's (which the desk now shows), until staff choose — keep the server's, or make
//! their change again on top of it.

use frontdesk_protocol::BookingChange;
use serde::Serialize;
use uuid::Uuid;

use super::views::{view_of_dto, BookingView};
use super::{Desk, DeskError};
use crate::events::DeskEvent;

/// A refused change as the sync screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RefusedChangeView {
    pub mutation: Uuid,
    /// What staff asked for.
    pub change: BookingChange,
    /// The booking as this desk had it with the change.
    pub mine: BookingView,
    /// The booking as the server has it (what the desk shows now).
    pub current: Option<BookingView>,
    /// Why the server refused it.
    pub reason: String,
}

impl Desk {
    pub fn refused_changes(&self) -> Result<Vec<RefusedChangeView>, DeskError> {
        let refused = self.local(|s| s.refused_changes())?;
        refused
            .into_iter()
            .map(|r| {
                let current = self.local(|s| s.booking(r.booking))?.map(|b| self.view(&b));
                Ok(RefusedChangeView {
                    mutation: r.mutation,
                    change: r.request.change,
                    mine: view_of_dto(&r.local),
                    current,
                    reason: r.reason,
                })
            })
            .collect()
    }

    /// Staff chose: `apply_mine` makes the change again on the booking as it is now (it may
    /// be refused again, e.g. when the time is taken), else the server's version stays.
    pub async fn resolve_refused_change(
        &self,
        mutation: Uuid,
        apply_mine: bool,
    ) -> Result<Option<BookingView>, DeskError> {
        let refused = self
            .local(|s| s.refused_changes())?
            .into_iter()
            .find(|r| r.mutation == mutation)
            .ok_or_else(|| {
                DeskError::Refused(frontdesk_protocol::ErrorBody::new(
                    frontdesk_protocol::ErrorCode::NotFound,
                    "this refused change was already decided on",
                ))
            })?;
        let applied = if apply_mine {
            let change: BookingChange = refused.request.change;
            Some(self.change_booking(refused.booking, change).await?)
        } else {
            None
        };
        self.local(|s| s.dismiss_refused_change(mutation))?;
        self.emit(DeskEvent::BookingsChanged);
        self.emit_status();
        Ok(applied)
    }
}
