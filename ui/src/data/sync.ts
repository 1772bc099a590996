// The desk's sync with its server: the status, conflicts to move or cancel, and changes and
// customer edits the server refused.
import { useQuery } from "@tanstack/react-query";
import * as api from "../api/commands";
import type { Booking, CommandError, CustomerRecord, RefusedChangeView, RefusedCustomerEditView, SyncStatus } from "../api/types";
import { keys } from "./keys";
import { useWrite, type Then } from "./write";

export function useSyncStatus() {
  return useQuery<SyncStatus, CommandError>({ queryKey: keys.sync, queryFn: api.syncStatus });
}

export function useSyncNow() {
  return useWrite<SyncStatus, void>(() => api.syncNow(), { set: (client, status) => client.setQueryData(keys.sync, status) });
}

export function useConflicts() {
  return useQuery<Booking[], CommandError>({ queryKey: keys.conflicts, queryFn: api.conflicts });
}

export interface ConflictMove {
  room: string;
  start: string;
  end: string;
}

export function useMoveConflict(id: string, then?: Then<Booking, ConflictMove>) {
  return useWrite((to: ConflictMove) => api.moveConflict(id, to.room, to.start, to.end), { stale: "bookings" }, then);
}

export interface Resolution {
  mutation: string;
  applyMine: boolean;
}

export function useRefusedChanges() {
  return useQuery<RefusedChangeView[], CommandError>({ queryKey: keys.refusedChanges, queryFn: api.refusedChanges });
}

/** Staff chose for a refused change; asked again even when refused (it may be gone). */
export function useResolveRefusedChange() {
  return useWrite((r: Resolution) => api.resolveRefusedChange(r.mutation, r.applyMine), { stale: "bookings", staleEvenIfRefused: true });
}

export function useRefusedCustomerEdits() {
  return useQuery<RefusedCustomerEditView[], CommandError>({
    queryKey: keys.refusedCustomerEdits,
    queryFn: api.refusedCustomerEdits,
  });
}

/** Staff chose for a refused customer edit: the customer's record and the list follow. */
export function useResolveRefusedCustomerEdit() {
  return useWrite<CustomerRecord | null, Resolution>((r) => api.resolveRefusedCustomerEdit(r.mutation, r.applyMine), {
    stale: "customers",
    staleEvenIfRefused: true,
  });
}
