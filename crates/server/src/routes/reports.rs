//! The studio's numbers, one request per report: occupancy and customers for any desk of
//! the studio, money and payments for admin tokens only. Every report is of the token's
//! studio; the period and rooms are checked by `ReportQuery::check` before the database is
//! asked.

use axum::extract::Extension;
use axum::Json;
use frontdesk_protocol::{
    CustomersReport, ErrorBody, ErrorCode, MoneyReport, OccupancyReport, PageQuery, PaymentsReport,
    ReportPeriod, ReportQuery, ReportQueryError,
};

use crate::app::AppState;
use crate::auth::Admin;
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::storage::{Storage, StorageError};

/// How busy each room was (open, booked and changeover minutes from the day masks) and the
/// weekday × hour heatmap of the selected rooms.
#[utoipa::path(get, path = "/v1/reports/occupancy", tag = "reports", security(("bearer" = [])),
    params(ReportQuery),
    responses((status = 200, body = OccupancyReport),
        (status = 422, description = "`invalid`: `to` is before `from` or more than three years after it, or `rooms` names none (the message names the field); `unknown_room`: the studio has no such rooms (named in `unknown`)", body = ErrorBody)))]
pub async fn occupancy(
    Extension(app): Extension<AppState>,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> Result<Json<OccupancyReport>, ApiError> {
    report(&app, &query, |s, period| s.occupancy_report(period)).await
}

/// Billed, paid and unpaid of the bookings starting in the period, by room, month and
/// payment method (admin tokens only).
#[utoipa::path(get, path = "/v1/reports/money", tag = "reports", security(("bearer" = [])),
    params(ReportQuery),
    responses((status = 200, body = MoneyReport),
        (status = 403, description = "`forbidden`: money reports need an admin token", body = ErrorBody),
        (status = 422, description = "`invalid`: `to` is before `from` or more than three years after it, or `rooms` names none (the message names the field); `unknown_room`: the studio has no such rooms (named in `unknown`)", body = ErrorBody)))]
pub async fn money(
    Extension(Admin(admin)): Extension<Admin>,
    Extension(app): Extension<AppState>,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> Result<Json<MoneyReport>, ApiError> {
    admin_only(admin)?;
    report(&app, &query, |s, period| s.money_report(period)).await
}

/// Cancellations, no-shows, series share and the top customers of the bookings starting in
/// the period.
#[utoipa::path(get, path = "/v1/reports/customers", tag = "reports", security(("bearer" = [])),
    params(ReportQuery),
    responses((status = 200, body = CustomersReport),
        (status = 422, description = "`invalid`: `to` is before `from` or more than three years after it, or `rooms` names none (the message names the field); `unknown_room`: the studio has no such rooms (named in `unknown`)", body = ErrorBody)))]
pub async fn customers(
    Extension(app): Extension<AppState>,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> Result<Json<CustomersReport>, ApiError> {
    report(&app, &query, |s, period| s.customers_report(period)).await
}

/// The payment changes recorded in the period, of bookings in the rooms asked for, a page
/// at a time in the order recorded (admin tokens only): what the payments export and the
/// cash-up are made from. The first page carries the whole period's totals; `next` asks
/// for the page after.
#[utoipa::path(get, path = "/v1/reports/payments", tag = "reports", security(("bearer" = [])),
    params(ReportQuery, PageQuery),
    responses((status = 200, body = PaymentsReport),
        (status = 403, description = "`forbidden`: payments need an admin token", body = ErrorBody),
        (status = 422, description = "`invalid`: `to` is before `from` or more than three years after it, `rooms` names none, `limit` is not 1–1000 or `after` is not a cursor this server gave (the message names the field); `unknown_room`: the studio has no such rooms (named in `unknown`)", body = ErrorBody)))]
pub async fn payments(
    Extension(Admin(admin)): Extension<Admin>,
    Extension(app): Extension<AppState>,
    ApiQuery(query): ApiQuery<ReportQuery>,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<PaymentsReport>, ApiError> {
    admin_only(admin)?;
    let page = page.check().map_err(refused)?;
    report(&app, &query, move |s, period| {
        s.payments_report(period, &page)
    })
    .await
}

/// 403 `forbidden` for a token that is not an admin's, before the query is read.
fn admin_only(admin: bool) -> Result<(), ApiError> {
    if admin {
        return Ok(());
    }
    Err(ApiError::new(
        ErrorCode::Forbidden,
        "money and payments need an admin token (frontdesk-server desk add NAME --admin)",
    ))
}

/// Checks the query against the studio's rooms, then asks the storage for the report in one
/// call.
async fn report<T: Send + 'static>(
    app: &AppState,
    query: &ReportQuery,
    read: impl FnOnce(&dyn Storage, &ReportPeriod) -> Result<T, StorageError> + Send + 'static,
) -> Result<Json<T>, ApiError> {
    let rooms: Vec<String> = app.studio_info().rooms.into_iter().map(|r| r.id).collect();
    let period = query.check(&rooms).map_err(refused)?;
    let tz = app.tz();
    let answer = app
        .run(move |s, _| read(&*s, &period))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(answer))
}

/// A refused query as its answer: 422 `invalid` naming the field, or 422 `unknown_room`
/// listing the rooms.
fn refused(error: ReportQueryError) -> ApiError {
    match error {
        ReportQueryError::Field(field) => ApiError::invalid(field.to_string()),
        ReportQueryError::UnknownRooms(ref rooms) => ApiError::from_body(ErrorBody {
            unknown: Some(rooms.clone()),
            ..ErrorBody::new(ErrorCode::UnknownRoom, error.to_string())
        }),
    }
}
