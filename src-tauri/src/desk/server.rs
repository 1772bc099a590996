//! The server this desk works with: an admin's decision.
//!
//! - Connecting (by a one-time enrolment code, or for development by a pasted token) and
//!   going standalone need an admin signed in when the studio has staff; on a new desk's
//!   first run nobody is signed in yet and the welcome screen may connect.
//! - A new address or token always comes with its credential: nothing keeps the saved
//!   token for another address.
//! - `http://` only to this machine, `https://` otherwise (see
//!   [`frontdesk_client::ServerAddress`]).
//! - The token is kept by [`super::secret`] (the OS's credential store, or a 0600 file),
//!   never in the desk's SQLite file; a token an older version left there moves out when
//!   the desk opens.
//! - Another server (another address, or another studio) starts from the beginning of its
//!   change log; the work waiting to sync is kept and pushed to it
//!   ([`frontdesk_store::Store::forget_server`]).

use frontdesk_client::{Client, ServerAddress, ServerSettings};
use frontdesk_protocol::{normalize_code, EnrolRequest, ErrorCode, StaffRole};

use super::secret::SecretError;
use super::settings::FIRST_RUN;
use super::{Desk, DeskError};

const SERVER_URL: &str = "server_url";
/// Where versions before the secret store kept the token: moved out on open.
pub(super) const SERVER_TOKEN: &str = "server_token";
/// The studio the enrolment named (a chain's server has several).
const SERVER_STUDIO: &str = "server_studio";

/// What connecting by an enrolment code gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolled {
    pub studio_name: String,
    pub desk: String,
    pub admin: bool,
}

impl From<SecretError> for DeskError {
    fn from(e: SecretError) -> Self {
        tracing::error!(error = %e, "the desk token's store failed");
        DeskError::Refused(frontdesk_protocol::ErrorBody::new(
            ErrorCode::Storage,
            e.to_string(),
        ))
    }
}

impl Desk {
    /// The saved server settings, if any: the address from the desk's file, the token from
    /// the secret store.
    pub fn saved_server(&self) -> Result<Option<ServerSettings>, DeskError> {
        let url = self.local(|s| s.sync_value(SERVER_URL))?;
        let Some(url) = url.filter(|u| !u.is_empty()) else {
            return Ok(None);
        };
        let token = self.inner.secrets.get()?.unwrap_or_default();
        Ok(Some(ServerSettings { url, token }))
    }

    /// Connects with a pasted token (development; the normal way is [`Desk::enrol`]) or,
    /// with `None`, works standalone from now on. Needs an admin (see the module's notes).
    pub fn save_server(&self, settings: Option<ServerSettings>) -> Result<(), DeskError> {
        self.may_change_server()?;
        if let Some(s) = &settings {
            ServerAddress::parse(&s.url).map_err(DeskError::invalid)?;
            if s.token.trim().is_empty() {
                return Err(DeskError::invalid(
                    "token: a new server address needs this desk's token (or an enrolment code) again",
                ));
            }
        }
        self.keep_server(settings, None)
    }

    /// Exchanges a one-time enrolment code at the server `url` for this desk's token, keeps
    /// it and works with that server from now on. Needs an admin (see the module's notes).
    pub async fn enrol(&self, url: &str, code: &str) -> Result<Enrolled, DeskError> {
        self.may_change_server()?;
        let url = url.trim();
        ServerAddress::parse(url).map_err(DeskError::invalid)?;
        let code = normalize_code(code);
        if code.is_empty() {
            return Err(DeskError::invalid(
                "enrolment code: type the code your administrator was given for this desk",
            ));
        }
        let request = EnrolRequest {
            code,
            app_version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        };
        let answer = Client::enrol(url, &request).await.map_err(|e| match e {
            frontdesk_client::ClientError::Refused { body, .. }
                if body.error == ErrorCode::Unauthorized =>
            {
                DeskError::Refused(frontdesk_protocol::ErrorBody::new(
                    ErrorCode::Unauthorized,
                    "enrolment code: the server does not know this code, or it was used or \
                     has expired: ask your administrator for a new one",
                ))
            }
            other => other.into(),
        })?;
        let settings = ServerSettings {
            url: url.to_owned(),
            token: answer.token,
        };
        self.keep_server(Some(settings), Some(&answer.studio))?;
        Ok(Enrolled {
            studio_name: answer.studio_name,
            desk: answer.desk,
            admin: answer.admin,
        })
    }

