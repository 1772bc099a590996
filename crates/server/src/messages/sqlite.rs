//! [`Outbox`] on the SQLite [`Store`]: one instance has the file, so a claim needs no more
//! than its lease (which outlives a crash of the instance, not a second one).

use chrono::{DateTime, Duration, Utc};
use frontdesk_store::audit::Who;
use frontdesk_store::messages::{Channels, MessagePolicy, MessageRow, Outgoing};
use frontdesk_store::reminder_consent::ReminderConsent;
use frontdesk_store::{
    BookingRecord, BookingStatus, NewBooking, Store, WriteContext, WriteOutcome,
};
use uuid::Uuid;

use super::Outbox;
use crate::storage::StorageError;

impl Outbox for Store {
    fn create_online_booking(
        &mut self,
        new: &NewBooking,
        policy: MessagePolicy,
        who: Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<(BookingRecord, WriteOutcome), StorageError> {
        let ctx = WriteContext::new(who.desk, now)
            .by(who.staff)
            .sending(policy);
        Ok(Store::create_booking(
            self,
            new,
            BookingStatus::Confirmed,
            &ctx,
        )?)
    }

    fn claim_messages(
        &mut self,
        owner: &str,
        now: DateTime<Utc>,
        lease: Duration,
        limit: u32,
        channels: Channels,
    ) -> Result<Vec<Outgoing>, StorageError> {
        Ok(Store::claim_messages(
            self, owner, now, lease, limit, channels,
        )?)
    }

    fn message_sent(
        &mut self,
        id: Uuid,
        owner: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        Ok(Store::message_sent(self, id, owner, now)?)
    }

    fn message_failed(
        &mut self,
        id: Uuid,
        owner: &str,
        error: &str,
        retry: Option<DateTime<Utc>>,
    ) -> Result<bool, StorageError> {
        Ok(Store::message_failed(self, id, owner, error, retry)?)
    }

    fn booking_messages(&self, booking: Uuid) -> Result<Vec<MessageRow>, StorageError> {
        Ok(Store::booking_messages(self, booking)?)
    }

    fn reminder_consent(&self, email: &str) -> Result<Option<ReminderConsent>, StorageError> {
        Ok(Store::reminder_consent(self, email)?)
    }

    fn set_reminder_consent(
        &mut self,
        email: &str,
        choice: &ReminderConsent,
    ) -> Result<(), StorageError> {
        Ok(Store::set_reminder_consent(self, email, choice)?)
    }
}
