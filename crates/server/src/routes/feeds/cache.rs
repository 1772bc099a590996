//! The last calendar written for each feed, reused while its input is the same: writing
//! thousands of events takes tens of milliseconds, reading them a few, and calendar apps
//! poll far more often than bookings change.
//!
//! The key is everything the text is made of — the feed, the calendar's name, the room
//! names, the detail and every field of every event — so a cached text is always the text
//! that would be written now: nothing is invalidated by hand, and any instance may keep its
//! own cache.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use frontdesk_store::feed_tokens::FeedEvent;
use uuid::Uuid;

use super::ics::FeedCalendar;

/// Feeds kept before the cache starts again from empty.
const KEPT: usize = 256;

/// A written feed: its text and ETag.
pub type Written = Arc<(String, String)>;

type Entries = HashMap<Uuid, (u64, Written)>;

fn entries() -> &'static Mutex<Entries> {
    static ENTRIES: OnceLock<Mutex<Entries>> = OnceLock::new();
    ENTRIES.get_or_init(Mutex::default)
}

/// What the text of `calendar` over `events` is made of, hashed.
pub fn input_of(calendar: &FeedCalendar, events: &[FeedEvent]) -> u64 {
    let mut h = DefaultHasher::new();
    calendar.name.hash(&mut h);
    calendar.detail.as_str().hash(&mut h);
    let mut rooms: Vec<_> = calendar.room_names.iter().collect();
    rooms.sort();
    rooms.hash(&mut h);
    events.len().hash(&mut h);
    for e in events {
        (e.id, &e.room, e.start, e.end, &e.customer_name).hash(&mut h);
        (e.cancelled, e.version, e.updated_at).hash(&mut h);
    }
    h.finish()
}

/// The text written for `feed` from this input, if it is the last one kept.
pub fn get(feed: Uuid, input: u64) -> Option<Written> {
    let entries = entries().lock().unwrap_or_else(|p| p.into_inner());
    entries
        .get(&feed)
        .filter(|(kept, _)| *kept == input)
        .map(|(_, written)| written.clone())
}

/// Keeps the text written for `feed` from this input.
pub fn put(feed: Uuid, input: u64, written: Written) {
    let mut entries = entries().lock().unwrap_or_else(|p| p.into_inner());
    if entries.len() >= KEPT && !entries.contains_key(&feed) {
        entries.clear();
    }
    entries.insert(feed, (input, written));
}
