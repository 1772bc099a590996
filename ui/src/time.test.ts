import { describe, expect, it } from "vitest";
import {
  addDays,
  dateOf,
  formatDate,
  formatMonth,
  formatShortDate,
  formatTime,
  instantOf,
  monthWeeks,
  parseDate,
  quantaOver,
  quantumOf,
  shiftMonth,
  todayIn,
  weekdayNames,
} from "./time";

/** The studios' quantum (StudioInfo.quantumMinutes; every studio has 15 today). */
const QUANTUM = 15;

describe("calendar layout", () => {
  it("adds days across months and years", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("lays a month out in Monday-first weeks", () => {
    // 1 November 2026 is a Sunday.
    const weeks = monthWeeks(2026, 11);
    expect(weeks[0].slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(weeks[0][6]).toBe("2026-11-01");
    expect(weeks.flat().filter(Boolean)).toHaveLength(30);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it("shifts months across years", () => {
    expect(shiftMonth(2026, 12, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth(2026, 1, -1)).toEqual({ year: 2025, month: 12 });
  });

  it("knows today in the studio's timezone, not the machine's", () => {
    const lateUtc = new Date("2026-11-23T23:30:00Z");
    expect(todayIn("Europe/Berlin", lateUtc)).toBe("2026-11-24");
    expect(todayIn("America/New_York", lateUtc)).toBe("2026-11-23");
  });
});

describe("board quanta", () => {
  it("counts quanta from local midnight on a 23-hour day", () => {
    // 29 March 2026 in Berlin: clocks jump from 02:00 to 03:00.
    const start = "2026-03-29T00:00:00+01:00";
    expect(quantumOf(start, "2026-03-29T03:00:00+02:00", QUANTUM)).toBe(8);
    expect(formatTime(instantOf(start, 8, QUANTUM), "Europe/Berlin", "en-GB")).toBe("03:00");
    expect(quantumOf(start, "2026-03-30T00:00:00+02:00", QUANTUM)).toBe(92);
  });

  it("counts quanta from local midnight on a 25-hour day", () => {
    const start = "2026-10-25T00:00:00+02:00";
    expect(quantumOf(start, "2026-10-26T00:00:00+01:00", QUANTUM)).toBe(100);
    expect(formatTime(instantOf(start, 12, QUANTUM), "Europe/Berlin", "en-GB")).toBe("02:00");
  });
});

describe("quanta that are over", () => {
  it("counts real quarter hours from the day's start, up to the running one", () => {
    const start = "2026-11-24T00:00:00+01:00";
    expect(quantaOver(start, 96, Date.parse("2026-11-23T23:00:00+01:00"), QUANTUM)).toBe(0);
    expect(quantaOver(start, 96, Date.parse("2026-11-24T00:14:59+01:00"), QUANTUM)).toBe(0);
    expect(quantaOver(start, 96, Date.parse("2026-11-24T14:20:00+01:00"), QUANTUM)).toBe(57);
    expect(quantaOver(start, 96, Date.parse("2026-11-25T09:00:00+01:00"), QUANTUM)).toBe(96);
    // 29 March 2026 in Berlin has 92 quanta: 03:40 CEST is 2 h 40 min after midnight.
    const spring = "2026-03-29T00:00:00+01:00";
    expect(quantaOver(spring, 92, Date.parse("2026-03-29T03:40:00+02:00"), QUANTUM)).toBe(10);
    expect(quantaOver(spring, 92, Date.parse("2026-03-30T00:00:00+02:00"), QUANTUM)).toBe(92);
  });
});

describe("dates in the app's language", () => {
  it("shows dates in the app language's order, not the machine's", () => {
    expect(formatDate("2026-11-25", "en-GB")).toBe("Wednesday, 25 November 2026");
    expect(formatDate("2026-11-25", "de-DE")).toBe("Mittwoch, 25. November 2026");
    expect(formatShortDate("2026-11-25", "en-GB")).toBe("25 Nov 2026");
    expect(formatShortDate("2026-11-25", "de-DE")).toBe("25. Nov. 2026");
    expect(formatShortDate("2026-05-01", "de-DE")).toBe("1. Mai 2026");
    expect(formatMonth(2026, 3, "de-DE")).toBe("März 2026");
    expect(weekdayNames("en-GB")[0]).toBe("Mon");
    expect(formatTime("2026-11-25T09:05:00+01:00", "Europe/Berlin", "de-DE")).toBe("09:05");
  });

  it("takes a booking's date in the studio's timezone", () => {
    expect(dateOf("2026-11-24T23:30:00Z", "Europe/Berlin")).toBe("2026-11-25");
    expect(dateOf("2026-11-25T00:30:00+01:00", "Europe/Berlin")).toBe("2026-11-25");
  });

  it("reads dates typed the English way", () => {
    for (const typed of ["25 Nov 2026", "25 November 2026", "25/11/2026", "25/11/26", "2026-11-25", " 25  nov. 2026 ", "Nov 25, 2026", "Wed, 25 Nov 2026", "Wednesday, 25 November 2026"]) {
      expect(parseDate(typed, "en-GB"), typed).toBe("2026-11-25");
    }
    expect(parseDate("3 Sept 2026", "en-GB")).toBe("2026-09-03");
    expect(parseDate("3 Sep 2026", "en-GB")).toBe("2026-09-03");
  });

  it("reads dates typed the German way", () => {
    for (const typed of ["25.11.2026", "25.11.26", "25. Nov. 2026", "25. November 2026", "25 nov 2026", "2026-11-25", "Mittwoch, 25. November 2026", "Mi., 25.11.2026"]) {
      expect(parseDate(typed, "de-DE"), typed).toBe("2026-11-25");
    }
    expect(parseDate("1. März 2026", "de-DE")).toBe("2026-03-01");
    expect(parseDate("1. Mär 2026", "de-DE")).toBe("2026-03-01");
    expect(parseDate("1. Marz 2026", "de-DE")).toBe("2026-03-01");
    expect(parseDate("3. Okt. 2026", "de-DE")).toBe("2026-10-03");
  });

  it("refuses what is not a date", () => {
    for (const typed of ["", "tomorrow", "31.02.2026", "2026-13-01", "11/25/2026", "25 Foo 2026", "25 Ju 2026", "25.11", "25/11.2026"]) {
      expect(parseDate(typed, "en-GB"), typed).toBeNull();
    }
    // The other language's month names are not read.
    expect(parseDate("3 Oct 2026", "de-DE")).toBeNull();
    expect(parseDate("3 Okt 2026", "en-GB")).toBeNull();
  });
});
