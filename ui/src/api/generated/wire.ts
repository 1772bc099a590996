// Generated from the Rust types by src-tauri/src/bindings.rs: do not edit.
// UPDATE_BINDINGS=1 cargo test -p frontdesk --lib bindings writes it anew.

export type ErrorCode = "conflict" | "id_reused" | "invalid" | "unknown_room" | "not_found" | "unauthorized" | "forbidden" | "stale" | "bad_request" | "too_large" | "method_not_allowed" | "timeout" | "rate_limited" | "unavailable" | "internal" | "unreachable" | "storage" | "sign_in_required" | "admin_required" | "wrong_pin" | "pin_locked" | "server_required" | "unknown";

export type ConflictReasonDto = "booked" | "held" | "changeover";

export type ConflictDto = { room: string, start: string, end: string, reason: ConflictReasonDto, };

export type PeakRateDto = { 
/**
 * `mon` … `sun`.
 */
days: Array<string>, from: string, to: string, pricePerHour: number, };

export type RoomInfo = { id: string, name: string, 
/**
 * Minutes a customer can pick.
 */
durations: Array<number>, 
/**
 * Start-time grid, minutes.
 */
interval: number, 
/**
 * Minor units of the studio's currency per hour (added after v1; 0: not charged).
 */
pricePerHour: number, 
/**
 * Higher or lower hourly rates on some weekdays during a window (added after v1).
 */
peaks: Array<PeakRateDto>, 
/**
 * How screens mark the room, `#rrggbb` (added after v1; left out: no colour of its own).
 */
colour?: string | null, 
/**
 * Minutes the room needs after every booking before the next starts, a multiple of 15
 * from 0 to 240 (added after v1; left out: 0).
 */
changeover: number, };

export type HoursDto = { 
/**
 * `mon` … `sun` → open ranges; a weekday left out or with no range is closed.
 */
weekly: { [key in string]: Array<[string, string]> }, 
/**
 * Single dates whose ranges replace their weekday's: special hours, or `[]` for a
 * closed day (a holiday).
 */
dates: { [key in string]: Array<[string, string]> }, };

export type StaffRole = "staff" | "admin";

export type StaffDto = { id: string, name: string, role: StaffRole, 
/**
 * The PIN's hash where it is kept (a server's database, a standalone desk's file);
 * empty (left out) in what a server sends to desks.
 */
pinHash?: string, 
/**
 * What a server sends a desk instead of the hash: `fdv1$…`, checkable only with that
 * desk's token (added with staff sessions).
 */
pinVerifier?: string | null, };

export type StaffUpdate = { id: string, name: string, role: StaffRole, 
/**
 * 6 to 8 digits.
 */
pin?: string | null, };

export type StaffRef = { id: string, name: string, 
/**
 * The member signed in at the desk without the server (their PIN checked there).
 */
offline?: boolean, 
/**
 * When the desk made the write (offline sign-ins: the server checks the member was
 * in the studio then).
 */
at?: string, };

export type FeeTierDto = { hoursBefore: number, percent: number, };

export type TermsDto = { 
/**
 * Cancelling is free until this many (elapsed) hours before the start.
 */
freeHoursBefore: number, 
/**
 * `hoursBefore` strictly falling, each at most `freeHoursBefore`.
 */
tiers: Array<FeeTierDto>, 
/**
 * Percent of the price a no-show owes (0–100).
 */
noShowPercent: number, 
/**
 * The deposit a booking asks for, recorded on it when it is made (added with
 * deposits; left out: none).
 */
deposit?: DepositDto | null, };

export type DepositDto = { percent?: number | null, amount?: number | null, };

export type FeeRuleDto = "late_cancel" | "no_show";

export type WaiverDto = { reason: string, 
/**
 * RFC 3339 with the studio's offset.
 */
at: string, 
/**
 * The staff member's name (left out when no member was signed in).
 */
by?: string | null, };

export type FeeDto = { 
/**
 * Minor units of the studio's currency.
 */
amount: number, rule: FeeRuleDto, 
/**
 * Percent of the price the rule charges.
 */
percent: number, 
/**
 * A late cancellation's tier: from this many hours before the start.
 */
hoursBefore?: number | null, 
/**
 * A late cancellation's tier: its place in the terms (0 the furthest from the start).
 */
tier?: number | null, 
/**
 * Set once an admin waived it: nothing is owed any more.
 */
waived?: WaiverDto | null, };

