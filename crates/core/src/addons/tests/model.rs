//! The add-on engine against a naive model: random items and stock, random bookings across
//! three rooms, holds of three sessions that expire, moves and extensions, and offered
//! starts, on a normal day and on both DST days of Europe/Berlin in 2026 (92 and 100
//! quanta), with spans across midnight. The model knows no quanta, dates or masks: it
//! counts, minute by minute of real time, the pieces every use takes.

use crate::addons::*;
use crate::availability::{day_slots, DaySlots, SlotAsk, SlotStatus};
use crate::calendar::{Calendar, OpeningHours};
use crate::mask::DayMask;
use crate::occupancy::{BookedDays, Occupancy};
use crate::studio::RoomId;
use chrono::{Duration, NaiveDate};
use chrono_tz::Europe::Berlin;
use proptest::prelude::*;
use uuid::Uuid;

/// Asks as generated: item index (one past the catalog is unknown) and quantity.
type Asks = Vec<(usize, i64)>;

#[derive(Debug, Clone)]
enum Op {
    Book {
        session: u8,
        room: u8,
        at: u32,
        len: u32,
        asks: Asks,
    },
    Hold {
        session: u8,
        at: u32,
        len: u32,
        asks: Asks,
    },
    Move {
        booking: usize,
        at: u32,
        len: u32,
    },
    Wait {
        seconds: i64,
    },
    Offer {
        session: u8,
        room: u8,
        len: u32,
        interval: u32,
        asks: Asks,
    },
}

/// Quanta from the window's origin (21:00 the evening before the date asked about) over
/// which spans start: 30 hours, so spans cross both midnights and the night's clock change.
const REACH: u32 = 30 * 4;

/// Mostly good asks (known items, 1–3 pieces), sometimes an unknown item or a quantity of
/// −1, 0 or 5.
fn asks() -> impl Strategy<Value = Asks> {
    let item = prop_oneof![12 => 0usize..2, 1 => 2usize..4];
    let quantity = prop_oneof![
        14 => Just(1i64),
        3 => Just(2i64),
        1 => prop::sample::select(vec![-1i64, 0, 5]),
    ];
    // Two asks of the same item are refused (`addons[1].item`): keep them the rarer case.
    prop_oneof![
        3 => prop::collection::vec((item.clone(), quantity.clone()), 0..2),
        1 => prop::collection::vec((item, quantity), 2..3),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let span = (0..REACH, 1u32..25);
    prop_oneof![
        4 => (0u8..3, 0u8..3, span.clone(), asks()).prop_map(|(session, room, (at, len), asks)| {
            Op::Book { session, room, at, len, asks }
        }),
        2 => (0u8..3, span.clone(), asks())
            .prop_map(|(session, (at, len), asks)| Op::Hold { session, at, len, asks }),
        2 => (0usize..8, span).prop_map(|(booking, (at, len))| Op::Move { booking, at, len }),
        1 => (0i64..16).prop_map(|seconds| Op::Wait { seconds }),
        2 => (0u8..3, 0u8..3, 1u32..9, prop::sample::select(vec![15u32, 30, 60]), asks())
            .prop_map(|(session, room, len, interval, asks)| Op::Offer {
                session, room, len, interval, asks,
            }),
    ]
}

struct World {
    cal: Calendar,
    date: NaiveDate,
    origin: DateTime<Utc>,
    catalog: Catalog,
    now: DateTime<Utc>,
    /// Id, room, span and add-on uses of every booking.
    bookings: Vec<(Uuid, RoomId, Span, Vec<ItemUse>)>,
    holds: Vec<HeldUse>,
}

/// What the model says about asks for a span.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Fits,
    Field(String),
    Short {
        index: usize,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        taken: u32,
        held: bool,
    },
}

fn session(n: u8) -> Uuid {
    Uuid::from_u128(1000 + u128::from(n))
}

impl World {
    fn span(&self, at: u32, len: u32) -> Span {
        let start = self.origin + Duration::minutes(15 * i64::from(at));
        Span::new(start, start + Duration::minutes(15 * i64::from(len))).unwrap()
    }

    fn ask_list(&self, asks: &Asks) -> Vec<AddonAsk> {
        let items = self.catalog.items();
        asks.iter()
            .map(|&(i, quantity)| AddonAsk {
                item: items
                    .get(i)
                    .map_or("ghost".into(), |it| it.id.as_str().into()),
                quantity,
            })
            .collect()
    }

    fn booked_uses(&self) -> Vec<BookedUse> {
        self.bookings
            .iter()
            .flat_map(|(booking, _, _, uses)| {
                uses.iter().map(|u| BookedUse {
                    booking: *booking,
                    usage: u.clone(),
                })
            })
            .collect()
    }

