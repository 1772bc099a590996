//! Whether the desk works alone, with its server, or without it for now — one value, read
//! once per call — and the one place where the desk chooses between server and local:
//! [`Desk::server_first`].

use std::future::Future;

use frontdesk_client::{Client, ServerSettings};

use super::{Desk, DeskError};

/// The desk's connection to its server.
#[derive(Debug, Clone)]
pub enum Connection {
    /// No server: this desk's file is the authority.
    Standalone,
    /// The last request to the server succeeded: ask it first.
    Online(Client),
    /// A server is configured but did not answer; local work is queued for it.
    Offline { client: Client, reason: String },
}

impl Connection {
    /// The state for these settings before anything was tried: online if a server is
    /// configured (the first call finds out), standalone if not.
    pub fn configured(server: Option<ServerSettings>) -> Result<Connection, DeskError> {
        Ok(match server {
            Some(settings) => Connection::Online(Client::new(settings)?),
            None => Connection::Standalone,
        })
    }

    /// The server's client, online or not.
    pub fn client(&self) -> Option<&Client> {
        match self {
            Connection::Standalone => None,
            Connection::Online(client) | Connection::Offline { client, .. } => Some(client),
        }
    }

    /// Why the desk is offline, in plain words.
    pub fn problem(&self) -> Option<&str> {
        match self {
            Connection::Offline { reason, .. } => Some(reason),
            _ => None,
        }
    }
}

impl Desk {
    /// The connection now.
    pub fn connection(&self) -> Connection {
        self.inner
            .connection
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Replaces the server settings (None: standalone) and wakes the sync worker. With a
    /// server, the bookings this desk made while standalone become offline work for it
    /// (pending, queued): the server confirms them or they come back as conflicts.
    pub fn set_server(&self, server: Option<ServerSettings>) -> Result<(), DeskError> {
        let connection = Connection::configured(server)?;
        let connected = connection.client().is_some();
        *self
            .inner
            .connection
            .write()
            .unwrap_or_else(|p| p.into_inner()) = connection;
        if connected {
            self.joined_server()?;
        }
        self.sync_soon();
        self.emit_status();
        Ok(())
    }

    /// What connecting to a server changes here: the bookings made while standalone become
    /// offline work, and the server's studio is taken over at the next sync whatever the
    /// versions say.
    pub(crate) fn joined_server(&self) -> Result<(), DeskError> {
        let now = self.now();
        let queued = self.local(|s| {
            s.unconfirm_studio()?;
            s.queue_standalone_bookings(now)
        })?;
        if queued > 0 {
            self.emit(crate::events::DeskEvent::BookingsChanged);
        }
        Ok(())
    }

    /// Records what the last request to the server showed, and tells the UI (and the sync
    /// worker, when the server is back) when that changes. A standalone desk stays so.
    pub(crate) fn record_reach(&self, reached: Result<(), String>) {
        let changed = {
            let mut connection = self
                .inner
                .connection
                .write()
                .unwrap_or_else(|p| p.into_inner());
            let Some(client) = connection.client().cloned() else {
                return;
            };
            let was_online = matches!(*connection, Connection::Online(_));
            *connection = match reached {
                Ok(()) => Connection::Online(client),
                Err(reason) => Connection::Offline { client, reason },
            };
            let is_online = matches!(*connection, Connection::Online(_));
            if is_online && !was_online {
                self.sync_soon();
            }
            was_online != is_online
        };
        if changed {
            self.emit_status();
        }
    }

    /// Server first, local on unreachable: when online, `server` runs with the client; if
    /// the server cannot be reached the desk goes offline and `local` answers instead, as
    /// it does at once when standalone or offline. A refusal of the server is the answer.
    pub(crate) async fn server_first<T, F, Fut>(
        &self,
        server: F,
        local: impl FnOnce() -> Result<T, DeskError>,
    ) -> Result<T, DeskError>
    where
        F: FnOnce(Client) -> Fut,
        Fut: Future<Output = Result<T, DeskError>>,
    {
        if let Connection::Online(client) = self.connection() {
            // The signed-in member's staff session rides on every request.
            let client = client.with_staff_session(self.server_staff_session().as_deref());
            match server(client).await {
                Err(DeskError::Unreachable(why)) => {
                    self.record_reach(Err(format!("the server cannot be reached: {why}")));
                }
                answer => {
                    self.record_reach(Ok(()));
                    return answer;
                }
            }
        }
        local()
    }
}
