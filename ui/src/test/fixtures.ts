// A small studio and booking shapes for the UI's tests (what the backend would answer).
import type { Booking, DayBoard, StudioInfo } from "../api/types";

export const STUDIO: StudioInfo = {
  name: "Test Studio",
  timezone: "Europe/Berlin",
  quantumMinutes: 15,
  holdTtlSeconds: 10,
  rooms: [
    { id: "studio-a", name: "Studio A", durations: [60, 120], interval: 60, pricePerHour: 4000, peaks: [], changeover: 30 },
    { id: "podcast", name: "Podcast Booth", durations: [30, 60], interval: 30, pricePerHour: 0, peaks: [], changeover: 0 },
  ],
  version: 1,
  currency: "EUR",
  noShowGraceMinutes: 15,
};

export function booking(overrides: Partial<Booking> = {}): Booking {
  return {
    id: "11111111-1111-4111-8111-111111111111",
    room: "studio-a",
    start: "2026-11-24T10:00:00+01:00",
    end: "2026-11-24T12:00:00+01:00",
    customer: { name: "Ada Lovelace", phone: "0301234" },
    note: null,
    status: "confirmed",
    reason: null,
    desk: "desk-1",
    price: 8000,
    version: 1,
    checkedInAt: null,
    noShow: false,
    payment: { status: "unpaid", amount: 0, method: null },
    series: null,
    customerId: null,
    awaitingApproval: false,
    deposit: null,
    ...overrides,
  };
}

/** 2026-11-24 in Berlin: open 08:00–24:00 (quanta 32..96). */
export function board(overrides: Partial<DayBoard> = {}): DayBoard {
  return {
    date: "2026-11-24",
    start: "2026-11-24T00:00:00+01:00",
    quanta: 96,
    rooms: [
      { id: "studio-a", name: "Studio A", bookings: [booking()], holds: [], open: [[32, 96]] },
      {
        id: "podcast",
        name: "Podcast Booth",
        bookings: [],
        holds: [{ start: "2026-11-24T14:00:00+01:00", end: "2026-11-24T15:00:00+01:00", desk: "desk-2" }],
        open: [[40, 88]],
      },
    ],
    ...overrides,
  };
}

/** What the backend answers while the booking flow picks Studio A on 2026-11-24 and holds a
 * start (two free starts, a live hold, a price, a standalone desk). */
export function flowAnswers() {
  const slots = [
    { start: "2026-11-24T09:00:00+01:00", end: "2026-11-24T10:00:00+01:00", status: "available" },
    { start: "2026-11-24T11:00:00+01:00", end: "2026-11-24T12:00:00+01:00", status: "available" },
  ];
  return {
    day_slots: () => ({ room: "studio-a", date: "2026-11-24", quanta: 96, slots }),
    month_availability: () => ({ "2026-11-24": true }),
    set_holds: () => "2026-11-24T08:00:10+01:00",
    release_holds: () => null,
    sync_status: () => ({ configured: false, online: false, live: false, lastSync: null, pending: 0, conflicts: 0, problem: null }),
    quote: () => ({ price: 4000, currency: "EUR" }),
  };
}
