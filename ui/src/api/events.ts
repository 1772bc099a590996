import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { DeskEvent } from "./types";

/** The backend's one event channel (src-tauri/src/events.rs `DESK_EVENT`). */
export const DESK_EVENT = "desk-event";

export function onDeskEvent(handler: (event: DeskEvent) => void): Promise<UnlistenFn> {
  return listen<DeskEvent>(DESK_EVENT, (e) => handler(e.payload));
}
