//! The bitmap engine against a naive model: plain lists of intervals, every quantum found
//! by stepping through instants and reading the wall clock. Random sequences of book /
//! cancel / move (or extend, shorten) / set holds / release / advance the clock must give
//! the same answer to every query, on ordinary days and DST days in Europe/Berlin and
//! America/New_York.
//!
//! Opening hours are random too: several ranges a weekday (unordered, some touching),
//! closed dates and special hours for single dates, often on the DST day itself. The
//! model decides "open" by reading each instant's local wall-clock time against that
//! date's ranges, without the engine's masks.
//!
//! Each room has a random changeover (0 to 60 minutes): the model refuses any quantum
//! booked or held within that many minutes before or after a span, stepping through them
//! one by one; the engine widens the span and ANDs masks.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use frontdesk_core::{
    admit_booking, admit_move, day_slots, month_availability, BookedDays, BookingError, Calendar,
    ConflictReason, Hold, HoldBook, HoldError, Occupancy, OpeningHours, RoomId, SessionId, SlotAsk,
    SlotStatus, Span,
};
use proptest::prelude::*;
use uuid::Uuid;

const ROOMS: [&str; 2] = ["a", "b"];
const Q: i64 = 15;

// ---------------------------------------------------------------- the naive model

#[derive(Debug, Clone)]
struct NaiveBooking {
    room: usize,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

#[derive(Debug, Clone)]
struct NaiveHold {
    session: usize,
    room: usize,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

#[derive(Debug)]
struct Model {
    tz: Tz,
    /// By weekday from Monday: `[open, close)` wall-clock minutes, in any order.
    hours: Vec<Vec<(u32, u32)>>,
    /// Dates whose ranges replace the weekday's (none: closed).
    dates: BTreeMap<NaiveDate, Vec<(u32, u32)>>,
    bookings: Vec<NaiveBooking>,
    holds: Vec<NaiveHold>,
    hold_expiry: [Option<DateTime<Utc>>; 3],
    /// Each room's changeover in quanta.
    changeover: [i64; 2],
}

impl Model {
    /// The quanta of a local date: every 15-minute instant whose local date is that date.
    fn quanta(&self, date: NaiveDate) -> Vec<DateTime<Utc>> {
        let mut t = date.and_hms_opt(0, 0, 0).unwrap().and_utc() - Duration::hours(16);
        let mut out = Vec::new();
        loop {
            let local = t.with_timezone(&self.tz).date_naive();
            if local == date {
                out.push(t);
            } else if local > date {
                return out;
            }
            t += Duration::minutes(Q);
        }
    }

    fn aligned(t: DateTime<Utc>) -> bool {
        t.minute() % 15 == 0 && t.second() == 0 && t.nanosecond() == 0
    }

    fn open(&self, quantum: DateTime<Utc>) -> bool {
        let local = quantum.with_timezone(&self.tz);
        let minutes = local.hour() * 60 + local.minute();
        let weekday = &self.hours[local.weekday().num_days_from_monday() as usize];
        let ranges = self.dates.get(&local.date_naive()).unwrap_or(weekday);
        ranges.iter().any(|&(o, c)| o <= minutes && minutes < c)
    }

    fn live(&self, session: usize, now: DateTime<Utc>) -> bool {
        self.hold_expiry[session].is_some_and(|e| e > now)
    }

    /// Whether the quantum at `t` of `room` is booked, or held by a live session other than
    /// `session`.
    fn taken(
        &self,
        room: usize,
        t: DateTime<Utc>,
        session: Option<usize>,
        now: DateTime<Utc>,
    ) -> Option<ConflictReason> {
        let booked = self
            .bookings
            .iter()
            .any(|b| b.room == room && b.start <= t && t < b.end);
        let held = self.holds.iter().any(|h| {
            h.room == room
                && Some(h.session) != session
                && self.live(h.session, now)
                && h.start <= t
                && t < h.end
        });
        if booked {
            Some(ConflictReason::Booked)
        } else if held {
            Some(ConflictReason::Held)
        } else {
            None
        }
    }

