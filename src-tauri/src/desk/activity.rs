//! The activity screen: the audit log — who did what, when, at which desk — newest first,
//! filtered by date, staff member, room or booking. Online it is the server's log (every
//! desk's changes with their staff); standalone or offline, this desk's file (its own
//! changes with their staff, and those it pulled with the desk that made them).

use frontdesk_protocol::{ActivityEntry, ActivityQuery};

use super::{Desk, DeskError};

impl Desk {
    pub async fn activity(&self, query: &ActivityQuery) -> Result<Vec<ActivityEntry>, DeskError> {
        self.server_first(
            |c| async move { Ok(c.activity(query).await?.entries) },
            || self.local(|s| s.activity_for(query)),
        )
        .await
    }
}