    /// Pieces of `item` taken at instant `t` by bookings (but `except`) and by live holds
    /// of sessions other than `me`.
    fn taken(
        &self,
        item: &str,
        t: DateTime<Utc>,
        except: Option<Uuid>,
        me: Option<Uuid>,
    ) -> (u32, u32) {
        let covers =
            |u: &ItemUse| u.item.as_str() == item && u.span.start() <= t && t < u.span.end();
        let booked = self
            .bookings
            .iter()
            .filter(|(id, _, _, _)| Some(*id) != except)
            .flat_map(|(_, _, _, uses)| uses)
            .filter(|u| covers(u))
            .map(|u| u32::from(u.quantity))
            .sum();
        let held = self
            .holds
            .iter()
            .filter(|h| h.expires_at > self.now && Some(h.session) != me && covers(&h.usage))
            .map(|h| u32::from(h.usage.quantity))
            .sum();
        (booked, held)
    }

    /// The naive check: the asks in order, then minute by minute.
    fn naive(
        &self,
        span: &Span,
        asks: &[AddonAsk],
        except: Option<Uuid>,
        me: Option<Uuid>,
    ) -> Verdict {
        let mut seen: Vec<&str> = Vec::new();
        for (index, ask) in asks.iter().enumerate() {
            let Some(item) = self
                .catalog
                .items()
                .iter()
                .find(|i| i.id.as_str() == ask.item)
            else {
                return Verdict::Field(format!("addons[{index}].item"));
            };
            if seen.contains(&ask.item.as_str()) {
                return Verdict::Field(format!("addons[{index}].item"));
            }
            seen.push(&ask.item);
            if ask.quantity < 1 || ask.quantity > i64::from(item.stock) {
                return Verdict::Field(format!("addons[{index}].quantity"));
            }
        }
        for (index, ask) in asks.iter().enumerate() {
            let stock = u32::from(self.catalog.get(&ask.item).unwrap().stock);
            let q = ask.quantity as u32;
            let mut run: Option<(DateTime<Utc>, DateTime<Utc>, u32, bool)> = None;
            let mut t = span.start();
            while t < span.end() {
                let (b, h) = self.taken(&ask.item, t, except, me);
                let next = t + Duration::minutes(1);
                if b + h + q > stock {
                    let r = run.get_or_insert((t, next, 0, false));
                    r.1 = next;
                    r.2 = r.2.max(b + h);
                    r.3 |= b + q > stock;
                } else if run.is_some() {
                    break;
                }
                t = next;
            }
            if let Some((start, end, taken, booked)) = run {
                return Verdict::Short {
                    index,
                    start,
                    end,
                    taken,
                    held: !booked,
                };
            }
        }
        Verdict::Fits
    }

    /// The engine's check, with the usage built as a store would.
    fn engine(
        &self,
        span: &Span,
        asks: &[AddonAsk],
        exclude: Exclude,
    ) -> Result<Vec<ItemUse>, AddonError> {
        let usage = Usage::build(
            &self.cal,
            &self.booked_uses(),
            &self.holds,
            exclude,
            self.now,
            (span.start(), span.end()),
            None,
        )
        .unwrap();
        admit_addons(&self.cal, &self.catalog, span, asks, &usage)
    }

    fn check(&self, span: &Span, asks: &[AddonAsk], exclude: Exclude) -> Option<Vec<ItemUse>> {
        let engine = self.engine(span, asks, exclude);
        let naive = self.naive(span, asks, exclude.booking, exclude.session);
        let got = match &engine {
            Ok(_) => Verdict::Fits,
            Err(AddonError::Short {
                index,
                start,
                end,
                taken,
                held,
                ..
            }) => Verdict::Short {
                index: *index,
                start: *start,
                end: *end,
                taken: *taken,
                held: *held,
            },
            Err(e) => Verdict::Field(e.field().unwrap()),
        };
        assert_eq!(got, naive, "{span:?} {asks:?}");
        engine.ok()
    }

    fn room_booked(&self, room: &RoomId) -> Occupancy {
        let mut occ = Occupancy::new();
        for (_, r, span, _) in &self.bookings {
            if r == room {
                occ.add(room, self.cal.span_days(span).unwrap().masks());
            }
        }
        occ
    }

    fn offer(&self, me: Uuid, room: &RoomId, ask: SlotAsk, asks: &[AddonAsk]) {
        let occ = self.room_booked(room);
        let booked = |d: NaiveDate| occ.booked(room.as_str(), d);
        let none = |_: NaiveDate| DayMask::EMPTY;
        let slots = day_slots(&self.cal, self.date, ask, self.now, booked, none).unwrap();
        let day = self.cal.day(self.date).unwrap();
        let len = Duration::minutes(i64::from(ask.duration));
        let usage = Usage::build(
            &self.cal,
            &self.booked_uses(),
            &self.holds,
            Exclude {
                booking: None,
                session: Some(me),
            },
            self.now,
            (day.start, day.end() + len),
            Some(asks),
        )
        .unwrap();
        let engine = offer_with_addons(&self.cal, slots.clone(), &self.catalog, asks, &usage);
        let probe = self.span(0, 1);
        match self.naive(&probe, asks, None, Some(me)) {
            Verdict::Field(field) => assert_eq!(engine.unwrap_err().field(), Some(field)),
            _ => assert_eq!(engine.unwrap(), self.naive_offer(slots, asks, me)),
        }
    }