    /// Every quantum from the room's changeover before `start` to its changeover after `end`.
    fn around(&self, room: usize, start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let pad = Duration::minutes(Q * self.changeover[room]);
        let mut out = Vec::new();
        let mut t = start - pad;
        while t < end + pad {
            out.push(t);
            t += Duration::minutes(Q);
        }
        out
    }

    /// Conflicting quanta of `[start, end)` on `room`, for `session`: taken inside the span,
    /// or taken within the room's changeover of it.
    fn conflicts(
        &self,
        room: usize,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        session: Option<usize>,
        now: DateTime<Utc>,
    ) -> BTreeSet<(usize, DateTime<Utc>, ConflictReason)> {
        let mut out = BTreeSet::new();
        for t in self.around(room, start, end) {
            if let Some(reason) = self.taken(room, t, session, now) {
                let inside = start <= t && t < end;
                let reason = if inside {
                    reason
                } else {
                    ConflictReason::Changeover
                };
                out.insert((room, t, reason));
            }
        }
        out
    }

    fn all_open(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        let mut t = start;
        while t < end {
            if !self.open(t) {
                return false;
            }
            t += Duration::minutes(Q);
        }
        true
    }

    fn day_slots(
        &self,
        room: usize,
        date: NaiveDate,
        len: i64,
        step: usize,
        session: Option<usize>,
        Asked { now, at: asked }: Asked,
    ) -> Vec<(DateTime<Utc>, SlotStatus)> {
        let mut out = Vec::new();
        for t in self.quanta(date).into_iter().step_by(step) {
            // The start's quantum is over.
            if t + Duration::minutes(Q) <= asked {
                continue;
            }
            let end = t + Duration::minutes(Q * len);
            if !self.all_open(t, end) {
                continue;
            }
            let taken: Vec<_> = self
                .around(room, t, end)
                .into_iter()
                .filter_map(|q| self.taken(room, q, session, now))
                .collect();
            if taken.contains(&ConflictReason::Booked) {
                continue;
            }
            let status = if taken.is_empty() {
                SlotStatus::Available
            } else {
                SlotStatus::Reserved
            };
            out.push((t, status));
        }
        out
    }
}

/// When slots are asked for: holds are live at `now`; starts whose first quantum is over at
/// `at` are not offered.
#[derive(Debug, Clone, Copy)]
struct Asked {
    now: DateTime<Utc>,
    at: DateTime<Utc>,
}

// ---------------------------------------------------------------- the engine under test

struct Engine {
    calendar: Calendar,
    occupancy: Occupancy,
    holds: HoldBook,
    bookings: Vec<(RoomId, Span)>,
    sessions: [SessionId; 3],
    /// Each room's changeover in minutes.
    changeover: [u32; 2],
}

impl Engine {
    fn changeover(&self, room: usize) -> u32 {
        self.changeover[room]
    }
}

fn room_id(i: usize) -> RoomId {
    RoomId::new(ROOMS[i]).unwrap()
}

/// Expands engine conflicts into single quanta, to compare with the model.
fn quanta_of(
    conflicts: &[frontdesk_core::Conflict],
) -> BTreeSet<(usize, DateTime<Utc>, ConflictReason)> {
    let mut out = BTreeSet::new();
    for c in conflicts {
        let room = ROOMS.iter().position(|r| *r == c.room.as_str()).unwrap();
        let mut t = c.start;
        while t < c.end {
            out.insert((room, t, c.reason));
            t += Duration::minutes(Q);
        }
    }
    out
}

/// Whether the engine's occupancy marks the quantum starting at `q` of `room` as booked.
fn engine_busy(engine: &Engine, room: &RoomId, q: DateTime<Utc>) -> bool {
    let (day, index) = engine.calendar.locate(q).unwrap();
    engine
        .occupancy
        .booked(room.as_str(), day.date)
        .contains(index)
}

// ---------------------------------------------------------------- operations

#[derive(Debug, Clone)]
enum Op {
    Book {
        room: usize,
        start: i64,
        len: i64,
        session: Option<usize>,
        nudge: i64,
    },
    Cancel {
        pick: usize,
    },
    /// Moves (or extends, shortens) a booking to `room` at `start` for `len` quanta.
    Move {
        pick: usize,
        room: usize,
        start: i64,
        len: i64,
        session: Option<usize>,
    },
    SetHolds {
        session: usize,
        spans: Vec<(usize, i64, i64)>,
    },
    Release {
        session: usize,
    },
    Advance {
        seconds: i64,
    },
    Slots {
        room: usize,
        day: i64,
        len: i64,
        step: usize,
        session: Option<usize>,
        /// Asked at this many seconds after the first quantum (else at the clock's `now`):
        /// starts whose first quantum is over by then are not offered.
        asked: Option<i64>,
    },
}

fn len_strategy() -> impl Strategy<Value = i64> {
    prop_oneof![4 => 1i64..=12, 1 => 13i64..=200]
}

fn op_strategy() -> impl Strategy<Value = Op> {
    let session = prop::option::of(0usize..3);
    prop_oneof![
        4 => (0usize..2, 0i64..288, len_strategy(), session.clone(), prop_oneof![9 => Just(0i64), 1 => 1i64..15])
            .prop_map(|(room, start, len, session, nudge)| Op::Book { room, start, len, session, nudge }),
        1 => (0usize..64).prop_map(|pick| Op::Cancel { pick }),
        3 => (0usize..64, 0usize..2, 0i64..288, len_strategy(), session.clone())
            .prop_map(|(pick, room, start, len, session)| Op::Move { pick, room, start, len, session }),
        3 => (0usize..3, prop::collection::vec((0usize..2, 0i64..288, len_strategy()), 0..4))
            .prop_map(|(session, spans)| Op::SetHolds { session, spans }),
        1 => (0usize..3).prop_map(|session| Op::Release { session }),
        2 => (0i64..12).prop_map(|seconds| Op::Advance { seconds }),
        3 => (0usize..2, 0i64..3, prop_oneof![Just(1i64), Just(4), Just(8), Just(12), Just(100)], prop_oneof![Just(1usize), Just(2), Just(4)], session,
              prop_oneof![2 => Just(None), 1 => (0i64..3 * 25 * 3600).prop_map(Some)])
            .prop_map(|(room, day, len, step, session, asked)| Op::Slots { room, day, len, step, session, asked }),
    ]
}

/// One day's ranges in minutes: fixed shapes around the DST hours and random ones on the
/// quarter-hour grid (sorted or reversed, sometimes touching; never overlapping).
fn ranges_strategy() -> impl Strategy<Value = Vec<(u32, u32)>> {
    let boundary = prop_oneof![2 => 0u32..=96, 1 => 4u32..=16]; // 01:00–04:00 often
    let random =
        (prop::collection::vec(boundary, 2..=6), any::<bool>()).prop_map(|(mut b, rev)| {
            b.sort_unstable();
            let mut ranges: Vec<(u32, u32)> = b
                .chunks_exact(2)
                .filter(|p| p[0] < p[1])
                .map(|p| (p[0] * 15, p[1] * 15))
                .collect();
            if rev {
                ranges.reverse();
            }
            ranges
        });
    prop_oneof![
        3 => Just(vec![(0u32, 1440u32)]),
        2 => Just(vec![(8 * 60, 1440)]),
        2 => Just(vec![(60, 4 * 60)]), // around the DST jumps
        1 => Just(vec![(10 * 60 + 30, 18 * 60 + 45)]),
        2 => Just(vec![(0, 2 * 60), (3 * 60, 1440)]), // closed in the skipped / repeated hour
        1 => Just(vec![(16 * 60, 1440), (10 * 60, 14 * 60)]),
        1 => Just(vec![(3 * 60, 1440), (0, 2 * 60), (2 * 60, 3 * 60)]), // touching: all day
        1 => Just(vec![]),
        5 => random,
    ]
}

fn hours_strategy() -> impl Strategy<Value = Vec<Vec<(u32, u32)>>> {
    prop::collection::vec(ranges_strategy(), 7)
}

/// An exception for one date, as days from the base date (most often the base date,
/// the DST day of most zones).
#[derive(Debug, Clone)]
enum Exception {
    Closed,
    Special(Vec<(u32, u32)>),
}

fn exceptions_strategy() -> impl Strategy<Value = Vec<(i64, Exception)>> {
    let offset = prop_oneof![3 => Just(0i64), 2 => -1i64..=1, 1 => -3i64..=4];
    let exception = prop_oneof![
        1 => Just(Exception::Closed),
        3 => ranges_strategy().prop_map(Exception::Special),
    ];
    prop::collection::vec((offset, exception), 0..4)
}

/// Ranges as the `"HH:MM"` texts the engine takes.
fn texts(ranges: &[(u32, u32)]) -> Vec<(String, String)> {
    let fmt = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
    ranges.iter().map(|&(o, c)| (fmt(o), fmt(c))).collect()
}

fn strs(texts: &[(String, String)]) -> Vec<(&str, &str)> {
    texts
        .iter()
        .map(|(o, c)| (o.as_str(), c.as_str()))
        .collect()
}

fn opening_hours(hours: &[Vec<(u32, u32)>], dates: &[(NaiveDate, Exception)]) -> OpeningHours {
    let mut out = OpeningHours::closed();
    for (i, ranges) in hours.iter().enumerate() {
        let wd = Weekday::try_from(i as u8).unwrap();
        let t = texts(ranges);
        out.set_weekday(wd, &strs(&t)).unwrap();
    }
    for (date, exception) in dates {
        match exception {
            Exception::Closed => out.close_date(*date),
            Exception::Special(ranges) => {
                let t = texts(ranges);
                out.set_date(*date, &strs(&t)).unwrap();
            }
        }
    }
    out
}

/// (timezone, the date the random times are built around)
fn zone_strategy() -> impl Strategy<Value = (Tz, NaiveDate)> {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    prop_oneof![
        Just((chrono_tz::Europe::Berlin, d(2026, 3, 29))),
        Just((chrono_tz::Europe::Berlin, d(2026, 10, 25))),
        Just((chrono_tz::Europe::Berlin, d(2026, 6, 17))),
        Just((chrono_tz::America::New_York, d(2026, 3, 8))),
        Just((chrono_tz::America::New_York, d(2026, 11, 1))),
        Just((chrono_tz::America::New_York, d(2026, 1, 20))),
    ]
}

fn run(
    (tz, base): (Tz, NaiveDate),
    hours: Vec<Vec<(u32, u32)>>,
    exceptions: Vec<(i64, Exception)>,
    changeover: [i64; 2],
    ops: Vec<Op>,
) -> Result<(), TestCaseError> {
    let exceptions: Vec<(NaiveDate, Exception)> = exceptions
        .into_iter()
        .map(|(days, e)| (base + Duration::days(days), e))
        .collect();
    let calendar = Calendar::new(tz, opening_hours(&hours, &exceptions));
    let mut dates = BTreeMap::new();
    for (date, exception) in exceptions {
        // The last exception given for a date wins, as in the engine.
        let ranges = match exception {
            Exception::Closed => vec![],
            Exception::Special(ranges) => ranges,
        };
        dates.insert(date, ranges);
    }
    let mut model = Model {
        tz,
        hours,
        dates,
        bookings: vec![],
        holds: vec![],
        hold_expiry: [None; 3],
        changeover,
    };
    let mut engine = Engine {
        calendar,
        occupancy: Occupancy::new(),
        holds: HoldBook::new(),
        bookings: vec![],
        sessions: [Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3)],
        changeover: changeover.map(|q| (q * Q) as u32),
    };
    let ttl = Duration::seconds(10);
    // Random times are quanta counted from the day before `base`.
    let origin = model.quanta(base.pred_opt().unwrap())[0];
    let at = |q: i64| origin + Duration::minutes(Q * q);
    let mut now = origin - Duration::hours(1);

