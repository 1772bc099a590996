// The backend's events (ui/src/api/events.ts, typed by the generated `DeskEvent`) and what
// each makes stale. The table is keyed by every event kind: a kind added in Rust and
// generated into the TypeScript types fails the type check here until it is mapped.
import { useEffect } from "react";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { onDeskEvent } from "../api/events";
import type { DeskEvent } from "../api/types";
import { invalidate, keys } from "./keys";

export type DeskEventKind = DeskEvent["kind"];

type Handlers = { [K in DeskEventKind]: (client: QueryClient, event: Extract<DeskEvent, { kind: K }>) => void };

export const ON_EVENT: Handlers = {
  bookingsChanged: (client) => invalidate(client, "bookings"),
  holdsChanged: (client, event) => {
    // Only that room's start times and dates, and the boards of those dates.
    for (const date of event.dates) {
      void client.invalidateQueries({ queryKey: keys.board(date) });
      void client.invalidateQueries({ queryKey: keys.slotsOf(event.room, date) });
    }
    void client.invalidateQueries({ queryKey: keys.monthsOf(event.room) });
    void client.invalidateQueries({ queryKey: keys.seriesPreviewsOf(event.room) });
    void client.invalidateQueries({ queryKey: keys.roomStatus(event.room) });
  },
  // The status comes with the event: shown as sent, nothing asked.
  syncStatusChanged: (client, event) => client.setQueryData(keys.sync, event.status),
  studioChanged: (client) => invalidate(client, "studio"),
};

/** What a backend event makes stale (or, for the sync status, sets). */
export function applyDeskEvent(client: QueryClient, event: DeskEvent): void {
  // The table's type ties each handler to its own kind; TypeScript cannot follow that
  // through an index by a union, hence the one widening here.
  (ON_EVENT[event.kind] as (client: QueryClient, event: DeskEvent) => void)(client, event);
}

/** Follows the backend's events for as long as the component is mounted. */
export function useDeskEvents(): void {
  const client = useQueryClient();
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

