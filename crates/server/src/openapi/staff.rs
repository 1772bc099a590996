//! The staff session a write may carry (`X-Frontdesk-Staff`), and the refusal it may earn,
//! added to every operation that records a staff member (`crate::staff_check`).

use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{ContentBuilder, Ref, Required, ResponseBuilder};
use utoipa::Modify;

/// The operations whose audit row names a staff member: `(method, path)`.
const STAFF_WRITES: [(&str, &str); 9] = [
    ("post", "/v1/bookings"),
    ("post", "/v1/bookings/{id}/cancel"),
    ("post", "/v1/bookings/{id}/changes"),
    ("post", "/v1/bookings/{id}/cancel-following"),
    ("post", "/v1/bookings/{id}/change-following"),
    ("post", "/v1/series"),
    ("put", "/v1/customers/{id}"),
    ("post", "/v1/customers/{id}/merge"),
    ("post", "/v1/sync/push"),
];

#[derive(Debug)]
pub(super) struct StaffSessions;

impl Modify for StaffSessions {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (method, path) in STAFF_WRITES {
            let Some(item) = openapi.paths.paths.get_mut(path) else {
                continue;
            };
            let operation = match method {
                "post" => item.post.as_mut(),
                "put" => item.put.as_mut(),
                _ => None,
            };
            let Some(operation) = operation else {
                continue;
            };
            let header = ParameterBuilder::new()
                .name(frontdesk_protocol::STAFF_SESSION_HEADER)
                .parameter_in(ParameterIn::Header)
                .required(Required::False)
                .description(Some(
                    "The staff session of the member signed in at the desk (from `POST /v1/staff/sessions`): the audit records that member",
                ))
                .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                .build();
            operation
                .parameters
                .get_or_insert_with(Vec::new)
                .push(header);
            let refused = ResponseBuilder::new()
                .description(
                    "`forbidden`: a staff member named without their staff session, another member's id, or a session that is unknown, ended, expired, another desk's or another studio's; nothing was written",
                )
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build();
            operation
                .responses
                .responses
                .entry("403".to_owned())
                .or_insert_with(|| refused.into());
        }
    }
}
