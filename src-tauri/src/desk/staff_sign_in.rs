//! Signing a staff member in and out at the desk.
//!
//! - **Online**: the server checks the PIN against its own record
//!   (`POST /v1/staff/sessions`) and answers a staff session; every request of the desk
//!   carries it from then on, so the server records the member it verified.
//! - **Offline** (a server is configured but does not answer) and **standalone**: the PIN is
//!   checked against the desk's file — the verifier its server made for this desk's token
//!   (`frontdesk_store::pin_verifier`), or a standalone desk's own hash. Writes made so say
//!   they were made after an offline sign-in; the server checks the member at sync.
//! - **Lockouts**: wrong PINs are counted per member in the desk's file (and by the server
//!   for its own checks), so a restart forgets nothing: from the third wrong PIN on the
//!   member waits (`pin_locked`, the message says how long), the right PIN included.

use frontdesk_protocol::{ErrorCode, StaffDto, StaffSignIn};
use frontdesk_store::pin_verifier::{desk_pin_matches, token_key};
use frontdesk_store::staff_auth::locked_message;
use uuid::Uuid;

use super::staff::{refused, SignInState, Signed, StaffMember};
use super::{lock, Desk, DeskError};

impl Desk {
    /// Signs `id` in with `pin`: by the server when it answers, else against the desk's
    /// file. A wrong PIN is refused (`wrong_pin`); after three wrong ones in a row the
    /// member is locked out for a while (`pin_locked`), the right PIN included.
    pub async fn sign_in(&self, id: Uuid, pin: &str) -> Result<SignInState, DeskError> {
        let member = self
            .local(|s| s.staff())?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| {
                refused(
                    ErrorCode::NotFound,
                    "this staff member is not on the list any more",
                )
            })?;
        let now = self.now();
        if let Some(wait) = self.local(|s| s.pin_tries(id))?.wait(now) {
            return Err(refused(
                ErrorCode::PinLocked,
                locked_message(&member.name, wait),
            ));
        }
        let body = StaffSignIn {
            staff_id: id,
            pin: pin.to_owned(),
        };
        let by_server = self
            .server_first(
                |c| async move { Ok(Some(c.sign_in_staff(&body).await?)) },
                || Ok(None),
            )
            .await;
        match by_server {
            Ok(Some(session)) => {
                self.local(|s| s.record_pin_try(id, true, now))?;
                let member = StaffMember {
                    name: session.name,
                    ..StaffMember::from(&member)
                };
                let until = session.expires_at.with_timezone(&chrono::Utc);
                self.signed_in(member, Some((session.session, until)), false)
            }
            Ok(None) => self.sign_in_here(&member, pin),
            Err(error) if error.code() == ErrorCode::WrongPin => {
                self.local(|s| s.record_pin_try(id, false, now))?;
                Err(error)
            }
            Err(error) => Err(error),
        }
    }

    /// The PIN checked against the desk's file (offline, or standalone).
    fn sign_in_here(&self, member: &StaffDto, pin: &str) -> Result<SignInState, DeskError> {
        // The token this desk talks to its server with: its verifiers are bound to it.
        let server = self
            .connection()
            .client()
            .map(|c| c.settings().token.clone());
        let key = server
            .as_deref()
            .filter(|token| !token.is_empty())
            .map(token_key);
        // Checking the PIN takes a moment (a costly hash, on purpose).
        let right = desk_pin_matches(&member.pin_hash, key.as_deref(), pin);
        let now = self.now();
        let tries = self.local(|s| s.record_pin_try(member.id, right, now))?;
        if !right {
            tracing::warn!(staff = %member.name, wrong = tries.wrong, "wrong PIN");
            return Err(refused(
                ErrorCode::WrongPin,
                format!("that PIN is not {}'s", member.name),
            ));
        }
        self.signed_in(StaffMember::from(member), None, server.is_some())
    }

    fn signed_in(
        &self,
        member: StaffMember,
        server_session: Option<(String, chrono::DateTime<chrono::Utc>)>,
        offline: bool,
    ) -> Result<SignInState, DeskError> {
        lock(&self.inner.staff).signed_in = Some(Signed {
            member,
            last: self.now(),
            server_session,
            offline,
        });
        self.sign_in_state()
    }

    /// Signs the member out here, and ends their staff session on the server when it
    /// answers (else it expires by itself).
    pub async fn sign_out(&self) {
        let ended = lock(&self.inner.staff).signed_in.take();
        let Some((session, _)) = ended.and_then(|s| s.server_session) else {
            return;
        };
        if let Some(client) = self.connection().client() {
            if let Err(error) = client.end_staff_session(&session).await {
                tracing::info!(%error, "the staff session was not ended on the server");
            }
        }
    }
}