export type FeeKind = "cancel" | "noShow";

export type FeePreviewRule = "none" | "free" | "late_cancel" | "no_show";

export type FeePreview = { 
/**
 * Minor units of `currency`.
 */
amount: number, 
/**
 * The booking's price (0 without one).
 */
price: number, percent: number, rule: FeePreviewRule, hoursBefore?: number | null, 
/**
 * ISO 4217 code of the studio's currency.
 */
currency: string, };

export type BookingMessage = { id: string, 
/**
 * `confirmation`, `change`, `cancellation` or `reminder`.
 */
kind: string, recipient: string, 
/**
 * `queued` (waiting for its time, or to be tried again), `sent`, `failed` (given up
 * after the last attempt: `lastError` says why) or `cancelled` (a reminder of a booking
 * cancelled or moved).
 */
state: string, attempts: number, due: string, lastError?: string | null, };

export type ReminderConsentDto = { reminders: boolean, 
/**
 * `page` (the booking form), `link` (a booking's manage link) or `desk` (staff, for
 * the customer).
 */
source: string, at: string, };

export type StudioInfo = { name: string, 
/**
 * IANA timezone name, e.g. `Europe/Berlin`.
 */
timezone: string, 
/**
 * Always 15.
 */
quantumMinutes: number, holdTtlSeconds: number, rooms: Array<RoomInfo>, 
/**
 * The opening hours (left out by a v1 server).
 */
hours?: HoursDto | null, 
/**
 * Raised by every change of the studio; 0 from a v1 server.
 */
version: number, 
/**
 * ISO 4217 code of every price (added after v1).
 */
currency: string, 
/**
 * Minutes after a booking's start from which a no-show can be marked (added after v1).
 */
noShowGraceMinutes: number, 
/**
 * The studio's country, ISO 3166-1 alpha-2 (added after v1): phone numbers typed
 * without a country code are of this country. Left out: none (an older server, or a
 * studio whose timezone names no single country), and only numbers typed with `+`
 * and their country code are parsed.
 */
country?: string | null, 
/**
 * The staff who sign in at the desks (added after v1; left out while there are none).
 */
staff?: Array<StaffDto>, 
/**
 * The studio's cancellation terms (added after v1; left out: none, so cancelling and
 * no-shows owe nothing).
 */
cancellationTerms?: TermsDto | null, 
/**
 * Rooms with cancellation terms of their own, by room id (added after v1; left out:
 * every room is under the studio's).
 */
roomTerms?: { [key in string]: TermsDto }, };

export type StudioUpdate = { 
/**
 * The `version` of the studio these settings were edited from.
 */
version: number, name: string, 
/**
 * IANA timezone; it can change only while the studio has no bookings.
 */
timezone: string, holdTtlSeconds: number, rooms: Array<RoomInfo>, hours: HoursDto, 
/**
 * ISO 4217 code of every price.
 */
currency: string, 
/**
 * Minutes after a booking's start from which a no-show can be marked (0–240; added
 * after v1).
 */
noShowGraceMinutes: number, 
/**
 * ISO 3166-1 alpha-2 code of the studio's country, the region of phone numbers typed
 * without a country code (added after v1). Left out (an older desk): the country of
 * the timezone where the tz database names one; `""`: no country.
 */
country?: string | null, 
/**
 * The staff as they should be (added after v1); left out, the staff stay as they are.
 */
staff?: Array<StaffUpdate> | null, 
/**
 * The studio's cancellation terms as they should be (added after v1; left out: none, so
 * cancelling and no-shows owe nothing).
 */
cancellationTerms?: TermsDto | null, 
/**
 * Rooms with cancellation terms of their own, by room id (added after v1; left out:
 * every room is under the studio's).
 */
roomTerms?: { [key in string]: TermsDto }, };

