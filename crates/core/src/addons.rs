//! Add-ons: shared items booked with a room (2 guitar amps, 1 drum kit, 1 engineer), counted
//! per quantum across all rooms: counts, not bits.
//!
//! - [`Item`] and [`Catalog`]: a studio's items, their stock and price.
//! - [`AddonAsk`] → [`Need`]: what a request asks for, checked against the catalog
//!   ([`Catalog::needs`]), every refusal naming its field (`addons[1].quantity`).
//! - [`Usage`]: how many of each item bookings and live holds take per quantum of each
//!   local date (the date's real length: 92/96/100 quanta).
//! - [`admit_addons`]: a request fits when, for every item and every quantum of the span,
//!   taken + asked ≤ stock. The span is the booking's own, not widened by the room's
//!   changeover: changeover is the room's reset time, the amp can go to the next room at
//!   once (and one item's count stays the same whichever rooms its uses are in).
//! - [`offer_with_addons`]: a room's offered starts (from [`crate::day_slots`]) cut to those
//!   every asked item is free for across the whole span, by masks per item and date.
//! - [`Item::price`]: integer minor units; per hour by the span's real elapsed minutes,
//!   each started quarter hour a quarter of the hourly price, rounded once, half up.

mod admit;
mod offer;
mod usage;

use std::borrow::Borrow;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use thiserror::Error;

use crate::calendar::CalendarError;
use crate::span::Span;

pub use admit::admit_addons;
pub use offer::offer_with_addons;
pub use usage::{BookedUse, DayCounts, Exclude, HeldUse, Usage};

/// An item's id: `[a-z0-9-]+`, at most 64 bytes (like a room's).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemId(String);

impl ItemId {
    pub fn new(id: &str) -> Result<ItemId, ItemError> {
        if crate::studio::valid_id(id) {
            Ok(ItemId(id.to_owned()))
        } else {
            Err(ItemError::BadId(id.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for ItemId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// What an item's price is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Per {
    /// Once per booking, however long.
    Booking,
    /// Per hour of the booking's real elapsed time.
    Hour,
}

/// A shared item of the studio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: ItemId,
    pub name: String,
    /// How many the studio has. 0 is allowed (out for repair): nothing can be asked of it,
    /// and bookings that already have it keep it.
    pub stock: u16,
    /// Minor units per booking or per hour, per piece.
    pub price_minor: u64,
    pub per: Per,
}

/// One use of an item: `quantity` pieces during `span`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ItemUse {
    pub item: ItemId,
    pub quantity: u16,
    pub span: Span,
}

/// What a request asks for, as it arrives: not yet checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddonAsk {
    pub item: String,
    pub quantity: i64,
}

/// A checked ask: a known item and 1 ≤ quantity ≤ stock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Need<'a> {
    /// Where it stood in the request (`addons[index]`).
    pub index: usize,
    pub item: &'a Item,
    pub quantity: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ItemError {
    #[error("\"{0}\" is not a valid add-on id: use lowercase letters, digits and dashes")]
    BadId(String),
    #[error("items[{index}].name: the add-on needs a name")]
    EmptyName { index: usize },
    #[error("items[{index}].id: the add-on \"{id}\" is listed twice")]
    Duplicate { index: usize, id: String },
}

/// Why a request's add-ons cannot be booked. [`AddonError::field`] names the field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AddonError {
    #[error("addons[{index}].item: there is no add-on \"{item}\" in this studio")]
    UnknownItem { index: usize, item: String },
    #[error(
        "addons[{index}].item: \"{item}\" is asked for twice: ask once with the total quantity"
    )]
    Repeated { index: usize, item: String },
    #[error("addons[{index}].quantity: ask for 1 to {stock} of \"{name}\", not {quantity}")]
    BadQuantity {
        index: usize,
        name: String,
        quantity: i64,
        stock: u16,
    },
    #[error("addons[{index}].quantity: {taken} of {stock} \"{name}\" are taken {}{}", when(.local_start, .local_end), if *.held { " (another desk is booking them right now)" } else { "" })]
    Short {
        index: usize,
        item: ItemId,
        name: String,
        /// The most taken in the run.
        taken: u32,
        stock: u16,
        quantity: u16,
        /// The first run of quanta that is short, merged across midnight.
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        local_start: NaiveDateTime,
        local_end: NaiveDateTime,
        /// Only live holds of other sessions make it short: it may free up in seconds.
        held: bool,
    },
    #[error("addons[{index}].quantity: the price of {quantity} × \"{name}\" is too large")]
    PriceOverflow {
        index: usize,
        name: String,
        quantity: u16,
    },
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

