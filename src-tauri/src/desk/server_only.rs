//! What only the studio's server has (calendar feeds, the online booking page), asked by an
//! admin at the desk: every call goes to the server and nowhere else. A standalone desk
//! answers `server_required` naming what needs the server; an unreachable server
//! `unreachable` (the desk goes offline); no admin signed in, `admin_required`.

use std::future::Future;

use frontdesk_client::{Client, ClientError};
use frontdesk_protocol::{ErrorBody, ErrorCode, StaffRole};

use super::{Desk, DeskError};

impl Desk {
    /// An admin's call to the server, online or offline (it may be back); never local.
    /// `what` names the feature for a standalone desk's answer ("calendar feeds").
    pub(super) async fn on_server<T, F, Fut>(&self, what: &str, call: F) -> Result<T, DeskError>
    where
        F: FnOnce(Client) -> Fut,
        Fut: Future<Output = Result<T, ClientError>>,
    {
        let Some(client) = self.connection().client().cloned() else {
            return Err(DeskError::Refused(ErrorBody::new(
                ErrorCode::ServerRequired,
                format!(
                    "{what} live on the studio's server, and this desk works standalone: \
                     connect it to the server in Settings first"
                ),
            )));
        };
        self.acting(StaffRole::Admin)?;
        let client = client.with_staff_session(self.server_staff_session().as_deref());
        match call(client).await.map_err(DeskError::from) {
            Err(DeskError::Unreachable(why)) => {
                self.record_reach(Err(format!("the server cannot be reached: {why}")));
                Err(DeskError::Unreachable(why))
            }
            answer => {
                self.record_reach(Ok(()));
                answer
            }
        }
    }
}
