//! The OpenAPI document of the server, generated from the route annotations and the wire
//! types, served at `GET /v1/openapi.json`.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes;

#[derive(Debug, OpenApi)]
#[openapi(
    info(title = "Frontdesk central server", version = "1", description = "HTTP contract v1 of Frontdesk's central server. Every endpoint but /v1/health needs `Authorization: Bearer <token>`."),
    paths(
        routes::health,
        document,
        routes::studio::studio,
        routes::availability::day,
        routes::availability::month,
        routes::holds::set,
        routes::holds::release,
        routes::holds::list,
        routes::bookings::create,
        routes::bookings::list,
        routes::bookings::get,
        routes::bookings::cancel,
        routes::status::rooms_status,
        routes::sync::push,
        routes::sync::pull,
        routes::events::stream,
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

#[derive(Debug)]
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// This document.
#[utoipa::path(get, path = "/v1/openapi.json", tag = "meta", security(("bearer" = [])),
    responses((status = 200, description = "The OpenAPI 3.1 document of this server")))]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
