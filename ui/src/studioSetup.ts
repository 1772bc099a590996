// The first-run "set up this desk's studio" form as data: what staff typed, checked, and
// turned into the StudioUpdate the backend takes. No React here (unit-tested on its own).
import type { StudioUpdate } from "./api/types";

/** Common IANA zones offered in the form (the backend accepts any). */
export const TIMEZONES = [
  "Europe/Berlin",
  "Europe/Vienna",
  "Europe/Zurich",
  "Europe/London",
  "Europe/Paris",
  "Europe/Amsterdam",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "Australia/Sydney",
] as const;

export const CURRENCIES = ["EUR", "CHF", "GBP", "USD"] as const;

/** The durations a room can offer, minutes. */
export const DURATIONS = [60, 120, 180, 240] as const;

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** Opening and closing times offered, every half hour: `00:00` … `24:00`. */
export const HALF_HOURS: string[] = Array.from({ length: 49 }, (_, i) => {
  const minutes = i * 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
});

/** Every room's start-time grid (minutes); the durations are whole hours. */
const INTERVAL = 60;
const HOLD_TTL_SECONDS = 10;
/** A no-show is offered this long after the start (changed later in the settings). */
const NO_SHOW_GRACE_MINUTES = 15;

/** The machine's zone if the form offers it, else Europe/Berlin. */
export function defaultTimezone(): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return (TIMEZONES as readonly string[]).includes(zone) ? zone : "Europe/Berlin";
  } catch {
    return "Europe/Berlin";
  }
}

export interface RoomDraft {
  /** React's key for the row; not sent. */
  key: number;
  name: string;
  durations: number[];
  /** The hourly price as typed, in major units: "40", "40,50", "40.5". */
  price: string;
}

export interface SetupDraft {
  name: string;
  timezone: string;
  currency: string;
  /** ISO 3166-1 alpha-2, or "" for the time zone's country. */
  country: string;
  rooms: RoomDraft[];
  /** Every day's one opening range, `HH:MM`. */
  from: string;
  to: string;
  /** Closed dates, `YYYY-MM-DD`, sorted. */
  closed: string[];
  /** The first admin (optional): with a name, the desk asks for PINs from the start. */
  adminName: string;
  adminPin: string;
}

export function newRoom(key: number): RoomDraft {
  return { key, name: "", durations: [60, 120], price: "" };
}

export function newSetup(timezone: string): SetupDraft {
  return { name: "", timezone, currency: "EUR", country: "", rooms: [newRoom(0)], from: "10:00", to: "24:00", closed: [], adminName: "", adminPin: "" };
}

/**
 * An hourly price typed in major units as integer minor units (×100, the four currencies
 * offered all have cents): "40" → 4000, "40,50" and "40.5" → 4050. Read from the digits,
 * never through a float. Null when it is not a price.
 */
export function parsePrice(text: string): number | null {
  const m = /^(\d{1,7})(?:[.,](\d{0,2}))?$/.exec(text.replace(/\s+/g, ""));
  if (!m) return null;
  const cents = m[2] ? Number(m[2].padEnd(2, "0")) : 0;
  return Number(m[1]) * 100 + cents;
}

/** A room id from its name: lowercase a–z, 0–9 and dashes ("Studio Ä 1" → "studio-a-1"). */
export function roomIdOf(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 56)
    .replace(/-+$/, "");
  return slug || "room";
}

/** Ids for the rooms' names, in order, each unique ("studio", "studio-2", …). */
export function roomIds(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = roomIdOf(name);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}

/** What is wrong before anything is sent, by the backend's field names. */
export type SetupProblem =
  | "nameRequired"
  | "roomNameRequired"
  | "durationRequired"
  | "priceInvalid"
  | "hoursInvalid"
  | "adminNameRequired"
  | "pinInvalid";

export function checkSetup(draft: SetupDraft): Record<string, SetupProblem> {
  const problems: Record<string, SetupProblem> = {};
  if (!draft.name.trim()) problems.name = "nameRequired";
  draft.rooms.forEach((room, i) => {
    if (!room.name.trim()) problems[`rooms[${i}].name`] = "roomNameRequired";
    if (room.durations.length === 0) problems[`rooms[${i}].durations`] = "durationRequired";
    if (parsePrice(room.price) === null) problems[`rooms[${i}].pricePerHour`] = "priceInvalid";
  });
  // `HH:MM` strings compare in time order.
  if (!(draft.from < draft.to)) problems.hours = "hoursInvalid";
  if (draft.adminName.trim() || draft.adminPin) {
    if (!draft.adminName.trim()) problems.adminName = "adminNameRequired";
    if (!/^\d{6,8}$/.test(draft.adminPin)) problems.adminPin = "pinInvalid";
  }
  return problems;
}

/** The StudioUpdate for a checked draft, edited from the studio at `version`. */
export function studioUpdate(draft: SetupDraft, version: number): StudioUpdate {
  const ids = roomIds(draft.rooms.map((r) => r.name));
  const range: [string, string] = [draft.from, draft.to];
  return {
    version,
    name: draft.name.trim(),
    timezone: draft.timezone,
    holdTtlSeconds: HOLD_TTL_SECONDS,
    rooms: draft.rooms.map((room, i) => ({
      id: ids[i],
      name: room.name.trim(),
      durations: [...room.durations].sort((a, b) => a - b),
      interval: INTERVAL,
      pricePerHour: parsePrice(room.price) ?? 0,
      peaks: [],
      changeover: 0,
    })),
    hours: {
      weekly: Object.fromEntries(WEEKDAYS.map((day) => [day, [[...range] as [string, string]]])),
      dates: Object.fromEntries(draft.closed.map((date) => [date, []])),
    },
    currency: draft.currency,
    // Left out when empty: the backend takes the time zone's country.
    ...(draft.country.trim() ? { country: draft.country.trim() } : {}),
    noShowGraceMinutes: NO_SHOW_GRACE_MINUTES,
    staff: draft.adminName.trim()
      ? [{ id: crypto.randomUUID(), name: draft.adminName.trim(), role: "admin", pin: draft.adminPin }]
      : null,
  };
}

/**
 * The form field a backend error names (`rooms[1].durations: …`), as the keys of
 * `checkSetup`: a room's id is its name's, every hours field is the one range.
 */
export function fieldOfError(message: string): string | null {
  const m = /^([A-Za-z]+(?:\[\d+\])?(?:\.[A-Za-z0-9-]+)*)\s*:/.exec(message);
  if (!m) return null;
  const field = m[1];
  const room = /^rooms\[(\d+)\]\.(\w+)/.exec(field);
  if (room) {
    const part = room[2] === "id" ? "name" : room[2] === "interval" || room[2] === "peaks" ? "durations" : room[2];
    return `rooms[${room[1]}].${part}`;
  }
  if (field.startsWith("hours.dates.")) return `closed.${field.slice("hours.dates.".length)}`;
  if (field.startsWith("hours")) return "hours";
  if (field === "staff[0].name") return "adminName";
  if (field === "staff[0].pin") return "adminPin";
  return field;
}
