//! Clocks pinned to a stated instant: every test says what "now" is.

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
pub use frontdesk_clock::{Clock, ManualClock, SharedClock};

/// A manual clock at `now`.
pub fn pinned(now: DateTime<Utc>) -> Arc<ManualClock> {
    Arc::new(ManualClock::new(now))
}

/// The instant of a local wall-clock time in `tz` (the earlier one on a fall-back hour).
pub fn local(tz: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    tz.with_ymd_and_hms(y, m, d, h, min, 0)
        .earliest()
        .expect("a local time that exists")
        .with_timezone(&Utc)
}

/// An instant in Berlin, the zone of every fixture studio.
pub fn berlin(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    local(chrono_tz::Europe::Berlin, y, m, d, h, min)
}
