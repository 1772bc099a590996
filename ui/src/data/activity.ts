// The audit log: who did what, when, at which desk.
import { useQuery } from "@tanstack/react-query";
import * as api from "../api/commands";
import type { ActivityEntry, CommandError } from "../api/types";
import { keys } from "./keys";

/** Entries filtered by date, staff member, room or booking ("" for any). */
export function useActivity(filter: { date: string; staff: string; room: string; booking: string }) {
  const { date, staff, room, booking } = filter;
  return useQuery<ActivityEntry[], CommandError>({
    queryKey: keys.activity(date, staff, room, booking),
    queryFn: () => api.activity({ date: date || null, staff: staff || null, room: room || null, booking: booking || null }),
  });
}
