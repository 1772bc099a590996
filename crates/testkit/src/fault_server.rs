//! A server instance that a fault run can kill: the real server in this process, with the
//! run's pinned clock, on a runtime of its own (its own thread) and with its own relay to
//! the database ([`crate::tcp_relay`]).
//!
//! [`Instance::kill`] is a crash, not a shutdown: the database relay is cut first (every
//! connection of the instance dropped, so a transaction in flight is rolled back by
//! PostgreSQL and nothing it does afterwards can commit), then its runtime is dropped
//! without waiting for anything (requests in flight are abandoned, their connections die).
//! [`Instance::stop`] is the graceful end.
//!
//! (The test kit's own `tokio` dependency names few features; the runtime and channels used
//! here are those the server enables, which every build of the test kit carries.)

use std::sync::mpsc;
use std::thread::JoinHandle;

use frontdesk_clock::SharedClock;
use frontdesk_server::Database;
use frontdesk_store::StudioConfig;

use crate::tcp_relay::{address_of, through, TcpRelay};

enum End {
    Kill,
    Stop,
}

/// A running instance.
#[derive(Debug)]
pub struct Instance {
    pub addr: std::net::SocketAddr,
    db_relay: TcpRelay,
    end: Option<mpsc::Sender<End>>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for End {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            End::Kill => "Kill",
            End::Stop => "Stop",
        })
    }
}

impl Instance {
    /// Starts an instance on `postgres` (a `postgres://` URL) with `pool` connections, on
    /// 127.0.0.1 port 0; returns once it listens. The database relay runs on the caller's
    /// runtime, which must outlive the instance.
    pub async fn start(
        config: StudioConfig,
        postgres: &str,
        pool: usize,
        clock: SharedClock,
    ) -> Instance {
        let db_relay = TcpRelay::start(address_of(postgres)).await;
        let url = through(postgres, &db_relay);
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
        let (end_tx, end_rx) = mpsc::channel::<End>();
        let thread = std::thread::Builder::new()
            .name("fault-instance".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("a runtime for the instance");
                let server = runtime.block_on(crate::server::serve_database(
                    config,
                    Database::parse(&url, pool),
                    crate::server::any_port(),
                    clock,
                ));
                let _ = ready_tx.send(server.addr);
                // Until told; a dropped handle (a failing test) counts as a kill.
                match end_rx.recv().unwrap_or(End::Kill) {
                    End::Stop => runtime.block_on(server.stop()),
                    End::Kill => {
                        runtime.shutdown_background();
                        drop(server);
                    }
                }
            })
            .expect("a thread for the instance");
        let addr = ready_rx.await.expect("the instance starts");
        Instance {
            addr,
            db_relay,
            end: Some(end_tx),
            thread: Some(thread),
        }
    }

    /// Crashes it (see the module's words); returns once its runtime is gone.
    pub fn kill(mut self) {
        self.db_relay.cut();
        self.end(End::Kill);
    }

    /// Stops it gracefully and waits for it.
    pub fn stop(mut self) {
        self.end(End::Stop);
        self.db_relay.cut();
    }

    fn end(&mut self, how: End) {
        if let Some(end) = self.end.take() {
            let _ = end.send(how);
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.db_relay.cut();
        self.end(End::Kill);
    }
}
