//! [`Usage`]: how many pieces of each item are taken per quantum of each local date, by
//! bookings and by other sessions' live holds, kept apart so a start blocked only by holds
//! can be shown as reserved.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{ItemId, ItemUse};
use crate::calendar::{Calendar, CalendarError};
use crate::holds::SessionId;
use crate::mask::DayMask;
use crate::span::Span;

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCounts {
    booked: Vec<u32>,
    held: Vec<u32>,
}

/// The quanta of a date where `need` more pieces do not fit: counting bookings only, and
/// bookings and holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Short {
    pub booked: DayMask,
    pub all: DayMask,
}

impl DayCounts {
    fn new(quanta: u32) -> Self {
        let len = quanta as usize;
        DayCounts {
            booked: vec![0; len],
            held: vec![0; len],
        }
    }

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

    /// The quanta where `need` more pieces exceed `stock`: one pass over the counts.
    pub(crate) fn short(&self, need: u16, stock: u16) -> Short {
        // Free for `need` means taken ≤ stock − need; need ≤ stock was checked, but a
        // lowered stock may leave bookings over it, so compare without subtracting.
        let (need, stock) = (u32::from(need), u32::from(stock));
        let (mut booked, mut all) = (0u128, 0u128);
        for (i, (b, h)) in self.booked.iter().zip(&self.held).enumerate() {
            booked |= u128::from(b + need > stock) << i;
            all |= u128::from(b + h + need > stock) << i;
        }
        Short {
            booked: DayMask::from_bits(booked),
            all: DayMask::from_bits(all),
        }
    }

    fn add(counts: &mut [u32], mask: DayMask, quantity: u16) {
        for (from, to) in mask.runs() {
            for c in &mut counts[from as usize..to as usize] {
                *c = c.saturating_add(u32::from(quantity));
            }
        }
    }
}

/// Pieces taken per item, date and quantum. Dates where an item is not used are absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    items: HashMap<ItemId, HashMap<NaiveDate, DayCounts>>,
}

impl Usage {
    pub fn new() -> Self {
        Self::default()
    }

    /// The usage that counts against a request: every booked use and every hold live at
    /// `now`, but the excluded booking's and session's, of those overlapping `window`
    /// (`[from, to)`: the span asked about, or a date plus the reach of its last start).
    pub fn build(
        calendar: &Calendar,
        booked: &[BookedUse],
        held: &[HeldUse],
        exclude: Exclude,
        now: DateTime<Utc>,
        window: (DateTime<Utc>, DateTime<Utc>),
    ) -> Result<Usage, CalendarError> {
        let overlaps = |span: &Span| span.start() < window.1 && window.0 < span.end();
        let mut usage = Usage::new();
        for b in booked {
            if Some(b.booking) != exclude.booking && overlaps(&b.usage.span) {
                usage.add_booked(calendar, &b.usage)?;
            }
        }
        for h in held {
            let live = h.expires_at > now && Some(h.session) != exclude.session;
            if live && overlaps(&h.usage.span) {
                usage.add_held(calendar, &h.usage)?;
            }
        }
        Ok(usage)
    }

    /// Counts a booked use.
    pub fn add_booked(
        &mut self,
        calendar: &Calendar,
        usage: &ItemUse,
    ) -> Result<(), CalendarError> {
        self.add(calendar, usage, false)
    }

    /// Counts a held use.
    pub fn add_held(&mut self, calendar: &Calendar, usage: &ItemUse) -> Result<(), CalendarError> {
        self.add(calendar, usage, true)
    }

    fn add(
        &mut self,
        calendar: &Calendar,
        usage: &ItemUse,
        held: bool,
    ) -> Result<(), CalendarError> {
        let days = calendar.span_days(&usage.span)?;
        let item = self.items.entry(usage.item.clone()).or_default();
        for (day, mask) in days.iter() {
            let counts = item
                .entry(day.date)
                .or_insert_with(|| DayCounts::new(day.quanta));
            let layer = if held {
                &mut counts.held
            } else {
                &mut counts.booked
            };
            DayCounts::add(layer, *mask, usage.quantity);
        }
        Ok(())
    }

    /// The counts of `item` on `date`; `None` when nothing takes it that day.
    pub fn day(&self, item: &str, date: NaiveDate) -> Option<&DayCounts> {
        self.items.get(item).and_then(|days| days.get(&date))
    }

    /// The quanta of `date` where `need` more pieces of an item of `stock` do not fit.
    pub(crate) fn short(&self, item: &str, date: NaiveDate, need: u16, stock: u16) -> Short {
        match self.day(item, date) {
            Some(counts) => counts.short(need, stock),
            None if need > stock => Short {
                booked: DayMask::full(DayMask::CAPACITY),
                all: DayMask::full(DayMask::CAPACITY),
            },
            None => Short::default(),
        }
    }
}
