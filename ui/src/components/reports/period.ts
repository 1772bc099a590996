// The period a report covers: a day, a Monday-first week, a calendar month or year of a
// date, or dates staff choose (both ends included), and stepping it back and forth.
import { addDays, formatDate, formatMonth, formatShortDate } from "../../time";

export const PERIOD_KINDS = ["day", "week", "month", "year", "range"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** `YYYY-MM-DD`, the first date. */
  from: string;
  /** `YYYY-MM-DD`, the last date (included). */
  to: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const partsOf = (date: string) => date.split("-").map(Number) as [number, number, number];

/** Days in a month (1–12) of a year: 28/29 for February by the Gregorian leap rule. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The period of `kind` that holds `date`; a range starts as that one date. */
export function periodOf(kind: PeriodKind, date: string): Period {
  const [y, m, d] = partsOf(date);
  switch (kind) {
    case "day":
    case "range":
      return { kind, from: date, to: date };
    case "week": {
      // getUTCDay: 0 is Sunday; a week starts on Monday.
      const back = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
      const from = addDays(date, -back);
      return { kind, from, to: addDays(from, 6) };
    }
    case "month":
      return { kind, from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(daysInMonth(y, m))}` };
    case "year":
      return { kind, from: `${y}-01-01`, to: `${y}-12-31` };
  }
}

/** Days from `from` to `to`, both included. */
export function daysIn(from: string, to: string): number {
  const [a, b] = [from, to].map((s) => {
    const [y, m, d] = partsOf(s);
    return Date.UTC(y, m - 1, d);
  });
  return Math.round((b - a) / 86_400_000) + 1;
}

/** The period `steps` before (negative) or after: the previous/next day, week, month or
 * year; a range moves by its own length. */
export function shiftPeriod(period: Period, steps: number): Period {
  const { kind, from, to } = period;
  switch (kind) {
    case "day":
      return periodOf(kind, addDays(from, steps));
    case "week":
      return periodOf(kind, addDays(from, 7 * steps));
    case "month": {
      const [y, m] = partsOf(from);
      const index = y * 12 + (m - 1) + steps;
      return periodOf(kind, `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`);
    }
    case "year":
      return periodOf(kind, `${partsOf(from)[0] + steps}-01-01`);
    case "range": {
      const length = daysIn(from, to);
      return { kind, from: addDays(from, length * steps), to: addDays(to, length * steps) };
    }
  }
}

/** The period as staff read it: a date, "23 Nov 2026 – 29 Nov 2026", "November 2026", "2026". */
export function periodLabel(period: Period, locale: string): string {
  const { kind, from, to } = period;
  if (kind === "day" || from === to) return formatDate(from, locale);
  if (kind === "month") {
    const [y, m] = partsOf(from);
    return formatMonth(y, m, locale);
  }
  if (kind === "year") return from.slice(0, 4);
  return `${formatShortDate(from, locale)} – ${formatShortDate(to, locale)}`;
}

