//! Recurring series: the preview over the bookings and holds every occurrence can touch,
//! every free occurrence booked in one transaction (each a booking of its own, through
//! [`bookings::create`]), and cancelling or moving an occurrence with all that follow it
//! (the rules: `frontdesk_core::series`, [`crate::series::shifted`]).

use chrono::{DateTime, Days, Utc};
use frontdesk_core::series::Occurrence;
use frontdesk_core::{preview_series, SeriesRule, SessionId, Studio, MAX_SPAN_DAYS};
use uuid::Uuid;

use super::{bookings, Ledger, Window};
use crate::booking_changes::Change;
use crate::outbox::OutboxEntry;
use crate::series::{shifted, NewSeries, SeriesBooked, SeriesShift};
use crate::{BookingRecord, BookingStatus, NewBooking, StoreError, WriteContext};

/// The instants every occurrence of `rule` can touch (with the days around them).
fn window(studio: &Studio, rule: &SeriesRule) -> Result<Option<Window>, StoreError> {
    let dates = rule.dates()?;
    let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
        return Ok(None);
    };
    let reach = u64::from(rule.minutes) / (24 * 60) + 2;
    let reach = Days::new(reach.min(MAX_SPAN_DAYS as u64 + 2));
    let calendar = &studio.calendar;
    let from = calendar.day_start(first.checked_sub_days(Days::new(1)).unwrap_or(*first))?;
    let to = calendar.day_start(last.checked_add_days(reach).unwrap_or(*last))?;
    Ok(Some((from, to)))
}

/// Every occurrence of `rule`, free or with the reason it cannot be booked, as booking it
/// for `session` now would find. Nothing is written.
pub fn preview<L: Ledger>(
    l: &mut L,
    studio: &Studio,
    rule: &SeriesRule,
    session: Option<SessionId>,
    now: DateTime<Utc>,
) -> Result<Vec<Occurrence>, L::Error> {
    let calendar = &studio.calendar;
    let changeover = studio
        .room(rule.room.as_str())
        .map_err(StoreError::from)?
        .changeover;
    let Some(window) = window(studio, rule)? else {
        let (booked, holds) = (
            frontdesk_core::Occupancy::new(),
            frontdesk_core::HoldBook::new(),
        );
        return Ok(
            preview_series(calendar, rule, changeover, session, &booked, &holds, now)
                .map_err(StoreError::from)?,
        );
    };
    let (booked, holds) = l.checked_against(calendar, &rule.room, window, now)?;
    Ok(
        preview_series(calendar, rule, changeover, session, &booked, &holds, now)
            .map_err(StoreError::from)?,
    )
}

/// Books every free occurrence (each checked again as it is written, with the outbox row
/// `outbox_for` gives it); the others are answered as skipped, with the reason. A series
/// booked before answers what it booked then, changing nothing.
pub fn book<L: Ledger>(
    l: &mut L,
    studio: &Studio,
    series: &NewSeries,
    status: BookingStatus,
    ctx: &WriteContext<'_>,
    outbox_for: impl Fn(&NewBooking) -> Result<Option<OutboxEntry>, StoreError>,
) -> Result<SeriesBooked, L::Error> {
    let before = l.series_bookings(series.id, None, &ALL)?;
    if !before.is_empty() {
        return Ok(SeriesBooked {
            booked: before,
            skipped: Vec::new(),
        });
    }
    let occurrences = preview(l, studio, &series.rule, series.session, ctx.now)?;
    let mut out = SeriesBooked {
        booked: Vec::new(),
        skipped: Vec::new(),
    };
    for occurrence in occurrences {
        match (occurrence.skip, series.occurrence(&occurrence)) {
            (None, Some(new)) => {
                let entry = outbox_for(&new)?;
                let ctx = WriteContext {
                    outbox: entry.as_ref(),
                    ..*ctx
                };
                let (record, _) = bookings::create(l, studio, &new, status, &ctx)?;
                out.booked.push(record);
            }
            _ => out.skipped.push(occurrence),
        }
    }
    Ok(out)
}

const ALL: [BookingStatus; 4] = [
    BookingStatus::Confirmed,
    BookingStatus::Pending,
    BookingStatus::Cancelled,
    BookingStatus::Conflict,
];

/// `booking` and the later occurrences of its series with one of `statuses`, locked, in
/// time order.
fn following<L: Ledger>(
    l: &mut L,
    booking: Uuid,
    statuses: &[BookingStatus],
) -> Result<(BookingRecord, Vec<BookingRecord>), L::Error> {
    let this = l
        .booking(booking, true)?
        .ok_or(StoreError::NotFound(booking))?;
    let series = this.series.ok_or(StoreError::NotInSeries(booking))?;
    let rest = l.series_bookings(series, Some(this.span.start()), statuses)?;
    Ok((this, rest))
}

/// Cancels `booking` and every later occurrence of its series not cancelled yet, each with
/// its own rows (and the outbox row `outbox_for` gives it); the cancelled bookings in time
/// order.
pub fn cancel_from<L: Ledger>(
    l: &mut L,
    studio: &Studio,
    booking: Uuid,
    reason: Option<&str>,
    ctx: &WriteContext<'_>,
    outbox_for: impl Fn(&BookingRecord) -> Result<Option<OutboxEntry>, StoreError>,
) -> Result<Vec<BookingRecord>, L::Error> {
    let statuses = [
        BookingStatus::Confirmed,
        BookingStatus::Pending,
        BookingStatus::Conflict,
    ];
    let (_, rest) = following(l, booking, &statuses)?;
    let mut cancelled = Vec::with_capacity(rest.len());
    for record in &rest {
        let entry = outbox_for(record)?;
        let ctx = WriteContext {
            outbox: entry.as_ref(),
            ..*ctx
        };
        cancelled.push(bookings::cancel(l, studio, record.id, reason, &ctx)?.0);
    }
    Ok(cancelled)
}

/// Moves `booking` and every later occurrence of its series that holds time as `shift`
/// says — all or none, each checked like a move and versioned with its own rows (and the
/// outbox row `outbox_for` gives it); the changed bookings in time order.
pub fn change_from<L: Ledger>(
    l: &mut L,
    studio: &Studio,
    booking: Uuid,
    shift: &SeriesShift,
    ctx: &WriteContext<'_>,
    outbox_for: impl Fn(&BookingRecord, &Change) -> Result<Option<OutboxEntry>, StoreError>,
) -> Result<Vec<BookingRecord>, L::Error> {
    let statuses = [BookingStatus::Confirmed, BookingStatus::Pending];
    let (this, rest) = following(l, booking, &statuses)?;
    let changes = shifted(&studio.calendar, &this, &rest, shift)?;
    let mut changed = Vec::with_capacity(rest.len());
    for (record, change) in rest.iter().zip(&changes) {
        let entry = outbox_for(record, change)?;
        let ctx = WriteContext {
            outbox: entry.as_ref(),
            ..*ctx
        };
        changed.push(bookings::change(
            l,
            studio,
            record.id,
            record.version,
            change,
            &ctx,
        )?);
    }
    Ok(changed)
}
