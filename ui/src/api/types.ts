// The shapes the desk's backend answers (src-tauri/src/commands and crates/protocol).
// Instants are RFC 3339 strings with the studio's offset; dates are `YYYY-MM-DD`.

export interface RoomInfo {
  id: string;
  name: string;
  /** Minutes a customer can pick. */
  durations: number[];
  /** Start-time grid, minutes. */
  interval: number;
}

export interface StudioInfo {
  name: string;
  /** IANA timezone, e.g. `Europe/Berlin`. */
  timezone: string;
  quantumMinutes: number;
  holdTtlSeconds: number;
  rooms: RoomInfo[];
}

export type SlotStatus = "available" | "reserved";

export interface Slot {
  start: string;
  end: string;
  status: SlotStatus;
}

export interface DaySlots {
  room: string;
  date: string;
  /** The date's number of 15-minute quanta (92, 96 or 100). */
  quanta: number;
  slots: Slot[];
}

/** Per date of the month: does a start for the duration remain? */
export type MonthAvailability = Record<string, boolean>;

export interface HoldSpan {
  room: string;
  start: string;
  end: string;
}

export interface Customer {
  name: string;
  phone?: string | null;
  email?: string | null;
}

export type BookingStatus = "confirmed" | "pending" | "cancelled" | "conflict";

export interface Booking {
  id: string;
  room: string;
  start: string;
  end: string;
  customer: Customer;
  note: string | null;
  status: BookingStatus;
  /** Why a booking is in conflict or was cancelled. */
  reason: string | null;
  desk: string;
}

export interface NewBooking {
  id: string;
  room: string;
  start: string;
  end: string;
  customer: Customer;
  note?: string | null;
  session?: string | null;
}

export interface BoardHold {
  start: string;
  end: string;
  desk: string;
}

export interface BoardRoom {
  id: string;
  name: string;
  bookings: Booking[];
  holds: BoardHold[];
  /** Quanta of the date inside opening hours, as `[from, to)` runs. */
  open: [number, number][];
}

export interface DayBoard {
  date: string;
  /** Local midnight of the date. */
  start: string;
  quanta: number;
  rooms: BoardRoom[];
}

export interface RoomStatus {
  current: Booking | null;
  next: Booking[];
  held: boolean;
}

export interface SyncStatus {
  configured: boolean;
  online: boolean;
  live: boolean;
  lastSync: string | null;
  pending: number;
  conflicts: number;
  problem: string | null;
}

export interface Settings {
  serverUrl: string;
  hasToken: boolean;
  /** The app starts in full screen (kiosk). */
  startFullscreen: boolean;
}

export interface Conflict {
  room: string;
  start: string;
  end: string;
  reason: "booked" | "held";
}

/** What a failed command gives: a code to branch on and a message in plain words. */
export interface CommandError {
  code: string;
  message: string;
  conflicts?: Conflict[];
}

/** The one event channel of the backend (`desk-event`). */
export type DeskEvent =
  | { kind: "bookingsChanged" }
  | { kind: "holdsChanged"; room: string; dates: string[] }
  | { kind: "syncStatusChanged"; status: SyncStatus };
