// @vitest-environment jsdom
// The keyboard: the day board as one Tab stop with arrow keys inside it (roving tabindex),
// Enter on a cell books it; single-key shortcuts that staff can turn off (WCAG 2.1.4), with
// Alt + the key always working.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { QueryClient } from "@tanstack/react-query";
import { App } from "../App";
import type { Settings } from "../api/types";
import { STUDIO, board } from "../test/fixtures";
import { ipcRecorder, renderWithProviders } from "../test/render";
import { DayBoardView, boardItems, nextItem } from "./DayBoard";

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});

describe("day board keys", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-24T07:00:00+01:00"));
  });
  afterEach(() => vi.useRealTimers());

  it("moves along a row, to its ends, and up and down to the same time", () => {
    const rows = boardItems(board(), STUDIO, 0);
    // Studio A: hourly cells 08:00–24:00 but none under Ada's booking (10:00–12:00), which is an item itself.
    expect(rows[0].map((i) => i.id).slice(0, 4)).toEqual(["cell:0:32", "cell:0:36", "booking:11111111-1111-4111-8111-111111111111", "cell:0:48"]);
    const at10 = rows[0][2];
    expect(nextItem(rows, rows[0][0], "ArrowRight")?.id).toBe("cell:0:36");
    expect(nextItem(rows, rows[0][0], "ArrowLeft")).toBeNull();
    expect(nextItem(rows, at10, "End")?.id).toBe(rows[0][rows[0].length - 1].id);
    expect(nextItem(rows, at10, "Home")?.id).toBe("cell:0:32");
    // Down from the booking (10:00) to the podcast's 10:00 cell (half-hourly from 10:00).
    expect(nextItem(rows, at10, "ArrowDown")?.id).toBe("cell:1:40");
    expect(nextItem(rows, rows[1][0], "ArrowDown")).toBeNull();
    expect(nextItem(rows, rows[1][0], "ArrowUp")?.id).toBe("booking:11111111-1111-4111-8111-111111111111");
    expect(nextItem(rows, at10, "x")).toBeUndefined();
  });

  it("is one Tab stop; arrows move the stop and focus, Enter books the cell", async () => {
    mockIPC(ipcRecorder({ day_board: () => board() }).handler);
    const onBook = vi.fn();
    renderWithProviders(<DayBoardView studio={STUDIO} date="2026-11-24" setDate={() => {}} onBook={onBook} />);
    const grid = await screen.findByRole("group", { name: "Rooms and times" });
    const stops = () => [...grid.querySelectorAll<HTMLElement>("button")].filter((b) => b.tabIndex === 0);
    const cells = grid.querySelectorAll("button").length;
    expect(cells).toBeGreaterThan(30);
    expect(stops()).toHaveLength(1);
    expect(stops()[0].getAttribute("aria-label")).toBe("Book Studio A at 08:00");

    stops()[0].focus();
    fireEvent.keyDown(document.activeElement!, { key: "ArrowRight" });
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Book Studio A at 09:00");
    expect(stops()).toEqual([document.activeElement]);
    // The arrow is the board's: the page's own handlers see it as used.
    const event = new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true, cancelable: true });
    document.activeElement!.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Book Podcast Booth at 10:00");
    expect(stops()).toHaveLength(1);
    // Enter on a button is a click.
    fireEvent.click(document.activeElement!);
    expect(onBook).toHaveBeenCalledWith({ room: "podcast", date: "2026-11-24", start: new Date("2026-11-24T10:00:00+01:00").toISOString() });
    // Up onto the booking (10:00–12:00), which opens its details.
    fireEvent.keyDown(document.activeElement!, { key: "ArrowUp" });
    expect(document.activeElement?.getAttribute("data-testid")).toBe("board-booking");
    // A cell under a booking is not offered (it would be hidden behind it).
    expect(screen.queryByRole("button", { name: "Book Studio A at 10:00" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Book Studio A at 11:00" })).toBeNull();
  });
});

describe("single-key shortcuts", () => {
  const SETTINGS: Settings = { serverUrl: "", hasToken: false, startFullscreen: false, firstRun: false };
  function app() {
    mockIPC(
      ipcRecorder({
        get_settings: () => SETTINGS,
        studio: () => STUDIO,
        sync_status: () => ({ configured: false, online: false, live: false, lastSync: null, pending: 0, conflicts: 0, problem: null }),
        day_board: () => board(),
        rooms_status: () => ({}),
        sign_in_state: () => ({ required: false, signOutMinutes: 5 }),
        staff_members: () => [],
      }).handler,
    );
    render(<App client={new QueryClient({ defaultOptions: { queries: { retry: false } } })} />);
  }
  const current = () => within(screen.getByRole("navigation")).getAllByRole("button").find((b) => b.getAttribute("aria-current") === "page")?.dataset.view;

  it("are on at first; turned off in Settings a key alone does nothing, Alt + the key still does", async () => {
    app();
    await screen.findByRole("navigation");
    fireEvent.keyDown(window, { key: "r", code: "KeyR" });
    expect(current()).toBe("rooms");

    fireEvent.click(screen.getByRole("button", { name: "Settings" }));
    const toggle = await screen.findByRole("checkbox", { name: "Single-key shortcuts (B, N, R, …)" });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    fireEvent.click(toggle);
    expect((toggle as HTMLInputElement).checked).toBe(false);
    expect(localStorage.getItem("frontdesk.shortcuts")).toBe("off");

    fireEvent.keyDown(window, { key: "b", code: "KeyB" });
    expect(current()).toBe("settings");
    expect(screen.getByRole("button", { name: "Day board" }).getAttribute("title")).toBe("Day board (Alt+B)");
    fireEvent.keyDown(window, { key: "∫", code: "KeyB", altKey: true });
    expect(current()).toBe("board");
  });

  it("stay off after a restart (kept like the language)", async () => {
    localStorage.setItem("frontdesk.shortcuts", "off");
    app();
    await screen.findByRole("navigation");
    fireEvent.keyDown(window, { key: "n", code: "KeyN" });
    expect(current()).toBe("board");
    await waitFor(() => expect(screen.getByText(/Alt \+ N new booking/)).toBeTruthy());
  });

  it("never act inside a dialog", async () => {
    app();
    await screen.findByRole("navigation");
    const block = await screen.findByTestId("board-booking");
    fireEvent.click(block);
    const dialog = await screen.findByRole("dialog", { name: "Booking details" });
    fireEvent.keyDown(within(dialog).getAllByRole("button")[0], { key: "r", code: "KeyR" });
    expect(current()).toBe("board");
  });
});
