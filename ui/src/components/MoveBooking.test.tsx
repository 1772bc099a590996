// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { BookingChange } from "../api/types";
import { STUDIO, booking } from "../test/fixtures";
import { ipcRecorder, renderWithProviders } from "../test/render";
import { MoveBooking } from "./MoveBooking";

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("moving a booking with the buttons", () => {
  it("offers the start times of the chosen room, holds the pick, and moves with that hold", async () => {
    const b = booking(); // Studio A, 10:00–12:00 on 24 Nov 2026
    const ipc = ipcRecorder({
      day_slots: (args) => ({
        room: args.room,
        date: args.date,
        quanta: 96,
        slots: [
          { start: "2026-11-24T14:00:00+01:00", end: "2026-11-24T16:00:00+01:00", status: "available" },
          { start: "2026-11-24T16:00:00+01:00", end: "2026-11-24T18:00:00+01:00", status: "reserved" },
        ],
      }),
      set_holds: () => "2026-11-24T09:00:10+01:00",
      release_holds: () => null,
      change_booking: () => ({ ...b, room: "podcast", start: "2026-11-24T14:00:00+01:00", end: "2026-11-24T16:00:00+01:00", version: 2 }),
    });
    mockIPC(ipc.handler);
    let moved = "";
    renderWithProviders(<MoveBooking studio={STUDIO} booking={b} onMoved={(m) => (moved = m.room)} />);
    fireEvent.change(screen.getByRole("combobox", { name: "Room" }), { target: { value: "podcast" } });
    const free = await screen.findByRole("button", { name: "14:00" });
    // Another desk's hold is shown inline, not offered.
    expect((screen.getByText("16:00").closest("button") as HTMLButtonElement).disabled).toBe(true);
    const asked = ipc.of("day_slots").at(-1)!.args;
    expect([asked.room, asked.duration]).toEqual(["podcast", 120]);
    fireEvent.click(free);
    await waitFor(() => expect(ipc.of("set_holds")).toHaveLength(1));
    const session = ipc.of("set_holds")[0].args.session;
    expect(ipc.of("set_holds")[0].args.holds).toEqual([{ room: "podcast", start: "2026-11-24T14:00:00+01:00", end: "2026-11-24T16:00:00+01:00" }]);
    const here = screen.getByTestId("move-here") as HTMLButtonElement;
    await waitFor(() => expect(here.disabled).toBe(false));
    fireEvent.click(here);
    await waitFor(() => expect(moved).toBe("podcast"));
    const change = ipc.of("change_booking")[0].args.change as BookingChange;
    expect(change).toEqual({ kind: "span", room: "podcast", start: "2026-11-24T14:00:00+01:00", end: "2026-11-24T16:00:00+01:00", session });
  });
});
