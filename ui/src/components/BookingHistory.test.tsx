// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, screen, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { STUDIO, booking } from "../test/fixtures";
import { ipcRecorder, renderWithProviders } from "../test/render";
import { BookingDetails } from "./BookingDetails";

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("a booking's history", () => {
  it("lists who did what to it, asked for by the booking's id", async () => {
    const b = booking();
    const ipc = ipcRecorder({
      activity: () => [
        { at: "2026-11-24T09:10:00+01:00", desk: "office", staff: "Mia", action: "waive_fee", booking: b.id, room: "studio-a", customer: "Ada" },
        { at: "2026-11-24T09:05:00+01:00", desk: "bar", staff: "Jo", staffOffline: true, action: "cancel", booking: b.id, room: "studio-a", customer: "Ada" },
        { at: "2026-11-23T18:30:00+01:00", desk: "reception", staff: "Mia", action: "create", booking: b.id, room: "studio-a", customer: "Ada" },
      ],
    });
    mockIPC(ipc.handler);
    renderWithProviders(<BookingDetails studio={STUDIO} booking={b} onClose={() => {}} />);
    const history = await screen.findByRole("region", { name: "History" });
    const lines = await within(history).findAllByRole("listitem");
    expect(lines.map((l) => l.textContent)).toEqual([
      "24 Nov 2026 09:10 · waived the fee · Mia · office",
      "24 Nov 2026 09:05 · cancelled · Jo (offline sign-in) · bar",
      "23 Nov 2026 18:30 · booked · Mia · reception",
    ]);
    expect(ipc.of("activity")[0].args.query).toEqual({ date: null, staff: null, room: null, booking: b.id });
  });
});
