// @vitest-environment jsdom
// The Reports view and the day sheet in the app: a nav entry (key P) and the day board's
// "Day sheet" button, which opens the sheet of the date the board shows. The Reports view
// renders out of sight a moment after start and stays mounted; shown, it asks again.
import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { App } from "../../App";
import { STUDIO, board } from "../../test/fixtures";
import { ipcRecorder } from "../../test/render";
import { cashUp, customers, money, occupancy, pinClock } from "./fixtures";

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
    cash_up: (args) => cashUp(String(args.date)),
  });
  mockIPC(ipc.handler);
  render(<App client={client} />);
  return ipc;
}

const REPORTS = ["report_occupancy", "report_money", "report_customers"];
/** How often each period report was asked. */
const asked = (ipc: ReturnType<typeof app>) => REPORTS.map((cmd) => ipc.of(cmd).length);
/** The box the Reports view is kept in, once it is mounted. */
const kept = () => document.querySelector<HTMLElement>(".kept-view");

/** Start's timers are the test's to move (Chart.js and the pre-render after 3 s); the rest of
 * time runs as usual. */
function fakeStartTimers() {
  vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"], shouldAdvanceTime: true });
  vi.setSystemTime(new Date("2026-11-24T10:00:00+01:00"));
}

/** Starts the desk and waits until the Reports view was rendered out of sight. */
async function startAndPrerender(client?: QueryClient) {
  fakeStartTimers();
  const ipc = app(client);
  await screen.findByTestId("nav-reports");
  expect(kept()).toBeNull();
  await act(() => vi.advanceTimersByTimeAsync(3000));
  await waitFor(() => expect(within(kept()!).getByTestId("report-rates")).toBeTruthy());
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

  it("renders Reports out of sight after start, asked once, invisible to staff and screen readers", async () => {
    const ipc = await startAndPrerender();
    const box = kept()!;
    expect(box.dataset.shown).toBe("false");
    expect(box.hasAttribute("inert")).toBe(true);
    expect(box.getAttribute("aria-hidden")).toBe("true");
    expect(screen.queryByRole("region", { name: "Reports" })).toBeNull();
    expect(screen.getByTestId("nav-board").getAttribute("aria-current")).toBe("page");
    expect(asked(ipc)).toEqual([1, 1, 1]);
    // The one instance there is, the board still shown before it.
    expect(document.querySelectorAll('[data-testid="report-rates"]')).toHaveLength(1);
    expect(screen.getByTestId("board-date")).toBeTruthy();
  });

  it("shows the view kept when opened and asks its reports again; out of sight, nothing is asked", async () => {
    // Answers stay fresh for a minute, as in the app (`makeQueryClient`): opening asks anyway.
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 } } });
    const ipc = await startAndPrerender(client);
    const box = kept()!;
    fireEvent.click(screen.getByTestId("nav-reports"));
    expect(kept()).toBe(box);
    expect(box.dataset.shown).toBe("true");
    expect(box.hasAttribute("inert")).toBe(false);
    expect(box.hasAttribute("aria-hidden")).toBe(false);
    expect(screen.getByRole("region", { name: "Reports" })).toBeTruthy();
    await waitFor(() => expect(asked(ipc)).toEqual([2, 2, 2]));

    // Back to the board: still mounted, out of sight; a change that makes the reports stale
    // (a booking's event) asks nothing until Reports is shown again.
    fireEvent.click(screen.getByTestId("nav-board"));
    expect(kept()).toBe(box);
    expect(box.dataset.shown).toBe("false");
    await act(() => client.invalidateQueries({ queryKey: ["reports"] }));
    await act(() => vi.advanceTimersByTimeAsync(120_000));
    expect(asked(ipc)).toEqual([2, 2, 2]);
    fireEvent.keyDown(window, { key: "p", code: "KeyP" });
    await waitFor(() => expect(asked(ipc)).toEqual([3, 3, 3]));
  });

  it("keeps the period staff chose between visits, and no cash-up sheet out of sight", async () => {
    const ipc = await startAndPrerender();
    fireEvent.click(screen.getByTestId("nav-reports"));
    fireEvent.click(screen.getByTestId("report-period-week"));
    await waitFor(() => expect(screen.getByTestId("report-period").getAttribute("data-from")).toBe("2026-11-23"));
    fireEvent.click(screen.getByTestId("nav-board"));
    fireEvent.click(screen.getByTestId("nav-reports"));
    expect(screen.getByTestId("report-period").getAttribute("data-from")).toBe("2026-11-23");

    // The cash-up's sheet is on screen only while Reports is: out of sight nothing of the
    // view can print (the printed sheets' rules apply while a sheet is in the page).
    fireEvent.click(screen.getByTestId("cash-up-open"));
    expect(await screen.findByTestId("cash-up")).toBeTruthy();
    fireEvent.click(screen.getByTestId("nav-board"));
    expect(document.querySelector(".print-sheet")).toBeNull();
    expect(kept()?.dataset.shown).toBe("false");
    fireEvent.click(screen.getByTestId("nav-reports"));
    expect(await screen.findByTestId("cash-up")).toBeTruthy();
    expect(ipc.of("cash_up").length).toBe(2);
  });
});
