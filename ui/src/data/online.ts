// What the studio's public booking page offers, on its server: an admin reads and saves it.
// The key carries who is signed in, so an admin signing in asks again at once.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import * as api from "../api/commands";
import type { CommandError, OnlineBookingDto } from "../api/types";
import { keys } from "./keys";
import { useWrite, type Then } from "./write";

/** The desk a booking made on the public page names (the protocol's `ONLINE_DESK`). */
export const ONLINE_DESK = "online";

/** The settings; nothing is asked while `enabled` is false (a standalone desk has no page). */
export function useOnlineBooking(who: string, enabled: boolean) {
  return useQuery<OnlineBookingDto, CommandError>({
    queryKey: keys.onlineBooking(who),
    queryFn: api.onlineBooking,
    enabled,
    retry: false,
  });
}

/** Saves the settings made to their version; the answer (the new version) is the state. */
export function useSaveOnlineBooking(who: string, then?: Then<OnlineBookingDto, OnlineBookingDto>) {
  const client = useQueryClient();
  return useWrite(
    (settings: OnlineBookingDto) => api.saveOnlineBooking(settings),
    { set: (c, saved) => c.setQueryData(keys.onlineBooking(who), saved) },
    {
      ...then,
      // Refused as stale: someone saved meanwhile; show theirs.
      onError: (...args) => {
        if (args[0].code === "stale") void client.invalidateQueries({ queryKey: keys.onlineBooking(who) });
        return then?.onError?.(...args);
      },
    },
  );
}
