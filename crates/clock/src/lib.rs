//! The one place Frontdesk reads the system time ([`clock`]): a clock injected into desk,
//! server and load tool; tests pin a [`ManualClock`].

mod clock;

pub use clock::{system, Clock, ManualClock, SharedClock, SystemClock};
