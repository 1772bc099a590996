//! The tool's side of the wire: the typed client ([`frontdesk_client`]) for every request
//! but the heartbeats of `--client bare`, which go over bare keep-alive connections
//! ([`http1`]). With several server instances (PostgreSQL), sessions and bookings are
//! spread over them round robin. Every request is counted.
//!
//! The requests are spread over several desks' tokens, as a studio's desks send them: the
//! server limits what one token may send (100 requests a second by default), so one token
//! at 10,000 heartbeats a second would be refused. Session `i` is desk `i`'s (modulo the
//! desks); the typed client's other calls go to its desks round robin.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use frontdesk_client::{Client, ClientError, Method, ServerSettings, StatusCode};
use frontdesk_protocol::{SetHoldsRequest, SetHoldsResponse, StudioInfo};
use url::Url;
use uuid::Uuid;

use crate::http1::{self, Http1Conn};
use crate::BoxError;

#[derive(Debug, Clone)]
pub struct Api {
    /// A typed client per typed desk and instance: desk `d`'s for instance `i` at
    /// `d * instances + i`.
    clients: Arc<[Client]>,
    instances: usize,
    /// Desks with a typed client (the first of `tokens`).
    typed_desks: usize,
    /// The next desk of a round-robin call.
    next: Arc<AtomicUsize>,
    /// `HOST:PORT` for the `host` header of bare requests.
    host: Arc<str>,
    addrs: Arc<[SocketAddr]>,
    /// Every desk's token.
    tokens: Arc<[String]>,
    sent: Arc<AtomicU64>,
}

impl Api {
    /// A client of the server instances at `bases` (`http://HOST[:PORT]` each) as the desks
    /// of `tokens`, the first `typed_desks` of them with a typed client each, keeping up to
    /// `pool` idle connections to each instance in all.
    pub fn new(
        bases: &[String],
        tokens: &[String],
        typed_desks: usize,
        pool: usize,
    ) -> Result<Api, BoxError> {
        if tokens.is_empty() {
            return Err("no desk token".into());
        }
        let typed_desks = typed_desks.clamp(1, tokens.len());
        let mut addrs = Vec::with_capacity(bases.len());
        let mut host = String::new();
        for base in bases {
            let url = Url::parse(base).map_err(|e| format!("{base}: {e}"))?;
            addrs.push(
                url.socket_addrs(|| Some(80))?
                    .into_iter()
                    .next()
                    .ok_or_else(|| format!("{base}: no address"))?,
            );
            // Every instance is on the loopback: the first one's name serves as `host`.
            if host.is_empty() {
                host = match (url.host_str(), url.port()) {
                    (Some(host), Some(port)) => format!("{host}:{port}"),
                    (Some(host), None) => host.to_owned(),
                    (None, _) => return Err(format!("{base}: no host").into()),
                };
            }
        }
        if addrs.is_empty() {
            return Err("no server to load".into());
        }
        let per_client = pool.div_ceil(typed_desks).max(4);
        let mut clients = Vec::with_capacity(typed_desks * bases.len());
        for token in &tokens[..typed_desks] {
            for base in bases {
                let settings = ServerSettings {
                    url: base.to_owned(),
                    token: token.to_owned(),
                };
                clients.push(Client::local(settings, per_client)?);
            }
        }
        Ok(Api {
            clients: clients.into(),
            instances: bases.len(),
            typed_desks,
            next: Arc::new(AtomicUsize::new(0)),
            host: host.into(),
            addrs: addrs.into(),
            tokens: tokens.into(),
            sent: Arc::new(AtomicU64::new(0)),
        })
    }

    /// How many server instances this run loads.
    pub fn instances(&self) -> usize {
        self.instances
    }

    /// The typed client of desk `desk` (modulo the typed desks) for instance `instance`.
    fn typed(&self, desk: usize, instance: usize) -> &Client {
        let desk = desk % self.typed_desks;
        &self.clients[desk * self.instances + instance % self.instances]
    }

    /// The next desk, round robin.
    fn next_desk(&self) -> usize {
        self.next.fetch_add(1, Ordering::Relaxed)
    }

    fn count(&self) {
        self.sent.fetch_add(1, Ordering::Relaxed);
    }

    /// Requests sent so far, by either client.
    pub fn sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    /// A bare keep-alive connection to instance `k` (round robin; its requests go through
    /// [`Api::exchange`]).
    pub async fn connect(&self, k: usize) -> io::Result<Http1Conn> {
        Http1Conn::connect(self.addrs[k % self.addrs.len()]).await
    }

    /// Instance `k`'s address (round robin).
    pub fn addr(&self, k: usize) -> SocketAddr {
        self.addrs[k % self.addrs.len()]
    }

    /// `HOST:PORT` as bare requests name it.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Sends a ready request on a bare connection; its status code and body.
    pub async fn exchange_body<'c>(
        &self,
        conn: &'c mut Http1Conn,
        request: &[u8],
    ) -> io::Result<(u16, &'c [u8])> {
        self.count();
        conn.exchange_body(request).await
    }

    /// A ready bare `PUT path` request with a JSON body and desk `desk`'s token.
    pub fn put_request(&self, desk: usize, path: &str, body: &[u8]) -> Vec<u8> {
        let token = &self.tokens[desk % self.tokens.len()];
        http1::put_json(&self.host, path, token, body)
    }

    /// Sends a ready request on a bare connection; its status code.
    pub async fn exchange(&self, conn: &mut Http1Conn, request: &[u8]) -> io::Result<u16> {
        self.count();
        conn.exchange(request).await
    }

    pub async fn studio(&self) -> Result<StudioInfo, ClientError> {
        self.count();
        self.typed(0, 0).studio().await
    }

    /// `PUT /v1/holds/{session}` as desk `desk`, as a desk holds and renews.
    pub async fn set_holds(
        &self,
        desk: usize,
        session: Uuid,
        body: &SetHoldsRequest,
    ) -> Result<SetHoldsResponse, ClientError> {
        self.count();
        self.typed(desk, 0).set_holds(session, body).await
    }

    /// `DELETE /v1/holds/{session}`; the status as answered (the contract says 204).
    pub async fn release(&self, session: Uuid) -> Result<StatusCode, ClientError> {
        self.count();
        let path = format!("/v1/holds/{session}");
        let client = self.typed(self.next_desk(), 0);
        let (status, _) = client.send(Method::DELETE, &path, None).await?;
        Ok(status)
    }

    /// `POST path` with a ready JSON body, from the next desk; the status and body as
    /// answered, unread.
    pub async fn post(
        &self,
        path: &str,
        body: Vec<u8>,
    ) -> Result<(StatusCode, Vec<u8>), ClientError> {
        self.count();
        let client = self.typed(self.next_desk(), 0);
        client.send(Method::POST, path, Some(body)).await
    }

    /// `POST path` as desk `k` to instance `k` (both round robin).
    pub async fn post_to(
        &self,
        k: usize,
        path: &str,
        body: Vec<u8>,
    ) -> Result<(StatusCode, Vec<u8>), ClientError> {
        self.count();
        let client = self.typed(k, k);
        client.send(Method::POST, path, Some(body)).await
    }
}