    /// On the first run anyone may connect the new desk; afterwards only an admin (where
    /// the studio has staff).
    fn may_change_server(&self) -> Result<(), DeskError> {
        if self.first_run()? {
            return Ok(());
        }
        self.acting(StaffRole::Admin).map(|_| ())
    }

    /// Keeps these settings (the token in the secret store first, then the address in the
    /// file, in one transaction with forgetting the old server when this is another one),
    /// and uses them at once.
    fn keep_server(
        &self,
        settings: Option<ServerSettings>,
        studio: Option<&str>,
    ) -> Result<(), DeskError> {
        let (old_url, old_studio) =
            self.local(|s| Ok((s.sync_value(SERVER_URL)?, s.sync_value(SERVER_STUDIO)?)))?;
        let old_url = old_url.unwrap_or_default();
        let old_token = self.inner.secrets.get()?;
        let another = settings.as_ref().is_some_and(|new| {
            let same_address = canonical(&new.url) == canonical(&old_url);
            let same_studio = match studio {
                Some(studio) => old_studio.as_deref() == Some(studio),
                None => old_token.as_deref() == Some(new.token.as_str()),
            };
            !(same_address && same_studio)
        });
        // Saved in its one spelling (`https://host/v1` as `https://host`).
        let url = settings
            .as_ref()
            .map_or(String::new(), |s| canonical(&s.url));
        let studio = match (&settings, studio) {
            (None, _) => String::new(),
            (Some(_), Some(studio)) => studio.to_owned(),
            (Some(_), None) if another => String::new(),
            (Some(_), None) => old_studio.unwrap_or_default(),
        };
        let token = settings.as_ref().map_or("", |s| s.token.as_str());
        self.inner.secrets.set(token)?;
        let mut values = vec![(SERVER_URL, url.as_str()), (SERVER_STUDIO, studio.as_str())];
        if settings.is_some() {
            values.push((FIRST_RUN, ""));
        }
        let (now, desk) = (self.now(), self.desk_id().to_owned());
        let saved = self.local(|s| {
            if another {
                let removed = s.forget_server(&desk, now, &values)?;
                tracing::info!(
                    removed,
                    "another server: its change log is read from the start"
                );
                Ok(())
            } else {
                s.set_sync_values(&values)
            }
        });
        if let Err(e) = saved {
            // The file still names the old server: give it its token back.
            let _ = self.inner.secrets.set(old_token.as_deref().unwrap_or(""));
            return Err(e);
        }
        if another {
            self.emit(crate::events::DeskEvent::BookingsChanged);
        }
        self.set_server(settings)
    }

    /// A token an older version kept in the desk's file moves to the secret store, and is
    /// erased from the file in the same step (its bytes too).
    pub(super) fn move_token_out_of_file(&self) -> Result<(), DeskError> {
        let Some(token) = self.local(|s| s.sync_value(SERVER_TOKEN))? else {
            return Ok(());
        };
        if !token.is_empty() && self.inner.secrets.get()?.is_none() {
            self.inner.secrets.set(&token)?;
        }
        self.local(|s| s.erase_sync_value(SERVER_TOKEN))?;
        tracing::info!(
            store = self.inner.secrets.kind(),
            "the desk token moved out of the desk's file"
        );
        Ok(())
    }
}

/// An address in one spelling; as typed if it is none.
fn canonical(url: &str) -> String {
    ServerAddress::parse(url).map_or_else(|_| url.trim().to_owned(), |a| a.canonical())
}

/// Checks a server address and token: the studio's name, or why not.
pub async fn test_connection(settings: ServerSettings) -> Result<String, DeskError> {
    ServerAddress::parse(&settings.url).map_err(DeskError::invalid)?;
    let client = Client::new(settings)?;
    Ok(client.studio().await?.name)
}