fn when(start: &NaiveDateTime, end: &NaiveDateTime) -> String {
    if start.date() == end.date() || end.time() == chrono::NaiveTime::MIN {
        format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"))
    } else {
        format!(
            "{}–{}",
            start.format("%a %d %b %H:%M"),
            end.format("%a %d %b %H:%M")
        )
    }
}

impl AddonError {
    /// The request field the error is about, e.g. `addons[1].quantity`; `None` for a
    /// calendar error (the span's).
    pub fn field(&self) -> Option<String> {
        match self {
            AddonError::UnknownItem { index, .. } | AddonError::Repeated { index, .. } => {
                Some(format!("addons[{index}].item"))
            }
            AddonError::BadQuantity { index, .. }
            | AddonError::Short { index, .. }
            | AddonError::PriceOverflow { index, .. } => Some(format!("addons[{index}].quantity")),
            AddonError::Calendar(_) => None,
        }
    }
}

/// The studio's items, looked up by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    items: Vec<Item>,
    by_id: HashMap<ItemId, usize>,
}

impl Catalog {
    /// Checks names and that no id repeats.
    pub fn new(items: Vec<Item>) -> Result<Catalog, ItemError> {
        let mut by_id = HashMap::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            if item.name.trim().is_empty() {
                return Err(ItemError::EmptyName { index });
            }
            if by_id.insert(item.id.clone(), index).is_some() {
                return Err(ItemError::Duplicate {
                    index,
                    id: item.id.as_str().to_owned(),
                });
            }
        }
        Ok(Catalog { items, by_id })
    }

    pub fn get(&self, id: &str) -> Option<&Item> {
        self.by_id.get(id).map(|&i| &self.items[i])
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Checks a request's asks in order: each a known item, asked once, 1 ≤ quantity ≤
    /// stock. The first bad one is the error.
    pub fn needs(&self, asks: &[AddonAsk]) -> Result<Vec<Need<'_>>, AddonError> {
        let mut needs: Vec<Need<'_>> = Vec::with_capacity(asks.len());
        for (index, ask) in asks.iter().enumerate() {
            let item = self
                .get(ask.item.as_str())
                .ok_or_else(|| AddonError::UnknownItem {
                    index,
                    item: ask.item.clone(),
                })?;
            if needs.iter().any(|n| n.item.id == item.id) {
                return Err(AddonError::Repeated {
                    index,
                    item: ask.item.clone(),
                });
            }
            let quantity = u16::try_from(ask.quantity)
                .ok()
                .filter(|q| *q >= 1 && *q <= item.stock)
                .ok_or_else(|| AddonError::BadQuantity {
                    index,
                    name: item.name.clone(),
                    quantity: ask.quantity,
                    stock: item.stock,
                })?;
            needs.push(Need {
                index,
                item,
                quantity,
            });
        }
        Ok(needs)
    }
}

/// Quarter hours in an hour.
const QUARTERS: u128 = 4;

impl Item {
    /// An item with a checked id.
    pub fn new(
        id: &str,
        name: &str,
        stock: u16,
        price_minor: u64,
        per: Per,
    ) -> Result<Item, ItemError> {
        Ok(Item {
            id: ItemId::new(id)?,
            name: name.to_owned(),
            stock,
            price_minor,
            per,
        })
    }

    /// The price of `quantity` pieces for `span`, in minor units. Per booking: price ×
    /// quantity. Per hour: each started quarter hour of the span's real elapsed time
    /// (a night with a clock change counts its real length) costs a quarter of the hourly
    /// price, summed and rounded once, half up. `None` when it does not fit in a `u64`.
    pub fn price(&self, quantity: u16, span: &Span) -> Option<u64> {
        let per_piece = u128::from(self.price_minor) * u128::from(quantity);
        let total = match self.per {
            Per::Booking => per_piece,
            Per::Hour => {
                let seconds = u128::try_from(span.duration().num_seconds()).ok()?;
                let quarters = seconds.div_ceil(15 * 60);
                (per_piece * quarters + QUARTERS / 2) / QUARTERS
            }
        };
        u64::try_from(total).ok()
    }
}

/// The price of every need for `span`, in request order, or the first that overflows.
pub fn prices(needs: &[Need<'_>], span: &Span) -> Result<Vec<u64>, AddonError> {
    needs
        .iter()
        .map(|n| {
            n.item
                .price(n.quantity, span)
                .ok_or_else(|| AddonError::PriceOverflow {
                    index: n.index,
                    name: n.item.name.clone(),
                    quantity: n.quantity,
                })
        })
        .collect()
}

#[cfg(test)]
mod tests;
