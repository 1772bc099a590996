//! Messages to customers: the sender. Booking writes queue e-mails in their own transaction
//! (`frontdesk_store::messages`); this worker, one per instance, claims the due ones with a
//! lease (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so several instances never claim the same
//! row), sends each over SMTP and marks it sent. A failed attempt is tried again after an
//! exponential backoff ([`retry_after`]); after [`MAX_ATTEMPTS`] the message is `failed`,
//! with its error, and staff see it on the booking.
//!
//! Exactly once, and its one window: a message is marked sent after the SMTP server
//! accepted it. An instance killed between the two leaves the row leased; when the lease
//! runs out another instance sends it again. The copy carries the same Message-ID (made
//! from the row's id), so a mail system or reader can recognise it.

mod mail;
pub mod route;
mod sqlite;

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use frontdesk_store::audit::Who;
use frontdesk_store::messages::{MessagePolicy, MessageRow, Outgoing};
use frontdesk_store::reminder_consent::ReminderConsent;
use frontdesk_store::{BookingRecord, NewBooking, WriteOutcome};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use tokio::sync::watch;
use uuid::Uuid;

use crate::app::AppState;
use crate::manage_link::{fresh_key, ManageLink};
use crate::storage::StorageError;
use frontdesk_store::online_booking::LINK_KEY_LEN;

pub use mail::{compose, Contact};

