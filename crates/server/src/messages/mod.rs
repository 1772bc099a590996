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
use frontdesk_protocol::PageLanguage;
use frontdesk_store::audit::Who;
use frontdesk_store::messages::{MessageRow, Outgoing};
use frontdesk_store::{BookingRecord, NewBooking, WriteOutcome};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use tokio::sync::watch;
use uuid::Uuid;

use crate::app::AppState;
use crate::storage::StorageError;

pub use mail::compose;

/// The messages' rows, as each database keeps them.
pub trait Outbox {
    /// A booking made on the public page, its messages in the page's `language`.
    fn create_online_booking(
        &mut self,
        new: &NewBooking,
        language: PageLanguage,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<(BookingRecord, WriteOutcome), StorageError>;
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
/// `smtp://…?tls=required`) and `--smtp-from`.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    pub url: String,
    pub from: String,
}

impl SmtpSettings {
    /// `--smtp-url` and `--smtp-from`, else `FRONTDESK_SMTP_URL` and `FRONTDESK_SMTP_FROM`;
    /// `None` without a URL; a URL without a sender is refused.
    pub fn configured(
        url: Option<String>,
        from: Option<String>,
    ) -> Result<Option<SmtpSettings>, String> {
        let url = url.or_else(|| std::env::var("FRONTDESK_SMTP_URL").ok());
        let from = from.or_else(|| std::env::var("FRONTDESK_SMTP_FROM").ok());
        match (url, from) {
            (None, _) => Ok(None),
            (Some(url), Some(from)) => Ok(Some(SmtpSettings { url, from })),
            (Some(_), None) => Err("--smtp-url needs --smtp-from (the sender's address)".into()),
        }
    }
}

/// Attempts before a message is `failed`.
pub const MAX_ATTEMPTS: u32 = 5;
/// How long a claim keeps a message from the other instances.
pub const LEASE: Duration = Duration::minutes(2);
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
                    send_due(&state, &transport, &smtp.from, &owner).await;
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
    from: &str,
    owner: &str,
) {
    let claimer = owner.to_owned();
    let claimed = match state
        .run(move |s, now| s.claim_messages(&claimer, now, LEASE, BATCH))
        .await
    {
        Ok(Ok(claimed)) => claimed,
        Ok(Err(error)) => {
            tracing::warn!(%error, "claiming messages to send failed");
            return;
        }
        Err(_) => return,
    };
    let info = state.studio_info();
    for message in claimed {
        let sent = match compose(&info, &message, from) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_and_stop() {
        let now = DateTime::<Utc>::UNIX_EPOCH;
        assert_eq!(next_attempt(1, now), Some(now + Duration::minutes(1)));
        assert_eq!(next_attempt(2, now), Some(now + Duration::minutes(2)));
        assert_eq!(next_attempt(4, now), Some(now + Duration::minutes(8)));
        assert_eq!(next_attempt(MAX_ATTEMPTS, now), None);
    }
}
