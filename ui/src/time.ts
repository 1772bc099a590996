// Calendar and clock formatting in the studio's timezone. Layout only: which starts are free
// is always the backend's answer.

const QUANTUM_MS = 15 * 60 * 1000;

/** Today's date (`YYYY-MM-DD`) in a timezone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // Built from parts: the order and separators of a locale's short date differ between
  // ICU versions (WebKitGTK's en-CA is not always YYYY-MM-DD).
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The calendar date `days` after `date` (both `YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/** `HH:MM` of an instant in the studio's timezone. */
export function formatTime(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
}

/** A date as staff read it: "Monday, 23 November 2026". */
export function formatDate(date: string, locale: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "November 2026". */
export function formatMonth(year: number, month: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "long", year: "numeric" }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
}

/** Which quantum of the board (counted from its local midnight `start`) an instant falls in. */
export function quantumOf(boardStart: string, iso: string): number {
  return Math.round((Date.parse(iso) - Date.parse(boardStart)) / QUANTUM_MS);
}

/** The instant of quantum `q` of a board that starts at `boardStart`, as RFC 3339 UTC. */
export function instantOf(boardStart: string, q: number): string {
  return new Date(Date.parse(boardStart) + q * QUANTUM_MS).toISOString();
}

/** Weeks (Monday first) of a month, each 7 dates or null for days of other months. */
export function monthWeeks(year: number, month: number): (string | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= days; d++) {
    cells.push(`${year}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Short weekday names, Monday first. */
export function weekdayNames(locale: string): string[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "short" }).format(
      new Date(Date.UTC(2024, 0, 1 + i)),
    ),
  );
}

/** Shifts a `{year, month}` by `delta` months. */
export function shiftMonth(year: number, month: number, delta: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * How many quanta of a date starting at `dayStart` are over at `now` (ms): every one before
 * the quantum `now` falls in, as the backend counts them when it offers start times.
 */
export function quantaOver(dayStart: string, quanta: number, now: number): number {
  const q = Math.floor((now - Date.parse(dayStart)) / QUANTUM_MS);
  return Math.min(quanta, Math.max(0, q));
}
