//! The pure domain of Frontdesk.
//!
//! Everything here is a function of its inputs: no SQLite, no HTTP, no clock, no async.
//! Where the current time matters (holds expire), `now` is a parameter.
//!
//! - [`calendar`]: a studio's timezone and opening hours; local dates, their quanta
//!   (92/96/100 on DST days), instants ↔ quanta, spans → one [`DayMask`] per local date.
//! - [`hours`]: [`OpeningHours`], ranges per weekday and exceptions per date (closed or
//!   special hours), and the open mask of a date.
//! - [`mask`]: [`DayMask`], the `u128` bitmask of one room on one date.
//! - [`span`]: [`Span`], a half-open interval of instants, validated.
//! - [`occupancy`]: [`Occupancy`], booked masks per room and date.
//! - [`report`]: the occupancy figures of a period (utilisation, changeover, heatmap).
//! - [`cancellation`]: [`CancellationTerms`] and the fee a late cancellation or a no-show
//!   owes, in integer minor units.
//! - [`holds`]: [`HoldBook`], presence holds of booking sessions, all-or-nothing.
//! - [`availability`]: day slots and month availability.
//! - [`addons`]: shared items booked with rooms (amps, a drum kit, an engineer), counted
//!   per quantum across all rooms; their admission, offered starts and prices.
//! - [`booking`]: the rules a booking must pass, and [`Customer`].
//! - [`series`]: recurring series, their occurrences and why any cannot be booked.
//! - [`studio`]: [`Studio`] and [`Room`], validated.
//! - [`phone`]: phone numbers parsed with the studio's [`phone::Country`], kept in E.164.

pub mod addons;
pub mod availability;
pub mod booking;
pub mod calendar;
pub mod cancellation;
pub mod conflict;
pub mod deposit;
pub mod holds;
pub mod hours;
pub mod mask;
pub mod occupancy;
pub mod online;
pub mod phone;
pub mod pricing;
pub mod report;
pub mod series;
pub mod span;
pub mod studio;

pub use addons::{
    admit_addons, offer_with_addons, AddonAsk, AddonError, BookedUse, Catalog, Exclude, HeldUse,
    Item, ItemError, ItemId, ItemUse, Per, Usage,
};
pub use availability::{
    day_slots, month_availability, AvailabilityError, DaySlots, Slot, SlotAsk, SlotStatus,
};
pub use booking::{admit_booking, admit_move, BookingError, Customer};
pub use calendar::{Calendar, CalendarError, Day, DayBounds, OpeningHours, SpanDays};
pub use cancellation::{
    fee_for_cancel, fee_for_no_show, CancellationTerms, Fee, FeeRule, FeeTier, StudioTerms,
    TermsError,
};
pub use conflict::{Conflict, ConflictReason};
pub use holds::{Hold, HoldBook, HoldError, SessionId};
pub use hours::{HoursDay, HoursError, RangeError, TimeRange};
pub use mask::DayMask;
pub use occupancy::{BookedDays, Occupancy, RoomDays};
pub use pricing::{PeakRate, Pricing};
pub use series::{
    preview_series, Occurrence, Repeat, SeriesEnd, SeriesError, SeriesRule, SkipReason,
};
pub use span::{Span, SpanError, MAX_SPAN_DAYS, QUANTUM_MINUTES};
pub use studio::{Room, RoomId, Studio, StudioError, MAX_CHANGEOVER_MINUTES};
