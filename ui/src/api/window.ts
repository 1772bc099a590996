import { getCurrentWindow } from "@tauri-apps/api/window";

/** Kiosk mode: the app window fills the screen. */
export async function setFullscreen(on: boolean): Promise<void> {
  await getCurrentWindow().setFullscreen(on);
}

export async function isFullscreen(): Promise<boolean> {
  return getCurrentWindow().isFullscreen();
}
