//! The messages a booking sent its customer (confirmation, change, cancellation, reminder),
//! as staff see them on the booking: the server sends them, so a connected desk asks it; a
//! standalone desk sends none and says so; a desk whose server cannot be reached does not
//! know yet and says that. A booking the server does not have yet (made offline, waiting to
//! sync) has sent nothing.

use frontdesk_protocol::{BookingMessage, ErrorCode, ReminderConsentDto};
use serde::Serialize;
use uuid::Uuid;

use super::{Desk, DeskError};

/// Where the list came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum MessagesSource {
    /// The server's list.
    Server,
    /// This desk works without a server: no messages are sent.
    Standalone,
    /// The server cannot be reached: what was sent is not known here.
    Offline,
}

/// A booking's messages as the booking's details show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MessagesView {
    pub source: MessagesSource,
    pub messages: Vec<BookingMessage>,
    /// What the customer chose about reminder e-mails (the server's record; `None`: never
    /// asked, or not known here).
    #[cfg_attr(test, ts(optional = nullable))]
    pub consent: Option<ReminderConsentDto>,
}

impl Desk {
    /// The messages booking `id` sent its customer, oldest first.
    pub async fn booking_messages(&self, id: Uuid) -> Result<MessagesView, DeskError> {
        let standalone = self.connection().client().is_none();
        self.server_first(
            |client| async move {
                let (messages, consent) =
                    match client.booking_messages(id).await.map_err(DeskError::from) {
                        Ok(list) => (list.messages, list.consent),
                        // Not on the server yet: nothing sent.
                        Err(e) if e.code() == ErrorCode::NotFound => (Vec::new(), None),
                        Err(e) => return Err(e),
                    };
                Ok(MessagesView {
                    source: MessagesSource::Server,
                    messages,
                    consent,
                })
            },
            || {
                Ok(MessagesView {
                    source: if standalone {
                        MessagesSource::Standalone
                    } else {
                        MessagesSource::Offline
                    },
                    messages: Vec::new(),
                    consent: None,
                })
            },
        )
        .await
    }
}
