// The one home of the UI's TanStack Query keys, and of what each kind of change makes stale.
// Every key starts with one of `ROOTS`; a key is only ever written through `keys`, so
// invalidating a root reaches every query of it and nothing else.
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import type { FeeKind, SeriesRule } from "../api/types";

/** The first element of every key: one per kind of data the backend answers. */
export const ROOTS = [
  "studio",
  "settings",
  "board",
  "slots",
  "month",
  "roomStatus",
  "bookings",
  "quote",
  "feePreview",
  "messages",
  "seriesPreview",
  "conflicts",
  "refusedChanges",
  "refusedCustomerEdits",
  "customers",
  "activity",
  "sync",
  "signIn",
  "staff",
  "reports",
  "feeds",
  "online",
  "backups",
] as const;

export type Root = (typeof ROOTS)[number];

export const keys = {
  studio: ["studio"] as const,
  settings: ["settings"] as const,
  board: (date: string) => ["board", date] as const,
  slots: (room: string, date: string, duration: number, session: string) =>
    ["slots", room, date, duration, session] as const,
  /** Every start-time list of a room on a date (any duration or session). */
  slotsOf: (room: string, date: string) => ["slots", room, date] as const,
  month: (room: string, year: number, month: number, duration: number) =>
    ["month", room, year, month, duration] as const,
  monthsOf: (room: string) => ["month", room] as const,
  roomStatus: (room: string) => ["roomStatus", room] as const,
  bookings: (name: string, date: string) => ["bookings", name, date] as const,
  /** What a span of a room costs at the studio's rates now. */
  quote: (room: string, start: string, end: string) => ["quote", room, start, end] as const,
  /** What cancelling or a no-show of a booking would owe now (asked as staff confirm). */
  feePreview: (id: string, kind: FeeKind) => ["feePreview", id, kind] as const,
  /** The messages a booking sent its customer (from the server). */
  messages: (id: string) => ["messages", id] as const,
  /** A series' occurrences, free or why not (the rule is part of the key). */
  seriesPreview: (room: string, rule: SeriesRule | null, session: string) => ["seriesPreview", room, rule, session] as const,
  seriesPreviewsOf: (room: string) => ["seriesPreview", room] as const,
  conflicts: ["conflicts"] as const,
  refusedChanges: ["refusedChanges"] as const,
  refusedCustomerEdits: ["refusedCustomerEdits"] as const,
  /** Customers matching typed text (the booking flow's lookup, the Customers screen). */
  customers: (text: string) => ["customers", "find", text] as const,
  /** A customer's page: their counts and bookings. */
  customer: (id: string) => ["customers", "page", id] as const,
  activity: (date: string, staff: string, room: string, booking: string) =>
    ["activity", date, staff, room, booking] as const,
  sync: ["sync"] as const,
  signIn: ["signIn"] as const,
  staff: ["staff"] as const,
  /** A report of a period (`who` is signed in: money shows for admins only). */
  report: (kind: "occupancy" | "money" | "customers", from: string, to: string, rooms: string, who: string) =>
    ["reports", kind, from, to, rooms, who] as const,
  /** The payments of one date, totalled. */
  cashUp: (date: string, who: string) => ["reports", "cashUp", date, who] as const,
  /** The studio's calendar feeds (`who` is signed in: only an admin sees them). */
  feeds: (who: string) => ["feeds", who] as const,
  /** What the studio's public booking page offers (`who`: only an admin sees it). */
  onlineBooking: (who: string) => ["online", who] as const,
  /** The desk's backups (`who`: only an admin sees them). */
  backups: (who: string) => ["backups", who] as const,
} satisfies Record<string, QueryKey | ((...args: never[]) => QueryKey)>;

/**
 * What each kind of change makes stale, as roots. A write names the kind of change it makes;
 * a backend event is mapped to one of these (see events.ts).
 */
export const STALE = {
  /** A booking made, moved, changed or cancelled; a sync that brought or refused some. */
  bookings: [
    "board",
    "slots",
    "month",
    "roomStatus",
    "bookings",
    "seriesPreview",
    // A booking moved or repriced owes another fee.
    "feePreview",
    // A change or cancellation queues a message to the customer.
    "messages",
    "conflicts",
    "refusedChanges",
    // A sync that refused customer edits says so with the same event.
    "refusedCustomerEdits",
    // Their counts (bookings, no-shows, unpaid) and their pages' bookings.
    "customers",
    "activity",
    // Every figure counts bookings.
    "reports",
  ],
  /** A customer record edited or merged: names on bookings and on the board follow. */
  customers: ["customers", "refusedCustomerEdits", "bookings", "board", "roomStatus", "activity", "reports"],
  /** The studio's rooms, hours, prices or staff ("everything shown may differ", says the
   * backend's event): all but this desk's own settings and sync state. */
  studio: ROOTS.filter((root) => root !== "settings" && root !== "sync"),
  /** The staff list or the sign-out time. */
  staff: ["staff", "signIn", "activity"],
  /** A calendar feed made or revoked. */
  feeds: ["feeds"],
  /** The public page's settings saved. */
  online: ["online"],
  /** Another server or none (enrolment, standalone): every answer may differ. */
  server: ROOTS,
} satisfies Record<string, readonly Root[]>;

export type Change = keyof typeof STALE;

/** Marks every query of `roots` stale (those on screen are asked again). */
export function invalidateRoots(client: QueryClient, roots: readonly Root[]): void {
  for (const root of roots) void client.invalidateQueries({ queryKey: [root] });
}

/** Marks what `change` makes stale. */
export function invalidate(client: QueryClient, change: Change): void {
  invalidateRoots(client, STALE[change]);
}
