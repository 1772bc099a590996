//! Extractors whose rejections are JSON error bodies.

use std::fmt;
use std::marker::PhantomData;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::Json;
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
