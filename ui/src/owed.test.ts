// What a booking owes: its price, or the fee its late cancellation or no-show recorded
// (nothing once waived); a cancelled booking without a fee owes nothing.
import { describe, expect, it } from "vitest";
import type { Booking } from "./api/types";
import { owed, stillOpen } from "./owed";

const booking = (over: Partial<Booking>): Booking =>
  ({
    status: "confirmed",
    price: 8000,
    payment: { status: "unpaid", amount: 0, method: null },
    fee: null,
    ...over,
  }) as Booking;

const fee = (amount: number, waived = false) =>
  ({ amount, rule: "late_cancel", percent: 50, waived: waived ? { reason: "regular", at: "2026-06-01T10:00:00+02:00", by: "Mia" } : null }) as unknown as Booking["fee"];

describe("what a booking owes", () => {
  it("its price, less what was paid", () => {
    expect(owed(booking({}))).toBe(8000);
    expect(stillOpen(booking({ payment: { status: "deposit", amount: 3000, method: "cash" } }))).toBe(5000);
    expect(stillOpen(booking({ payment: { status: "paid", amount: 9000, method: "cash" } }))).toBe(0);
    expect(owed(booking({ price: null }))).toBe(0);
  });

  it("cancelled: nothing, or the fee it left; waived, nothing", () => {
    expect(owed(booking({ status: "cancelled" }))).toBe(0);
    expect(owed(booking({ status: "cancelled", fee: fee(4000) }))).toBe(4000);
    expect(stillOpen(booking({ status: "cancelled", fee: fee(4000), payment: { status: "deposit", amount: 1000, method: "card" } }))).toBe(3000);
    expect(owed(booking({ status: "cancelled", fee: fee(4000, true) }))).toBe(0);
  });

  it("a no-show owes its fee instead of the price", () => {
    expect(owed(booking({ noShow: true, fee: fee(6400) }))).toBe(6400);
  });
});
