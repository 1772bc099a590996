//! Recurring series on PostgreSQL: the preview over the bookings and holds of the room's
//! window, every free occurrence booked in one transaction (each a booking of its own,
//! through the same write as a single booking), and cancelling or moving an occurrence
//! with all that follow it — the same rules as the desk's file (`frontdesk_core::series`,
//! `frontdesk_store::series`).

use super::sql::{Sql, Tx};
use chrono::{DateTime, Days, Utc};
use frontdesk_core::series::Occurrence;
use frontdesk_core::{
    preview_series, HoldBook, Occupancy, SeriesRule, SessionId, Studio, MAX_SPAN_DAYS,
};
use frontdesk_store::audit::Who;
use frontdesk_store::series::{shifted, NewSeries, SeriesBooked, SeriesShift};
use frontdesk_store::{BookingRecord, StoreError};
use uuid::Uuid;

use super::locks::{booked, held};
use super::rows;
use crate::storage::StorageError;

/// The bookings and live holds every occurrence of `rule` can touch.
fn window_of(
    client: &mut impl Sql,
    studio_id: &str,
    studio: &Studio,
    rule: &SeriesRule,
    now: DateTime<Utc>,
) -> Result<(Occupancy, HoldBook), StorageError> {
    let dates = rule.dates().map_err(StorageError::rule)?;
    let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
        return Ok((Occupancy::new(), HoldBook::new()));
    };
    let reach = u64::from(rule.minutes) / (24 * 60) + 2;
    let reach = Days::new(reach.min(MAX_SPAN_DAYS as u64 + 2));
    let calendar = &studio.calendar;
    let from = calendar
        .day_start(first.checked_sub_days(Days::new(1)).unwrap_or(*first))
        .map_err(StorageError::rule)?;
    let to = calendar
        .day_start(last.checked_add_days(reach).unwrap_or(*last))
        .map_err(StorageError::rule)?;
    let rooms = [rule.room.as_str()];
    let occupancy = booked(client, studio_id, calendar, &rooms, (from, to), None)?;
    let holds = held(client, studio_id, calendar, &rooms, (from, to), now)?;
    Ok((occupancy, holds))
}

pub fn preview(
    client: &mut impl Sql,
    studio_id: &str,
    studio: &Studio,
    rule: &SeriesRule,
    session: Option<SessionId>,
    now: DateTime<Utc>,
) -> Result<Vec<Occurrence>, StorageError> {
    let changeover = studio
        .room(rule.room.as_str())
        .map_err(StorageError::rule)?
        .changeover;
    let (occupancy, holds) = window_of(client, studio_id, studio, rule, now)?;
    preview_series(
        &studio.calendar,
        rule,
        changeover,
        session,
        &occupancy,
        &holds,
        now,
    )
    .map_err(StorageError::rule)
}

/// Books every free occurrence (each checked again as it is written); a series booked
/// before answers what it booked then.
pub fn book(
    tx: &mut Tx<'_>,
    studio_id: &str,
    studio: &Studio,
    series: &NewSeries,
    who: Who<'_>,
    now: DateTime<Utc>,
) -> Result<SeriesBooked, StorageError> {
    let before = rows::bookings(
        tx,
        "WHERE studio = $1 AND series = $2 ORDER BY start_at",
        &[&studio_id, &series.id],
    )?;
    if !before.is_empty() {
        return Ok(SeriesBooked {
            booked: before,
            skipped: Vec::new(),
        });
    }
    let occurrences = preview(tx, studio_id, studio, &series.rule, series.session, now)?;
    let mut out = SeriesBooked {
        booked: Vec::new(),
        skipped: Vec::new(),
    };
    for occurrence in occurrences {
        match (occurrence.skip, series.occurrence(&occurrence)) {
            (None, Some(new)) => {
                let (record, _) =
                    super::writes::create(tx, studio_id, studio, &new, who, None, now)?;
                out.booked.push(record);
            }
            _ => out.skipped.push(occurrence),
        }
    }
    Ok(out)
}

/// `booking` and the later occurrences of its series, locked, in time order.
fn following(
    tx: &mut Tx<'_>,
    studio_id: &str,
    booking: Uuid,
    statuses: &str,
) -> Result<(BookingRecord, Vec<BookingRecord>), StorageError> {
    let this = rows::booking(tx, studio_id, booking, true)?.ok_or(StoreError::NotFound(booking))?;
    let series = this.series.ok_or(StoreError::NotInSeries(booking))?;
    let tail = format!(
        "WHERE studio = $1 AND series = $2 AND start_at >= $3 AND status IN ({statuses})
         ORDER BY start_at FOR UPDATE"
    );
    let rest = rows::bookings(tx, &tail, &[&studio_id, &series, &this.span.start()])?;
    Ok((this, rest))
}

pub fn cancel_from(
    tx: &mut Tx<'_>,
    studio_id: &str,
    booking: Uuid,
    reason: Option<&str>,
    who: Who<'_>,
    now: DateTime<Utc>,
) -> Result<Vec<BookingRecord>, StorageError> {
    let (_, rest) = following(tx, studio_id, booking, "'confirmed', 'pending', 'conflict'")?;
    rest.iter()
        .map(|r| Ok(super::writes::cancel(tx, studio_id, r.id, reason, who, None, now)?.0))
        .collect()
}

pub fn change_from(
    tx: &mut Tx<'_>,
    studio_id: &str,
    studio: &Studio,
    booking: Uuid,
    shift: &SeriesShift,
    who: Who<'_>,
    now: DateTime<Utc>,
) -> Result<Vec<BookingRecord>, StorageError> {
    let (this, rest) = following(tx, studio_id, booking, "'confirmed', 'pending'")?;
    let changes = shifted(&studio.calendar, &this, &rest, shift)?;
    rest.iter()
        .zip(&changes)
        .map(|(r, change)| {
            let (record, _) = super::writes::change(
                tx, studio_id, studio, r.id, r.version, change, who, None, now,
            )?;
            Ok(record)
        })
        .collect()
}
