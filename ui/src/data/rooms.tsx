// Each room's current and next bookings, asked for all room cards in ONE batched call.
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { roomStatusBatcher } from "../api/roomStatus";
import type { CommandError, RoomStatus } from "../api/types";
import { keys } from "./keys";

type Batcher = ReturnType<typeof roomStatusBatcher>;

const BatcherContext = createContext<Batcher | null>(null);

/** Gives room cards the batcher that merges their asks into one `rooms_status` call. */
export function RoomStatusProvider({ batcher, children }: { batcher?: Batcher; children: ReactNode }) {
  const value = useMemo(() => batcher ?? roomStatusBatcher(), [batcher]);
  return <BatcherContext.Provider value={value}>{children}</BatcherContext.Provider>;
}

export function useRoomStatus(room: string) {
  const batcher = useContext(BatcherContext);
  if (!batcher) throw new Error("useRoomStatus outside RoomStatusProvider");
  return useQuery<RoomStatus | null, CommandError>({
    queryKey: keys.roomStatus(room),
    queryFn: () => batcher.fetch(room),
    // Changes arrive as events; this only moves "current" and "next" along as time passes
    // (all cards refetch in the same moment, so still one call).
    refetchInterval: 60_000,
  });
}
