// Report answers for the Reports view's tests (what the desk would answer for the test
// studio of ../../test/fixtures in November 2026), and their pinned clock.
import { afterEach, beforeEach, vi } from "vitest";
import { cleanup } from "@testing-library/react";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { CashUpView, CustomersView, MoneyView, OccupancyView } from "../../api/types";

export function occupancy(from = "2026-11-01", to = "2026-11-30"): OccupancyView {
  const heatmap = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const open = hour >= 8 ? 60 * 4 : 0;
      heatmap.push({ weekday, hour, openMinutes: open, bookedMinutes: hour === 10 ? 120 : 0 });
    }
  }
  return {
    from,
    to,
    rooms: [
      { room: "studio-a", openMinutes: 28800, bookedMinutes: 7200, changeoverMinutes: 900 },
      { room: "podcast", openMinutes: 24000, bookedMinutes: 3000, changeoverMinutes: 0 },
    ],
    heatmap,
    source: "desk",
  };
}

export function money(from = "2026-11-01", to = "2026-11-30"): MoneyView {
  return {
    from,
    to,
    currency: "EUR",
    byRoom: [
      { room: "studio-a", bookings: 12, billed: 96000, fees: 4000, paid: 80000 },
      { room: "podcast", bookings: 3, billed: 6050, fees: 0, paid: 6050 },
    ],
    byMonth: [{ month: "2026-11", billed: 102050, fees: 4000, paid: 86050 }],
    byMethod: [
      { method: "cash", paid: 50050 },
      { method: "card", paid: 36000 },
    ],
    unpaid: { bookings: 2, amount: 16000 },
    source: "server",
  };
}

export function customers(from = "2026-11-01", to = "2026-11-30"): CustomersView {
  return {
    from,
    to,
    bookings: 16,
    cancelled: 1,
    noShows: 2,
    series: 6,
    top: [
      { customer: "c1", name: "The Feedback Loops", bookings: 6, minutes: 720 },
      { customer: "c2", name: "Ada Lovelace", bookings: 2, minutes: 90 },
    ],
    source: "server",
  };
}

/** 24 November: cash 40 € and a 10 € refund by Mia, 25 € by card before the studio had staff. */
export function cashUp(date = "2026-11-24"): CashUpView {
  const entry = (at: string, method: "cash" | "card", amount: number, staff: string | null) => ({
    at: `${date}T${at}:00+01:00`,
    booking: "11111111-1111-4111-8111-111111111111",
    room: "studio-a",
    customer: "Ada Lovelace",
    method,
    amount,
    staff,
    desk: "front",
  });
  return {
    date,
    currency: "EUR",
    payments: [entry("09:15", "cash", 4000, "Mia"), entry("11:40", "card", 2500, null), entry("17:05", "cash", -1000, "Mia")],
    byMethod: [
      { method: "cash", received: 4000, refunded: 1000 },
      { method: "card", received: 2500, refunded: 0 },
    ],
    byStaff: [
      { staff: null, received: 2500, refunded: 0 },
      { staff: "Mia", received: 4000, refunded: 1000 },
    ],
    total: { received: 6500, refunded: 1000 },
    source: "desk",
  };
}

/** Each test of the file runs at `iso` (only Date is faked; timers stay real) and is
 * cleaned up after. */
export function pinClock(iso: string) {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(iso));
  });
  afterEach(() => {
    cleanup();
    clearMocks();
    vi.useRealTimers();
  });
}
