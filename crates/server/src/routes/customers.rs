//! Customer records: found as staff type, one customer's page, edits made to a version,
//! merges.

use axum::extract::Extension;
use axum::Json;
use frontdesk_protocol::{
    CustomerPage, CustomerRecordDto, CustomersResponse, EditCustomerRequest, ErrorBody,
    MergeCustomersRequest,
};
use frontdesk_store::audit::Who;
use frontdesk_store::customers::{CustomerEdit, CustomerRecord};
use frontdesk_store::WriteOutcome;

use crate::storage::StorageError;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::Desk;
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath, ApiQuery};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FindQuery {
    /// Any part of the name or email, or three or more digits of the phone number.
    q: String,
    /// At most this many (default 10, at most 50).
    #[param(nullable = false, format = Int64, minimum = 0, maximum = 4294967295_u64)]
    limit: Option<u32>,
}

/// Customers matching typed text, with their counts (merged records are left out).
#[utoipa::path(get, path = "/v1/customers", tag = "customers", security(("bearer" = [])), params(FindQuery),
    responses((status = 200, body = CustomersResponse)))]
pub async fn find(
    Extension(app): Extension<AppState>,
    ApiQuery(q): ApiQuery<FindQuery>,
) -> Result<Json<CustomersResponse>, ApiError> {
    crate::extract::capped_query("q", Some(&q.q), frontdesk_protocol::limits::SEARCH_MAX)?;
    let tz = app.tz();
    let limit = q.limit.unwrap_or(10).clamp(1, 50);
    let found = app
        .run(move |s, now| s.find_customers(&q.q, limit, now))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(CustomersResponse {
        customers: found.iter().map(|c| c.to_dto(tz)).collect(),
    }))
}

/// One customer (a merged record answers the one it became) and their bookings.
#[utoipa::path(get, path = "/v1/customers/{id}", tag = "customers", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Customer id")),
    responses((status = 200, body = CustomerPage), (status = 404, description = "`not_found`", body = ErrorBody)))]
pub async fn page(
    Extension(app): Extension<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<CustomerPage>, ApiError> {
    let tz = app.tz();
    let (summary, bookings) = app
        .run(move |s, now| s.customer_page(id, now))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?
        .ok_or_else(|| ApiError::not_found(format!("there is no customer {id}")))?;
    Ok(Json(CustomerPage {
        summary: summary.to_dto(tz),
        bookings: bookings.iter().map(|b| b.to_dto(tz)).collect(),
    }))
}

/// Changes a customer's details if the record is still at `version`.
#[utoipa::path(put, path = "/v1/customers/{id}", tag = "customers", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Customer id")),
    request_body = EditCustomerRequest,
    responses((status = 200, body = CustomerRecordDto),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`stale`: the record changed since `version`; nothing changed", body = ErrorBody),
        (status = 422, description = "`invalid`: an empty name", body = ErrorBody)))]
pub async fn edit(
    Extension(app): Extension<AppState>,
    Extension(Desk(desk)): Extension<Desk>,
    signed_in: crate::staff_check::SignedIn,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<EditCustomerRequest>,
) -> Result<Json<CustomerRecordDto>, ApiError> {
    let staff = crate::staff_check::verified(&signed_in, body.staff.as_ref())?;
    let written = app
        .run(move |s, now| {
            let who = Who {
                desk: &desk,
                staff: staff.as_ref(),
            };
            s.edit_customer(id, body.version, &CustomerEdit::from(&body), who, None, now)
        })
        .await?;
    answer(&app, written)
}

/// Merges `gone` into the customer of the path: its bookings follow, its notes are kept,
/// and it stays only as a pointer to this one.
#[utoipa::path(post, path = "/v1/customers/{id}/merge", tag = "customers", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The customer kept")),
    request_body = MergeCustomersRequest,
    responses((status = 200, description = "The customer kept", body = CustomerRecordDto),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 422, description = "`invalid`: a customer merged with itself, or one merged already", body = ErrorBody)))]
pub async fn merge(
    Extension(app): Extension<AppState>,
    Extension(Desk(desk)): Extension<Desk>,
    signed_in: crate::staff_check::SignedIn,
    ApiPath(keep): ApiPath<Uuid>,
    ApiJson(body): ApiJson<MergeCustomersRequest>,
) -> Result<Json<CustomerRecordDto>, ApiError> {
    let staff = crate::staff_check::verified(&signed_in, body.staff.as_ref())?;
    let written = app
        .run(move |s, now| {
            let who = Who {
                desk: &desk,
                staff: staff.as_ref(),
            };
            s.merge_customers(keep, body.gone, who, None, now)
        })
        .await?;
    answer(&app, written)
}

/// A customer write's answer: the record, announced on the change log when it changed.
fn answer(
    app: &AppState,
    written: Result<(CustomerRecord, WriteOutcome), StorageError>,
) -> Result<Json<CustomerRecordDto>, ApiError> {
    let (record, outcome) = written.map_err(|e| ApiError::from_store(e, app.tz()))?;
    if outcome == WriteOutcome::Applied {
        app.events().change(record.seq);
    }
    Ok(Json(record.to_dto()))
}