    /// A start is dropped when bookings leave too few pieces of any asked item in any of
    /// its minutes, reserved when other sessions' live holds do.
    fn naive_offer(&self, mut slots: DaySlots, asks: &[AddonAsk], me: Uuid) -> DaySlots {
        slots.slots.retain_mut(|slot| {
            let (mut dropped, mut reserved) = (false, false);
            for a in asks {
                let stock = u32::from(self.catalog.get(&a.item).unwrap().stock);
                let q = a.quantity as u32;
                let mut t = slot.start;
                while t < slot.end {
                    let (b, h) = self.taken(&a.item, t, None, Some(me));
                    dropped |= b + q > stock;
                    reserved |= b + h + q > stock;
                    t += Duration::minutes(1);
                }
            }
            if reserved {
                slot.status = SlotStatus::Reserved;
            }
            !dropped
        });
        slots
    }

    /// Whether another booking of `room` (but `except`) overlaps `span`.
    fn room_taken(&self, room: &RoomId, span: &Span, except: Option<Uuid>) -> bool {
        self.bookings
            .iter()
            .any(|(id, r, s, _)| r == room && Some(*id) != except && s.overlaps(span))
    }

    /// A session's ask: the span, the asks and what does not count against them.
    fn session_ask(&self, s: u8, at: u32, len: u32, asks: &Asks) -> (Span, Vec<AddonAsk>, Exclude) {
        let me = Exclude {
            booking: None,
            session: Some(session(s)),
        };
        (self.span(at, len), self.ask_list(asks), me)
    }

    fn apply(&mut self, op: Op) {
        match op {
            Op::Book {
                session: s,
                room,
                at,
                len,
                asks,
            } => {
                let (span, asks, me) = self.session_ask(s, at, len, &asks);
                let room = RoomId::new(&format!("r{room}")).unwrap();
                if self.room_taken(&room, &span, None) {
                    return;
                }
                if let Some(uses) = self.check(&span, &asks, me) {
                    let id = Uuid::from_u128(self.bookings.len() as u128 + 1);
                    self.bookings.push((id, room, span, uses));
                    self.holds.retain(|h| h.session != session(s));
                }
            }
            Op::Hold {
                session: s,
                at,
                len,
                asks,
            } => {
                let (span, asks, me) = self.session_ask(s, at, len, &asks);
                if let Some(uses) = self.check(&span, &asks, me) {
                    self.holds.retain(|h| h.session != session(s));
                    let expires_at = self.now + Duration::seconds(10);
                    self.holds.extend(uses.into_iter().map(|usage| HeldUse {
                        session: session(s),
                        expires_at,
                        usage,
                    }));
                }
            }
            Op::Move { booking, at, len } => {
                let Some((id, room, _, uses)) = self.bookings.get(booking).cloned() else {
                    return;
                };
                let span = self.span(at, len);
                if self.room_taken(&room, &span, Some(id)) {
                    return;
                }
                let asks: Vec<AddonAsk> = uses
                    .iter()
                    .map(|u| AddonAsk {
                        item: u.item.as_str().into(),
                        quantity: i64::from(u.quantity),
                    })
                    .collect();
                let own = Exclude {
                    booking: Some(id),
                    session: None,
                };
                if let Some(moved) = self.check(&span, &asks, own) {
                    self.bookings[booking].2 = span;
                    self.bookings[booking].3 = moved;
                }
            }
            Op::Wait { seconds } => self.now += Duration::seconds(seconds),
            Op::Offer {
                session: s,
                room,
                len,
                interval,
                asks,
            } => {
                let ask = SlotAsk {
                    duration: 15 * len,
                    interval,
                    changeover: 0,
                };
                let room = RoomId::new(&format!("r{room}")).unwrap();
                let asks = self.ask_list(&asks);
                self.offer(session(s), &room, ask, &asks);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn counted_availability_matches_a_minute_count(
        stocks in prop::collection::vec(prop_oneof![1 => Just(0u16), 5 => Just(1u16), 5 => 2u16..5], 2..5),
        day in prop::sample::select(vec![(3u32, 29u32, 92u32), (6, 1, 96), (10, 25, 100)]),
        ops in prop::collection::vec(op(), 1..60),
    ) {
        let cal = Calendar::new(Berlin, OpeningHours::always());
        let date = NaiveDate::from_ymd_opt(2026, day.0, day.1).unwrap();
        prop_assert_eq!(cal.quanta(date).unwrap(), day.2);
        let items = stocks
            .iter()
            .enumerate()
            .map(|(i, &stock)| Item {
                id: ItemId::new(&format!("item-{i}")).unwrap(),
                name: format!("item {i}"),
                stock,
                price_minor: 100,
                per: Per::Booking,
            })
            .collect();
        let origin = cal.day_start(date).unwrap() - Duration::hours(3);
        let mut world = World {
            cal,
            date,
            origin,
            catalog: Catalog::new(items).unwrap(),
            now: origin - Duration::days(1),
            bookings: Vec::new(),
            holds: Vec::new(),
        };
        for op in ops {
            world.apply(op);
        }
    }
}
