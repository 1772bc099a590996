// Who is at the desk: the staff list, sign-in state, sign in and out, the idle sign-out time.
import { useCallback } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import * as api from "../api/commands";
import type { CommandError, SignInState, StaffMember } from "../api/types";
import { keys } from "./keys";
import { useWrite, type Then } from "./write";

/** How often the header re-asks who is signed in (the backend signs out after idle time). */
const STATE_EVERY_MS = 15_000;

const setState = (client: ReturnType<typeof useQueryClient>, next: SignInState) => client.setQueryData(keys.signIn, next);

export function useSignInState() {
  return useQuery<SignInState, CommandError>({
    queryKey: keys.signIn,
    queryFn: api.signInState,
    refetchInterval: STATE_EVERY_MS,
  });
}

export function useStaffMembers() {
  return useQuery<StaffMember[], CommandError>({ queryKey: keys.staff, queryFn: api.staffMembers });
}

export function useSignIn(then?: Then<SignInState, { id: string; pin: string }>) {
  return useWrite((who: { id: string; pin: string }) => api.signIn(who.id, who.pin), { set: setState }, then);
}

export function useSignOut() {
  return useWrite<SignInState, void>(() => api.signOut(), { set: setState });
}

export function useSetSignOutMinutes() {
  return useWrite((minutes: number) => api.setSignOutMinutes(minutes), { set: setState });
}

/** Staff are at the desk: the idle sign-out starts again (errors are of no interest). */
export function useTouch(): () => void {
  const client = useQueryClient();
  return useCallback(() => {
    api.touch().then(
      (next) => setState(client, next),
      () => {},
    );
  }, [client]);
}
