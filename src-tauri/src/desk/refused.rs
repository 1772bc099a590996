//! Changes made here offline that the server refused: this desk's version beside the
//! server's (which the desk now shows), until staff choose — keep the server's, or make
//! their change again on top of it. The same for edits of a customer.

use frontdesk_protocol::{BookingChange, CustomerRecordDto, EditCustomerRequest};
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

/// A refused customer edit as the sync screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RefusedCustomerEditView {
    pub mutation: Uuid,
    /// What staff asked for (made to an older version).
    pub mine: EditCustomerRequest,
    /// The record as the server has it (what the desk shows now).
    pub current: Option<CustomerRecordDto>,
    /// Why the server refused it.
    pub reason: String,
}

impl Desk {
    pub fn refused_customer_edits(&self) -> Result<Vec<RefusedCustomerEditView>, DeskError> {
        let refused = self.local(|s| s.refused_customer_edits())?;
        refused
            .into_iter()
            .map(|r| {
                let current = self.local(|s| s.customer(r.customer))?.map(|c| c.to_dto());
                Ok(RefusedCustomerEditView {
                    mutation: r.mutation,
                    mine: r.request,
                    current,
                    reason: r.reason,
                })
            })
            .collect()
    }

    /// Staff chose: `apply_mine` makes the edit again on the record as it is now, else the
    /// server's record stays.
    pub async fn resolve_refused_customer_edit(
        &self,
        mutation: Uuid,
        apply_mine: bool,
    ) -> Result<Option<CustomerRecordDto>, DeskError> {
        let refused = self
            .local(|s| s.refused_customer_edits())?
            .into_iter()
            .find(|r| r.mutation == mutation)
            .ok_or_else(|| {
                DeskError::Refused(frontdesk_protocol::ErrorBody::new(
                    frontdesk_protocol::ErrorCode::NotFound,
                    "this refused edit was already decided on",
                ))
            })?;
        let applied = if apply_mine {
            let current = self
                .local(|s| s.customer(refused.customer))?
                .ok_or_else(|| DeskError::invalid("this customer is not on this desk any more"))?;
            let request = EditCustomerRequest {
                version: current.version,
                ..refused.request
            };
            Some(self.edit_customer(refused.customer, request).await?)
        } else {
            None
        };
        self.local(|s| s.dismiss_refused_customer_edit(mutation))?;
        self.emit(DeskEvent::BookingsChanged);
        self.emit_status();
        Ok(applied)
    }
}
