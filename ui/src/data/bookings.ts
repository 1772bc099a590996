// Bookings: the day board, start times, month availability, prices, series, and every write
// that makes, moves, changes or cancels one.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import * as api from "../api/commands";
import type {
  Booking,
  BookingChange,
  BookSeriesRequest,
  ChangeFollowingRequest,
  CommandError,
  DayBoard,
  DaySlots,
  FeeKind,
  FeePreview,
  MessagesView,
  MonthAvailability,
  NewBooking,
  Occurrence,
  Quote,
  SeriesOutcome,
  SeriesRule,
} from "../api/types";
import { keys } from "./keys";
import { useWrite, type Then } from "./write";

export function useDayBoard(date: string) {
  return useQuery<DayBoard, CommandError>({ queryKey: keys.board(date), queryFn: () => api.dayBoard(date) });
}

/** A date's start times for a room and duration; `session` marks this session's own holds. */
export function useDaySlots(room: string, date: string, duration: number, session: string | null, enabled = true) {
  return useQuery<DaySlots, CommandError>({
    queryKey: keys.slots(room, date, duration, session ?? ""),
    queryFn: () => api.daySlots(room, date, duration, session ?? undefined),
    enabled,
  });
}

export function useMonthAvailability(room: string, year: number, month: number, duration: number) {
  return useQuery<MonthAvailability, CommandError>({
    queryKey: keys.month(room, year, month, duration),
    queryFn: () => api.monthAvailability(room, year, month, duration),
  });
}

/** Bookings by customer name, or else by date. */
export function useFindBookings(name: string, date: string) {
  return useQuery<Booking[], CommandError>({
    queryKey: keys.bookings(name, date),
    queryFn: () => api.findBookings(name ? { name } : { date }),
  });
}

export function useQuote(room: string, start: string, end: string) {
  return useQuery<Quote, CommandError>({ queryKey: keys.quote(room, start, end), queryFn: () => api.quote(room, start, end) });
}

/** What cancelling or a no-show of a booking would owe now; asked afresh each time staff
 * open the confirmation (kept no longer than it is shown), since the fee depends on the time. */
export function useFeePreview(id: string, kind: FeeKind) {
  return useQuery<FeePreview, CommandError>({
    queryKey: keys.feePreview(id, kind),
    queryFn: () => api.feePreview(id, kind),
    staleTime: 0,
    gcTime: 0,
  });
}

/** The messages a booking sent its customer and what became of each (from the server). */
export function useBookingMessages(id: string) {
  return useQuery<MessagesView, CommandError>({
    queryKey: keys.messages(id),
    queryFn: () => api.bookingMessages(id),
  });
}

/** Every occurrence of a series rule, free or why not (nothing written). */
export function useSeriesPreview(room: string, rule: SeriesRule | null, session: string) {
  return useQuery<Occurrence[], CommandError>({
    queryKey: keys.seriesPreview(room, rule, session),
    queryFn: () => (rule ? api.previewSeries(rule, session) : Promise.resolve([])),
    enabled: rule !== null,
    // The last list stays (marked busy) while the next rule is asked for.
    placeholderData: keepPreviousData,
  });
}

/** A new booking (its hold's session goes with it); the backend's event refreshes the views. */
export function useCreateBooking(then?: Then<Booking, NewBooking>) {
  return useWrite(api.createBooking, {}, then);
}

export function useBookSeries(then?: Then<SeriesOutcome, BookSeriesRequest>) {
  return useWrite(api.bookSeries, {}, then);
}

/** A change made to the version shown: a new span, details, check-in, no-show, payment. */
export function useChangeBooking(id: string, then?: Then<Booking, BookingChange>) {
  return useWrite((change: BookingChange) => api.changeBooking(id, change), { stale: "bookings" }, then);
}

export function useCancelBooking(id: string, then?: Then<Booking, string | null>) {
  return useWrite((reason: string | null) => api.cancelBooking(id, reason), { stale: "bookings" }, then);
}

/** Cancels this occurrence and every later one of its series. */
export function useCancelFollowing(id: string, then?: Then<Booking[], string | null>) {
  return useWrite((reason: string | null) => api.cancelFollowing(id, reason), { stale: "bookings" }, then);
}

/** Moves this occurrence and every later one of its series: all or none. */
export function useChangeFollowing(id: string, then?: Then<Booking[], ChangeFollowingRequest>) {
  return useWrite((request: ChangeFollowingRequest) => api.changeFollowing(id, request), { stale: "bookings" }, then);
}
