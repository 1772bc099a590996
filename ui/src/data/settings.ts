// The desk's own settings (server, full screen, first run) and its connection to a server.
import { useCallback } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import * as api from "../api/commands";
import type { CommandError, EnrolView, Settings } from "../api/types";
import { invalidate, keys } from "./keys";
import { useWrite, type Then } from "./write";

/** The desk's settings; `firstRun` decides whether the welcome screen is shown. */
export function useSettings() {
  return useQuery<Settings, CommandError>({ queryKey: keys.settings, queryFn: api.getSettings });
}

export function useSetStartFullscreen() {
  return useWrite((on: boolean) => api.setStartFullscreen(on), {
    set: (client, saved) => client.setQueryData(keys.settings, saved),
  });
}

/** The desk now works with another server (or none): its settings as answered, every
 * answer of the old one asked again. */
export function useServerChanged() {
  const client = useQueryClient();
  return useCallback(
    (next: Settings) => {
      client.setQueryData(keys.settings, next);
      invalidate(client, "server");
    },
    [client],
  );
}

/** Makes the desk standalone (no server). */
export function useStandalone() {
  const changed = useServerChanged();
  return useWrite<Settings, void>(() => api.saveSettings("", ""), {}, { onSuccess: changed });
}

export interface Enrolment {
  serverUrl: string;
  code: string;
}

/** Exchanges a one-time code for the desk's token at a server. */
export function useEnrol(then?: Then<EnrolView, Enrolment>) {
  return useWrite((e: Enrolment) => api.enrolDesk(e.serverUrl, e.code), {}, then);
}
