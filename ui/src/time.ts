// Calendar and clock formatting in the studio's timezone. Layout only: which starts are free
// is always the backend's answer.

/** A quantum of `minutes` in milliseconds (the studio says how long: StudioInfo.quantumMinutes). */
const ms = (minutes: number) => minutes * 60_000;

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

/** The parts of one Intl formatting, by type (the last of each type wins). */
function partsOf(format: Intl.DateTimeFormat, instant: Date): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(instant)) parts[p.type] = p.value;
  return parts;
}

/** Noon UTC of a calendar date (`YYYY-MM-DD`): formatted in UTC it is that date everywhere. */
function utcDate(date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d, 12));
}

/** The language of a BCP 47 tag: "de" of "de-DE". */
function languageOf(locale: string): string {
  return locale.split("-")[0].toLowerCase();
}

// Dates are assembled from Intl's parts in the app language's order: the patterns of a
// locale differ between ICU versions (WebKitGTK's and Node's), the names do not.
type DateParts = Record<string, string>;
const LONG_DATE: Record<string, (p: DateParts) => string> = {
  en: (p) => `${p.weekday}, ${p.day} ${p.month} ${p.year}`,
  de: (p) => `${p.weekday}, ${p.day}. ${p.month} ${p.year}`,
};
const SHORT_DATE: Record<string, (p: DateParts) => string> = {
  en: (p) => `${p.day} ${p.month} ${p.year}`,
  // German abbreviations carry their own dot ("Nov."), full names do not ("Mai").
  de: (p) => `${p.day}. ${p.month} ${p.year}`,
};

function assemble(
  date: string,
  locale: string,
  options: Intl.DateTimeFormatOptions,
  patterns: Record<string, (p: DateParts) => string>,
): string {
  const format = new Intl.DateTimeFormat(locale, { timeZone: "UTC", ...options });
  const instant = utcDate(date);
  const pattern = patterns[languageOf(locale)];
  if (pattern) return pattern(partsOf(format, instant));
  // A language without a pattern here: Intl's own order.
  return format
    .formatToParts(instant)
    .map((p) => p.value)
    .join("");
}

/** `HH:MM` of an instant in the studio's timezone. */
export function formatTime(iso: string, timeZone: string, locale: string): string {
  const parts = partsOf(
    new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
    new Date(iso),
  );
  return `${parts.hour}:${parts.minute}`;
}

/** The studio's calendar date (`YYYY-MM-DD`) of an instant. */
export function dateOf(iso: string, timeZone: string): string {
  return todayIn(timeZone, new Date(iso));
}

/** A date as staff read it: "Monday, 23 November 2026", "Montag, 23. November 2026". */
export function formatDate(date: string, locale: string): string {
  return assemble(date, locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" }, LONG_DATE);
}

/** A date in a field: "23 Nov 2026", "23. Nov. 2026". */
export function formatShortDate(date: string, locale: string): string {
  return assemble(date, locale, { day: "numeric", month: "short", year: "numeric" }, SHORT_DATE);
}

/** "November 2026". */
export function formatMonth(year: number, month: number, locale: string): string {
  const date = `${year}-${String(month).padStart(2, "0")}-01`;
  const pattern = (p: DateParts) => `${p.month} ${p.year}`;
  return assemble(date, locale, { month: "long", year: "numeric" }, { en: pattern, de: pattern });
}

/** Lower case, without accents and dots: how typed month names are compared. */
function fold(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\./g, "").toLowerCase();
}

/** Month names (long and short, folded) of a locale, January first. */
function monthNames(locale: string): { long: string; short: string }[] {
  return Array.from({ length: 12 }, (_, i) => {
    const instant = new Date(Date.UTC(2026, i, 15, 12));
    const name = (month: "long" | "short") =>
      fold(partsOf(new Intl.DateTimeFormat(locale, { timeZone: "UTC", day: "numeric", month }), instant).month ?? "");
    return { long: name("long"), short: name("short") };
  });
}

