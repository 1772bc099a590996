//! [`offer_with_addons`]: a room's offered starts, cut to those the asked add-ons allow.
//!
//! Per asked item and date, one pass over the counts gives the quanta where the quantity
//! does not fit (a mask); a start is blocked when its span meets one. Within the start's
//! own date that is the short mask spread back over the span's length (O(log length)
//! shifts); on the dates after it, only the first short quantum matters (it blocks every
//! start from `length − 1` quanta before it to the date's end). No loop over starts ×
//! bookings: the cost is counts + masks, whatever the number of bookings.

use chrono::NaiveDate;

use super::usage::{Short, Usage};
use super::{AddonAsk, AddonError, Catalog};
use crate::availability::{DaySlots, SlotStatus};
use crate::calendar::{Calendar, DayBounds};
use crate::mask::DayMask;
use crate::span::{MAX_SPAN_DAYS, QUANTUM_MINUTES};

/// Cuts the offered starts of one date for one duration (as [`crate::day_slots`] gives
/// them) to those where every asked add-on fits across the whole span: a start is dropped
/// when bookings leave too few pieces in any of its quanta, and `Reserved` when only other
/// sessions' live holds do. Build `usage` with [`Usage::build`] over the date and the reach
/// of its last start (excluding the asking session).
pub fn offer_with_addons(
    calendar: &Calendar,
    mut slots: DaySlots,
    catalog: &Catalog,
    asks: &[AddonAsk],
    usage: &Usage,
) -> Result<DaySlots, AddonError> {
    let needs = catalog.needs(asks)?;
    let Some(first) = slots.slots.first() else {
        return Ok(slots);
    };
    if needs.is_empty() {
        return Ok(slots);
    }
    let quantum_seconds = QUANTUM_MINUTES * 60;
    // A span is at most MAX_SPAN_DAYS of real time, which bounds the quanta it can have.
    let longest = MAX_SPAN_DAYS * 24 * 60 / QUANTUM_MINUTES;
    let seconds = first.end.signed_duration_since(first.start).num_seconds();
    let len = u32::try_from((seconds / quantum_seconds).clamp(1, longest)).unwrap_or(1);
    let day = bounds(calendar, usage, slots.date)?;
    let later = later_days(calendar, usage, &day, len)?;
    let mut blocked = Short::default();
    for need in &needs {
        let own = usage.short(need, day.date, day.quanta);
        let full = DayMask::full(day.quanta);
        blocked.booked |= spread_back(own.booked & full, len);
        blocked.all |= spread_back(own.all & full, len);
        // Quanta of the later dates, counted on from the start of `day`: only the first
        // `len − 1` after it can be reached by a start on it.
        let mut offset = day.quanta;
        for next in &later {
            let reach = (day.quanta + len - 1)
                .saturating_sub(offset)
                .min(next.quanta);
            let short = usage.short(need, next.date, reach);
            let part = DayMask::range(0, reach);
            blocked.booked |= from_later(short.booked & part, offset, len, day.quanta);
            blocked.all |= from_later(short.all & part, offset, len, day.quanta);
            offset += next.quanta;
        }
    }
    slots.slots.retain_mut(|slot| {
        let quantum = (slot.start - day.start).num_seconds() / quantum_seconds;
        let quantum = u32::try_from(quantum).unwrap_or(u32::MAX);
        if blocked.booked.contains(quantum) {
            return false;
        }
        if blocked.all.contains(quantum) {
            slot.status = SlotStatus::Reserved;
        }
        true
    });
    Ok(slots)
}

/// The dates after `day` that a span of `len` quanta starting in its last quantum reaches.
fn later_days(
    calendar: &Calendar,
    usage: &Usage,
    day: &DayBounds,
    len: u32,
) -> Result<Vec<DayBounds>, AddonError> {
    let mut later = Vec::new();
    let mut reach = 0u32;
    let mut date: NaiveDate = day.date;
    while reach + 1 < len {
        date = date
            .succ_opt()
            .ok_or(crate::calendar::CalendarError::OutOfRange)?;
        let next = bounds(calendar, usage, date)?;
        reach += next.quanta;
        later.push(next);
    }
    Ok(later)
}

/// Where `date` starts: from the usage's window when it has the date (no time zone
/// look-up), else from the calendar.
fn bounds(calendar: &Calendar, usage: &Usage, date: NaiveDate) -> Result<DayBounds, AddonError> {
    match usage.bounds(date) {
        Some(day) => Ok(day),
        None => Ok(calendar.bounds(date)?),
    }
}

/// The starts whose span of `len` quanta meets a quantum of `short` (all on one date):
/// bit `s` set when any of `short`'s bits `s .. s + len` is.
fn spread_back(short: DayMask, len: u32) -> DayMask {
    let mut acc = short.bits();
    let mut covered = 1u32;
    let limit = len.min(DayMask::CAPACITY);
    while covered < limit && acc != 0 {
        let shift = covered.min(limit - covered);
        acc |= acc >> shift;
        covered += shift;
    }
    DayMask::from_bits(acc)
}

/// The starts of a date of `quanta` quanta blocked by `short` on a later date that begins
/// `offset` quanta after it: every start from `len − 1` quanta before its first short
/// quantum to the date's end.
fn from_later(short: DayMask, offset: u32, len: u32, quanta: u32) -> DayMask {
    if short.is_empty() {
        return DayMask::EMPTY;
    }
    let first = offset + short.bits().trailing_zeros();
    let from = (first + 1).saturating_sub(len);
    DayMask::range(from, quanta)
}
