// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { BookingFlow } from "./BookingFlow";
import { STUDIO, booking } from "../test/fixtures";
import { ipcRecorder, renderWithProviders } from "../test/render";

const SLOTS = [
  { start: "2026-11-24T09:00:00+01:00", end: "2026-11-24T10:00:00+01:00", status: "available" },
  { start: "2026-11-24T10:00:00+01:00", end: "2026-11-24T11:00:00+01:00", status: "reserved" },
  { start: "2026-11-24T11:00:00+01:00", end: "2026-11-24T12:00:00+01:00", status: "available" },
];

function backend(create: (args: Record<string, unknown>) => unknown) {
  return ipcRecorder({
    day_slots: () => ({ room: "studio-a", date: "2026-11-24", quanta: 96, slots: SLOTS }),
    month_availability: () => ({ "2026-11-24": true, "2026-11-25": false }),
    set_holds: () => "2026-11-24T08:00:10+01:00",
    release_holds: () => null,
    sync_status: () => ({ configured: false, online: false, live: false, lastSync: null, pending: 0, conflicts: 0, problem: null }),
    create_booking: create,
    quote: () => ({ price: 4050, currency: "EUR" }),
  });
}

afterEach(() => {
  cleanup();
  clearMocks();
});

const initial = { room: "studio-a", date: "2026-11-24", start: "2026-11-24T09:00:00+01:00" };

describe("booking flow", () => {
  it("shows start times in order with reserved ones inline and disabled", async () => {
    const ipc = backend(() => null);
    mockIPC(ipc.handler);
    renderWithProviders(<BookingFlow studio={STUDIO} initial={initial} onClose={() => {}} />);
    const slots = await screen.findAllByRole("button", { name: /^\d\d:\d\d/ });
    expect(slots.map((s) => s.getAttribute("data-time"))).toEqual(["09:00", "10:00", "11:00"]);
    expect((slots[1] as HTMLButtonElement).disabled).toBe(true);
    expect(slots[1].textContent).toContain("reserved");
    expect((slots[0] as HTMLButtonElement).disabled).toBe(false);
    // The month view marks days without a start (full, or over).
    expect((await screen.findByRole("button", { name: "Wednesday, 25 November 2026: no start left" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("holds at once on pick, books with the session, and releases", async () => {
    const ipc = backend((args) => booking({ ...(args.request as object), status: "confirmed" }));
    mockIPC(ipc.handler);
    renderWithProviders(<BookingFlow studio={STUDIO} initial={initial} onClose={() => {}} />);
    fireEvent.click(await screen.findByRole("button", { name: /^11:00/ }));
    await screen.findByText("Hold is live");
    // The price of the chosen span, before confirming.
    expect((await screen.findByTestId("flow-price")).textContent).toBe("Price: €40.50");
    expect(ipc.of("quote")[0].args).toEqual({ room: "studio-a", start: SLOTS[2].start, end: SLOTS[2].end });
    const hold = ipc.of("set_holds")[0].args;
    expect(hold.holds).toEqual([{ room: "studio-a", start: SLOTS[2].start, end: SLOTS[2].end }]);

    // A name is required; nothing is sent without it.
    fireEvent.click(screen.getByTestId("confirm"));
    expect(await screen.findByText("Enter the customer's name.")).toBeTruthy();
    expect(ipc.of("create_booking")).toHaveLength(0);

    fireEvent.change(screen.getByRole("textbox", { name: "Name" }), { target: { value: "Grace Hopper" } });
    fireEvent.click(screen.getByTestId("confirm"));
    const done = await screen.findByTestId("done-status");
    expect(done.textContent).toBe("Booked.");
    const request = ipc.of("create_booking")[0].args.request as Record<string, unknown>;
    expect(request.session).toBe(hold.session);
    expect(request.customer).toEqual({ name: "Grace Hopper", phone: null });
    await waitFor(() => expect(ipc.of("release_holds")).toHaveLength(1));
  });

  it("Back releases the hold and returns to the start times", async () => {
    const ipc = backend(() => null);
    mockIPC(ipc.handler);
    renderWithProviders(<BookingFlow studio={STUDIO} initial={initial} onClose={() => {}} />);
    fireEvent.click(await screen.findByRole("button", { name: /^09:00/ }));
    await screen.findByText("Hold is live");
    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    await waitFor(() => expect(ipc.of("release_holds")).toHaveLength(1));
    expect(ipc.of("release_holds")[0].args.session).toBe(ipc.of("set_holds")[0].args.session);
    expect(await screen.findByRole("button", { name: /^09:00/ })).toBeTruthy();
  });

  it("says in plain words when someone else was faster, and goes back to the start times", async () => {
    const ipc = backend(() => {
      throw { code: "conflict", message: "studio-a is booked 11:00–12:00", conflicts: [] };
    });
    mockIPC(ipc.handler);
    renderWithProviders(<BookingFlow studio={STUDIO} initial={initial} onClose={() => {}} />);
    fireEvent.click(await screen.findByRole("button", { name: /^11:00/ }));
    fireEvent.change(await screen.findByRole("textbox", { name: "Name" }), { target: { value: "Late" } });
    fireEvent.click(screen.getByTestId("confirm"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Someone else was faster: 11:00–12:00 is no longer free. Pick another start time.");
    expect(await screen.findByRole("button", { name: /^09:00/ })).toBeTruthy();
  });

  it("shows a booking that waits to sync as pending", async () => {
    const ipc = backend((args) => booking({ ...(args.request as object), status: "pending" }));
    mockIPC(ipc.handler);
    renderWithProviders(<BookingFlow studio={STUDIO} initial={initial} onClose={() => {}} />);
    fireEvent.click(await screen.findByRole("button", { name: /^09:00/ }));
    fireEvent.change(await screen.findByRole("textbox", { name: "Name" }), { target: { value: "Offline Olga" } });
    fireEvent.click(screen.getByTestId("confirm"));
    const done = await screen.findByTestId("done-status");
    expect(done.getAttribute("data-status")).toBe("pending");
    expect(done.textContent).toMatch(/waits to sync/);
  });
});
