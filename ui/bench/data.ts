// A year of a 20-room studio for the Reports view's render bench: 100,000 bookings (every
// room open 08:00–24:00, 45- or 60-minute bookings spread evenly over the year), made from
// a fixed seed, and
// the reports computed from them the way the backend answers them (the naive alternative
// computes the same in the page, from the raw bookings, at each request).
import type { CustomersView, MoneyView, OccupancyView, ReportQuery, RoomInfo, StudioInfo } from "../src/api/types";

export const ROOMS = 20;
const OPEN_FROM = 8 * 60;
const OPEN_TO = 24 * 60;
const DAY_MS = 86_400_000;

export interface RawBooking {
  room: string;
  /** Days since 1 January, and minutes of that day. */
  day: number;
  start: number;
  end: number;
  price: number;
  paid: number;
  method: "cash" | "card";
  cancelled: boolean;
  noShow: boolean;
  series: boolean;
  customer: number;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function studioOf(): StudioInfo {
  const rooms: RoomInfo[] = Array.from({ length: ROOMS }, (_, i) => ({
    id: `room-${String(i + 1).padStart(2, "0")}`,
    name: `Room ${i + 1}`,
    durations: [60, 120],
    interval: 60,
    pricePerHour: 3000 + 500 * (i % 5),
    peaks: [],
    changeover: i % 2 === 0 ? 15 : 0,
  }));
  return { name: "Bench Studio", timezone: "UTC", quantumMinutes: 15, holdTtlSeconds: 10, rooms, version: 1, currency: "EUR", noShowGraceMinutes: 15 };
}

export function bookingsOf(year: number, studio: StudioInfo, count = 100_000): RawBooking[] {
  const random = rng(23);
  const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS;
  const out: RawBooking[] = [];
  for (let day = 0; day < days; day++) {
    for (const room of studio.rooms) {
      let at = OPEN_FROM + 15 * Math.floor(random() * 2);
      for (;;) {
        const end = at + 15 * (3 + Math.floor(random() * 2));
        if (end > OPEN_TO) break;
        const price = ((end - at) * room.pricePerHour) / 60;
        const paidShare = random();
        out.push({
          room: room.id,
          day,
          start: at,
          end,
          price,
          paid: paidShare < 0.7 ? price : paidShare < 0.85 ? Math.floor(price / 2) : 0,
          method: random() < 0.6 ? "cash" : "card",
          cancelled: random() < 0.04,
          noShow: random() < 0.03,
          series: random() < 0.25,
          customer: Math.floor(random() * 3000),
        });
        at = end + 15 * Math.floor(random() * 2) + room.changeover;
      }
    }
  }
  // Evenly thinned to `count`: every day keeps its share.
  return out.filter((_, i) => Math.floor(((i + 1) * count) / out.length) > Math.floor((i * count) / out.length));
}

const dayOf = (year: number, iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(year, 0, 1)) / DAY_MS;
const isoOf = (year: number, day: number) => new Date(Date.UTC(year, 0, 1) + day * DAY_MS).toISOString().slice(0, 10);

/** The three reports of a period from the raw bookings, in the backend's shapes. */
export function reportsOf(year: number, studio: StudioInfo, all: RawBooking[], q: ReportQuery) {
  const [first, last] = [dayOf(year, q.from), dayOf(year, q.to)];
  const rooms = q.rooms ? q.rooms.split(",") : studio.rooms.map((r) => r.id);
  const inPeriod = all.filter((b) => b.day >= first && b.day <= last && rooms.includes(b.room));
  const days = last - first + 1;
  const kept = inPeriod.filter((b) => !b.cancelled);
  const perRoom = new Map(rooms.map((r) => [r, { booked: 0, changeover: 0, bookings: 0, billed: 0, paid: 0 }]));
  const heat = Array.from({ length: 7 * 24 }, (_, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, openMinutes: 0, bookedMinutes: 0 }));
  for (let d = first; d <= last; d++) {
    const weekday = (new Date(Date.UTC(year, 0, 1) + d * DAY_MS).getUTCDay() + 6) % 7;
    for (let h = OPEN_FROM / 60; h < OPEN_TO / 60; h++) heat[weekday * 24 + h].openMinutes += 60 * rooms.length;
  }
  const months = new Map<string, { billed: number; paid: number }>();
  for (let d = first; d <= last; d++) months.set(isoOf(year, d).slice(0, 7), months.get(isoOf(year, d).slice(0, 7)) ?? { billed: 0, paid: 0 });
  const methods = { cash: 0, card: 0 };
  const unpaid = { bookings: 0, amount: 0 };
  const customers = new Map<number, { bookings: number; minutes: number }>();
  for (const b of inPeriod) {
    const room = perRoom.get(b.room)!;
    const month = months.get(isoOf(year, b.day).slice(0, 7))!;
    room.paid += b.paid;
    month.paid += b.paid;
    methods[b.method] += b.paid;
    if (b.cancelled) continue;
    room.booked += b.end - b.start;
    room.changeover += studio.rooms.find((r) => r.id === b.room)?.changeover ?? 0;
    room.bookings += 1;
    room.billed += b.price;
    month.billed += b.price;
    if (!b.noShow && b.paid < b.price) {
      unpaid.bookings += 1;
      unpaid.amount += b.price - b.paid;
    }
    const weekday = (new Date(Date.UTC(year, 0, 1) + b.day * DAY_MS).getUTCDay() + 6) % 7;
    for (let m = b.start; m < b.end; m += 15) heat[weekday * 24 + Math.floor(m / 60)].bookedMinutes += 15;
    const c = customers.get(b.customer) ?? { bookings: 0, minutes: 0 };
    c.bookings += 1;
    c.minutes += b.end - b.start;
    customers.set(b.customer, c);
  }
  const open = days * (OPEN_TO - OPEN_FROM);
  const occupancy: OccupancyView = {
    source: "desk",
    from: q.from,
    to: q.to,
    rooms: rooms.map((room) => ({ room, openMinutes: open, bookedMinutes: perRoom.get(room)!.booked, changeoverMinutes: perRoom.get(room)!.changeover })),
    heatmap: heat,
  };
  const money: MoneyView = {
    source: "desk",
    from: q.from,
    to: q.to,
    currency: "EUR",
    byRoom: rooms.map((room) => ({ room, bookings: perRoom.get(room)!.bookings, billed: perRoom.get(room)!.billed, paid: perRoom.get(room)!.paid })),
    byMonth: [...months].map(([month, m]) => ({ month, ...m })),
    byMethod: [
      { method: "cash", paid: methods.cash },
      { method: "card", paid: methods.card },
    ],
    unpaid,
  };
  const top = [...customers]
    .sort((a, b) => b[1].bookings - a[1].bookings || b[1].minutes - a[1].minutes || a[0] - b[0])
    .slice(0, 10)
    .map(([id, c]) => ({ customer: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`, name: `Customer ${id}`, ...c }));
  const customersView: CustomersView = {
    source: "desk",
    from: q.from,
    to: q.to,
    bookings: inPeriod.length,
    cancelled: inPeriod.length - kept.length,
    noShows: kept.filter((b) => b.noShow).length,
    series: kept.filter((b) => b.series).length,
    top,
  };
  return { report_occupancy: occupancy, report_money: money, report_customers: customersView };
}
