//! The tool's side of the wire: the typed client ([`frontdesk_client`]) for every request
//! but the heartbeats of `--client bare`, which go over bare keep-alive connections
//! ([`http1`]). With several server instances (PostgreSQL), sessions and bookings are
//! spread over them round robin. Every request is counted.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use frontdesk_client::{Client, ClientError, Method, ServerSettings, StatusCode};
use frontdesk_protocol::{SetHoldsRequest, SetHoldsResponse, StudioInfo};
use url::Url;
use uuid::Uuid;

use crate::http1::{self, Http1Conn};
use crate::BoxError;

#[derive(Debug, Clone)]
pub struct Api {
    /// A typed client per instance; the first serves the calls that go to one.
    clients: Arc<[Client]>,
    /// `HOST:PORT` for the `host` header of bare requests.
    host: Arc<str>,
    addrs: Arc<[SocketAddr]>,
    token: Arc<str>,
    sent: Arc<AtomicU64>,
}

impl Api {
    /// A client of the server instances at `bases` (`http://HOST[:PORT]` each) keeping up
    /// to `pool` idle connections to each.
    pub fn new(bases: &[String], token: &str, pool: usize) -> Result<Api, BoxError> {
        let mut clients = Vec::with_capacity(bases.len());
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
            let settings = ServerSettings {
                url: base.to_owned(),
                token: token.to_owned(),
            };
            clients.push(Client::local(settings, pool)?);
        }
        if clients.is_empty() {
            return Err("no server to load".into());
        }
        Ok(Api {
            clients: clients.into(),
            host: host.into(),
            addrs: addrs.into(),
            token: token.into(),
            sent: Arc::new(AtomicU64::new(0)),
        })
    }

    /// How many server instances this run loads.
    pub fn instances(&self) -> usize {
        self.clients.len()
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

    /// A ready bare `PUT path` request with a JSON body and this desk's token.
    pub fn put_request(&self, path: &str, body: &[u8]) -> Vec<u8> {
        http1::put_json(&self.host, path, &self.token, body)
    }

    /// Sends a ready request on a bare connection; its status code.
    pub async fn exchange(&self, conn: &mut Http1Conn, request: &[u8]) -> io::Result<u16> {
        self.count();
        conn.exchange(request).await
    }

    pub async fn studio(&self) -> Result<StudioInfo, ClientError> {
        self.count();
        self.clients[0].studio().await
    }

    /// `PUT /v1/holds/{session}`, as a desk holds and renews.
    pub async fn set_holds(
        &self,
        session: Uuid,
        body: &SetHoldsRequest,
    ) -> Result<SetHoldsResponse, ClientError> {
        self.count();
        self.clients[0].set_holds(session, body).await
    }

    /// `DELETE /v1/holds/{session}`; the status as answered (the contract says 204).
    pub async fn release(&self, session: Uuid) -> Result<StatusCode, ClientError> {
        self.count();
        let path = format!("/v1/holds/{session}");
        let (status, _) = self.clients[0].send(Method::DELETE, &path, None).await?;
        Ok(status)
    }

    /// `POST path` with a ready JSON body; the status and body as answered, unread.
    pub async fn post(
        &self,
        path: &str,
        body: Vec<u8>,
    ) -> Result<(StatusCode, Vec<u8>), ClientError> {
        self.post_to(0, path, body).await
    }

    /// `POST path` to instance `k` (round robin).
    pub async fn post_to(
        &self,
        k: usize,
        path: &str,
        body: Vec<u8>,
    ) -> Result<(StatusCode, Vec<u8>), ClientError> {
        self.count();
        let client = &self.clients[k % self.clients.len()];
        client.send(Method::POST, path, Some(body)).await
    }
}
