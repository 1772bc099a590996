// The studio settings as data: the StudioUpdate an admin edits from the studio as it is,
// and opening ranges typed as text ("10:00-14:00, 16:00-24:00"). No React here.
import type { OpeningHours, StaffMember, StaffUpdate, StudioInfo, StudioUpdate } from "./api/types";

/** The studio as a change of itself (edited from its version), staff left as they are. */
export function updateOf(studio: StudioInfo): StudioUpdate {
  return {
    version: studio.version,
    name: studio.name,
    timezone: studio.timezone,
    holdTtlSeconds: studio.holdTtlSeconds,
    rooms: studio.rooms.map((r) => ({ ...r, durations: [...r.durations], peaks: [...r.peaks] })),
    hours: studio.hours ?? { weekly: {}, dates: {} },
    currency: studio.currency,
    // "" keeps "no country": left out, the server would take the time zone's.
    country: studio.country ?? "",
    noShowGraceMinutes: studio.noShowGraceMinutes,
    staff: null,
    // Sent as they are: left out, the studio's and the rooms' terms would be cleared.
    cancellationTerms: studio.cancellationTerms ?? null,
    roomTerms: studio.roomTerms ?? {},
  };
}

/** Ranges as staff type them: "10:00-14:00, 16:00-24:00"; "" is closed. */
export function rangesText(ranges: [string, string][] | undefined): string {
  return (ranges ?? []).map(([a, b]) => `${a}–${b}`).join(", ");
}

/** Typed ranges back; null when a part is not `HH:MM-HH:MM` (the backend checks the rest). */
export function parseRanges(text: string): [string, string][] | null {
  const parts = text.split(/[,;]/).map((p) => p.trim()).filter(Boolean);
  const out: [string, string][] = [];
  for (const part of parts) {
    const m = /^(\d{1,2}):?(\d{2})\s*[-–—]\s*(\d{1,2}):?(\d{2})$/.exec(part);
    if (!m) return null;
    out.push([`${m[1].padStart(2, "0")}:${m[2]}`, `${m[3].padStart(2, "0")}:${m[4]}`]);
  }
  return out;
}

/** Every date from `from` to `to` (inclusive, `YYYY-MM-DD`), at most a year of them. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const day = new Date(`${from}T12:00:00Z`);
  const end = new Date(`${to}T12:00:00Z`);
  while (day <= end && out.length < 366) {
    out.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return out;
}

/** Sets `ranges` (`[]`: closed) on every date given. */
export function withDates(hours: OpeningHours, dates: string[], ranges: [string, string][]): OpeningHours {
  const next = { ...hours.dates };
  for (const d of dates) next[d] = ranges;
  return { ...hours, dates: next };
}

/** A staff list row being edited: a new PIN only where one is typed. */
export interface StaffDraft {
  id: string;
  name: string;
  role: "staff" | "admin";
  pin: string;
  isNew: boolean;
}

export function staffDrafts(members: StaffMember[]): StaffDraft[] {
  return members.map((m) => ({ id: m.id, name: m.name, role: m.role, pin: "", isNew: false }));
}

export function staffUpdates(drafts: StaffDraft[]): StaffUpdate[] {
  return drafts.map((d) => ({ id: d.id, name: d.name.trim(), role: d.role, pin: d.pin ? d.pin : null }));
}
