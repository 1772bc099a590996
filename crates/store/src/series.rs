//! Recurring series in the file: the preview over the stored masks, every free occurrence
//! booked in one transaction (each a booking of its own that knows its series), and
//! cancelling one occurrence with all that follow it.

use chrono::NaiveDate;
use frontdesk_core::series::Occurrence;
use frontdesk_core::{preview_series, Occupancy, SeriesRule, SessionId, MAX_SPAN_DAYS};
use rusqlite::{params, Connection, TransactionBehavior};
use uuid::Uuid;

use crate::booking_changes::{change_in, Change};
use crate::booking_rows::{get, query};
use crate::bookings::{cancel_in, insert_booking};
use crate::outbox::OutboxEntry;
use crate::{masks, BookingRecord, BookingStatus, NewBooking, Store, StoreError, WriteContext};

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

/// The stored masks every occurrence of `rule` can touch, in one query.
fn masks_for(
    conn: &Connection,
    rule: &SeriesRule,
    dates: &[NaiveDate],
) -> Result<Occupancy, StoreError> {
    let mut booked = Occupancy::new();
    if let (Some(first), Some(last)) = (dates.first(), dates.last()) {
        let reach = u64::from(rule.minutes) / (24 * 60) + 2;
        let reach = chrono::Days::new(reach.min(MAX_SPAN_DAYS as u64 + 2));
        let to = last.checked_add_days(reach).unwrap_or(*last);
        let from = first
            .checked_sub_days(chrono::Days::new(1))
            .unwrap_or(*first);
        masks::load_range(conn, &rule.room, from, to, &mut booked)?;
    }
    Ok(booked)
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
        let changeover = self.studio.room(rule.room.as_str())?.changeover;
        let booked = masks_for(&self.conn, rule, &rule.dates()?)?;
        let calendar = &self.studio.calendar;
        Ok(preview_series(
            calendar,
            rule,
            changeover,
            session,
            &booked,
            &self.holds,
            now,
        )?)
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
        let changeover = self.studio.room(series.rule.room.as_str())?.changeover;
        let dates = series.rule.dates()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let before = of_series(&tx, series.id)?;
        if !before.is_empty() {
            return Ok(SeriesBooked {
                booked: before,
                skipped: Vec::new(),
            });
        }
        let booked = masks_for(&tx, &series.rule, &dates)?;
        let occurrences = preview_series(
            &self.studio.calendar,
            &series.rule,
            changeover,
            series.session,
            &booked,
            &self.holds,
            ctx.now,
        )?;
        let mut out = SeriesBooked {
            booked: Vec::new(),
            skipped: Vec::new(),
        };
        for occurrence in occurrences {
            let new = match (occurrence.skip, series.occurrence(&occurrence)) {
                (None, Some(new)) => new,
                _ => {
                    out.skipped.push(occurrence);
                    continue;
                }
            };
            let entry = outbox_for(&new)?;
            let ctx = WriteContext {
                outbox: entry.as_ref(),
                ..*ctx
            };
            let (record, _) = insert_booking(&tx, &self.studio, &self.holds, &new, status, &ctx)?;
            out.booked.push(record);
        }
        tx.commit()?;
        if let Some(session) = series.session {
            self.holds.release(session);
        }
        Ok(out)
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
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let this = get(&tx, booking)?.ok_or(StoreError::NotFound(booking))?;
        let series = this.series.ok_or(StoreError::NotInSeries(booking))?;
        let following = query(
            &tx,
            "WHERE series_id = ?1 AND start_utc >= ?2 AND status != 'cancelled' ORDER BY start_utc",
            params![series.to_string(), this.span.start().timestamp()],
        )?;
        let mut cancelled = Vec::with_capacity(following.len());
        for record in &following {
            let entry = outbox_for(record)?;
            let ctx = WriteContext {
                outbox: entry.as_ref(),
                ..*ctx
            };
            let (record, _) = cancel_in(&tx, &self.studio.calendar, record.id, reason, &ctx)?;
            cancelled.push(record);
        }
        tx.commit()?;
        Ok(cancelled)
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
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let this = get(&tx, booking)?.ok_or(StoreError::NotFound(booking))?;
        let series = this.series.ok_or(StoreError::NotInSeries(booking))?;
        let following = query(
            &tx,
            "WHERE series_id = ?1 AND start_utc >= ?2 AND status IN ('confirmed', 'pending')
             ORDER BY start_utc",
            params![series.to_string(), this.span.start().timestamp()],
        )?;
        let changes = shifted(&self.studio.calendar, &this, &following, shift)?;
        let mut changed = Vec::with_capacity(following.len());
        for (record, change) in following.iter().zip(&changes) {
            let entry = outbox_for(record, change)?;
            let ctx = WriteContext {
                outbox: entry.as_ref(),
                ..*ctx
            };
            let (record, _) = change_in(
                &tx,
                &self.studio,
                &self.holds,
                record.id,
                record.version,
                change,
                &ctx,
            )?;
            changed.push(record);
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Every booking of a series, cancelled ones included, in time order.
    pub fn series_bookings(&self, series: Uuid) -> Result<Vec<BookingRecord>, StoreError> {
        of_series(&self.conn, series)
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

fn of_series(conn: &Connection, series: Uuid) -> Result<Vec<BookingRecord>, StoreError> {
    query(
        conn,
        "WHERE series_id = ?1 ORDER BY start_utc",
        params![series.to_string()],
    )
}
