//! [`Usage`]: how many pieces of each item are taken per quantum of each local date, by
//! bookings and by other sessions' live holds, kept apart so a start blocked only by holds
//! can be shown as reserved.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{AddonAsk, ItemId, ItemUse, Need};
use crate::calendar::{Calendar, CalendarError, DayBounds};
use crate::holds::SessionId;
use crate::mask::DayMask;
use crate::span::QUANTUM_MINUTES;

const QUANTUM_SECONDS: i64 = QUANTUM_MINUTES * 60;

/// An item use of a booking (stored with it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookedUse {
    pub booking: Uuid,
    pub usage: ItemUse,
}

/// An item use held by a booking session until `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldUse {
    pub session: SessionId,
    pub expires_at: DateTime<Utc>,
    pub usage: ItemUse,
}

/// Uses that do not count against a request: the booking being moved or extended (its own
/// old uses are free for it) and the asking session's own holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Exclude {
    pub booking: Option<Uuid>,
    pub session: Option<SessionId>,
}

/// One item on one date: pieces taken per quantum (as many entries as the date has quanta).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCounts<'a> {
    booked: &'a [u32],
    held: &'a [u32],
}

/// The quanta of a date where `need` more pieces do not fit: counting bookings only, and
/// bookings and holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Short {
    pub booked: DayMask,
    pub all: DayMask,
}

impl DayCounts<'_> {
    /// The date's number of quanta.
    pub fn quanta(&self) -> u32 {
        self.booked.len() as u32
    }

    /// Pieces booked in `quantum` (0 past the date's end).
    pub fn booked(&self, quantum: u32) -> u32 {
        self.booked.get(quantum as usize).copied().unwrap_or(0)
    }

    /// Pieces held by live sessions (other than the excluded one) in `quantum`.
    pub fn held(&self, quantum: u32) -> u32 {
        self.held.get(quantum as usize).copied().unwrap_or(0)
    }

    /// The quanta (of the first `limit`) where `need` more pieces exceed `stock`: one pass
    /// over the counts.
    pub(crate) fn short(&self, need: u16, stock: u16, limit: u32) -> Short {
        // Free for `need` means taken ≤ stock − need; need ≤ stock was checked, but a
        // lowered stock may leave bookings over it, so compare without subtracting.
        let (need, stock) = (u32::from(need), u32::from(stock));
        let (mut booked, mut all) = (0u128, 0u128);
        let pairs = self.booked.iter().zip(self.held).take(limit as usize);
        for (i, (b, h)) in pairs.enumerate() {
            booked |= u128::from(b + need > stock) << i;
            all |= u128::from(b + h + need > stock) << i;
        }
        Short {
            booked: DayMask::from_bits(booked),
            all: DayMask::from_bits(all),
        }
    }
}

/// One item's counts over the whole window, quantum after quantum (the dates' quanta are
/// consecutive: a date's first quantum starts where the date before ends).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Counts {
    booked: Vec<u32>,
    held: Vec<u32>,
}

/// Pieces taken per item and quantum on the consecutive local dates of a window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// The window's dates, in order.
    days: Vec<DayBounds>,
    /// Where each date's quanta begin in the counts.
    offsets: Vec<usize>,
    /// Per item taken at all (a studio has a handful: a short list is faster to search
    /// than a hash map).
    items: Vec<(ItemId, Counts)>,
}

impl Usage {
    /// No dates, nothing taken.
    pub fn new() -> Self {
        Self::default()
    }

