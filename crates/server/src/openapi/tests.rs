//! The document's shape: shared statuses, parameters, wire fixes, room ids.
use frontdesk_protocol::RoomInfo;
use serde_json::json;

use super::wire_fixes::camel_case;
use super::*;

fn doc() -> Value {
    serde_json::to_value(ApiDoc::openapi()).unwrap()
}

fn statuses(doc: &Value, method: &str, path: &str) -> Vec<String> {
    let mut statuses: Vec<String> = doc["paths"][path][method]["responses"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    statuses.sort();
    statuses
}

#[test]
fn every_operation_lists_the_statuses_of_its_layers() {
    let doc = doc();
    let list = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(statuses(&doc, "get", "/v1/health"), list(&["200"]));
    assert_eq!(
        statuses(&doc, "get", "/v1/events"),
        list(&["200", "401", "429", "500"])
    );
    assert_eq!(
        statuses(&doc, "get", "/v1/openapi.json"),
        list(&["200", "401", "408", "429", "500"])
    );
    assert_eq!(
        statuses(&doc, "get", "/v1/availability/day"),
        list(&["200", "400", "401", "408", "422", "429", "500"])
    );
    assert_eq!(
        statuses(&doc, "delete", "/v1/holds/{session}"),
        list(&["204", "400", "401", "408", "429", "500"])
    );
    assert_eq!(
        statuses(&doc, "post", "/v1/bookings"),
        list(&["200", "201", "400", "401", "403", "408", "409", "413", "415", "422", "429", "500"])
    );
    // Cancel's body is optional and read whatever its content type: no 415.
    assert_eq!(
        statuses(&doc, "post", "/v1/bookings/{id}/cancel"),
        list(&["200", "400", "401", "403", "404", "408", "413", "422", "429", "500"])
    );
    assert!(doc["components"]["responses"]["RateLimited"]["headers"]["Retry-After"].is_object());
    // Writes that name a staff member take their staff session.
    let staff_header = |method: &str, path: &str| {
        doc["paths"][path][method]["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| p["name"] == "x-frontdesk-staff" && p["in"] == "header")
    };
    assert!(staff_header("post", "/v1/sync/push"));
    assert!(staff_header("put", "/v1/customers/{id}"));
    assert!(!staff_header("get", "/v1/bookings"));
    assert_eq!(
        doc["paths"]["/v1/sync/push"]["post"]["responses"]["415"]["$ref"],
        "#/components/responses/UnsupportedMediaType"
    );
    assert_eq!(
        doc["components"]["responses"]["UnsupportedMediaType"]["content"]["application/json"]
            ["schema"]["$ref"],
        "#/components/schemas/ErrorBody"
    );
}

#[test]
fn query_parameters_are_in_the_query_and_required_as_the_handlers_need_them() {
    let doc = doc();
    let mut seen = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for p in operation["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap();
                let place = p["in"].as_str().unwrap();
                assert_eq!(
                    place == "path",
                    path.contains(&format!("{{{name}}}")),
                    "{method} {path} {name}"
                );
                assert_ne!(
                    p["schema"]["type"],
                    json!(["string", "null"]),
                    "{path} {name}"
                );
                seen.push(format!("{path} {name} {place} {}", p["required"]));
            }
        }
    }
    for expected in [
        "/v1/availability/day room query true",
        "/v1/availability/day date query true",
        "/v1/availability/day duration query true",
        "/v1/availability/day interval query false",
        "/v1/availability/day session query false",
        "/v1/availability/month month query true",
        "/v1/holds room query false",
        "/v1/holds date query true",
        "/v1/bookings room query false",
        "/v1/bookings from query true",
        "/v1/sync/pull since query true",
        "/v1/sync/pull limit query false",
        "/v1/reports/money from query true",
        "/v1/reports/money to query true",
        "/v1/reports/money rooms query false",
        "/v1/reports/payments from query true",
        "/v1/reports/payments limit query false",
        "/v1/reports/payments after query false",
    ] {
        assert!(
            seen.iter().any(|s| s == expected),
            "{expected} in {seen:#?}"
        );
    }
    let day = &doc["paths"]["/v1/availability/day"]["get"]["parameters"];
    assert_eq!(day[1]["schema"]["format"], "date");
    assert_eq!(day[2]["schema"]["minimum"], 15);
    assert_eq!(day[2]["schema"]["multipleOf"], 15);
    assert_eq!(day[4]["schema"]["format"], "uuid");
}

#[test]
fn schemas_say_what_serde_reads() {
    let doc = doc();
    let schemas = &doc["components"]["schemas"];
    let cancel = &schemas["MutationOp"]["oneOf"][1];
    assert_eq!(cancel["required"], json!(["bookingId", "kind"]));
    assert!(cancel["properties"]["bookingId"].is_object());
    assert_eq!(
        schemas["CreateBookingRequest"]["properties"]["session"]["oneOf"],
        json!([{"type": "null"}, {"type": "string", "format": "uuid"}])
    );
    fn no_nullable_format(value: &Value, at: &str) {
        match value {
            Value::Object(map) => {
                let nullable = map
                    .get("type")
                    .and_then(Value::as_array)
                    .is_some_and(|t| t.contains(&json!("null")));
                assert!(!(nullable && map.contains_key("format")), "{at}");
                for (key, inner) in map {
                    no_nullable_format(inner, &format!("{at}/{key}"));
                }
            }
            Value::Array(items) => items.iter().for_each(|i| no_nullable_format(i, at)),
            _ => {}
        }
    }
    no_nullable_format(&doc, "");
    assert_eq!(camel_case("booking_id"), "bookingId");
    assert_eq!(camel_case("kind"), "kind");
}

#[test]
fn the_served_document_names_the_studios_rooms_where_they_are_checked() {
    let studio = StudioInfo {
        name: "Test".into(),
        timezone: "Europe/Berlin".into(),
        quantum_minutes: 15,
        hold_ttl_seconds: 60,
        rooms: ["a", "b"]
            .map(|id| RoomInfo {
                id: id.into(),
                name: id.into(),
                durations: vec![60],
                interval: 60,
                price_per_hour: 0,
                peaks: vec![],
                colour: None,
                changeover: 0,
            })
            .to_vec(),
        hours: None,
        version: 1,
        currency: "EUR".into(),
        no_show_grace_minutes: 15,
        country: None,
        staff: vec![],
        cancellation_terms: None,
        room_terms: Default::default(),
    };
    let doc = serde_json::to_value(for_studio(&studio)).unwrap();
    let rooms = json!(["a", "b"]);
    assert_eq!(
        doc["paths"]["/v1/availability/day"]["get"]["parameters"][0]["schema"]["enum"],
        rooms
    );
    assert_eq!(
        doc["paths"]["/v1/holds"]["get"]["parameters"][0]["schema"]["enum"],
        rooms
    );
    let schemas = &doc["components"]["schemas"];
    assert_eq!(schemas["HoldSpan"]["properties"]["room"]["enum"], rooms);
    assert_eq!(
        schemas["RoomsStatusRequest"]["properties"]["rooms"]["items"]["enum"],
        rooms
    );
    // Unknown rooms are no error there: free strings.
    assert!(doc["paths"]["/v1/bookings"]["get"]["parameters"][0]["schema"]["enum"].is_null());
    assert!(schemas["CreateBookingRequest"]["properties"]["room"]["enum"].is_null());
}
