// @vitest-environment jsdom
// The Reports view and the day sheet in the app: a nav entry (key P) and the day board's
// "Day sheet" button, which opens the sheet of the date the board shows.
import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { App, makeQueryClient } from "../../App";
import { STUDIO, board } from "../../test/fixtures";
import { ipcRecorder } from "../../test/render";
import { customers, money, occupancy, pinClock } from "./fixtures";

vi.mock("./chartjs", () => ({ draw: () => null }));

pinClock("2026-11-24T10:00:00+01:00");

function app(client = new QueryClient({ defaultOptions: { queries: { retry: false } } })) {
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
  render(<App client={client} />);
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

  it("asks this month's figures a moment after start, so the first open of Reports shows them at once", async () => {
    // The clock also runs the desk's timers here (and along with real time, for the waits).
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"], shouldAdvanceTime: true });
    vi.setSystemTime(new Date("2026-11-24T10:00:00+01:00"));
    // The app's own client: what was asked stays fresh for a minute.
    const ipc = app(makeQueryClient());
    await screen.findByTestId("nav-reports");
    expect(ipc.of("report_occupancy")).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(3000);
    const month = { query: { from: "2026-11-01", to: "2026-11-30" } };
    await waitFor(() => expect(ipc.of("report_customers")).toHaveLength(1));
    for (const cmd of ["report_occupancy", "report_money", "report_customers"]) expect(ipc.of(cmd).map((c) => c.args)).toEqual([month]);
    fireEvent.keyDown(window, { key: "p", code: "KeyP" });
    expect(await screen.findByTestId("report-rates")).toBeTruthy();
    expect(screen.getByTestId("report-revenue")).toBeTruthy();
    // Shown from what was asked ahead: nothing asked again.
    for (const cmd of ["report_occupancy", "report_money", "report_customers"]) expect(ipc.of(cmd)).toHaveLength(1);
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