    /// The usage that counts against a request: every booked use and every hold live at
    /// `now`, but the excluded booking's and session's, counted on the local dates that
    /// `window` (`[from, to)`: the span asked about, or a date plus the reach of its last
    /// start) touches. The dates are looked up once; each use is then placed by arithmetic
    /// (a quantum a use only partly covers counts as taken).
    ///
    /// When `asks` is given, only the items it names are counted: the other uses cannot
    /// change the answer to those asks.
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        calendar: &Calendar,
        booked: &[BookedUse],
        held: &[HeldUse],
        exclude: Exclude,
        now: DateTime<Utc>,
        window: (DateTime<Utc>, DateTime<Utc>),
        asks: Option<&[AddonAsk]>,
    ) -> Result<Usage, CalendarError> {
        let wanted = |u: &ItemUse| asks.is_none_or(|a| a.iter().any(|a| a.item == u.item.as_str()));
        let days = window_days(calendar, window)?;
        let mut offsets = Vec::with_capacity(days.len());
        let mut total = 0;
        for day in &days {
            offsets.push(total);
            total += day.quanta as usize;
        }
        let mut usage = Usage {
            days,
            offsets,
            items: Vec::new(),
        };
        for b in booked {
            if Some(b.booking) != exclude.booking && wanted(&b.usage) {
                usage.count(&b.usage, false, total);
            }
        }
        for h in held {
            if h.expires_at > now && Some(h.session) != exclude.session && wanted(&h.usage) {
                usage.count(&h.usage, true, total);
            }
        }
        Ok(usage)
    }

    /// Adds a use's pieces to the quanta of the window it covers (`total` of them).
    fn count(&mut self, usage: &ItemUse, held: bool, total: usize) {
        let Some(first) = self.days.first() else {
            return;
        };
        let origin = first.start.timestamp();
        let quantum = |t: DateTime<Utc>, up: bool| {
            // Spans are on quantum boundaries; a fraction of a second would round outwards.
            let seconds = t.timestamp() - origin + i64::from(up && t.timestamp_subsec_nanos() > 0);
            let seconds = seconds.max(0);
            let q = if up {
                (seconds + QUANTUM_SECONDS - 1) / QUANTUM_SECONDS
            } else {
                seconds / QUANTUM_SECONDS
            };
            usize::try_from(q).map_or(total, |q| q.min(total))
        };
        let (from, to) = (
            quantum(usage.span.start(), false),
            quantum(usage.span.end(), true),
        );
        if from >= to {
            return;
        }
        let slot = match self.items.iter().position(|(id, _)| *id == usage.item) {
            Some(i) => i,
            None => {
                let zero = Counts {
                    booked: vec![0; total],
                    held: vec![0; total],
                };
                self.items.push((usage.item.clone(), zero));
                self.items.len() - 1
            }
        };
        let counts = &mut self.items[slot].1;
        let layer = if held {
            &mut counts.held
        } else {
            &mut counts.booked
        };
        for c in &mut layer[from..to] {
            *c = c.saturating_add(u32::from(usage.quantity));
        }
    }

    /// Where `date` starts and its quanta, when it is one of the window's dates.
    pub fn bounds(&self, date: NaiveDate) -> Option<DayBounds> {
        self.index(date).map(|i| self.days[i])
    }

    fn index(&self, date: NaiveDate) -> Option<usize> {
        let first = self.days.first()?;
        usize::try_from((date - first.date).num_days())
            .ok()
            .filter(|&i| i < self.days.len())
    }

    /// The counts of `item` on `date`; `None` when nothing takes it in the window (or the
    /// date is outside the window).
    pub fn day(&self, item: &str, date: NaiveDate) -> Option<DayCounts<'_>> {
        let i = self.index(date)?;
        let (_, counts) = self.items.iter().find(|(id, _)| id.as_str() == item)?;
        let range = self.offsets[i]..self.offsets[i] + self.days[i].quanta as usize;
        Some(DayCounts {
            booked: &counts.booked[range.clone()],
            held: &counts.held[range],
        })
    }

    /// The quanta of `date` (of its first `limit`) where `need` more pieces of an item of
    /// `stock` do not fit.
    pub(crate) fn short(&self, need: &Need<'_>, date: NaiveDate, limit: u32) -> Short {
        let (item, stock, need) = (need.item.id.as_str(), need.item.stock, need.quantity);
        match self.day(item, date) {
            Some(counts) => counts.short(need, stock, limit),
            None if need > stock => Short {
                booked: DayMask::full(DayMask::CAPACITY),
                all: DayMask::full(DayMask::CAPACITY),
            },
            None => Short::default(),
        }
    }
}

/// The local dates `window` touches, in order: one time zone look-up per date (each date
/// starts where the one before ends).
fn window_days(
    calendar: &Calendar,
    window: (DateTime<Utc>, DateTime<Utc>),
) -> Result<Vec<DayBounds>, CalendarError> {
    let mut days = vec![calendar.bounds(calendar.date_of(window.0))?];
    while let Some(last) = days.last().filter(|d| d.end() < window.1) {
        let date = last.date.succ_opt().ok_or(CalendarError::OutOfRange)?;
        let after = date.succ_opt().ok_or(CalendarError::OutOfRange)?;
        let (start, next) = (last.end(), calendar.day_start(after)?);
        let seconds = (next - start).num_seconds();
        let quanta = u32::try_from(seconds / QUANTUM_SECONDS)
            .ok()
            .filter(|&q| seconds % QUANTUM_SECONDS == 0 && q > 0 && q <= DayMask::CAPACITY)
            .ok_or(CalendarError::UnsupportedDay { date })?;
        days.push(DayBounds {
            date,
            start,
            quanta,
        });
    }
    Ok(days)
}
