//! Extractors whose rejections are JSON error bodies.

use std::fmt;
use std::marker::PhantomData;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::Json;
use chrono::{DateTime, FixedOffset};
use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use frontdesk_protocol::limits::Capped;

use crate::error::ApiError;

/// A JSON object body sent as `Content-Type: application/json`; anything else is a 400
/// (malformed, or not an object), 413 (too large) or 415 (not sent as JSON) with the JSON
/// error body. A text past its cap ([`frontdesk_protocol::limits`]) is a 422 `invalid`
/// naming the field, before the handler runs: nothing is written.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned + Capped, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let Json(JsonObject(value)) = Json::<JsonObject<T>>::from_request(request, state).await?;
        capped(&value)?;
        Ok(ApiJson(value))
    }
}

/// A text of the query string within its cap, else 422 `invalid` naming the parameter.
pub fn capped_query(field: &str, value: Option<&str>, max: usize) -> Result<(), ApiError> {
    frontdesk_protocol::limits::cap_opt(field, value, max)
        .map_err(|e| ApiError::invalid(e.to_string()))
}

/// A required instant of the query string: RFC 3339 with its offset. An offset's `+` sent
/// unencoded arrives as a space (`…T10:00:00 01:00`, form decoding) and is read as `+`.
/// Missing or malformed, a 422 `invalid` naming the parameter and showing the form.
pub fn instant_query(field: &str, value: Option<&str>) -> Result<DateTime<FixedOffset>, ApiError> {
    let example = "e.g. 2026-03-02T00:00:00+01:00 or 2026-03-01T23:00:00Z";
    let Some(text) = value.map(str::trim).filter(|t| !t.is_empty()) else {
        return Err(ApiError::invalid(format!(
            "{field}: required, an RFC 3339 instant with its offset ({example})"
        )));
    };
    DateTime::parse_from_rfc3339(text)
        .or_else(|error| match spaced_offset(text) {
            Some(fixed) => DateTime::parse_from_rfc3339(&fixed),
            None => Err(error),
        })
        .map_err(|_| {
            ApiError::invalid(format!(
                "{field}: \"{text}\" is not an RFC 3339 instant with its offset ({example})"
            ))
        })
}

/// `text` with a space where a `+HH:MM` offset's `+` belongs put back, if it has one there.
fn spaced_offset(text: &str) -> Option<String> {
    let at = text.len().checked_sub(6)?;
    let (head, offset) = text.split_at_checked(at)?;
    let bytes = offset.as_bytes();
    let digits = [1, 2, 4, 5].iter().all(|&i| bytes[i].is_ascii_digit());
    (bytes[0] == b' ' && bytes[3] == b':' && digits).then(|| format!("{head}+{}", &offset[1..]))
}

/// Every text of `value` within its cap, else 422 `invalid` naming the field.
pub fn capped(value: &impl Capped) -> Result<(), ApiError> {
    value
        .check_caps()
        .map_err(|e| ApiError::invalid(e.to_string()))
}

/// A `T` read only from a JSON object. Serde also reads a struct from an array of its field
/// values (`[]` for one whose fields are all optional), which the contract does not allow.
#[derive(Debug)]
pub struct JsonObject<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for JsonObject<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = T;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }

        deserializer
            .deserialize_map(ObjectVisitor(PhantomData))
            .map(JsonObject)
    }
}

/// Query parameters; missing or malformed ones are a 400 with the JSON error body.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

/// Path parameters (uuids); malformed ones are a 400 with the JSON error body.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_reads_an_unencoded_plus_and_names_a_missing_or_bad_one() {
        let expected = DateTime::parse_from_rfc3339("2026-03-02T00:00:00+01:00").ok();
        for sent in [
            "2026-03-02T00:00:00+01:00",
            "2026-03-02T00:00:00 01:00",
            "2026-03-01T23:00:00Z",
        ] {
            assert_eq!(instant_query("from", Some(sent)).ok(), expected, "{sent}");
        }
        for (sent, said) in [
            (None, "from: required"),
            (Some(""), "from: required"),
            (Some("2026-03-02"), "is not an RFC 3339 instant"),
            (
                Some("2026-03-02T00:00:00 1:00x"),
                "is not an RFC 3339 instant",
            ),
            (Some("é 01:00"), "is not an RFC 3339 instant"),
        ] {
            let error = instant_query("from", sent).expect_err("refused");
            assert_eq!(error.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY);
            assert!(
                error.body.message.starts_with("from: "),
                "{}",
                error.body.message
            );
            assert!(error.body.message.contains(said), "{}", error.body.message);
        }
    }
}
