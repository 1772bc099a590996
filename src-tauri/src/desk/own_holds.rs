//! The spans this desk's own booking sessions hold, until when: the day board leaves them
//! out. Holds of two sessions never overlap, so a hold with one of these exact spans is
//! ours, whichever desk id the server knows this desk by.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use frontdesk_protocol::HoldSpan;
use uuid::Uuid;

use super::lock;
use super::views::BoardHold;

/// The spans one session holds, and until when.
type Held = (Vec<HoldSpan>, DateTime<Utc>);

/// What each of this desk's sessions holds, and until when.
#[derive(Debug, Default)]
pub(crate) struct OwnHolds {
    sessions: Mutex<HashMap<Uuid, Held>>,
}

impl OwnHolds {
    /// Remembers a session's spans (forgetting sessions that expired by `now`).
    pub fn remember(
        &self,
        session: Uuid,
        spans: &[HoldSpan],
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) {
        let mut own = lock(&self.sessions);
        own.retain(|_, (_, until)| *until > now);
        own.insert(session, (spans.to_vec(), until));
    }

    pub fn forget(&self, session: Uuid) {
        lock(&self.sessions).remove(&session);
    }

    /// Whether a hold on the board is one of this desk's live sessions'.
    pub fn contains(&self, room: &str, hold: &BoardHold, now: DateTime<Utc>) -> bool {
        lock(&self.sessions).values().any(|(spans, until)| {
            *until > now
                && spans
                    .iter()
                    .any(|s| s.room == room && s.start == hold.start && s.end == hold.end)
        })
    }
}
