//! The desk's own settings, kept in its file: whether the kiosk starts in full screen, and
//! its first run (welcome: connect, set up, or the demo). The server it works with is
//! [`super::server`]'s.

use super::{Desk, DeskError};

const START_FULLSCREEN: &str = "start_fullscreen";
pub(super) const FIRST_RUN: &str = "first_run";

/// Marks a new desk file as not set up yet.
pub(super) fn begin_first_run(
    store: &mut frontdesk_store::Store,
) -> Result<(), frontdesk_store::StoreError> {
    store.set_sync_value(FIRST_RUN, "1")
}

impl Desk {
    /// Whether the app starts in full screen (the kiosk setting).
    pub fn start_fullscreen(&self) -> Result<bool, DeskError> {
        Ok(self.local(|s| s.sync_value(START_FULLSCREEN))?.as_deref() == Some("1"))
    }

    pub fn save_start_fullscreen(&self, on: bool) -> Result<(), DeskError> {
        self.local(|s| s.set_sync_value(START_FULLSCREEN, if on { "1" } else { "0" }))
    }

    /// Whether the desk is in its first run: a new file, and none of connect, set up or
    /// the demo chosen yet.
    pub fn first_run(&self) -> Result<bool, DeskError> {
        Ok(self.local(|s| s.sync_value(FIRST_RUN))?.as_deref() == Some("1"))
    }

    /// Ends the first run (a server was configured, or the demo chosen).
    pub fn end_first_run(&self) -> Result<(), DeskError> {
        self.local(|s| s.set_sync_value(FIRST_RUN, ""))
    }

    /// First run: works with the demo studio it started with.
    pub fn choose_demo(&self) -> Result<(), DeskError> {
        if !self.first_run()? {
            return Err(DeskError::invalid(
                "this desk is set up already: the demo is only offered on the first start",
            ));
        }
        self.end_first_run()
    }

    /// First run: makes `update` this standalone desk's studio (checked, errors naming the
    /// field), in place of the demo it started with.
    pub fn setup_studio(&self, update: &frontdesk_protocol::StudioUpdate) -> Result<(), DeskError> {
        if !self.first_run()? {
            return Err(DeskError::invalid(
                "this desk is set up already: its studio is set up only on the first start",
            ));
        }
        let studio = update
            .to_studio()
            .map_err(|e| DeskError::invalid(e.to_string()))?;
        let (now, desk) = (self.now(), self.desk_id().to_owned());
        self.local(|s| {
            let who = frontdesk_store::audit::Who::desk(&desk);
            s.change_studio(studio, update.staff.as_deref(), update.version, who, now)?;
            s.set_sync_value(FIRST_RUN, "")
        })?;
        self.emit(crate::events::DeskEvent::StudioChanged);
        Ok(())
    }
}