export type BookingDto = { id: string, room: string, start: string, end: string, customer: CustomerDto, note: string | null, status: BookingStatusDto, 
/**
 * The desk that created it.
 */
desk: string, createdAt: string, 
/**
 * Its latest sequence number in the server's change log.
 */
seq: number, 
/**
 * The price it was made at, in minor units of the studio's currency (added after v1;
 * absent for bookings made before prices).
 */
price?: number | null, 
/**
 * Raised by every change (added after v1; 1 when made). A change names the version it
 * was made to.
 */
version: number, 
/**
 * When the customer arrived (added after v1).
 */
checkedInAt?: string | null, 
/**
 * The customer did not come (added after v1).
 */
noShow?: boolean, 
/**
 * What was paid (added after v1; left out while unpaid).
 */
payment?: PaymentDto, 
/**
 * The recurring series it is an occurrence of (added after v1; left out: none).
 */
series?: string | null, 
/**
 * The customer record it belongs to (added after v1): matched on phone or email.
 */
customerId?: string | null, 
/**
 * The fee a late cancellation or a no-show left owed (added with fees; left out when
 * nothing is owed), with its waiver once an admin let it go.
 */
fee?: FeeDto | null, 
/**
 * Made on the public page of a studio whose online bookings wait for staff: it holds
 * its time, and staff approve it (`approve` change) or decline it (cancel). Added
 * later; left out when it does not wait.
 */
awaitingApproval?: boolean, 
/**
 * The deposit it asks for, in minor units, worked out from the studio's (or room's)
 * terms and the price when it was made (added with deposits; left out: none). What was
 * paid is `payment`; the balance is the price less that.
 */
deposit?: number | null, };

export type BookingStatusDto = "confirmed" | "cancelled";

export type StudioCheck = { outside: Array<BookingDto>, };

export type SlotStatusDto = "available" | "reserved";

export type SlotDto = { start: string, end: string, status: SlotStatusDto, };

export type DaySlotsResponse = { room: string, date: string, 
/**
 * The date's number of quanta (92/96/100).
 */
quanta: number, slots: Array<SlotDto>, };

export type HoldSpan = { room: string, start: string, end: string, };

export type CustomerDto = { name: string, phone?: string | null, email?: string | null, };

export type CreateBookingRequest = { 
/**
 * Chosen by the client; the same id with the same content is idempotent.
 */
id: string, room: string, start: string, end: string, customer: CustomerDto, note?: string | null, 
/**
 * The booking session whose holds are released on success.
 */
session?: string | null, 
/**
 * The staff member who books (added after v1), recorded in the audit log.
 */
staff?: StaffRef | null, 
/**
 * The recurring series this booking is an occurrence of (added after v1): an
 * occurrence booked offline is pushed as a booking of its own that knows its series.
 */
series?: string | null, };

export type PaymentStatus = "unpaid" | "deposit" | "paid";

export type PaymentMethod = "cash" | "card";

export type PaymentDto = { status: PaymentStatus, 
/**
 * Minor units of the studio's currency received so far (0 when unpaid).
 */
amount: number, 
/**
 * How it was paid (left out when unpaid).
 */
method?: PaymentMethod | null, };

export type BookingChange = { "kind": "span", room: string, start: string, end: string, session?: string | null, } | { "kind": "details", customer: CustomerDto, note?: string | null, } | { "kind": "checkIn", at: string, } | { "kind": "noShow" } | { "kind": "payment", payment: PaymentDto, } | { "kind": "waiveFee", reason: string, } | { "kind": "approve" };

export type RepeatDto = "daily" | "weekly";

export type SeriesRuleDto = { room: string, 
/**
 * The first occurrence's local date.
 */
first: string, 
/**
 * Local wall-clock start of every occurrence, `HH:MM` on a quarter hour.
 */
start: string, 
/**
 * Minutes of each occurrence.
 */
minutes: number, repeat: RepeatDto, 
/**
 * With `weekly`: every how many weeks (1 or more; left out: 1).
 */
everyWeeks: number, 
/**
 * The last date an occurrence may fall on.
 */
until?: string | null, 
/**
 * Or: this many occurrences.
 */
times?: number | null, };

export type PreviewSeriesRequest = { rule: SeriesRuleDto, 
/**
 * The booking session whose own holds do not count against it.
 */
session?: string | null, };

export type SkipReasonDto = "booked" | "held" | "changeover" | "closed" | "outside_hours" | "no_such_time" | "over";

export type OccurrenceDto = { date: string, 
/**
 * Left out where the local start does not exist that date (a DST jump).
 */
start?: string | null, end?: string | null, skip?: SkipReasonDto | null, };

export type BookSeriesRequest = { id: string, rule: SeriesRuleDto, customer: CustomerDto, note?: string | null, session?: string | null, staff?: StaffRef | null, };

export type ChangeFollowingRequest = { room: string, 
/**
 * Local wall-clock start, `HH:MM` on a quarter hour.
 */
start: string, minutes: number, staff?: StaffRef | null, };

