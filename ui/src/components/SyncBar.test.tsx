// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, screen } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { SyncBar } from "./SyncBar";
import { ipcRecorder, renderWithProviders } from "../test/render";

afterEach(() => {
  cleanup();
  clearMocks();
});

const BUSY = { configured: true, online: true, live: true, lastSync: "2026-11-24T09:41:00+01:00", pending: 12, conflicts: 3, problem: null };

describe("sync bar", () => {
  it("is compact in the header and says it all in its name", async () => {
    mockIPC(ipcRecorder({ sync_status: () => BUSY }).handler);
    renderWithProviders(<SyncBar timezone="Europe/Berlin" onOpen={() => {}} />);
    const bar = await screen.findByRole("button", {
      name: "Online · live · 12 waiting to sync · 3 conflicts to resolve · Last sync 09:41",
    });
    expect(bar.textContent).toBe("Online123");
    expect(bar.getAttribute("title")).toBe(bar.getAttribute("aria-label"));
  });

  it("says a desk without a server in a few words, in German too", async () => {
    mockIPC(ipcRecorder({ sync_status: () => ({ ...BUSY, configured: false, online: false, live: false, lastSync: null, pending: 0, conflicts: 0 }) }).handler);
    renderWithProviders(<SyncBar timezone="Europe/Berlin" onOpen={() => {}} />, "de");
    const bar = await screen.findByRole("button", { name: "Eigenständig (kein Server)" });
    expect(bar.textContent).toBe("Ohne Server");
  });
});
