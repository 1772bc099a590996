// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, screen } from "@testing-library/react";
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
});
