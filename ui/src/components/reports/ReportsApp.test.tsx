// @vitest-environment jsdom
// The Reports view and the day sheet in the app: a nav entry (key P) and the day board's
// "Day sheet" button, which opens the sheet of the date the board shows.
import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { App } from "../../App";
import { STUDIO, board } from "../../test/fixtures";
import { ipcRecorder } from "../../test/render";
import { customers, money, occupancy, pinClock } from "./fixtures";

vi.mock("./chartjs", () => ({ draw: () => null }));

pinClock("2026-11-24T10:00:00+01:00");

function app() {
  const ipc = ipcRecorder({
    get_settings: () => ({ serverUrl: "", hasToken: false, startFullscreen: false, firstRun: false }),
    studio: () => STUDIO,
    sync_status: () => ({ configured: false, online: false, live: false, lastSync: null, pending: 0, conflicts: 0, problem: null }),
    day_board: (args) => board({ date: String(args.date) }),
    rooms_status: () => ({}),
    sign_in_state: () => ({ required: false, signOutMinutes: 5 }),
    staff_members: () => [],
    report_occupancy: () => occupancy(),
    report_money: () => money(),
    report_customers: () => customers(),
  });
  mockIPC(ipc.handler);
  render(<App client={new QueryClient({ defaultOptions: { queries: { retry: false } } })} />);
  return ipc;
}

describe("reports in the app", () => {
  it("has a Reports entry in the nav, opened with P too", async () => {
    app();
    const nav = await screen.findByTestId("nav-reports");
    expect(nav.textContent).toBe("Reports");
    expect(nav.getAttribute("title")).toBe("Reports (key P)");
    fireEvent.keyDown(window, { key: "p", code: "KeyP" });
    expect(await screen.findByRole("region", { name: "Reports" })).toBeTruthy();
    expect(nav.getAttribute("aria-current")).toBe("page");
    expect(await screen.findByTestId("report-rates")).toBeTruthy();
  });

  it("opens the day sheet of the board's date from the day board, and goes back", async () => {
    const ipc = app();
    fireEvent.click(await screen.findByRole("button", { name: "Next day" }));
    fireEvent.click(await screen.findByTestId("day-sheet-open"));
    expect(await screen.findByTestId("day-sheet")).toBeTruthy();
    expect(ipc.of("day_board").at(-1)?.args).toEqual({ date: "2026-11-25" });
    fireEvent.click(screen.getByRole("button", { name: "← Back to the day board" }));
    await waitFor(() => expect(screen.getByTestId("board-date").textContent).toBe("Wednesday, 25 November 2026"));
  });
});