/** Weekday names (long and short, folded) of a locale. */
function weekdayNamesFolded(locale: string): string[] {
  return Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i, 12))).flatMap((instant) =>
    (["long", "short"] as const).map((weekday) =>
      fold(partsOf(new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday }), instant).weekday ?? ""),
    ),
  );
}

/** The month (1–12) a typed name means: a full or short name, or an unambiguous start of
 * one (three letters at least: "Sep", "Sept", "Mär"). */
function monthOf(word: string, locale: string): number | null {
  const typed = fold(word);
  if (typed.length < 3) return null;
  const names = monthNames(locale);
  const exact = names.findIndex((n) => n.long === typed || n.short === typed);
  if (exact >= 0) return exact + 1;
  const starts = names.flatMap((n, i) => (n.long.startsWith(typed) ? [i + 1] : []));
  return starts.length === 1 ? starts[0] : null;
}

/** `YYYY-MM-DD` if the numbers make a real calendar date. */
function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A two-digit year is this century's ("26" is 2026). */
function fullYear(year: string): number {
  return year.length === 2 ? 2000 + Number(year) : Number(year);
}

/**
 * A date typed in the app's language, as `YYYY-MM-DD`, or null if it cannot be read.
 * Both languages read ISO (`2026-11-25`) and day-first numbers (`25/11/2026`,
 * `25.11.2026`, `25-11-26`); month names are the app language's, day first
 * (`25 Nov 2026`, `25. Nov. 2026`, `25 November 2026`) or, in English, month first
 * (`Nov 25, 2026`). A leading weekday ("Wed, 25 Nov 2026") is ignored.
 */
export function parseDate(text: string, locale: string): string | null {
  let s = text.trim().replace(/\s+/g, " ");
  // A leading weekday name, as the long date shows it.
  const lead = /^(\p{L}+)\.?,? +(?=\S)/u.exec(s);
  if (lead && weekdayNamesFolded(locale).includes(fold(lead[1]))) s = s.slice(lead[0].length);

  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));

  m = /^(\d{1,2}) ?([./-]) ?(\d{1,2}) ?\2 ?(\d{4}|\d{2})$/.exec(s);
  if (m) return isoOf(fullYear(m[4]), Number(m[3]), Number(m[1]));

  m = /^(\d{1,2})\.? ?(\p{L}+)\.?,? ?(\d{4})$/u.exec(s);
  if (m) {
    const month = monthOf(m[2], locale);
    return month ? isoOf(Number(m[3]), month, Number(m[1])) : null;
  }

  if (languageOf(locale) === "en") {
    m = /^(\p{L}+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/u.exec(s);
    if (m) {
      const month = monthOf(m[1], locale);
      return month ? isoOf(Number(m[3]), month, Number(m[2])) : null;
    }
  }
  return null;
}

/** Which quantum (of `quantumMinutes`) of the board, counted from its local midnight
 * `start`, an instant falls in. */
export function quantumOf(boardStart: string, iso: string, quantumMinutes: number): number {
  return Math.round((Date.parse(iso) - Date.parse(boardStart)) / ms(quantumMinutes));
}

/** The instant of quantum `q` of a board that starts at `boardStart`, as RFC 3339 UTC. */
export function instantOf(boardStart: string, q: number, quantumMinutes: number): string {
  return new Date(Date.parse(boardStart) + q * ms(quantumMinutes)).toISOString();
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
  const format = new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "short" });
  return Array.from({ length: 7 }, (_, i) => partsOf(format, new Date(Date.UTC(2024, 0, 1 + i, 12))).weekday ?? "");
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
export function quantaOver(dayStart: string, quanta: number, now: number, quantumMinutes: number): number {
  const q = Math.floor((now - Date.parse(dayStart)) / ms(quantumMinutes));
  return Math.min(quanta, Math.max(0, q));
}
