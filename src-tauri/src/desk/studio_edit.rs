//! An admin changes the studio at the desk: what a change would leave outside (shown to
//! staff before saving), and saving it — on the server when the desk is connected (the
//! server owns the studio; its answer is kept here for offline work), in the desk's own
//! file when standalone. A connected desk that cannot reach its server saves nothing.

use frontdesk_protocol::{StaffRole, StudioUpdate};
use frontdesk_store::audit::Who;

use super::views::BookingView;
use super::{Desk, DeskError};
use crate::events::DeskEvent;

impl Desk {
    /// The bookings from now on that `update` would leave outside its hours or rooms.
    /// They stay booked if it is saved. Needs an admin signed in (when the studio has staff).
    pub async fn check_studio(&self, update: &StudioUpdate) -> Result<Vec<BookingView>, DeskError> {
        self.acting(StaffRole::Admin)?;
        let studio = update
            .to_studio()
            .map_err(|e| DeskError::invalid(e.to_string()))?;
        self.server_first(
            |c| async move {
                let check = c.check_studio(update).await?;
                Ok(check
                    .outside
                    .iter()
                    .map(super::views::view_of_dto)
                    .collect())
            },
            || {
                self.studio_needs_server()?;
                let now = self.now();
                let outside = self.local(|s| s.bookings_outside(&studio, now))?;
                Ok(outside.iter().map(|b| self.view(b)).collect())
            },
        )
        .await
    }

    /// Saves `update` if the studio is still at `update.version` (else `stale`, nothing
    /// saved). Needs an admin signed in (when the studio has staff).
    pub async fn change_studio(&self, update: &StudioUpdate) -> Result<(), DeskError> {
        let admin = self.acting(StaffRole::Admin)?;
        let studio = update
            .to_studio()
            .map_err(|e| DeskError::invalid(e.to_string()))?;
        let changed = self
            .server_first(
                |c| async move {
                    let info = c.change_studio(update).await?;
                    self.keep_studio(&info)?;
                    Ok(false)
                },
                || {
                    self.studio_needs_server()?;
                    let (now, desk) = (self.now(), self.desk_id().to_owned());
                    let who = Who {
                        desk: &desk,
                        staff: admin.as_ref(),
                    };
                    self.local(|s| {
                        s.change_studio(studio, update.staff.as_deref(), update.version, who, now)
                    })?;
                    Ok(true)
                },
            )
            .await?;
        if changed {
            self.emit(DeskEvent::StudioChanged);
        }
        Ok(())
    }

    /// A connected desk changes its studio only through its server. Not a choice between
    /// server and local: it is server_first's local answer, refusing when a server is
    /// configured but unreachable (the server owns the studio, and no studio change waits
    /// in the outbox), and letting this file answer only when standalone.
    fn studio_needs_server(&self) -> Result<(), DeskError> {
        if self.connection().client().is_some() {
            return Err(DeskError::Unreachable(
                "the studio's settings are kept by the server: change them while it can be reached"
                    .to_owned(),
            ));
        }
        Ok(())
    }
}
