//! JSON calls to a server under test, made as a desk makes them (the desk's HTTP client with
//! a token), for the server tests that speak HTTP directly.

use frontdesk_client::{Client, Method, ServerSettings, StatusCode};
use serde_json::Value;

/// Sends `body` (JSON) with `token`; the status and the answer's JSON (null when it has none).
pub async fn call(
    url: &str,
    token: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let client = Client::new(ServerSettings {
        url: url.to_string(),
        token: token.into(),
    })
    .unwrap();
    let body = body.map(|b| serde_json::to_vec(&b).unwrap());
    let (status, bytes) = client.send(method, path, body).await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// [`call`], asserting a 2xx answer; its JSON.
pub async fn ok(url: &str, token: &str, method: Method, path: &str, body: Option<Value>) -> Value {
    let (status, value) = call(url, token, method.clone(), path, body).await;
    assert!(status.is_success(), "{method} {path}: {status} {value}");
    value
}
