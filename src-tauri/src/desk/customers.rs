//! Customers at the desk. Finding them and their page read this file, which holds every
//! record (pulled from the server beside the bookings), so lookup is instant online and
//! offline alike. Edits and merges go to the server when online (its answer is stored
//! here), else into this file with the change queued.

use frontdesk_protocol::{
    CustomerRecordDto, CustomerSummaryDto, EditCustomerRequest, MergeCustomersRequest, MutationOp,
    StaffRole,
};
use frontdesk_store::customers::{CustomerEdit, CustomerRecord};
use serde::Serialize;
use uuid::Uuid;

use super::views::BookingView;
use super::{Desk, DeskError};

/// One customer as the desk shows them: counts, and their bookings newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CustomerPageView {
    pub summary: CustomerSummaryDto,
    pub bookings: Vec<BookingView>,
}

impl Desk {
    /// Customers matching what staff typed: any part of the name or email, or three or
    /// more digits of the phone number.
    pub fn find_customers(&self, text: &str) -> Result<Vec<CustomerSummaryDto>, DeskError> {
        let (now, tz) = (self.now(), self.tz());
        let found = self.local(|s| s.find_customers(text, 8, now))?;
        Ok(found.iter().map(|c| c.to_dto(tz)).collect())
    }

    /// A customer's page (a merged record shows the one it became).
    pub fn customer_page(&self, id: Uuid) -> Result<CustomerPageView, DeskError> {
        let (now, tz) = (self.now(), self.tz());
        let (summary, bookings) = self.local(|s| {
            let summary = s
                .customer_summary(id, now)?
                .ok_or(frontdesk_store::StoreError::NoCustomer(id))?;
            let bookings = s.customer_bookings(summary.customer.id)?;
            Ok((summary, bookings))
        })?;
        Ok(CustomerPageView {
            summary: summary.to_dto(tz),
            bookings: bookings.iter().map(|b| self.view(b)).collect(),
        })
    }

    /// Changes a customer's details made to the version this desk has.
    pub async fn edit_customer(
        &self,
        id: Uuid,
        request: EditCustomerRequest,
    ) -> Result<CustomerRecordDto, DeskError> {
        let staff = self.acting(StaffRole::Staff)?;
        let request = EditCustomerRequest { staff, ..request };
        let sent = &request;
        let record = self
            .server_first(
                |c| async move { self.store_customer_answer(c.edit_customer(id, sent).await?) },
                || {
                    let queued = self.queue(MutationOp::EditCustomer {
                        customer_id: id,
                        request: request.clone(),
                    })?;
                    let ctx = self
                        .write_context(queued.as_ref())
                        .by(request.staff.as_ref());
                    let edit = CustomerEdit::from(&request);
                    let (record, _) =
                        self.local(|s| s.edit_customer(id, request.version, &edit, &ctx))?;
                    Ok(record)
                },
            )
            .await?;
        self.after_write();
        Ok(record.to_dto())
    }

    /// Merges `gone` into `keep`: its bookings follow.
    pub async fn merge_customers(
        &self,
        keep: Uuid,
        gone: Uuid,
    ) -> Result<CustomerRecordDto, DeskError> {
        let staff = self.acting(StaffRole::Staff)?;
        let request = MergeCustomersRequest { gone, staff };
        let sent = &request;
        let record = self
            .server_first(
                |c| async move {
                    let kept = self.store_customer_answer(c.merge_customers(keep, sent).await?)?;
                    // The record merged away, as the server now has it.
                    let merged = CustomerRecord {
                        merged_into: Some(keep),
                        ..self.local(|s| s.customer(gone))?.ok_or_else(|| {
                            DeskError::invalid(format!("there is no customer {gone} here"))
                        })?
                    };
                    self.local(|s| s.store_remote_customer(&merged))?;
                    Ok(kept)
                },
                || {
                    let queued = self.queue(MutationOp::MergeCustomers {
                        keep,
                        request: request.clone(),
                    })?;
                    let ctx = self
                        .write_context(queued.as_ref())
                        .by(request.staff.as_ref());
                    let (record, _) = self.local(|s| s.merge_customers(keep, gone, &ctx))?;
                    Ok(record)
                },
            )
            .await?;
        self.after_write();
        Ok(record.to_dto())
    }

    fn store_customer_answer(&self, dto: CustomerRecordDto) -> Result<CustomerRecord, DeskError> {
        let record = CustomerRecord::from(&dto);
        self.local(|s| s.store_remote_customer(&record))?;
        Ok(record)
    }
}
