//! One sync round of a desk with its server: push the outbox in order, store the answers
//! (planned by [`super::plan`]), then pull the change log from the desk's cursor.

use frontdesk_client::Client;
use frontdesk_protocol::PushRequest;
use frontdesk_store::RemoteBooking;

use super::plan;
use crate::desk::{Desk, DeskError};
use crate::events::DeskEvent;

/// How many outbox mutations one push sends.
pub const PUSH_BATCH: u32 = 500;
/// How many changes one pull asks for.
pub const PULL_BATCH: u32 = 5000;

impl Desk {
    /// Takes over the server's studio (rooms, hours, …) if it is newer than this desk's
    /// copy, keeps it in the file for offline work, and tells the UI.
    pub async fn adopt_studio(&self, client: &Client) -> Result<(), DeskError> {
        let info = client.studio().await?;
        self.keep_studio(&info)
    }

    /// Keeps the server's studio and staff `info` if newer than this desk's copy.
    pub(crate) fn keep_studio(
        &self,
        info: &frontdesk_protocol::StudioInfo,
    ) -> Result<(), DeskError> {
        let studio = info.to_studio().map_err(|e| {
            DeskError::Unreachable(format!(
                "the server sent a studio this desk cannot use: {e}"
            ))
        })?;
        if self.local(|s| s.adopt_studio(studio, &info.staff, info.version))? {
            self.emit(DeskEvent::StudioChanged);
        }
        Ok(())
    }

    /// Pushes the outbox in order, then pulls the change log from the cursor. Each pushed
    /// booking the server refused becomes `conflict` here, kept with the reason.
    pub async fn sync_once(&self) -> Result<(), DeskError> {
        let Some(client) = self.connection().client().cloned() else {
            return Ok(());
        };
        let result = self.exchange(&client).await;
        match &result {
            Ok(_) => {
                self.record_reach(Ok(()));
                self.mark_synced();
            }
            Err(DeskError::Unreachable(why)) => self.record_reach(Err(why.clone())),
            Err(_) => {}
        }
        if result? {
            self.emit(DeskEvent::BookingsChanged);
        }
        Ok(())
    }

    /// Push, then pull; true if anything changed here.
    async fn exchange(&self, client: &Client) -> Result<bool, DeskError> {
        let mut changed = false;
        loop {
            let queued = self.local(|s| s.outbox_peek(PUSH_BATCH))?;
            let Some(first) = queued.first().map(|q| q.entry.mutation_id) else {
                break;
            };
            let mutations = plan::mutations(&queued)?;
            let request = PushRequest { mutations };
            // Work of the member signed in with the server counts as theirs; the rest is
            // checked as offline sign-ins.
            let session = self.server_staff_session();
            let signed_in = client.with_staff_session(session.as_deref());
            let answer = match signed_in.push(&request).await {
                // A session the server no longer takes (ended, its member gone) must not
                // hold up the queue: sent without it, each mutation is checked on its own.
                Err(frontdesk_client::ClientError::Refused { body, .. })
                    if session.is_some()
                        && body.error == frontdesk_protocol::ErrorCode::Forbidden =>
                {
                    client.push(&request).await
                }
                answer => answer,
            };
            let response = match answer {
                Ok(response) => response,
                Err(error) => {
                    let message = error.to_string();
                    self.local(|s| s.outbox_failed(first, &message))?;
                    return Err(error.into());
                }
            };
            let plan = plan::plan_answers(&request.mutations, &response.results)?;
            if plan.answers.is_empty() {
                return Err(DeskError::Unreachable(format!(
                    "the server answered none of the {} changes pushed",
                    plan.unanswered.len()
                )));
            }
            let now = self.now();
            self.local(|s| s.apply_push_answers(&plan.answers, now))?;
            changed = true;
        }
        changed |= self.pull(client).await?;
        Ok(changed)
    }

    /// Pulls every change after the cursor (and the server's studio when the desk's copy
    /// is older); true if any arrived.
    pub async fn pull(&self, client: &Client) -> Result<bool, DeskError> {
        let mut any = false;
        loop {
            let since = self.local(|s| s.sync_cursor())?;
            let page = client.pull(since, PULL_BATCH).await?;
            let changes = page
                .changes
                .iter()
                .map(|c| Ok((RemoteBooking::try_from(&c.booking)?, c.seq)))
                .collect::<Result<Vec<_>, frontdesk_protocol::WireSpanError>>()
                .map_err(|e| {
                    DeskError::Unreachable(format!(
                        "the server sent a change this desk cannot read: {e}"
                    ))
                })?;
            let now = self.now();
            let customers: Vec<frontdesk_store::customers::CustomerRecord> =
                page.customers.iter().map(Into::into).collect();
            self.local(|s| s.apply_remote_page(&changes, &customers, page.cursor, now))?;
            any |= !page.changes.is_empty() || !page.customers.is_empty();
            if page.studio_version > self.local(|s| Ok(s.studio_version()))? {
                self.adopt_studio(client).await?;
            }
            if !page.more {
                return Ok(any);
            }
        }
    }
}
