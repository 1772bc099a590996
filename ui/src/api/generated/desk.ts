// Generated from the Rust types by src-tauri/src/bindings.rs: do not edit.
// UPDATE_BINDINGS=1 cargo test -p frontdesk --lib bindings writes it anew.

import type { ErrorCode, ConflictDto, StaffRole, FeeDto, BookingMessage, ReminderConsentDto, CustomerDto, PaymentDto, BookingChange, OccurrenceDto, CustomerRecordDto, CustomerSummaryDto, EditCustomerRequest, RoomOccupancy, HeatCell, RoomMoney, MonthMoney, MethodMoney, Unpaid, TopCustomer, PaymentEntry, CashUpTotals, CashUpTotal, StaffCashUp } from "./wire";

export type CommandError = { code: ErrorCode, message: string, conflicts?: Array<ConflictDto>, unknown?: Array<string>, };

export type SeriesOutcome = { booked: Array<Booking>, skipped: Array<OccurrenceDto>, };

export type CustomerPageView = { summary: CustomerSummaryDto, bookings: Array<Booking>, };

export type BookingState = "confirmed" | "pending" | "cancelled" | "conflict";

export type Booking = { id: string, room: string, start: string, end: string, customer: CustomerDto, note: string | null, status: BookingState, 
/**
 * Why a booking is in conflict or was cancelled.
 */
reason: string | null, desk: string, 
/**
 * The price it was made at, in minor units of the studio's currency.
 */
price: number | null, 
/**
 * Raised by every change: a change names the version it was made to.
 */
version: number, 
/**
 * When the customer arrived.
 */
checkedInAt: string | null, 
/**
 * The customer did not come.
 */
noShow: boolean, 
/**
 * What was paid.
 */
payment: PaymentDto, 
/**
 * The recurring series it is an occurrence of.
 */
series: string | null, 
/**
 * The customer record it belongs to.
 */
customerId: string | null, 
/**
 * The fee a late cancellation or a no-show left owed, and its waiver.
 */
fee?: FeeDto | null, 
/**
 * Made online, waiting for staff to approve it (or decline it: cancel).
 */
awaitingApproval: boolean, 
/**
 * The deposit it asks for, minor units (none: `None`).
 */
deposit: number | null, };

export type Quote = { 
/**
 * Minor units of `currency` (cents).
 */
price: number, 
/**
 * ISO 4217, e.g. `EUR`.
 */
currency: string, };

export type BoardHold = { start: string, end: string, desk: string, };

export type BoardRoom = { id: string, name: string, bookings: Array<Booking>, holds: Array<BoardHold>, 
/**
 * Quanta of the date inside opening hours, as `[from, to)` runs.
 */
open: Array<[number, number]>, };

export type DayBoard = { date: string, 
/**
 * The first instant of the date (local midnight, or later on a DST jump).
 */
start: string, 
/**
 * The date's number of 15-minute quanta (92, 96 or 100).
 */
quanta: number, rooms: Array<BoardRoom>, };

export type RoomStatus = { current: Booking | null, next: Array<Booking>, held: boolean, };

export type SyncStatus = { 
/**
 * A server is configured.
 */
configured: boolean, 
/**
 * The last request to the server succeeded.
 */
online: boolean, 
/**
 * Following the server's event stream: changes of other desks arrive at once.
 */
live: boolean, 
/**
 * RFC 3339 time of the last successful push and pull, if any.
 */
lastSync: string | null, 
/**
 * Bookings committed here that the server has not confirmed yet.
 */
pending: number, 
/**
 * Bookings the server refused, waiting for staff to move or cancel them.
 */
conflicts: number, 
/**
 * Why the desk is offline, in plain words.
 */
problem: string | null, };

export type DeskEvent = { "kind": "bookingsChanged" } | { "kind": "holdsChanged", room: string, dates: Array<string>, } | { "kind": "syncStatusChanged", status: SyncStatus, } | { "kind": "studioChanged" };

