// A booking session's hold: set at once, renewed every 5 s with ONE batched call for all its
// spans, released on Back, on leaving, or after booking.
import { useEffect, useRef, useState } from "react";
import * as api from "./api/commands";
import type { CommandError, HoldSpan } from "./api/types";

/** How often a live hold is renewed (the backend lets it expire 10 s after the last). */
export const HEARTBEAT_MS = 5_000;

export type HoldState =
  | { state: "holding" }
  | { state: "live"; expiresAt: string }
  | { state: "failed"; error: CommandError };

export interface HoldApi {
  setHolds: (session: string, holds: HoldSpan[]) => Promise<string>;
  releaseHolds: (session: string) => Promise<void>;
}

/**
 * Holds `spans` for `session` while mounted with spans; an empty list holds nothing.
 * Releases when the spans change to none or the component goes away.
 */
export function useHold(session: string, spans: HoldSpan[], holdApi: HoldApi = api): HoldState | null {
  const key = JSON.stringify(spans);
  const asked = `${session}\n${key}`;
  // The last answer, for the session and spans it was asked for: a newer ask shows "holding"
  // until its own answer comes.
  const [answer, setAnswer] = useState<{ asked: string; state: HoldState } | null>(null);
  const apiRef = useRef(holdApi);
  useEffect(() => {
    apiRef.current = holdApi;
  }, [holdApi]);

  useEffect(() => {
    const wanted: HoldSpan[] = JSON.parse(key);
    if (wanted.length === 0) return;
    let active = true;
    const beat = () =>
      apiRef.current.setHolds(session, wanted).then(
        (expiresAt) => active && setAnswer({ asked, state: { state: "live", expiresAt } }),
        (error: CommandError) => {
          if (!active) return;
          setAnswer({ asked, state: { state: "failed", error } });
          clearInterval(timer);
        },
      );
    void beat();
    const timer = setInterval(() => void beat(), HEARTBEAT_MS);
    return () => {
      active = false;
      clearInterval(timer);
      void apiRef.current.releaseHolds(session).catch(() => {
        // Unreleased holds expire on their own within seconds.
      });
    };
  }, [session, key, asked]);

  if (spans.length === 0) return null;
  return answer?.asked === asked ? answer.state : { state: "holding" };
}
