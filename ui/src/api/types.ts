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
  Booking,
  BookingChange,
  BookingState as BookingStatus,
  CommandError,
  ConflictDto as Conflict,
  CreateBookingRequest as NewBooking,
  CustomerDto as Customer,
  DayBoard,
  DaySlotsResponse as DaySlots,
  DeskEvent,
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
} from "./generated";

/** Per date of the month: does a start for the duration remain? */
export type MonthAvailability = Record<string, boolean>;
