// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { DayBoardView, boardRange, cellsOf, closedRuns } from "./DayBoard";
import { STUDIO, board } from "../test/fixtures";
import { ipcRecorder, renderWithProviders } from "../test/render";

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("day board layout", () => {
  it("spans from the earliest opening to the latest close", () => {
    expect(boardRange(board())).toEqual([32, 96]);
    expect(boardRange(board({ rooms: [] }))).toBeNull();
  });

  it("shades what lies outside a room's hours", () => {
    expect(closedRuns([[40, 88]], [32, 96])).toEqual([
      [32, 40],
      [88, 96],
    ]);
    expect(closedRuns([[32, 96]], [32, 96])).toEqual([]);
  });

  it("cuts open hours into cells on the room's start grid", () => {
    expect(cellsOf(40, 48, 2)).toEqual([
      [40, 42],
      [42, 44],
      [44, 46],
      [46, 48],
    ]);
    expect(cellsOf(40, 45, 4)).toEqual([
      [40, 44],
      [44, 45],
    ]);
  });
});

describe("day board", () => {
  // The board hides cells that are over, so its clock is fixed: 07:00 on the board's date
  // unless a test sets another time. Only Date is faked; timers stay real.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-24T07:00:00+01:00"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("offers no cell that is over and shades what is over", async () => {
    vi.setSystemTime(new Date("2026-11-24T14:20:00+01:00"));
    mockIPC(ipcRecorder({ day_board: () => board() }).handler);
    renderWithProviders(<DayBoardView studio={STUDIO} date="2026-11-24" setDate={() => {}} onBook={() => {}} />);
    // 14:20: the 14:15 quantum is running, so the 14:00 cell is over and 14:30 is next.
    expect(await screen.findByRole("button", { name: "Book Podcast Booth at 14:30" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Book Podcast Booth at 14:00" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Book Studio A at 14:00" })).toBeNull();
    expect(screen.getByRole("button", { name: "Book Studio A at 15:00" })).toBeTruthy();
    expect(screen.getAllByTestId("board-over")).toHaveLength(2);
    // Bookings and holds that are over stay on the board.
    expect(screen.getByTestId("board-booking").textContent).toContain("10:00–12:00");
  });

  it("offers nothing on a date that is over", async () => {
    vi.setSystemTime(new Date("2026-11-25T09:00:00+01:00"));
    mockIPC(ipcRecorder({ day_board: () => board() }).handler);
    renderWithProviders(<DayBoardView studio={STUDIO} date="2026-11-24" setDate={() => {}} onBook={() => {}} />);
    expect(await screen.findByTestId("board-booking")).toBeTruthy();
    expect(screen.queryAllByRole("button", { name: /^Book / })).toEqual([]);
  });

  it("shows bookings with the customer's name and other desks' holds as Reserved", async () => {
    const ipc = ipcRecorder({ day_board: () => board() });
    mockIPC(ipc.handler);
    renderWithProviders(<DayBoardView studio={STUDIO} date="2026-11-24" setDate={() => {}} onBook={() => {}} />);
    const block = await screen.findByTestId("board-booking");
    expect(block.textContent).toContain("Ada Lovelace");
    expect(block.textContent).toContain("10:00–12:00");
    expect(screen.getByTestId("board-hold").textContent).toBe("Reserved");
    // Studio A needs 30 minutes after each booking: 12:00–12:30 (quanta 48–50 from 08:00).
    const changeover = screen.getByTestId("board-changeover");
    expect(changeover.textContent).toBe("changeover");
    expect(changeover.style.left).toBe(`${(48 - 32) * 24}px`);
    expect(changeover.style.width).toBe(`${2 * 24}px`);
    expect(ipc.of("day_board")).toEqual([{ cmd: "day_board", args: { date: "2026-11-24" } }]);
  });

  it("starts a booking at a free cell's time", async () => {
    mockIPC(ipcRecorder({ day_board: () => board() }).handler);
    const onBook = vi.fn();
    renderWithProviders(<DayBoardView studio={STUDIO} date="2026-11-24" setDate={() => {}} onBook={onBook} />);
    fireEvent.click(await screen.findByRole("button", { name: "Book Podcast Booth at 14:30" }));
    expect(onBook).toHaveBeenCalledWith({
      room: "podcast",
      date: "2026-11-24",
      start: new Date("2026-11-24T14:30:00+01:00").toISOString(),
    });
  });

  it("moves a day at a time", async () => {
    mockIPC(ipcRecorder({ day_board: () => board() }).handler);
    const setDate = vi.fn();
    renderWithProviders(<DayBoardView studio={STUDIO} date="2026-11-24" setDate={setDate} onBook={() => {}} />);
    fireEvent.click(await screen.findByRole("button", { name: "Next day" }));
    fireEvent.click(screen.getByRole("button", { name: "Previous day" }));
    expect(setDate.mock.calls).toEqual([["2026-11-25"], ["2026-11-23"]]);
  });

  it("labels in German", async () => {
    mockIPC(ipcRecorder({ day_board: () => board() }).handler);
    renderWithProviders(<DayBoardView studio={STUDIO} date="2026-11-24" setDate={() => {}} onBook={() => {}} />, "de");
    expect((await screen.findByTestId("board-hold")).textContent).toBe("Reserviert");
    expect(screen.getByTestId("board-date").textContent).toBe("Dienstag, 24. November 2026");
  });
});
