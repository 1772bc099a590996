// TanStack Query keys and the one place backend events invalidate them: the UI re-asks when
// the backend says something changed instead of polling.
import { useEffect } from "react";
import { useQuery, type QueryClient } from "@tanstack/react-query";
import * as api from "./api/commands";
import { onDeskEvent } from "./api/events";
import type { CommandError, DeskEvent, SeriesRule, Settings, StudioInfo } from "./api/types";

export const keys = {
  studio: ["studio"] as const,
  board: (date: string) => ["board", date] as const,
  slots: (room: string, date: string, duration: number, session: string) =>
    ["slots", room, date, duration, session] as const,
  month: (room: string, year: number, month: number, duration: number) =>
    ["month", room, year, month, duration] as const,
  roomStatus: (room: string) => ["roomStatus", room] as const,
  bookings: (name: string, date: string) => ["bookings", name, date] as const,
  sync: ["sync"] as const,
  conflicts: ["conflicts"] as const,
  settings: ["settings"] as const,
  signIn: ["signIn"] as const,
  staff: ["staff"] as const,
  activity: (date: string, staff: string, room: string, booking: string) =>
    ["activity", date, staff, room, booking] as const,
  /** A series' occurrences, free or why not (the rule is part of the key). */
  seriesPreview: (room: string, rule: SeriesRule | null, session: string) => ["seriesPreview", room, rule, session] as const,
  /** Customers matching typed text (the booking flow's lookup, the Customers screen). */
  customers: (text: string) => ["customers", "find", text] as const,
  /** A customer's page: their counts and bookings. */
  customer: (id: string) => ["customers", "page", id] as const,
};

/** What each backend event makes stale. */
export function applyDeskEvent(client: QueryClient, event: DeskEvent): void {
  switch (event.kind) {
    case "bookingsChanged":
      for (const key of ["board", "slots", "month", "roomStatus", "bookings", "conflicts", "refusedChanges", "sync", "activity", "seriesPreview", "customers"]) {
        void client.invalidateQueries({ queryKey: [key] });
      }
      break;
    case "holdsChanged":
      for (const date of event.dates) {
        void client.invalidateQueries({ queryKey: keys.board(date) });
        void client.invalidateQueries({ queryKey: ["slots", event.room, date] });
      }
      void client.invalidateQueries({ queryKey: ["month", event.room] });
      void client.invalidateQueries({ queryKey: ["seriesPreview", event.room] });
      void client.invalidateQueries({ queryKey: keys.roomStatus(event.room) });
      break;
    case "syncStatusChanged":
      client.setQueryData(keys.sync, event.status);
      break;
    case "studioChanged":
      // Rooms, hours and everything derived from them may differ: ask again for all.
      void client.invalidateQueries();
      break;
  }
}

/** Follows the backend's events for as long as the component is mounted. */
export function useDeskEvents(client: QueryClient): void {
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let stopped = false;
    onDeskEvent((event) => applyDeskEvent(client, event))
      .then((stop) => {
        if (stopped) stop();
        else unlisten = stop;
      })
      .catch(() => {
        // Without the event bridge (a plain browser) the UI still works; it just re-asks on
        // its own actions only.
      });
    return () => {
      stopped = true;
      unlisten?.();
    };
  }, [client]);
}

export function useStudio() {
  return useQuery<StudioInfo, CommandError>({ queryKey: keys.studio, queryFn: api.studio, staleTime: Infinity });
}

export function useSyncStatus() {
  return useQuery({ queryKey: keys.sync, queryFn: api.syncStatus });
}

/** The desk's settings; `firstRun` decides whether the welcome screen is shown. */
export function useSettings() {
  return useQuery<Settings, CommandError>({ queryKey: keys.settings, queryFn: api.getSettings });
}
