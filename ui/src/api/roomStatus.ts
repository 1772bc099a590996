// Room cards ask for their own room's status; the batcher turns the asks of one moment into
// ONE `rooms_status` call.
import { create, indexedResolver, windowScheduler } from "@yornaath/batshit";
import { roomsStatus } from "./commands";
import type { RoomStatus } from "./types";

export type RoomStatusFetcher = (rooms: string[]) => Promise<Record<string, RoomStatus>>;

export function roomStatusBatcher(fetch: RoomStatusFetcher = roomsStatus, windowMs = 10) {
  return create({
    fetcher: (rooms: string[]) => fetch([...new Set(rooms)]),
    resolver: indexedResolver<Record<string, RoomStatus>, string>(),
    scheduler: windowScheduler(windowMs),
  });
}
