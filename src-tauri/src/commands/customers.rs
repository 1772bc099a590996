//! Customers: lookup as staff type, a customer's page, edits and merges.

use frontdesk_protocol::{CustomerRecordDto, CustomerSummaryDto, EditCustomerRequest};
use uuid::Uuid;

use super::CommandError;
use crate::desk::{CustomerPageView, Desk};

/// Customers matching typed text (any part of the name or email, or phone digits).
#[tauri::command]
pub fn find_customers(
    desk: tauri::State<'_, Desk>,
    text: String,
) -> Result<Vec<CustomerSummaryDto>, CommandError> {
    Ok(desk.find_customers(&text)?)
}

/// A customer's counts and bookings.
#[tauri::command]
pub fn customer_page(
    desk: tauri::State<'_, Desk>,
    id: Uuid,
) -> Result<CustomerPageView, CommandError> {
    Ok(desk.customer_page(id)?)
}

/// Changes a customer's details, made to the version shown.
#[tauri::command]
pub async fn edit_customer(
    desk: tauri::State<'_, Desk>,
    id: Uuid,
    request: EditCustomerRequest,
) -> Result<CustomerRecordDto, CommandError> {
    Ok(desk.edit_customer(id, request).await?)
}

/// Merges `gone` into `keep`; `gone`'s bookings follow.
#[tauri::command]
pub async fn merge_customers(
    desk: tauri::State<'_, Desk>,
    keep: Uuid,
    gone: Uuid,
) -> Result<CustomerRecordDto, CommandError> {
    Ok(desk.merge_customers(keep, gone).await?)
}
