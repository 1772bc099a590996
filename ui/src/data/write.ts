// Mutations as the data hooks make them: the command, then what it makes stale (one kind of
// change from keys.ts, never everything), then what the component wants done.
import { useMutation, useQueryClient, type QueryClient, type UseMutationOptions } from "@tanstack/react-query";
import type { CommandError } from "../api/types";
import { invalidate, type Change } from "./keys";

/** What a component adds to a write: its own reaction to the answer. */
export type Then<TData, TVars> = Pick<UseMutationOptions<TData, CommandError, TVars>, "onSuccess" | "onError" | "onSettled">;

export interface After<TData, TVars> {
  /** The kind of change the write makes: its roots are marked stale. */
  stale?: Change;
  /** Also when the write is refused (a resolution that failed may still have moved on). */
  staleEvenIfRefused?: boolean;
  /** Answers that are the new state of a query are put into the cache as they are. */
  set?: (client: QueryClient, data: TData, vars: TVars) => void;
}

export function useWrite<TData, TVars = void>(
  mutationFn: (vars: TVars) => Promise<TData>,
  after: After<TData, TVars>,
  then: Then<TData, TVars> = {},
) {
  const client = useQueryClient();
  return useMutation<TData, CommandError, TVars>({
    mutationFn,
    onSuccess: (...args) => {
      after.set?.(client, args[0], args[1]);
      if (after.stale && !after.staleEvenIfRefused) invalidate(client, after.stale);
      return then.onSuccess?.(...args);
    },
    onError: then.onError,
    onSettled: (...args) => {
      if (after.stale && after.staleEvenIfRefused) invalidate(client, after.stale);
      return then.onSettled?.(...args);
    },
  });
}
