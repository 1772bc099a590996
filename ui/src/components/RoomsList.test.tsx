// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { RoomsList } from "./RoomsList";
import { STUDIO, booking } from "../test/fixtures";
import { ipcRecorder, renderWithProviders } from "../test/render";

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("rooms list", () => {
  it("asks for every room's status in ONE call and shows current and next", async () => {
    const ipc = ipcRecorder({
      rooms_status: (args) =>
        Object.fromEntries(
          (args.rooms as string[]).map((room) => [
            room,
            room === "studio-a"
              ? { current: booking(), next: [booking({ id: "2", customer: { name: "Bob" }, start: "2026-11-24T13:00:00+01:00", end: "2026-11-24T14:00:00+01:00" })], held: false }
              : { current: null, next: [], held: true },
          ]),
        ),
    });
    mockIPC(ipc.handler);
    renderWithProviders(<RoomsList studio={STUDIO} />);
    expect(await screen.findByText("In use: Ada Lovelace until 12:00")).toBeTruthy();
    expect(screen.getByText("13:00–14:00 · Bob")).toBeTruthy();
    expect(screen.getByText("Free now")).toBeTruthy();
    expect(screen.getByText("Someone is booking this room right now")).toBeTruthy();
    expect(ipc.of("rooms_status")).toHaveLength(1);
    expect((ipc.of("rooms_status")[0].args.rooms as string[]).sort()).toEqual(["podcast", "studio-a"]);
  });

  it("marks who checked in, and extends a running session from its card", async () => {
    const running = booking({ checkedInAt: "2026-11-24T10:02:00+01:00" });
    const ipc = ipcRecorder({
      rooms_status: (args) =>
        Object.fromEntries((args.rooms as string[]).map((room) => [room, { current: room === "studio-a" ? running : null, next: [], held: false }])),
      change_booking: () => ({ ...running, end: "2026-11-24T13:00:00+01:00", version: 2 }),
    });
    mockIPC(ipc.handler);
    renderWithProviders(<RoomsList studio={STUDIO} />);
    expect(await screen.findByText("In use: Ada Lovelace until 12:00 · checked in")).toBeTruthy();
    fireEvent.click(screen.getByTestId("card-extend-60"));
    await waitFor(() => expect(ipc.of("change_booking")).toHaveLength(1));
    expect(ipc.of("change_booking")[0].args.change).toEqual({
      kind: "span",
      room: "studio-a",
      start: running.start,
      end: "2026-11-24T12:00:00.000Z",
      session: null,
    });
  });
});
