// The studio (rooms, hours, prices, staff) and the first run's ways to one.
import { useCallback } from "react";
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import * as api from "../api/commands";
import type { Booking, CommandError, Settings, StudioInfo, StudioUpdate } from "../api/types";
import { invalidate, keys } from "./keys";
import { useWrite, type Then } from "./write";

export function useStudio() {
  return useQuery<StudioInfo, CommandError>({ queryKey: keys.studio, queryFn: api.studio, staleTime: Infinity });
}

/** The bookings ahead that an update would leave outside its hours or rooms. */
export function useCheckStudio(then?: Then<Booking[], StudioUpdate>) {
  return useWrite(api.checkStudio, {}, then);
}

/** Saves the studio (an admin): the answer is the studio now; what derives from it is asked again. */
export function useSaveStudio(then?: Then<StudioInfo, StudioUpdate>) {
  return useWrite(api.changeStudio, { set: (client, saved) => client.setQueryData(keys.studio, saved), stale: "studio" }, then);
}

/** Saves the studio's staff (names, roles, PINs). */
export function useSaveStaff(then?: Then<StudioInfo, StudioUpdate>) {
  return useWrite(api.changeStudio, { set: (client, saved) => client.setQueryData(keys.studio, saved), stale: "staff" }, then);
}

/** Ends the first run in the cache: the studio and settings as answered, the rest asked again. */
export function finishFirstRun(client: QueryClient, studio?: StudioInfo, settings?: Settings) {
  if (studio) client.setQueryData(keys.studio, studio);
  client.setQueryData<Settings>(keys.settings, (old) => settings ?? (old && { ...old, firstRun: false }));
  invalidate(client, "server");
}

export function useFinishFirstRun() {
  const client = useQueryClient();
  return useCallback((studio?: StudioInfo, settings?: Settings) => finishFirstRun(client, studio, settings), [client]);
}

/** First run: the demo studio. */
export function useChooseDemo() {
  const finish = useFinishFirstRun();
  return useWrite<StudioInfo, void>(() => api.chooseDemo(), {}, { onSuccess: (studio) => finish(studio) });
}

/** First run: this desk's own studio, made (by `build`) from the version it started with. */
export function useSetupStudio() {
  const client = useQueryClient();
  return useWrite<StudioInfo, (version: number) => StudioUpdate>(
    async (build) => {
      const current = await client.ensureQueryData({ queryKey: keys.studio, queryFn: api.studio });
      return api.setupStudio(build(current.version));
    },
    {},
    {
      onSuccess: (studio) => finishFirstRun(client, studio),
      onError: (error) => {
        if (error.code === "stale") void client.invalidateQueries({ queryKey: keys.studio });
      },
    },
  );
}
