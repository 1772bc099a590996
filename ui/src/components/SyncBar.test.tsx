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
  // Its name is what it shows (WCAG 2.5.3: axe's label-content-name-mismatch); the full
  // sentences are its description and tooltip.
  const description = (bar: HTMLElement) => document.getElementById(bar.getAttribute("aria-describedby") ?? "")?.textContent;
  const visible = (bar: HTMLElement) => {
    const shown = bar.cloneNode(true) as HTMLElement;
    for (const hidden of shown.querySelectorAll(".sr-only, [hidden]")) hidden.remove();
    return shown.textContent;
  };

  it("is compact in the header, named by what it shows, and says it all in its description", async () => {
    mockIPC(ipcRecorder({ sync_status: () => BUSY }).handler);
    renderWithProviders(<SyncBar timezone="Europe/Berlin" onOpen={() => {}} />);
    const bar = await screen.findByRole("button", { name: "Online 12 waiting to sync 3 conflicts to resolve" });
    expect(visible(bar)?.replace(/\s+/g, " ").trim()).toBe("Online 12 3");
    expect(bar.hasAttribute("aria-label")).toBe(false);
    expect(description(bar)).toBe("Online · live · 12 waiting to sync · 3 conflicts to resolve · Last sync 09:41");
    expect(bar.getAttribute("title")).toBe(description(bar));
  });

  it("says a desk without a server in a few words, in German too", async () => {
    mockIPC(ipcRecorder({ sync_status: () => ({ ...BUSY, configured: false, online: false, live: false, lastSync: null, pending: 0, conflicts: 0 }) }).handler);
    renderWithProviders(<SyncBar timezone="Europe/Berlin" onOpen={() => {}} />, "de");
    const bar = await screen.findByRole("button", { name: "Ohne Server" });
    expect(visible(bar)).toBe("Ohne Server");
    expect(description(bar)).toBe("Eigenständig (kein Server)");
  });
});
