// Typed wrappers of the backend's Tauri commands. Only ui/src/api/ calls `invoke`.
import { invoke } from "@tauri-apps/api/core";
import { asCommandError } from "./errors";
import type {
  ActivityEntry,
  BackupView,
  RestoredView,
  ActivityQuery,
  BookSeriesRequest,
  ChangeFollowingRequest,
  CustomerPage,
  CustomerRecord,
  CustomerSummary,
  EditCustomerRequest,
  Occurrence,
  SeriesOutcome,
  SeriesRule,
  Booking,
  BookingChange,
  RefusedChangeView,
  RefusedCustomerEditView,
  SignInState,
  StaffMember,
  DayBoard,
  DaySlots,
  EnrolView,
  HoldSpan,
  MessagesView,
  MonthAvailability,
  NewBooking,
  Quote,
  RoomStatus,
  Settings,
  StudioInfo,
  StudioUpdate,
  SyncStatus,
  CashUpView,
  CustomersView,
  ExportKind,
  ExportLanguage,
  ExportView,
  MoneyView,
  OccupancyView,
  ReportQuery,
  CreateFeedRequest,
  Feed,
  FeeKind,
  FeePreview,
  OnlineBookingDto,
} from "./types";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw asCommandError(error);
  }
}

export const studio = () => call<StudioInfo>("studio");

export const daySlots = (room: string, date: string, duration: number, session?: string) =>
  call<DaySlots>("day_slots", { room, date, duration, session: session ?? null });

export const monthAvailability = (room: string, year: number, month: number, duration: number) =>
  call<MonthAvailability>("month_availability", { room, year, month, duration });

export const dayBoard = (date: string) => call<DayBoard>("day_board", { date });

/** Sets or renews (same call again) every hold of a session; answers when they expire. */
export const setHolds = (session: string, holds: HoldSpan[]) =>
  call<string>("set_holds", { session, holds });

export const releaseHolds = (session: string) => call<void>("release_holds", { session });

export const createBooking = (request: NewBooking) =>
  call<Booking>("create_booking", { request });

export const cancelBooking = (id: string, reason: string | null) =>
  call<Booking>("cancel_booking", { id, reason });

/** Changes a booking made to the version shown: a new span, details, check-in, no-show. */
export const changeBooking = (id: string, change: BookingChange) => call<Booking>("change_booking", { id, change });

/** Customers matching typed text: any part of the name or email, or 3+ digits of the phone. */
export const findCustomers = (text: string) => call<CustomerSummary[]>("find_customers", { text });

/** A customer's counts (bookings, no-shows, unpaid) and bookings, newest first. */
export const customerPage = (id: string) => call<CustomerPage>("customer_page", { id });

/** Changes a customer's details, made to the version shown (`stale` if it changed since). */
export const editCustomer = (id: string, request: EditCustomerRequest) =>
  call<CustomerRecord>("edit_customer", { id, request });

/** Merges `gone` into `keep`: its bookings follow. */
export const mergeCustomers = (keep: string, gone: string) => call<CustomerRecord>("merge_customers", { keep, gone });

/** Every occurrence of a series, free or why not (`skip`). Nothing is written. */
export const previewSeries = (rule: SeriesRule, session: string | null) =>
  call<Occurrence[]>("preview_series", { request: { rule, session } });

/** Books every free occurrence of a series; the others come back as skipped, with the reason. */
export const bookSeries = (request: BookSeriesRequest) => call<SeriesOutcome>("book_series", { request });

/** Cancels this occurrence and every later one of its series. */
export const cancelFollowing = (id: string, reason: string | null) =>
  call<Booking[]>("cancel_following", { id, reason });

/** Moves this occurrence and every later one of its series (room, local start "HH:MM",
 * minutes): all or none. */
export const changeFollowing = (id: string, request: ChangeFollowingRequest) =>
  call<Booking[]>("change_following", { id, request });

export const refusedChanges = () => call<RefusedChangeView[]>("refused_changes");

/** Staff chose for a refused change: make it again, or keep the server's version. */
export const resolveRefusedChange = (mutation: string, applyMine: boolean) =>
  call<Booking | null>("resolve_refused_change", { mutation, applyMine });

/** Customer edits made offline that the server refused, beside its record now. */
export const refusedCustomerEdits = () => call<RefusedCustomerEditView[]>("refused_customer_edits");

/** Staff chose for a refused customer edit: make it again, or keep the server's record. */
export const resolveRefusedCustomerEdit = (mutation: string, applyMine: boolean) =>
  call<CustomerRecord | null>("resolve_refused_customer_edit", { mutation, applyMine });

/** What cancelling (`cancel`) or marking a no-show (`noShow`) would owe now, under the
 * studio's or the room's terms. Nothing is written. */
export const feePreview = (id: string, kind: FeeKind) => call<FeePreview>("fee_preview", { id, kind });

export const getBooking = (id: string) => call<Booking>("get_booking", { id });

/** The messages a booking sent its customer, from the server (a standalone desk sends none). */
export const bookingMessages = (id: string) => call<MessagesView>("booking_messages", { id });

/** What a span of a room costs at the studio's rates now (minor units). */
export const quote = (room: string, start: string, end: string) =>
  call<Quote>("quote", { room, start, end });