/// The messages' rows, as each database keeps them.
pub trait Outbox {
    /// A booking made on the public page, its messages as `policy` says (the page's
    /// language, the customer's reminder choice recorded in the same transaction).
    fn create_online_booking(
        &mut self,
        new: &NewBooking,
        policy: MessagePolicy,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<(BookingRecord, WriteOutcome), StorageError>;
    /// The reminder choice of the customer with the address `email` (`None`: never asked).
    fn reminder_consent(&self, email: &str) -> Result<Option<ReminderConsent>, StorageError>;
    /// Records the reminder choice of the customer with the address `email`; turning them
    /// off cancels the address's reminders not sent yet, in the same transaction.
    fn set_reminder_consent(
        &mut self,
        email: &str,
        choice: &ReminderConsent,
    ) -> Result<(), StorageError>;
    /// Claims up to `limit` due messages for `owner` until `now + lease`.
    fn claim_messages(
        &mut self,
        owner: &str,
        now: DateTime<Utc>,
        lease: Duration,
        limit: u32,
    ) -> Result<Vec<Outgoing>, StorageError>;
    /// Marks a claimed message sent; false if the claim was lost meanwhile.
    fn message_sent(
        &mut self,
        id: Uuid,
        owner: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError>;
    /// Notes a failed attempt: queued again at `retry`, or (`None`) failed for good.
    fn message_failed(
        &mut self,
        id: Uuid,
        owner: &str,
        error: &str,
        retry: Option<DateTime<Utc>>,
    ) -> Result<bool, StorageError>;
    /// A booking's messages, oldest first.
    fn booking_messages(&self, booking: Uuid) -> Result<Vec<MessageRow>, StorageError>;
}

/// Where mail goes: `serve --smtp-url` (`smtp://host:port`, `smtps://user:pass@host`,
/// `smtp://…?tls=required`) and `--smtp-from`; and `--public-url`, under which the mails'
/// manage links are written.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    pub url: String,
    pub from: String,
    /// The address customers reach the server at (`https://book.studio.example`, no
    /// trailing `/`): each e-mail carries its booking's manage link under it. Without it
    /// the e-mails carry no link.
    pub public_url: Option<String>,
    /// How long a claim keeps a message from the other instances ([`LEASE`] unless
    /// `serve --smtp-lease-seconds` says otherwise). An instance killed while sending
    /// leaves its claimed messages to the others this long after.
    pub lease: Duration,
}

impl SmtpSettings {
    /// `--smtp-url`, `--smtp-from` and `--public-url`, else `FRONTDESK_SMTP_URL`,
    /// `FRONTDESK_SMTP_FROM` and `FRONTDESK_PUBLIC_URL`; `None` without a URL; a URL without
    /// a sender is refused, and so is a public address that is not `https://` (plain
    /// `http://` only on a loopback host).
    pub fn configured(
        url: Option<String>,
        from: Option<String>,
        public_url: Option<String>,
    ) -> Result<Option<SmtpSettings>, String> {
        let url = url.or_else(|| std::env::var("FRONTDESK_SMTP_URL").ok());
        let from = from.or_else(|| std::env::var("FRONTDESK_SMTP_FROM").ok());
        let public_url = public_url
            .or_else(|| std::env::var("FRONTDESK_PUBLIC_URL").ok())
            .map(|u| public_address(&u))
            .transpose()?;
        match (url, from) {
            (None, _) => Ok(None),
            (Some(url), Some(from)) => Ok(Some(SmtpSettings {
                url,
                from,
                public_url,
                lease: LEASE,
            })),
            (Some(_), None) => Err("--smtp-url needs --smtp-from (the sender's address)".into()),
        }
    }
}

/// `--public-url` as links are written under it (no trailing `/`), if customers can be sent
/// there: `https://`, or `http://` on a loopback host; no query or fragment.
pub fn public_address(given: &str) -> Result<String, String> {
    let refuse = |why: &str| Err(format!("--public-url \"{given}\" {why}"));
    let Ok(url) = url::Url::parse(given) else {
        return refuse("is not an address (write it as https://book.studio.example)");
    };
    let loopback = match url.host() {
        Some(url::Host::Domain(name)) => name == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => return refuse("names no host"),
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => return refuse("must be https:// (customers' links leave this machine)"),
        _ => return refuse("must be an https:// address"),
    }
    if url.query().is_some() || url.fragment().is_some() {
        return refuse("must not have a query (?…) or fragment (#…)");
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// Attempts before a message is `failed`.
pub const MAX_ATTEMPTS: u32 = 5;
/// How long a claim keeps a message from the other instances, unless set.
pub const LEASE: Duration = Duration::minutes(2);
/// The longest lease `serve --smtp-lease-seconds` takes: an hour.
pub const LEASE_SECONDS_MAX: u32 = 3600;
/// Messages claimed at a time.
const BATCH: u32 = 20;
/// How often the worker looks for due messages.
const POLL: StdDuration = StdDuration::from_millis(250);
/// How long one SMTP conversation may take.
const SMTP_TIMEOUT: StdDuration = StdDuration::from_secs(20);

/// The wait before the next attempt after `failed` failed ones: 1, 2, 4, 8 … minutes.
pub fn retry_after(failed: u32) -> Duration {
    Duration::minutes(1_i64 << failed.saturating_sub(1).min(10))
}

/// When a message that has now failed `failed` times is tried again (`None`: never).
pub fn next_attempt(failed: u32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    (failed < MAX_ATTEMPTS).then(|| now + retry_after(failed))
}

/// Sends due messages until shutdown. Without SMTP settings, says once that messages stay
/// queued and ends.
pub async fn send_messages(
    state: AppState,
    smtp: Option<SmtpSettings>,
    mut shutdown: watch::Receiver<bool>,
) {
    let Some(smtp) = smtp else {
        tracing::warn!("no SMTP server set (serve --smtp-url): messages to customers stay queued");
        return;
    };
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(&smtp.url) {
        Ok(builder) => builder.timeout(Some(SMTP_TIMEOUT)).build(),
        Err(error) => {
            tracing::error!(%error, "the SMTP address is not usable: messages stay queued");
            return;
        }
    };
    let owner = Uuid::new_v4().to_string();
    let mut tick = tokio::time::interval(POLL);
    loop {
        tokio::select! {
            _ = tick.tick() => {
                for studio in state.loaded_studios() {
                    let state = state.for_studio(studio);
                    send_due(&state, &transport, &smtp, &owner).await;
                }
            }
            _ = async { let _ = shutdown.wait_for(|s| *s).await; } => return,
        }
    }
}

/// Claims this studio's due messages and sends each.
async fn send_due(
    state: &AppState,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    smtp: &SmtpSettings,
    owner: &str,
) {
    let claimer = owner.to_owned();
    let lease = smtp.lease;
    let claimed = match state
        .run(move |s, now| s.claim_messages(&claimer, now, lease, BATCH))
        .await
    {
        Ok(Ok(claimed)) => claimed,
        Ok(Err(error)) => {
            tracing::warn!(%error, "claiming messages to send failed");
            return;
        }
        Err(_) => return,
    };
    if claimed.is_empty() {
        return;
    }
    let info = state.studio_info();
    let links = manage_links(state, smtp).await;
    let contact = contact(state).await;
    for message in claimed {
        let link = links.as_ref().map(|(base, key)| {
            let path = ManageLink::for_booking(state.studio_id(), &message.booking).path(key);
            format!("{base}{path}")
        });
        let sent = match compose(&info, &message, &smtp.from, link.as_deref(), &contact) {
            Ok(mail) => transport
                .send(mail)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(error) => Err(error.to_string()),
        };
        let (id, owner) = (message.id, owner.to_owned());
        let marked = match sent {
            Ok(()) => {
                state
                    .run(move |s, now| s.message_sent(id, &owner, now))
                    .await
            }
            Err(error) => {
                let failed = message.attempts + 1;
                tracing::warn!(%id, attempt = failed, %error, "a message was not sent");
                state
                    .run(move |s, now| {
                        s.message_failed(id, &owner, &error, next_attempt(failed, now))
                    })
                    .await
            }
        };
        if let Ok(Err(error)) = marked {
            tracing::warn!(%id, %error, "marking a message failed");
        }
    }
}

/// Where this studio's manage links are written, with its key to sign them (`None`: no
/// `--public-url`, or the key could not be read — then the mails go without links).
async fn manage_links(
    state: &AppState,
    smtp: &SmtpSettings,
) -> Option<(String, [u8; LINK_KEY_LEN])> {
    let base = smtp.public_url.clone()?;
    let fresh = fresh_key();
    match state.run(move |s, _| s.link_key(fresh)).await {
        Ok(Ok(key)) => Some((base, key)),
        Ok(Err(error)) => {
            tracing::warn!(%error, "the manage links' key could not be read: mails go without links");
            None
        }
        Err(_) => None,
    }
}

/// How the customers reach this studio, from its online booking settings (none when they
/// cannot be read: the mails go without it).
async fn contact(state: &AppState) -> Contact {
    match state.run(|s, _| s.online_booking()).await {
        Ok(Ok((settings, _))) => Contact {
            phone: settings.contact_phone,
            email: settings.contact_email,
        },
        Ok(Err(error)) => {
            tracing::warn!(%error, "the studio's contact could not be read: mails go without it");
            Contact::default()
        }
        Err(_) => Contact::default(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn retries_back_off_and_stop() {
        let now = DateTime::<Utc>::UNIX_EPOCH;
        assert_eq!(next_attempt(1, now), Some(now + Duration::minutes(1)));
        assert_eq!(next_attempt(2, now), Some(now + Duration::minutes(2)));
        assert_eq!(next_attempt(4, now), Some(now + Duration::minutes(8)));
        assert_eq!(next_attempt(MAX_ATTEMPTS, now), None);
    }

    #[test]
    fn a_public_address_is_https_or_loopback() {
        assert_eq!(
            public_address("https://book.studio.example/").as_deref(),
            Ok("https://book.studio.example")
        );
        assert_eq!(
            public_address("https://studio.example/frontdesk").as_deref(),
            Ok("https://studio.example/frontdesk")
        );
        assert_eq!(
            public_address("http://127.0.0.1:8787").as_deref(),
            Ok("http://127.0.0.1:8787")
        );
        assert!(public_address("http://localhost").is_ok());
        for (given, why) in [
            ("http://book.studio.example", "must be https://"),
            ("book.studio.example", "is not an address"),
            ("ftp://book.studio.example", "must be an https://"),
            ("https://book.studio.example/?a=1", "query"),
        ] {
            let error = public_address(given).unwrap_err();
            assert!(
                error.contains("--public-url") && error.contains(why),
                "{error}"
            );
        }
    }
}
