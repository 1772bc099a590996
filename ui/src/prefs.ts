// The desk's own UI preferences, kept in the window's storage like the language: whether
// single-key shortcuts are on (WCAG 2.1.4: a key alone can be turned off; Alt + the key
// always works).
import { useCallback, useSyncExternalStore } from "react";

const SHORTCUTS_KEY = "frontdesk.shortcuts";
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return globalThis.localStorage?.getItem(SHORTCUTS_KEY) !== "off";
  } catch {
    return true;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether a key alone (B, N, R, …, arrows, T) acts, and the switch for it. */
export function useSingleKeyShortcuts(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, read, () => true);
  const set = useCallback((next: boolean) => {
    try {
      globalThis.localStorage?.setItem(SHORTCUTS_KEY, next ? "on" : "off");
    } catch {
      // Without storage the choice lasts until the window closes.
    }
    for (const listener of listeners) listener();
  }, []);
  return [on, set];
}