export type Settings = { 
/**
 * Empty when the desk works standalone.
 */
serverUrl: string, 
/**
 * Whether a token is saved (the token itself is not sent back to the window).
 */
hasToken: boolean, 
/**
 * The app starts in full screen (kiosk).
 */
startFullscreen: boolean, 
/**
 * A new desk that is not set up yet: the UI shows the welcome screen.
 */
firstRun: boolean, };

export type EnrolView = { studioName: string, desk: string, admin: boolean, settings: Settings, };

export type RefusedChangeView = { mutation: string, 
/**
 * What staff asked for.
 */
change: BookingChange, 
/**
 * The booking as this desk had it with the change.
 */
mine: Booking, 
/**
 * The booking as the server has it (what the desk shows now).
 */
current: Booking | null, 
/**
 * Why the server refused it.
 */
reason: string, };

export type RefusedCustomerEditView = { mutation: string, 
/**
 * What staff asked for (made to an older version).
 */
mine: EditCustomerRequest, 
/**
 * The record as the server has it (what the desk shows now).
 */
current: CustomerRecordDto | null, 
/**
 * Why the server refused it.
 */
reason: string, };

export type StaffMember = { id: string, name: string, role: StaffRole, };

export type SignInState = { 
/**
 * False while the studio has no staff: nobody is asked.
 */
required: boolean, signedIn?: StaffMember | null, signOutMinutes: number, };

export type ReportSource = "server" | "desk";

export type OccupancyView = { source: ReportSource, from: string, to: string, 
/**
 * The rooms asked for, in the studio's order.
 */
rooms: Array<RoomOccupancy>, 
/**
 * The selected rooms together: 7 × 24 cells, Monday 00:00 first, then by hour.
 */
heatmap: Array<HeatCell>, };

export type MoneyView = { source: ReportSource, from: string, to: string, 
/**
 * ISO 4217 code of every amount.
 */
currency: string, 
/**
 * The rooms asked for, in the studio's order (rooms without bookings too).
 */
byRoom: Array<RoomMoney>, 
/**
 * Every month the period touches, in order (months without bookings too).
 */
byMonth: Array<MonthMoney>, 
/**
 * Cash, then card (methods with nothing received too).
 */
byMethod: Array<MethodMoney>, unpaid: Unpaid, };

export type CustomersView = { source: ReportSource, from: string, to: string, 
/**
 * Bookings made (confirmed or cancelled).
 */
bookings: number, cancelled: number, 
/**
 * Not cancelled, and the customer did not come.
 */
noShows: number, 
/**
 * Not cancelled, and an occurrence of a recurring series.
 */
series: number, 
/**
 * At most [`TOP_CUSTOMERS`], most bookings (not cancelled) first, then most minutes,
 * then by id.
 */
top: Array<TopCustomer>, };

export type CashUpView = { source: ReportSource, date: string, currency: string, 
/**
 * In the order they were recorded.
 */
payments: Array<PaymentEntry>, 
/**
 * Cash, then card.
 */
byMethod: Array<CashUpTotal>, 
/**
 * By staff member's name, in name order (none: recorded before the studio had staff).
 */
byStaff: Array<StaffCashUp>, 
/**
 * Everything received and refunded that date.
 */
total: CashUpTotals, };

export type ExportKind = "bookings" | "payments" | "customers";

export type ExportLanguage = "en" | "de";

export type ExportView = { 
/**
 * The file's full path.
 */
path: string, fileName: string, rows: number, 
/**
 * Where the rows came from: payments from the server when it answered; bookings and
 * customers always from this desk's copy.
 */
source: ReportSource, };

export type BackupView = { 
/**
 * The backup's file name in the backup folder: what a restore names.
 */
name: string, madeAt: string, studio: string, bookings: number, customers: number, };

export type RestoredView = { backup: BackupView, 
/**
 * Where the file it replaced is kept.
 */
kept: string | null, };

export type MessagesSource = "server" | "standalone" | "offline";

export type MessagesView = { source: MessagesSource, messages: Array<BookingMessage>, 
/**
 * What the customer chose about reminder e-mails (the server's record; `None`: never
 * asked, or not known here).
 */
consent?: ReminderConsentDto | null, };
