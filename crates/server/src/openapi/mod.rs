//! The OpenAPI document of the server, generated from the route annotations and the wire
//! types, served at `GET /v1/openapi.json`.
//!
//! The document is meant to be exact, and is checked against the running server by a
//! schema-driven fuzzer (`scripts/fuzz-api.sh`): every status a route can answer is listed,
//! and a request the document calls valid is one the server can read. Besides the route
//! attributes, three things shape it here:
//! - [`SharedResponses`] adds the answers that come from the router's layers, not from the
//!   handlers (400, 401, 408, 413, 415, 500);
//! - [`WireFixes`] corrects the schemas where the derive does not see what serde does;
//! - [`for_studio`] names the studio's room ids where the server refuses any other.
//!
//! Files: [`shared`] and [`wire_fixes`] are the two modifiers; this file holds the document,
//! the room ids and the route.

mod shared;
mod staff;
mod wire_fixes;

use axum::extract::Extension;
use axum::Json;
use frontdesk_protocol::StudioInfo;
use serde_json::Value;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::schema::{ArrayItems, Schema};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::RefOr;
use utoipa::{Modify, OpenApi};

use crate::app::AppState;
use crate::routes;
use shared::SharedResponses;
use staff::StaffSessions;
use wire_fixes::WireFixes;

#[derive(Debug, OpenApi)]
#[openapi(
    info(title = "Frontdesk central server", version = "1", description = "HTTP contract v1 of Frontdesk's central server. Every endpoint but /v1/health needs `Authorization: Bearer <token>`. Every error answer is an `ErrorBody` with a code (`error`) and plain words (`message`)."),
    paths(
        routes::health,
        document,
        routes::studio::studio,
        routes::studio::change,
        routes::studio::check,
        routes::activity::list,
        routes::availability::day,
        routes::availability::month,
        routes::holds::set,
        routes::holds::release,
        routes::holds::list,
        routes::bookings::create,
        routes::bookings::list,
        routes::bookings::get,
        routes::bookings::cancel,
        crate::messages::route::list,
        routes::booking_changes::change,
        routes::series::preview,
        routes::series::book,
        routes::series::cancel_following,
        routes::series::change_following,
        routes::customers::find,
        routes::customers::page,
        routes::customers::edit,
        routes::customers::merge,
        routes::status::rooms_status,
        routes::sync::push,
        routes::sync::pull,
        routes::events::stream,
        routes::chain::list,
        routes::chain::add,
        routes::chain::add_desk,
        routes::ready,
        routes::desks::enrol,
        routes::desks::list,
        routes::desks::add,
        routes::desks::revoke,
        routes::staff_sessions::open,
        routes::staff_sessions::close,
        routes::feeds::create,
        routes::feeds::list,
        routes::feeds::revoke,
        routes::feeds::serve,
        routes::reports::occupancy,
        routes::reports::money,
        routes::reports::customers,
        routes::reports::payments,
        routes::online_booking::get,
        routes::online_booking::put,
        routes::public::offer::offer,
        routes::public::offer::slots,
        routes::public::holds::set,
        routes::public::holds::release,
        routes::public::bookings::create,
        routes::public::manage::view,
        routes::public::manage::calendar,
        routes::public::manage::cancel,
        routes::public::reminders::choose,
        routes::public::events::stream,
    ),
    modifiers(&BearerAuth, &SharedResponses, &WireFixes, &StaffSessions)
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

/// Every operation of a path item.
fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.patch,
    ]
    .into_iter()
    .flatten()
}

/// Where the server refuses a room id its studio does not have (422 `unknown_room`): the
/// operations whose `room` query parameter is checked, and the request schemas whose room
/// ids are. (`GET /v1/bookings` answers no bookings for an unknown room, and a pushed
/// booking of an unknown room is an `invalid` result of a 200: those stay free strings.)
const ROOM_CHECKED_QUERIES: [&str; 3] = [
    "/v1/availability/day",
    "/v1/availability/month",
    "/v1/holds",
];

/// The document of a server of `studio`: [`ApiDoc`] with the studio's room ids as the
/// `enum` of every room id the server checks.
pub fn for_studio(studio: &StudioInfo) -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    let rooms: Vec<Value> = studio
        .rooms
        .iter()
        .map(|r| Value::from(r.id.as_str()))
        .collect();
    for path in ROOM_CHECKED_QUERIES {
        let Some(item) = doc.paths.paths.get_mut(path) else {
            continue;
        };
        for operation in operations(item) {
            for parameter in operation.parameters.iter_mut().flatten() {
                if parameter.name == "room" {
                    if let Some(RefOr::T(Schema::Object(object))) = &mut parameter.schema {
                        object.enum_values = Some(rooms.clone());
                    }
                }
            }
        }
    }
    if let Some(components) = doc.components.as_mut() {
        for (name, field) in [
            ("HoldSpan", "room"),
            ("RoomsStatusRequest", "rooms"),
            ("CreateFeedRequest", "room"),
        ] {
            let Some(RefOr::T(Schema::Object(object))) = components.schemas.get_mut(name) else {
                continue;
            };
            match object.properties.get_mut(field) {
                Some(RefOr::T(Schema::Object(room))) => room.enum_values = Some(rooms.clone()),
                Some(RefOr::T(Schema::Array(list))) => {
                    if let ArrayItems::RefOrSchema(items) = &mut list.items {
                        if let RefOr::T(Schema::Object(room)) = items.as_mut() {
                            room.enum_values = Some(rooms.clone());
                        }
                    }
                }
                _ => {}
            }
        }
    }
    doc
}

/// This document, with the room ids of this server's studio.
#[utoipa::path(get, path = "/v1/openapi.json", tag = "meta", security(("bearer" = [])),
    responses((status = 200, description = "The OpenAPI 3.1 document of this server")))]
pub async fn document(Extension(app): Extension<AppState>) -> Json<utoipa::openapi::OpenApi> {
    Json(for_studio(&app.studio_info()))
}

#[cfg(test)]
mod tests;
