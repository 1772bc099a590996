// The shapes the desk's backend answers. Every one is generated from the Rust types
// (./generated/, written by src-tauri/src/bindings.rs, checked by `cargo test`); this
// file only gives some of them the names the UI uses.
// Instants are RFC 3339 strings with the studio's offset; dates are `YYYY-MM-DD`.

export type {
  ActivityEntry,
  ActivityQuery,
  BookSeriesRequest,
  ChangeFollowingRequest,
  CustomerPageView as CustomerPage,
  CustomerRecordDto as CustomerRecord,
  CustomerSummaryDto as CustomerSummary,
  EditCustomerRequest,
  OccurrenceDto as Occurrence,
  RepeatDto as Repeat,
  SeriesOutcome,
  SeriesRuleDto as SeriesRule,
  SkipReasonDto as SkipReason,
  BoardHold,
  BoardRoom,
  BookingState as BookingStatus,
  CommandError,
  ConflictDto as Conflict,
  CreateBookingRequest as NewBooking,
  CustomerDto as Customer,
  DayBoard,
  DaySlotsResponse as DaySlots,
  DeskEvent,
  EnrolView,
  ErrorCode,
  HoldSpan,
  HoursDto as OpeningHours,
  RoomInfo,
  RoomStatus,
  PaymentDto,
  RefusedChangeView,
  RefusedCustomerEditView,
  Settings,
  SignInState,
  StaffMember,
  StaffRole,
  StaffUpdate,
  Quote,
  SlotDto as Slot,
  SlotStatusDto as SlotStatus,
  StudioInfo,
  StudioUpdate,
  SyncStatus,
  // The studio's numbers (reports, cash-up, CSV exports).
  ReportQuery,
  ReportSource,
  OccupancyReport,
  OccupancyView,
  RoomOccupancy,
  HeatCell,
  MoneyReport,
  MoneyView,
  RoomMoney,
  MonthMoney,
  MethodMoney,
  Unpaid,
  CustomersReport,
  CustomersView,
  TopCustomer,
  CashUp,
  CashUpView,
  CashUpTotal,
  CashUpTotals,
  StaffCashUp,
  PaymentEntry,
  ExportKind,
  ExportLanguage,
  ExportView,
  BackupView,
  RestoredView,
  // Calendar feeds (on the studio's server).
  CreateFeedRequest,
  FeedDetail,
  FeedDto as Feed,
  // The public booking page's settings (on the studio's server).
  OnlineBooking,
  OnlineBookingDto,
  OnlineRoom,
  // Cancellation terms of the studio and its rooms.
  TermsDto as Terms,
  FeeTierDto as FeeTier,
} from "./generated";
import type { Booking as DeskBooking, BookingChange as WireBookingChange } from "./generated";

// Cancellation fees (issue 25), as the contract with the Rust side names them. Written here
// until the bindings generate them; then these become re-exports of ./generated.
/** Which fee a preview is asked for. */
export type FeeKind = "cancel" | "noShow";
/** The rule that set a fee recorded on a booking. */
export type FeeRuleDto = "late_cancel" | "no_show";
/** An admin waived the fee: why, when (RFC 3339, studio offset) and who. */
export interface WaiverDto {
  reason: string;
  at: string;
  by?: string | null;
}
/** A fee owed by a booking (minor units), and what set it. */
export interface FeeDto {
  amount: number;
  rule: FeeRuleDto;
  percent: number;
  /** The tier's boundary, for a late cancellation. */
  hoursBefore?: number | null;
  /** The tier's place in the terms (0 the furthest from the start). */
  tier?: number | null;
  waived?: WaiverDto | null;
}
/** What cancelling or marking a no-show would owe now (computed by the backend). */
export interface FeePreview {
  amount: number;
  price: number;
  percent: number;
  /** `none`: no terms or no price; `free`: inside free cancellation. */
  rule: "none" | "free" | "late_cancel" | "no_show";
  hoursBefore?: number | null;
  currency: string;
}
export type Booking = DeskBooking & { fee?: FeeDto | null };
export type BookingChange = WireBookingChange | { kind: "waiveFee"; reason: string };

/** Per date of the month: does a start for the duration remain? */
export type MonthAvailability = Record<string, boolean>;