export const findBookings = (query: { name?: string; date?: string }) =>
  call<Booking[]>("find_bookings", { name: query.name ?? null, date: query.date ?? null });

export const roomsStatus = (rooms: string[]) =>
  call<Record<string, RoomStatus>>("rooms_status", { rooms });

export const syncStatus = () => call<SyncStatus>("sync_status");

export const syncNow = () => call<SyncStatus>("sync_now");

export const conflicts = () => call<Booking[]>("conflicts");

export const moveConflict = (id: string, room: string, start: string, end: string) =>
  call<Booking>("move_conflict", { id, room, start, end });

export const getSettings = () => call<Settings>("get_settings");

/** Saves an address with a pasted token (development), or with an empty address makes the
 * desk standalone. Needs an admin signed in (`sign_in_required` / `admin_required`). */
export const saveSettings = (serverUrl: string, token: string) =>
  call<Settings>("save_settings", { serverUrl, token });

/** Connects the desk with a one-time enrolment code from the server at `serverUrl`; the
 * token it gets is kept by the backend, never shown. Needs an admin after the first run. */
export const enrolDesk = (serverUrl: string, code: string) =>
  call<EnrolView>("enrol_desk", { serverUrl, code });

/** Whether the app starts in full screen from now on. */
export const setStartFullscreen = (on: boolean) => call<Settings>("set_start_fullscreen", { on });

/** Tries an address and token; answers the studio's name. */
export const testConnection = (serverUrl: string, token: string) =>
  call<string>("test_connection", { serverUrl, token });

/** First run only: this desk works with the demo studio it started with. */
export const chooseDemo = () => call<StudioInfo>("choose_demo");

/** First run only: this standalone desk's own studio, in place of the demo. Errors are
 * `invalid` with a message that starts with the field (`rooms[1].durations: …`). */
export const setupStudio = (update: StudioUpdate) => call<StudioInfo>("setup_studio", { update });

/** The bookings ahead that `update` would leave outside its hours or rooms (an admin). */
export const checkStudio = (update: StudioUpdate) => call<Booking[]>("check_studio", { update });

/** Saves the studio's settings (an admin): on the server when connected, here when standalone. */
export const changeStudio = (update: StudioUpdate) => call<StudioInfo>("change_studio", { update });

export const staffMembers = () => call<StaffMember[]>("staff_members");

export const signInState = () => call<SignInState>("sign_in_state");

export const signIn = (id: string, pin: string) => call<SignInState>("sign_in", { id, pin });

export const signOut = () => call<SignInState>("sign_out");

/** Staff are at the desk: the idle sign-out starts again. */
export const touch = () => call<SignInState>("touch");

export const setSignOutMinutes = (minutes: number) => call<SignInState>("set_sign_out_minutes", { minutes });

export const activity = (query: ActivityQuery) => call<ActivityEntry[]>("activity", { query });

// The studio's numbers. Each answer says where it came from (`source`: "server", or
// "desk" when standalone or the server could not be reached). A bad period or room is
// `invalid` / `unknown_room` naming the field, offline too.

/** Utilisation per room and the weekday × hour heatmap (a signed-in staff member). */
export const reportOccupancy = (query: ReportQuery) => call<OccupancyView>("report_occupancy", { query });

/** Billed, paid and unpaid by room, month and method (an admin: `admin_required` otherwise). */
export const reportMoney = (query: ReportQuery) => call<MoneyView>("report_money", { query });

/** Cancellation, no-show and series counts and the top customers (a signed-in staff member). */
export const reportCustomers = (query: ReportQuery) => call<CustomersView>("report_customers", { query });

/** The end-of-day cash-up of a date, `YYYY-MM-DD` (an admin). */
export const cashUp = (date: string) => call<CashUpView>("cash_up", { date });

/**
 * Writes a CSV export of the period to the Downloads folder (never over an existing file)
 * and answers where it went. Payments need an admin; bookings and customers a staff member.
 */
export const exportCsv = (kind: ExportKind, query: ReportQuery, language: ExportLanguage) =>
  call<ExportView>("export_csv", { kind, query, language });

// Calendar feeds: on the studio's server only (a standalone desk answers
// `server_required`), and for an admin (`admin_required` at the desk, `forbidden` from
// the server for a desk token that is not an admin's).

/** The studio's feeds, oldest first, without their addresses. */
export const feeds = () => call<Feed[]>("feeds");

/** Makes a feed; the answer's `url` is its full secret address, given this once. */
export const createFeed = (request: CreateFeedRequest) => call<Feed>("create_feed", { request });

/** Revokes a feed: its address answers "not found" from now on. */
export const revokeFeed = (id: string) => call<null>("revoke_feed", { id });

// The public booking page's settings: on the studio's server only, for an admin.

/** What the page offers, its version, and the page's full address. */
export const onlineBooking = () => call<OnlineBookingDto>("online_booking");

/** Saves the settings made to their `version`; refused `stale` if saved meanwhile. */
export const saveOnlineBooking = (settings: OnlineBookingDto) => call<OnlineBookingDto>("save_online_booking", { settings });

// The desk's daily backups of its own file (an admin).

/** The backups, newest first, each with what it holds. */
export const listBackups = () => call<BackupView[]>("list_backups");

/** Restores a backup (by its name from the list) as the desk's file. */
export const restoreBackup = (name: string) => call<RestoredView>("restore_backup", { name });
