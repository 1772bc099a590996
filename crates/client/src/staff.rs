//! Staff sessions: a member's PIN checked by the server, and the session the desk's
//! requests carry afterwards (`X-Frontdesk-Staff`).

use crate::{Client, ClientError, Method};

impl Client {
    /// The same client, its requests carrying this staff session (`X-Frontdesk-Staff`, from
    /// [`Client::sign_in_staff`]) or none.
    pub fn with_staff_session(&self, session: Option<&str>) -> Client {
        Client {
            staff_session: session.map(str::to_owned),
            ..self.clone()
        }
    }

    /// Signs a staff member in with their PIN, checked by the server (`POST
    /// /v1/staff/sessions`): the staff session their writes carry.
    pub async fn sign_in_staff(
        &self,
        body: &frontdesk_protocol::StaffSignIn,
    ) -> Result<frontdesk_protocol::StaffSession, ClientError> {
        self.json(Method::POST, "/v1/staff/sessions", Some(body))
            .await
    }

    /// Ends a staff session (the member signed out at the desk).
    pub async fn end_staff_session(&self, session: &str) -> Result<(), ClientError> {
        self.call::<serde_json::Value>(
            Method::DELETE,
            &format!("/v1/staff/sessions/{session}"),
            None::<&()>,
        )
        .await
        .map(|_| ())
    }
}
