//! [`admit_addons`]: does a request's add-ons fit beside everything else taken?

use chrono::{DateTime, Utc};

use super::usage::Usage;
use super::{AddonAsk, AddonError, Catalog, ItemUse, Need};
use crate::calendar::{Calendar, SpanDays};
use crate::span::Span;

/// Checks the add-ons asked for a booking (or hold) of `span`: each asked item is known,
/// asked once, 1 ≤ quantity ≤ stock, and for every quantum of the span the pieces taken in
/// `usage` plus the quantity asked stay within stock. Build `usage` with
/// [`Usage::build`], excluding the booking being moved or extended (its own old uses are
/// free for it, as [`crate::admit_move`] frees its old quanta) and the asking session's
/// holds. The span is not widened by the room's changeover (see the module docs).
///
/// Returns the uses to store with the booking, in request order; the first refusal (in
/// request order, then time) names its field and the first run of quanta that is short.
pub fn admit_addons(
    calendar: &Calendar,
    catalog: &Catalog,
    span: &Span,
    asks: &[AddonAsk],
    usage: &Usage,
) -> Result<Vec<ItemUse>, AddonError> {
    let needs = catalog.needs(asks)?;
    let days = calendar.span_days(span)?;
    for need in &needs {
        if let Some(short) = first_short(calendar, &days, need, usage) {
            return Err(short);
        }
    }
    Ok(needs
        .iter()
        .map(|n| ItemUse {
            item: n.item.id.clone(),
            quantity: n.quantity,
            span: *span,
        })
        .collect())
}

/// A run of short quanta being collected.
struct Run {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    taken: u32,
    booked: bool,
}

/// The first run of quanta of `days` where `need` does not fit, merged across midnight.
fn first_short(
    calendar: &Calendar,
    days: &SpanDays,
    need: &Need<'_>,
    usage: &Usage,
) -> Option<AddonError> {
    let item = need.item;
    let mut run: Option<Run> = None;
    'days: for (day, mask) in days.iter() {
        let short = usage.short(need, day.date, day.quanta);
        let counts = usage.day(item.id.as_str(), day.date);
        for (from, to) in (*mask & short.all).runs() {
            let taken = counts.map_or(0, |c| {
                (from..to)
                    .map(|q| c.booked(q) + c.held(q))
                    .max()
                    .unwrap_or(0)
            });
            let booked = (*mask & short.booked).intersects(crate::DayMask::range(from, to));
            let (start, end) = (day.instant(from), day.instant(to));
            match run.as_mut() {
                Some(r) if r.end == start => {
                    r.end = end;
                    r.taken = r.taken.max(taken);
                    r.booked |= booked;
                }
                Some(_) => break 'days,
                None => {
                    run = Some(Run {
                        start,
                        end,
                        taken,
                        booked,
                    })
                }
            }
        }
        if run.as_ref().is_some_and(|r| r.end != day.end()) {
            break;
        }
    }
    run.map(|r| AddonError::Short {
        index: need.index,
        item: item.id.clone(),
        name: item.name.clone(),
        taken: r.taken,
        stock: item.stock,
        quantity: need.quantity,
        start: r.start,
        end: r.end,
        local_start: calendar.local(r.start),
        local_end: calendar.local(r.end),
        held: !r.booked,
    })
}
