// Typed wrappers of the backend's studio commands. Only ui/src/api/ calls `invoke`.
import { invoke } from "@tauri-apps/api/core";

export interface RoomInfo {
  id: string;
  name: string;
  durations: number[];
  interval: number;
}

export interface StudioInfo {
  name: string;
  timezone: string;
  quantumMinutes: number;
  holdTtlSeconds: number;
  rooms: RoomInfo[];
}

/** What a failed command gives: a code to branch on and a message in plain words. */
export interface CommandError {
  code: string;
  message: string;
}

export function getStudio(): Promise<StudioInfo> {
  return invoke<StudioInfo>("studio");
}
