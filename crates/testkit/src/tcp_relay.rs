//! A TCP relay on 127.0.0.1 port 0 in front of a database (or any TCP server): a test points
//! a server at it, then cuts it — every open connection dropped, new ones closed at once —
//! to see the database "go down", and restores it.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio::net::{TcpListener, TcpStream};
use tokio::task::AbortHandle;

#[derive(Debug, Clone)]
pub struct TcpRelay {
    addr: SocketAddr,
    down: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<AbortHandle>>>,
}

impl TcpRelay {
    /// Relays 127.0.0.1:PORT (a free port) to `upstream`, on the current runtime.
    pub async fn start(upstream: SocketAddr) -> TcpRelay {
        let listener = TcpListener::bind(crate::server::any_port())
            .await
            .expect("a loopback port");
        let addr = listener.local_addr().expect("its address");
        let relay = TcpRelay {
            addr,
            down: Arc::new(AtomicBool::new(false)),
            open: Arc::new(Mutex::new(Vec::new())),
        };
        let (down, open) = (relay.down.clone(), relay.open.clone());
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if down.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let pipe = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                if let Ok(mut open) = open.lock() {
                    open.retain(|p| !p.is_finished());
                    open.push(pipe.abort_handle());
                }
            }
        });
        relay
    }

    /// The relay's port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The database is "down": open connections are dropped, new ones closed at once.
    pub fn cut(&self) {
        self.down.store(true, Ordering::SeqCst);
        if let Ok(mut open) = self.open.lock() {
            for pipe in open.drain(..) {
                pipe.abort();
            }
        }
    }

    /// The database is back.
    pub fn restore(&self) {
        self.down.store(false, Ordering::SeqCst);
    }
}

/// `url` (`postgres://user@host:port/db`) with its host and port replaced by the relay's.
pub fn through(url: &str, relay: &TcpRelay) -> String {
    let (scheme, rest) = url.split_once("://").expect("a URL");
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let user = authority.rsplit_once('@').map(|(u, _)| format!("{u}@"));
    format!(
        "{scheme}://{}127.0.0.1:{}/{path}",
        user.unwrap_or_default(),
        relay.port()
    )
}

/// The host and port of a `postgres://…` URL.
pub fn address_of(url: &str) -> SocketAddr {
    let rest = url.split_once("://").expect("a URL").1;
    let authority = rest.split('/').next().unwrap_or(rest);
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host_port.parse().expect("host:port of the test cluster")
}
