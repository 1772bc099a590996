import { describe, expect, it } from "vitest";
import { daysIn, daysInMonth, periodLabel, periodOf, shiftPeriod } from "./period";

describe("report periods", () => {
  it("a week runs Monday to Sunday, whatever day it is picked from", () => {
    // 2026-11-23 is a Monday, 2026-11-29 a Sunday.
    for (const d of ["2026-11-23", "2026-11-26", "2026-11-29"]) {
      expect(periodOf("week", d)).toEqual({ kind: "week", from: "2026-11-23", to: "2026-11-29" });
    }
    // Across a year's end: Thursday 1 January 2026 is in the week from Monday 29 December.
    expect(periodOf("week", "2026-01-01")).toEqual({ kind: "week", from: "2025-12-29", to: "2026-01-04" });
  });

  it("a month has its own length, February 29 days in a leap year", () => {
    expect(periodOf("month", "2026-11-24")).toMatchObject({ from: "2026-11-01", to: "2026-11-30" });
    expect(periodOf("month", "2026-12-05")).toMatchObject({ from: "2026-12-01", to: "2026-12-31" });
    expect(periodOf("month", "2026-02-10")).toMatchObject({ from: "2026-02-01", to: "2026-02-28" });
    expect(periodOf("month", "2028-02-10")).toMatchObject({ from: "2028-02-01", to: "2028-02-29" });
    // The Gregorian rule: 1900 and 2100 are not leap years, 2000 is.
    expect([1900, 2000, 2024, 2100].map((y) => daysInMonth(y, 2))).toEqual([28, 29, 29, 28]);
  });

  it("a year is 1 January to 31 December; a day and a new range are the one date", () => {
    expect(periodOf("year", "2028-06-15")).toEqual({ kind: "year", from: "2028-01-01", to: "2028-12-31" });
    expect(periodOf("day", "2026-03-29")).toEqual({ kind: "day", from: "2026-03-29", to: "2026-03-29" });
    expect(periodOf("range", "2026-03-29")).toEqual({ kind: "range", from: "2026-03-29", to: "2026-03-29" });
  });

  it("steps by its own unit: months keep their lengths, a range moves by its length", () => {
    expect(shiftPeriod(periodOf("day", "2026-12-31"), 1)).toMatchObject({ from: "2027-01-01", to: "2027-01-01" });
    expect(shiftPeriod(periodOf("week", "2026-11-24"), -1)).toMatchObject({ from: "2026-11-16", to: "2026-11-22" });
    expect(shiftPeriod(periodOf("month", "2028-01-31"), 1)).toMatchObject({ from: "2028-02-01", to: "2028-02-29" });
    expect(shiftPeriod(periodOf("month", "2026-01-15"), -1)).toMatchObject({ from: "2025-12-01", to: "2025-12-31" });
    expect(shiftPeriod(periodOf("year", "2026-05-01"), -2)).toMatchObject({ from: "2024-01-01", to: "2024-12-31" });
    const range = { kind: "range" as const, from: "2026-02-25", to: "2026-03-03" };
    expect(daysIn(range.from, range.to)).toBe(7);
    expect(shiftPeriod(range, 1)).toEqual({ kind: "range", from: "2026-03-04", to: "2026-03-10" });
  });

  it("reads as staff say it, in English and German", () => {
    expect(periodLabel(periodOf("month", "2026-11-24"), "en-GB")).toBe("November 2026");
    expect(periodLabel(periodOf("month", "2026-03-02"), "de-DE")).toBe("März 2026");
    expect(periodLabel(periodOf("year", "2026-03-02"), "de-DE")).toBe("2026");
    expect(periodLabel(periodOf("day", "2026-11-24"), "en-GB")).toBe("Tuesday, 24 November 2026");
    expect(periodLabel(periodOf("week", "2026-11-24"), "de-DE")).toBe("23. Nov. 2026 – 29. Nov. 2026");
  });
});
