//! A counting proxy on 127.0.0.1 port 0 in front of a server: forwards every request as it
//! is and counts them by method and path, so a test can say how many requests a screen
//! cost.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Router;

#[derive(Clone)]
struct Upstream {
    base: String,
    client: reqwest::Client,
    seen: Arc<Mutex<Vec<String>>>,
}

/// The proxy's address and what it forwarded.
#[derive(Debug, Clone)]
pub struct CountingProxy {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<String>>>,
}

impl CountingProxy {
    /// Starts a proxy to `upstream` (`http://127.0.0.1:PORT`) on the current runtime.
    pub async fn start(upstream: &str) -> CountingProxy {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let state = Upstream {
            base: upstream.trim_end_matches('/').to_owned(),
            client: reqwest::Client::builder()
                .no_proxy()
                .build()
                .expect("a client"),
            seen: seen.clone(),
        };
        let listener = tokio::net::TcpListener::bind(crate::server::any_port())
            .await
            .expect("a loopback port");
        let addr = listener.local_addr().expect("its address");
        let app = Router::new().fallback(forward).with_state(state);
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        CountingProxy { addr, seen }
    }

    /// `http://127.0.0.1:PORT` of the proxy.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Forwarded requests as `METHOD /path` (without the query), in order.
    pub fn requests(&self) -> Vec<String> {
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// How many of each `METHOD /path`.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for r in self.requests() {
            *counts.entry(r).or_default() += 1;
        }
        counts
    }

    pub fn clear(&self) {
        if let Ok(mut s) = self.seen.lock() {
            s.clear();
        }
    }
}

async fn forward(State(up): State<Upstream>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    if let Ok(mut seen) = up.seen.lock() {
        seen.push(format!("{} {}", parts.method, parts.uri.path()));
    }
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let body = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let mut outgoing = up
        .client
        .request(parts.method, format!("{}{path}", up.base))
        .body(body);
    for (name, value) in &parts.headers {
        if name != axum::http::header::HOST {
            outgoing = outgoing.header(name, value);
        }
    }
    let Ok(answer) = outgoing.send().await else {
        return Response::builder()
            .status(StatusCode::BAD_GATEWAY)
            .body(Body::empty())
            .unwrap_or_default();
    };
    let mut response = Response::builder().status(answer.status());
    for (name, value) in answer.headers() {
        response = response.header(name, value);
    }
    let bytes = answer.bytes().await.unwrap_or_default();
    response.body(Body::from(bytes)).unwrap_or_default()
}
