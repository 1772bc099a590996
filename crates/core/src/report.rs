//! The occupancy figures of a period: per room, the open, booked and changeover quanta; per
//! weekday × local hour, the open and booked quanta of the selected rooms together.
//!
//! Everything is bit arithmetic on the day masks:
//! - open = popcount(the date's opening mask) — opening hours, closed and special dates;
//! - booked = popcount(busy & open);
//! - changeover = popcount((busy << 1 | … | busy << pad) & open & !busy), `pad` being the
//!   room's changeover in quanta: the open, unbooked quanta right after each booked run.
//!   A run that ends at the end of its date keeps no changeover on the next date (the
//!   masks are per date; such runs are rare and the minutes small): that is ignored.
//! - the heatmap cuts each date into 24 hour masks (the quanta whose instant has that
//!   local wall hour) once per date, and popcounts the open and booked masks with each.
//!   On a spring-forward date the skipped hour has no quanta; on a fall-back date the
//!   repeated hour has twice as many (both counted under that hour).

use chrono::{Datelike, NaiveDate, NaiveTime, Offset, TimeZone, Timelike};

use crate::calendar::{Calendar, CalendarError, Day};
use crate::mask::DayMask;
use crate::occupancy::Occupancy;
use crate::span::QUANTUM_MINUTES;
use crate::studio::RoomId;

/// A room asked for, with its changeover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomReportInput {
    pub room: RoomId,
    /// Minutes kept free after each booking (a multiple of 15; a rest is dropped).
    pub changeover_minutes: u32,
}

/// One room over the period, in quanta.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomFigures {
    pub room: RoomId,
    pub open_quanta: u64,
    pub booked_quanta: u64,
    pub changeover_quanta: u64,
}

/// One weekday × local hour, over the period and the selected rooms, in quanta.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HeatFigures {
    pub open_quanta: u64,
    pub booked_quanta: u64,
}

/// The occupancy of a period: the rooms in the order asked, and the heatmap
/// `[weekday, Monday = 0][local hour]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OccupancyFigures {
    pub rooms: Vec<RoomFigures>,
    pub heatmap: [[HeatFigures; 24]; 7],
}

/// The occupancy of `rooms` from `from` to `to` (both included; none when `to < from`),
/// from the booked masks in `booked`.
pub fn occupancy(
    calendar: &Calendar,
    from: NaiveDate,
    to: NaiveDate,
    rooms: &[RoomReportInput],
    booked: &Occupancy,
) -> Result<OccupancyFigures, CalendarError> {
    let mut figures = OccupancyFigures {
        rooms: rooms
            .iter()
            .map(|r| RoomFigures {
                room: r.room.clone(),
                open_quanta: 0,
                booked_quanta: 0,
                changeover_quanta: 0,
            })
            .collect(),
        heatmap: [[HeatFigures::default(); 24]; 7],
    };
    let count = usize::try_from((to - from).num_days() + 1).unwrap_or(0);
    if count == 0 {
        return Ok(figures);
    }
    let room_days: Vec<_> = rooms.iter().map(|r| booked.room(r.room.as_str())).collect();
    let pads: Vec<u32> = rooms
        .iter()
        .map(|r| r.changeover_minutes / QUANTUM_MINUTES as u32)
        .collect();
    let mut day = calendar.day(from)?;
    for n in 0..count {
        if n > 0 {
            day = calendar.next_day(&day)?;
        }
        let hours = hour_masks(calendar, &day);
        let weekday = day.date.weekday().num_days_from_monday() as usize;
        let full = day.full();
        let open = day.open;
        let open_count = u64::from(open.count());
        let mut booked_day = [0u64; 24];
        for ((figure, days), pad) in figures.rooms.iter_mut().zip(&room_days).zip(&pads) {
            figure.open_quanta += open_count;
            let busy = days.get(day.date) & full;
            if busy.is_empty() {
                continue;
            }
            let taken = busy & open;
            figure.booked_quanta += u64::from(taken.count());
            figure.changeover_quanta += u64::from(changeover(busy, *pad, open & full).count());
            for (h, hour) in hours.iter().enumerate() {
                booked_day[h] += u64::from((taken & *hour).count());
            }
        }
        let selected = rooms.len() as u64;
        for (h, hour) in hours.iter().enumerate() {
            let cell = &mut figures.heatmap[weekday][h];
            cell.open_quanta += u64::from((open & *hour).count()) * selected;
            cell.booked_quanta += booked_day[h];
        }
    }
    Ok(figures)
}

/// The open, unbooked quanta among the `pad` quanta after each run of `busy`.
fn changeover(busy: DayMask, pad: u32, open: DayMask) -> DayMask {
    let bits = busy.bits();
    let mut after = 0u128;
    for k in 1..=pad.min(DayMask::CAPACITY - 1) {
        after |= bits << k;
    }
    (DayMask::from_bits(after) & open).without(busy)
}

/// The quanta of `day` per local wall hour of their instant.
fn hour_masks(calendar: &Calendar, day: &Day) -> [DayMask; 24] {
    let tz = calendar.timezone();
    let mut hours = [DayMask::EMPTY; 24];
    if day.quanta == 0 {
        return hours;
    }
    let offset = |q: u32| {
        tz.offset_from_utc_datetime(&day.instant(q).naive_utc())
            .fix()
    };
    if offset(0) == offset(day.quanta - 1) {
        // One offset all day: the wall time grows with the quanta from the day's start.
        let midnight = day.date.and_time(NaiveTime::MIN);
        let wall0 = (day.start.naive_utc() + offset(0) - midnight).num_minutes();
        let quantum = |minutes: i64| {
            let ahead = (minutes - wall0).max(0);
            let q = (ahead + QUANTUM_MINUTES - 1) / QUANTUM_MINUTES;
            u32::try_from(q).unwrap_or(u32::MAX).min(day.quanta)
        };
        for (h, mask) in hours.iter_mut().enumerate() {
            let h = h as i64;
            *mask = DayMask::range(quantum(h * 60), quantum((h + 1) * 60));
        }
        return hours;
    }
    // A DST date: read each quantum's wall hour.
    for q in 0..day.quanta {
        let hour = day.instant(q).with_timezone(&tz).hour() as usize;
        hours[hour.min(23)] |= DayMask::range(q, q + 1);
    }
    hours
}

#[cfg(test)]
mod tests;
