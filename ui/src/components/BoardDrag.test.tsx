// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, screen } from "@testing-library/react";
import { clearMocks } from "@tauri-apps/api/mocks";
import { DropPreview, changeoverQuanta, othersIn } from "./BoardDrag";
import { STUDIO, board, booking } from "../test/fixtures";
import { renderWithProviders } from "../test/render";

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("drop preview", () => {
  // Studio A needs 30 minutes of changeover; Ada has it 10:00–12:00 (quanta 40–48).
  const moving = booking({ id: "22222222-2222-4222-8222-222222222222", customer: { name: "Bea" } });

  it("widens the other bookings by the room's changeover", () => {
    expect(changeoverQuanta(STUDIO, "studio-a")).toBe(2);
    expect(changeoverQuanta(STUDIO, "podcast")).toBe(0);
    const [ada] = othersIn(board(), 0, moving.id, STUDIO.quantumMinutes, 2);
    expect([ada.from, ada.to]).toEqual([38, 50]);
  });

  it("says a drop right after a booking is within its changeover", () => {
    const at = (from: number, to: number) => ({ booking: moving, target: { row: 0, from, to } });
    renderWithProviders(<DropPreview board={board()} studio={STUDIO} proposal={at(48, 52)} onDone={() => {}} />);
    expect(screen.getByTestId("drag-too-close").textContent).toBe(
      "It is within the room's 30 min changeover of Ada Lovelace: the move will be refused.",
    );
    expect(screen.queryByTestId("drag-conflicts")).toBeNull();
    cleanup();
    // 30 minutes later it is clear; overlapping it is an overlap, not a changeover.
    renderWithProviders(<DropPreview board={board()} studio={STUDIO} proposal={at(50, 54)} onDone={() => {}} />);
    expect(screen.queryByTestId("drag-too-close")).toBeNull();
    cleanup();
    renderWithProviders(<DropPreview board={board()} studio={STUDIO} proposal={at(44, 50)} onDone={() => {}} />);
    expect(screen.getByTestId("drag-conflicts").textContent).toMatch(/overlaps Ada Lovelace/);
    expect(screen.queryByTestId("drag-too-close")).toBeNull();
  });
});
