//! The network of a fault run: a [`Switchboard`] of server instances (slots that an instance
//! fills while it runs) and one [`Gate`] per desk on 127.0.0.1 port 0. A desk talks to its
//! gate; each new connection is relayed to a running instance, in turn. A gate can be cut
//! (the desk's partition: its open connections dropped, new ones closed at once) and
//! restored; when an instance dies its slot is emptied and every connection to it is dropped,
//! as a crashed host's connections are.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::net::{TcpListener, TcpStream};
use tokio::task::AbortHandle;

/// An open relayed connection: its gate, the instance slot it goes to, and its task.
#[derive(Debug)]
struct Pipe {
    gate: usize,
    slot: usize,
    task: AbortHandle,
}

#[derive(Debug, Default)]
struct Board {
    slots: Mutex<Vec<Option<SocketAddr>>>,
    pipes: Mutex<Vec<Pipe>>,
    turn: AtomicUsize,
    gates: AtomicUsize,
}

/// The instances that gates relay to.
#[derive(Debug, Clone, Default)]
pub struct Switchboard {
    board: Arc<Board>,
}

impl Switchboard {
    /// A switchboard of `slots` instance slots, all empty.
    pub fn new(slots: usize) -> Switchboard {
        let board = Board {
            slots: Mutex::new(vec![None; slots]),
            ..Board::default()
        };
        Switchboard {
            board: Arc::new(board),
        }
    }

    /// Slot `slot` is served by the instance at `addr` from now on.
    pub fn fill(&self, slot: usize, addr: SocketAddr) {
        if let Ok(mut slots) = self.board.slots.lock() {
            slots[slot] = Some(addr);
        }
    }

    /// Slot `slot`'s instance is gone: no new connection goes there, and every open one is
    /// dropped at once.
    pub fn empty(&self, slot: usize) {
        if let Ok(mut slots) = self.board.slots.lock() {
            slots[slot] = None;
        }
        self.drop_pipes(|p| p.slot == slot);
    }

    /// How many slots have an instance.
    pub fn running(&self) -> usize {
        self.board
            .slots
            .lock()
            .map(|s| s.iter().flatten().count())
            .unwrap_or(0)
    }

    fn drop_pipes(&self, which: impl Fn(&Pipe) -> bool) {
        if let Ok(mut pipes) = self.board.pipes.lock() {
            pipes.retain(|p| {
                if which(p) {
                    p.task.abort();
                    false
                } else {
                    !p.task.is_finished()
                }
            });
        }
    }

    /// The next running instance in turn.
    fn next_instance(&self) -> Option<(usize, SocketAddr)> {
        let slots = self.board.slots.lock().ok()?;
        let running: Vec<(usize, SocketAddr)> = slots
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.map(|a| (i, a)))
            .collect();
        if running.is_empty() {
            return None;
        }
        let turn = self.board.turn.fetch_add(1, Ordering::Relaxed);
        Some(running[turn % running.len()])
    }

    /// A new gate on 127.0.0.1 port 0, on the current runtime.
    pub async fn gate(&self) -> Gate {
        let listener = TcpListener::bind(crate::server::any_port())
            .await
            .expect("a loopback port");
        let addr = listener.local_addr().expect("its address");
        let id = self.board.gates.fetch_add(1, Ordering::Relaxed);
        let gate = Gate {
            addr,
            id,
            cut: Arc::new(AtomicBool::new(false)),
            board: self.clone(),
        };
        let (cut, board) = (gate.cut.clone(), self.clone());
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let target = if cut.load(Ordering::SeqCst) {
                    None
                } else {
                    board.next_instance()
                };
                let Some((slot, upstream)) = target else {
                    drop(client);
                    continue;
                };
                let pipe = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                if let Ok(mut pipes) = board.board.pipes.lock() {
                    pipes.retain(|p| !p.task.is_finished());
                    pipes.push(Pipe {
                        gate: id,
                        slot,
                        task: pipe.abort_handle(),
                    });
                }
                // Cut or emptied while this one was being set up: it goes too.
                let gone = cut.load(Ordering::SeqCst)
                    || board
                        .board
                        .slots
                        .lock()
                        .map(|s| s[slot].is_none())
                        .unwrap_or(true);
                if gone {
                    pipe.abort();
                }
            }
        });
        gate
    }
}

/// One desk's way to the instances.
#[derive(Debug, Clone)]
pub struct Gate {
    addr: SocketAddr,
    id: usize,
    cut: Arc<AtomicBool>,
    board: Switchboard,
}

impl Gate {
    /// `http://127.0.0.1:PORT` of the gate.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The desk is cut off: its open connections are dropped, new ones closed at once.
    pub fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        let id = self.id;
        self.board.drop_pipes(|p| p.gate == id);
    }

    /// The desk reaches the instances again.
    pub fn restore(&self) {
        self.cut.store(false, Ordering::SeqCst);
    }

    pub fn is_cut(&self) -> bool {
        self.cut.load(Ordering::SeqCst)
    }
}
