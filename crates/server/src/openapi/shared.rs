//! The answers of the router's layers and extractors, added to every operation by its shape.

use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Required, ResponseBuilder};
use utoipa::Modify;

use super::operations;
use crate::routes;

/// The answers of the router's layers and extractors rather than of a handler, added to each
/// operation by its shape, as `routes::router` serves it:
/// - 401 and 500 where a token is needed (the token check may read the database);
/// - 408 where the request timeout applies (every authenticated route but the event stream);
/// - 400 where a path, query or body is read (`ApiPath`, `ApiQuery`, `ApiJson`, or cancel's
///   optional body);
/// - 413 where a body is read (the body limit);
/// - 415 where the body is required: exactly the routes that read it with `ApiJson`, which
///   wants `Content-Type: application/json` (cancel reads its optional body as it comes);
/// - 422 where a body or query parameters are read: a text past its cap
///   (`frontdesk_protocol::limits`);
/// - 429 with `Retry-After` everywhere but the probes (`crate::limits`).
///
/// A route's own attribute may list the same status with its own words; it is kept.
#[derive(Debug)]
pub(super) struct SharedResponses;

/// The shared answers: `(status, name in components.responses, description)`, each with an
/// `ErrorBody`.
fn shared_responses() -> [(&'static str, &'static str, String); 8] {
    [
        ("400", "BadRequest", "`bad_request`: the request cannot be read (malformed JSON, a body of the wrong shape, a missing or malformed path or query parameter)".into()),
        ("401", "Unauthorized", "`unauthorized`: no valid desk token (`Authorization: Bearer <token>`)".into()),
        ("408", "Timeout", format!("`timeout`: the request took longer than {} s and was stopped; nothing was changed", routes::REQUEST_TIMEOUT.as_secs())),
        ("413", "TooLarge", format!("`too_large`: the body is larger than {} MiB", routes::BODY_LIMIT / (1024 * 1024))),
        ("415", "UnsupportedMediaType", "`bad_request`: the body was not sent with `Content-Type: application/json`".into()),
        ("500", "Internal", "`internal`: the server failed; nothing was changed".into()),
        ("422", "TooLong", "`invalid`: a text is longer than its cap; the message names the field (`customer.name: at most 120 characters`); nothing was changed".into()),
        ("429", "RateLimited", "`rate_limited`: too many requests from this token (or, without a valid token, from this address); `Retry-After` says how many seconds to wait; nothing was done".into()),
    ]
}

impl Modify for SharedResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for (_, name, description) in shared_responses() {
            let content = ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build();
            let mut response = ResponseBuilder::new()
                .description(description)
                .content("application/json", content);
            if name == "RateLimited" {
                let seconds = ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(1));
                response = response.header(
                    "Retry-After",
                    HeaderBuilder::new()
                        .schema(seconds)
                        .description(Some("Seconds to wait before trying again"))
                        .build(),
                );
            }
            components
                .responses
                .insert(name.to_owned(), RefOr::T(response.build()));
        }
        for (path, item) in openapi.paths.paths.iter_mut() {
            for operation in operations(item) {
                add_shared(path, operation);
            }
        }
    }
}

fn add_shared(path: &str, operation: &mut Operation) {
    let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    let has_params = operation.parameters.as_ref().is_some_and(|p| !p.is_empty());
    let has_query = operation
        .parameters
        .iter()
        .flatten()
        .any(|p| p.parameter_in == ParameterIn::Query);
    let probe = matches!(path, "/v1/health" | "/v1/ready");
    let body = operation.request_body.as_ref();
    let json_body = body.is_some_and(|b| matches!(b.required, Some(Required::True)));
    for (status, name, _) in shared_responses() {
        let applies = match status {
            "400" => has_params || body.is_some(),
            "401" | "500" => secured,
            "408" => secured && path != "/v1/events",
            "413" => body.is_some(),
            "415" => json_body,
            "422" => has_query || body.is_some(),
            "429" => !probe,
            _ => false,
        };
        if applies {
            operation
                .responses
                .responses
                .entry(status.to_owned())
                .or_insert_with(|| RefOr::Ref(Ref::from_response_name(name)));
        }
    }
}