    for op in ops {
        match op {
            Op::Book {
                room,
                start,
                len,
                session,
                nudge,
            } => {
                let (s, e) = (at(start) + Duration::minutes(nudge), at(start + len));
                let span = Span::new(s, e).unwrap();
                let sid = session.map(|i| engine.sessions[i]);
                let got = admit_booking(
                    &engine.calendar,
                    &room_id(room),
                    &span,
                    engine.changeover(room),
                    sid,
                    &engine.occupancy,
                    &engine.holds,
                    now,
                );
                let expect_ok = if !Model::aligned(s) {
                    prop_assert!(
                        matches!(got, Err(BookingError::Calendar(_))),
                        "misaligned accepted: {got:?}"
                    );
                    false
                } else if !model.all_open(s, e) {
                    prop_assert!(
                        matches!(got, Err(BookingError::Closed { .. })),
                        "closed accepted: {got:?}"
                    );
                    false
                } else {
                    let c = model.conflicts(room, s, e, session, now);
                    match &got {
                        Err(BookingError::Conflicts(found)) => {
                            prop_assert_eq!(quanta_of(found), c.clone())
                        }
                        Ok(_) => prop_assert!(c.is_empty(), "booked over {c:?}"),
                        Err(other) => prop_assert!(false, "unexpected {other:?}"),
                    }
                    c.is_empty()
                };
                if let Ok(days) = got {
                    prop_assert!(expect_ok);
                    engine.occupancy.add(&room_id(room), days.masks());
                    engine.bookings.push((room_id(room), span));
                    model.bookings.push(NaiveBooking {
                        room,
                        start: s,
                        end: e,
                    });
                    if let Some(i) = session {
                        engine.holds.release(engine.sessions[i]);
                        model.holds.retain(|h| h.session != i);
                        model.hold_expiry[i] = None;
                    }
                }
            }
            Op::Cancel { pick } => {
                if !engine.bookings.is_empty() {
                    let i = pick % engine.bookings.len();
                    let (room, span) = engine.bookings.remove(i);
                    let days = engine.calendar.span_days(&span).unwrap();
                    engine.occupancy.remove(&room, days.masks());
                    model.bookings.remove(i);
                }
            }
            Op::Move {
                pick,
                room,
                start,
                len,
                session,
            } => {
                if engine.bookings.is_empty() {
                    continue;
                }
                let i = pick % engine.bookings.len();
                let (old_room, old_span) = engine.bookings[i].clone();
                let (s, e) = (at(start), at(start + len));
                let span = Span::new(s, e).unwrap();
                let sid = session.map(|k| engine.sessions[k]);
                let got = admit_move(
                    &engine.calendar,
                    &old_room,
                    &old_span,
                    &room_id(room),
                    &span,
                    engine.changeover(room),
                    sid,
                    &engine.occupancy,
                    &engine.holds,
                    now,
                );
                // The model: the booking's own time does not count against its new span.
                let moving = model.bookings.remove(i);
                let expected = if model.all_open(s, e) {
                    Some(model.conflicts(room, s, e, session, now))
                } else {
                    None
                };
                match (&got, &expected) {
                    (Ok(_), Some(c)) => prop_assert!(c.is_empty(), "moved over {c:?}"),
                    (Err(BookingError::Conflicts(found)), Some(c)) => {
                        prop_assert_eq!(&quanta_of(found), c)
                    }
                    (Err(BookingError::Closed { .. }), None) => {}
                    (other, want) => prop_assert!(false, "move gave {other:?}, model {want:?}"),
                }
                match got {
                    Ok((old_days, new_days)) => {
                        // One step: the old quanta freed and the new ones taken together.
                        engine.occupancy.remove(&old_room, old_days.masks());
                        engine.occupancy.add(&room_id(room), new_days.masks());
                        engine.bookings[i] = (room_id(room), span);
                        model.bookings.insert(
                            i,
                            NaiveBooking {
                                room,
                                start: s,
                                end: e,
                            },
                        );
                        // No moment with both spans free or both taken: right after the
                        // swap, every quantum of both spans is busy exactly where a booking
                        // of the model lies.
                        for (r, from, to) in [
                            (old_room.clone(), old_span.start(), old_span.end()),
                            (room_id(room), s, e),
                        ] {
                            let index = ROOMS.iter().position(|x| *x == r.as_str()).unwrap();
                            let mut q = from;
                            while q < to {
                                let want = model
                                    .bookings
                                    .iter()
                                    .any(|b| b.room == index && b.start <= q && q < b.end);
                                prop_assert_eq!(engine_busy(&engine, &r, q), want, "at {}", q);
                                q += Duration::minutes(Q);
                            }
                        }
                        if let Some(k) = session {
                            engine.holds.release(engine.sessions[k]);
                            model.holds.retain(|h| h.session != k);
                            model.hold_expiry[k] = None;
                        }
                    }
                    Err(_) => model.bookings.insert(i, moving),
                }
            }
            Op::SetHolds { session, spans } => {
                let holds: Vec<Hold> = spans
                    .iter()
                    .map(|&(room, start, len)| Hold {
                        room: room_id(room),
                        span: Span::new(at(start), at(start + len)).unwrap(),
                    })
                    .collect();
                let minutes = engine.changeover;
                let got = engine.holds.set(
                    &engine.calendar,
                    engine.sessions[session],
                    "desk",
                    holds,
                    &engine.occupancy,
                    now,
                    ttl,
                    |r| minutes[ROOMS.iter().position(|x| *x == r.as_str()).unwrap()],
                );
                let mut expect = BTreeSet::new();
                for &(room, start, len) in &spans {
                    expect.extend(model.conflicts(
                        room,
                        at(start),
                        at(start + len),
                        Some(session),
                        now,
                    ));
                }
                match got {
                    Ok(set) => {
                        prop_assert!(expect.is_empty(), "held over {expect:?}");
                        prop_assert_eq!(set.expires_at, now + ttl);
                        model.holds.retain(|h| h.session != session);
                        for &(room, start, len) in &spans {
                            model.holds.push(NaiveHold {
                                session,
                                room,
                                start: at(start),
                                end: at(start + len),
                            });
                        }
                        model.hold_expiry[session] = Some(now + ttl);
                    }
                    Err(HoldError::Conflicts(found)) => prop_assert_eq!(quanta_of(&found), expect),
                    Err(other) => prop_assert!(false, "unexpected {other:?}"),
                }
            }
            Op::Release { session } => {
                engine.holds.release(engine.sessions[session]);
                model.holds.retain(|h| h.session != session);
                model.hold_expiry[session] = None;
            }
            Op::Advance { seconds } => now += Duration::seconds(seconds),
            Op::Slots {
                room,
                day,
                len,
                step,
                session,
                asked,
            } => {
                let date = base + Duration::days(day - 1);
                let asked = asked.map_or(now, |s| origin + Duration::seconds(s));
                let sid = session.map(|i| engine.sessions[i]);
                let r = ROOMS[room];
                let got = day_slots(
                    &engine.calendar,
                    date,
                    SlotAsk {
                        duration: (len * Q) as u32,
                        interval: (step as i64 * Q) as u32,
                        changeover: engine.changeover(room),
                    },
                    asked,
                    |d| frontdesk_core::BookedDays::booked(&engine.occupancy, r, d),
                    |d| engine.holds.held_by_others(r, d, sid, now),
                )
                .unwrap();
                prop_assert_eq!(got.quanta as usize, model.quanta(date).len());
                let got: Vec<_> = got.slots.iter().map(|s| (s.start, s.status)).collect();
                prop_assert_eq!(
                    got,
                    model.day_slots(room, date, len, step, session, Asked { now, at: asked })
                );
            }
        }
    }
    // The month of the base date, asked long before it and in the middle of the base date
    // (the dates before are over then).
    let (r, len) = (ROOMS[0], 8);
    for asked in [now, origin + Duration::hours(31) + Duration::minutes(7)] {
        let month = month_availability(
            &engine.calendar,
            base.year(),
            base.month(),
            SlotAsk {
                duration: (len * Q) as u32,
                interval: 60,
                changeover: engine.changeover(0),
            },
            asked,
            |d| frontdesk_core::BookedDays::booked(&engine.occupancy, r, d),
            |d| engine.holds.held_by_others(r, d, None, now),
        )
        .unwrap();
        for (date, free) in month {
            let expect = model
                .day_slots(0, date, len, 4, None, Asked { now, at: asked })
                .iter()
                .any(|(_, s)| *s == SlotStatus::Available);
            prop_assert_eq!(free, expect, "month view on {} asked at {}", date, asked);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn engine_matches_naive_model(
        zone in zone_strategy(),
        hours in hours_strategy(),
        exceptions in exceptions_strategy(),
        changeover in prop::array::uniform2(prop_oneof![2 => Just(0i64), 1 => 1i64..=4]),
        ops in prop::collection::vec(op_strategy(), 1..40),
    ) {
        run(zone, hours, exceptions, changeover, ops)?;
    }
}