export type CustomerRecordDto = { id: string, name: string, phone?: string | null, email?: string | null, notes?: string | null, mergedInto?: string | null, 
/**
 * Raised by every change; an edit names the version it was made to.
 */
version: number, 
/**
 * The phone number did not parse (added after v1): it is kept as typed, not in E.164,
 * so no SMS can reach it. Left out when false (or there is no number).
 */
phoneUnparsed?: boolean, };

export type CustomerSummaryDto = { customer: CustomerRecordDto, 
/**
 * Bookings not cancelled.
 */
bookings: number, noShows: number, 
/**
 * Minor units of the studio's currency still to pay for bookings that have begun.
 */
unpaid: number, last?: string | null, };

export type EditCustomerRequest = { 
/**
 * The version the edit was made to.
 */
version: number, name: string, phone?: string | null, email?: string | null, notes?: string | null, staff?: StaffRef | null, };

export type ActivityQuery = { 
/**
 * The studio's local date, YYYY-MM-DD.
 */
date?: string | null, 
/**
 * A staff member's id.
 */
staff?: string | null, 
/**
 * A room's id.
 */
room?: string | null, 
/**
 * A booking's id.
 */
booking?: string | null, };

export type ActivityEntry = { 
/**
 * In the studio's timezone.
 */
at: string, desk: string, 
/**
 * The staff member signed in at the desk (none before the studio had staff).
 */
staff: string | null, 
/**
 * `staff` signed in at the desk without the server (their PIN checked there): recorded
 * as the server knows the member, unverified (added with staff sessions).
 */
staffOffline?: boolean, 
/**
 * `create`, `cancel`, `move`, `studio`, `queued`, or a desk's word for a change it
 * pulled (`server`, `conflict`, …).
 */
action: string, booking: string | null, room: string | null, 
/**
 * The booking's customer.
 */
customer: string | null, };

export type ReportQuery = { 
/**
 * The first local date, YYYY-MM-DD.
 */
from: string, 
/**
 * The last local date, YYYY-MM-DD (included).
 */
to: string, 
/**
 * Room ids separated by commas; all rooms when left out.
 */
rooms?: string | null, };

export type RoomOccupancy = { room: string, 
/**
 * Minutes the studio was open (opening hours, closed and special dates).
 */
openMinutes: number, 
/**
 * Minutes of open time booked (confirmed bookings).
 */
bookedMinutes: number, 
/**
 * Minutes of open time kept free after bookings for the room's changeover (not
 * booked, not counted in `booked_minutes`).
 */
changeoverMinutes: number, };

export type HeatCell = { 
/**
 * 0 = Monday … 6 = Sunday.
 */
weekday: number, 
/**
 * The local hour, 0–23 (on the day clocks go back, the repeated hour counts twice).
 */
hour: number, openMinutes: number, bookedMinutes: number, };

export type OccupancyReport = { from: string, to: string, 
/**
 * The rooms asked for, in the studio's order.
 */
rooms: Array<RoomOccupancy>, 
/**
 * The selected rooms together: 7 × 24 cells, Monday 00:00 first, then by hour.
 */
heatmap: Array<HeatCell>, };

export type RoomMoney = { room: string, 
/**
 * Bookings not cancelled.
 */
bookings: number, billed: number, 
/**
 * The unwaived fees of late cancellations and no-shows, part of `billed` (added with
 * fees; 0 from an older server).
 */
fees: number, paid: number, };

export type MonthMoney = { 
/**
 * `YYYY-MM`, the local month of the bookings' starts.
 */
month: string, billed: number, 
/**
 * The unwaived fees, part of `billed` (added with fees).
 */
fees: number, paid: number, };

export type MethodMoney = { method: PaymentMethod, paid: number, };

export type Unpaid = { bookings: number, 
/**
 * What is still to be paid: price less paid, summed.
 */
amount: number, };

