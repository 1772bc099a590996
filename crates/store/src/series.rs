//! Recurring series in the file: the preview over the stored masks, every free occurrence
//! booked in one transaction (each a booking of its own that knows its series), and
//! cancelling one occurrence with all that follow it.

use chrono::NaiveDate;
use frontdesk_core::series::Occurrence;
use frontdesk_core::{SeriesRule, SessionId};
use rusqlite::params;
use uuid::Uuid;

use crate::booking_changes::Change;
use crate::booking_rows::query;
use crate::outbox::OutboxEntry;
use crate::{engine, BookingRecord, BookingStatus, NewBooking, Store, StoreError, WriteContext};

/// A series as staff ask for it: the rule, who it is for, and the id that makes booking
/// it again harmless.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSeries {
    pub id: Uuid,
    pub rule: SeriesRule,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub note: Option<String>,
    /// The booking session whose holds the first occurrences may turn into.
    pub session: Option<SessionId>,
}

/// What booking a series did: the occurrences booked, and those skipped with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesBooked {
    pub booked: Vec<BookingRecord>,
    pub skipped: Vec<Occurrence>,
}

/// Where this and the following occurrences of a series move: a room, a local start on
/// each one's own date, a length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesShift {
    pub room: String,
    pub start: chrono::NaiveTime,
    pub minutes: u32,
}

/// The id of a series' occurrence on `date`: the same at every desk and on the server, so
/// an occurrence pushed or booked twice is one booking.
pub fn occurrence_id(series: Uuid, date: NaiveDate) -> Uuid {
    Uuid::new_v5(&series, date.format("%Y-%m-%d").to_string().as_bytes())
}

impl NewSeries {
    /// The booking of one occurrence.
    pub fn occurrence(&self, occurrence: &Occurrence) -> Option<NewBooking> {
        let span = occurrence.span?;
        Some(NewBooking {
            id: occurrence_id(self.id, occurrence.date),
            room: self.rule.room.to_string(),
            start: span.start(),
            end: span.end(),
            name: self.name.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            note: self.note.clone(),
            session: self.session,
            series: Some(self.id),
        })
    }
}

impl Store {
    /// Every occurrence of `rule`, free or with the reason it cannot be booked, as booking
    /// it for `session` now would find. Nothing is written.
    pub fn preview_series(
        &self,
        rule: &SeriesRule,
        session: Option<SessionId>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<Occurrence>, StoreError> {
        self.read(|l, studio| engine::series::preview(l, studio, rule, session, now))
    }

    /// Books every free occurrence in one transaction, each with its own audit, change-log
    /// and (from `outbox_for`, on an offline desk) outbox row; the others are returned as
    /// skipped, with the reason. A series whose id was booked before returns what it booked
    /// then, changing nothing.
    pub fn book_series(
        &mut self,
        series: &NewSeries,
        status: BookingStatus,
        ctx: &WriteContext<'_>,
        outbox_for: impl Fn(&NewBooking) -> Result<Option<OutboxEntry>, StoreError>,
    ) -> Result<SeriesBooked, StoreError> {
        self.write(|l, studio| engine::series::book(l, studio, series, status, ctx, outbox_for))
    }

    /// Cancels `booking` and every later occurrence of its series that is not cancelled yet,
    /// in one transaction; each gets its own audit, change-log and (from `outbox_for`)
    /// outbox row. Returns the cancelled bookings in time order.
    pub fn cancel_series_from(
        &mut self,
        booking: Uuid,
        reason: Option<&str>,
        ctx: &WriteContext<'_>,
        outbox_for: impl Fn(&BookingRecord) -> Result<Option<OutboxEntry>, StoreError>,
    ) -> Result<Vec<BookingRecord>, StoreError> {
        self.write(|l, studio| {
            engine::series::cancel_from(l, studio, booking, reason, ctx, outbox_for)
        })
    }

    /// Moves `booking` and every later occurrence of its series that holds time to `room`,
    /// the local start `start` on its own date, for `minutes` — all or none, in one
    /// transaction, each checked like a move (bookings, holds, changeover) and versioned
    /// with its own audit, change-log and (from `outbox_for`) outbox row. Returns the
    /// changed bookings in time order.
    pub fn change_series_from(
        &mut self,
        booking: Uuid,
        shift: &SeriesShift,
        ctx: &WriteContext<'_>,
        outbox_for: impl Fn(&BookingRecord, &Change) -> Result<Option<OutboxEntry>, StoreError>,
    ) -> Result<Vec<BookingRecord>, StoreError> {
        self.write(|l, studio| {
            engine::series::change_from(l, studio, booking, shift, ctx, outbox_for)
        })
    }

    /// Every booking of a series, cancelled ones included, in time order.
    pub fn series_bookings(&self, series: Uuid) -> Result<Vec<BookingRecord>, StoreError> {
        query(
            &self.conn,
            "WHERE series_id = ?1 ORDER BY start_utc",
            params![series.to_string()],
        )
    }
}

/// The change of each of `following` (occurrences of the series of `this`) that `shift`
/// asks for: its room, the local start on its own date, the length. Pure: the server's
/// PostgreSQL applies the same.
pub fn shifted(
    calendar: &frontdesk_core::Calendar,
    this: &BookingRecord,
    following: &[BookingRecord],
    shift: &SeriesShift,
) -> Result<Vec<Change>, StoreError> {
    // The new start and length as a one-date rule, checked once (a quarter hour, a
    // possible length); its span on each occurrence's own date is the new span.
    let moved = SeriesRule {
        room: this.room.clone(),
        first: calendar.date_of(this.span.start()),
        start: shift.start,
        minutes: shift.minutes,
        repeat: frontdesk_core::Repeat::Daily,
        end: frontdesk_core::SeriesEnd::Times(1),
    };
    moved.dates()?;
    following
        .iter()
        .map(|record| {
            let date = calendar.date_of(record.span.start());
            let span = moved.span_on(calendar, date).ok_or_else(|| {
                StoreError::BadChange(format!(
                    "start: {} does not exist on {date} (the clock changes that night)",
                    shift.start.format("%H:%M")
                ))
            })?;
            Ok(Change::Span {
                room: shift.room.clone(),
                start: span.start(),
                end: span.end(),
                session: None,
            })
        })
        .collect()
}
