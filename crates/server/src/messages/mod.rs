//! Messages to customers: the sender. Booking writes queue e-mails in their own transaction
//! (`frontdesk_store::messages`); this worker, one per instance, claims the due ones with a
//! lease (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so several instances never claim the same
//! row), sends each over SMTP (a reminder by SMS through the operator's HTTP gateway) and
//! marks it sent. A failed attempt is tried again after an
//! exponential backoff ([`retry_after`]); after [`MAX_ATTEMPTS`] the message is `failed`,
//! with its error, and staff see it on the booking.
//!
//! Exactly once, and its one window: a message is marked sent after the SMTP server
//! accepted it. An instance killed between the two leaves the row leased; when the lease
//! runs out another instance sends it again. The copy carries the same Message-ID (made
//! from the row's id), so a mail system or reader can recognise it.

mod mail;
pub mod route;
mod sender;
mod settings;
mod sms;
mod sqlite;

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use frontdesk_store::audit::Who;
use frontdesk_store::messages::{Channels, MessagePolicy, MessageRow, Outgoing};
use frontdesk_store::reminder_consent::ReminderConsent;
use frontdesk_store::{BookingRecord, NewBooking, WriteOutcome};
use uuid::Uuid;

use crate::storage::StorageError;

pub use mail::{compose, Contact};
pub use sender::{send_messages, Transports};
pub use settings::{public_address, SmsSettings, SmtpSettings};

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
    /// Claims up to `limit` due messages of `channels` for `owner` until `now + lease`.
    fn claim_messages(
        &mut self,
        owner: &str,
        now: DateTime<Utc>,
        lease: Duration,
        limit: u32,
        channels: Channels,
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
/// How long one SMTP conversation, or one call of the SMS gateway, may take.
const SMTP_TIMEOUT: StdDuration = StdDuration::from_secs(20);

/// The wait before the next attempt after `failed` failed ones: 1, 2, 4, 8 … minutes.
pub fn retry_after(failed: u32) -> Duration {
    Duration::minutes(1_i64 << failed.saturating_sub(1).min(10))
}

/// When a message that has now failed `failed` times is tried again (`None`: never).
pub fn next_attempt(failed: u32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    (failed < MAX_ATTEMPTS).then(|| now + retry_after(failed))
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
}