export type MoneyReport = { from: string, to: string, 
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

export type TopCustomer = { 
/**
 * The customer record (a merged record counts under the one it was merged into).
 */
customer: string, name: string, bookings: number, minutes: number, };

export type CustomersReport = { from: string, to: string, 
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

export type PaymentEntry = { 
/**
 * In the studio's timezone.
 */
at: string, booking: string, room: string | null, customer: string | null, method: PaymentMethod, amount: number, staff: string | null, desk: string, };

export type CashUpTotals = { received: number, refunded: number, };

export type CashUpTotal = { method: PaymentMethod, received: number, refunded: number, };

export type StaffCashUp = { staff: string | null, received: number, refunded: number, };

export type CashUp = { date: string, currency: string, 
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

export type FeedDetail = "name" | "booked";

export type CreateFeedRequest = { 
/**
 * The room whose bookings the feed shows; the whole studio when left out.
 */
room?: string | null, detail: FeedDetail, 
/**
 * A note for admins telling feeds apart, e.g. `Owner's phone` (at most 120 characters).
 */
label?: string | null, };

export type FeedDto = { id: string, 
/**
 * The room; none for the whole studio.
 */
room?: string | null, detail: FeedDetail, label?: string | null, createdAt: string, 
/**
 * The secret address to subscribe to, `/feeds/{token}.ics` on the server (the server
 * answers the path; the desk shows it joined to the server address it uses). Only in
 * the creation's answer.
 */
url?: string | null, };

export type OnlineRoom = { room: string, 
/**
 * Minutes; a subset of the room's durations.
 */
durations: Array<number>, };

export type OnlineBooking = { 
/**
 * Whether the page takes bookings; when off, every page address answers 404.
 */
enabled: boolean, rooms: Array<OnlineRoom>, 
/**
 * Earliest notice: a start at least this many minutes from now.
 */
leadMinutes: number, 
/**
 * Furthest ahead: a date at most this many days after today.
 */
daysAhead: number, 
/**
 * Customers may cancel through their link until this many hours before the start;
 * later, the page tells them to call the studio.
 */
cancelHours: number, 
/**
 * The reminder e-mail goes this many hours before the start, to the customer of every
 * booking with an e-mail address (desk and online alike); 0: no reminders. Settings
 * saved before it existed read as the default, 24.
 */
reminderHours: number, 
/**
 * The reminder goes by SMS too, to customers whose phone number parsed (E.164),
 * through the server's SMS gateway (`serve --sms-url`; without one a save that asks for
 * it is refused). Added later; left out: no SMS.
 */
smsReminders?: boolean, 
/**
 * Bookings made on the page wait for staff approval: they hold their time, the
 * customer hears that the request was received, and the confirmation goes when staff
 * approve it (a decline cancels it, owing nothing). Added later; left out: no waiting.
 */
approval?: boolean, 
/**
 * The studio's phone number for customers, shown on the page, past the terms on the
 * manage page, and in every e-mail (added later; left out: none). Checked to be a
 * number of the studio's country (or with `+` and a country code), kept as typed.
 */
contactPhone?: string | null, 
/**
 * The studio's e-mail address for customers, shown where the phone is.
 */
contactEmail?: string | null, };

export type OnlineBookingDto = { version: number, 
/**
 * The page's address, `/book/{studio}` on the server (answered by the server; the
 * desk shows it joined to the server address it uses). Ignored in a `PUT`.
 */
page?: string | null, 
/**
 * Whether the page takes bookings; when off, every page address answers 404.
 */
enabled: boolean, rooms: Array<OnlineRoom>, 
/**
 * Earliest notice: a start at least this many minutes from now.
 */
leadMinutes: number, 
/**
 * Furthest ahead: a date at most this many days after today.
 */
daysAhead: number, 
/**
 * Customers may cancel through their link until this many hours before the start;
 * later, the page tells them to call the studio.
 */
cancelHours: number, 
/**
 * The reminder e-mail goes this many hours before the start, to the customer of every
 * booking with an e-mail address (desk and online alike); 0: no reminders. Settings
 * saved before it existed read as the default, 24.
 */
reminderHours: number, 
/**
 * The reminder goes by SMS too, to customers whose phone number parsed (E.164),
 * through the server's SMS gateway (`serve --sms-url`; without one a save that asks for
 * it is refused). Added later; left out: no SMS.
 */
smsReminders?: boolean, 
/**
 * Bookings made on the page wait for staff approval: they hold their time, the
 * customer hears that the request was received, and the confirmation goes when staff
 * approve it (a decline cancels it, owing nothing). Added later; left out: no waiting.
 */
approval?: boolean, 
/**
 * The studio's phone number for customers, shown on the page, past the terms on the
 * manage page, and in every e-mail (added later; left out: none). Checked to be a
 * number of the studio's country (or with `+` and a country code), kept as typed.
 */
contactPhone?: string | null, 
/**
 * The studio's e-mail address for customers, shown where the phone is.
 */
contactEmail?: string | null, };
