// The desk's backups: an admin lists them and restores one. The list's key carries who is
// signed in, so an admin signing in asks again at once. A restore replaces the desk's file:
// every answer may differ afterwards.
import { useQuery } from "@tanstack/react-query";
import * as api from "../api/commands";
import type { BackupView, CommandError, RestoredView } from "../api/types";
import { keys } from "./keys";
import { useWrite, type Then } from "./write";

export function useBackups(who: string) {
  return useQuery<BackupView[], CommandError>({
    queryKey: keys.backups(who),
    queryFn: api.listBackups,
    // Refused for want of an admin: asking again changes nothing.
    retry: false,
  });
}

export function useRestoreBackup(then?: Then<RestoredView, string>) {
  return useWrite((name: string) => api.restoreBackup(name), { stale: "server" }, then);
}
