// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { Bookings } from "./Bookings";
import { STUDIO, booking } from "../test/fixtures";
import { ipcRecorder, renderWithProviders } from "../test/render";

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("bookings", () => {
  it("finds by name, opens one and cancels it with a reason", async () => {
    const ada = booking();
    const ipc = ipcRecorder({
      find_bookings: (args) => (args.name === "ada" ? [ada] : []),
      cancel_booking: (args) => ({ ...ada, status: "cancelled", reason: args.reason }),
    });
    mockIPC(ipc.handler);
    renderWithProviders(<Bookings studio={STUDIO} />);
    // Today's bookings first: none.
    expect(await screen.findByText("No bookings found.")).toBeTruthy();
    expect(ipc.of("find_bookings")[0].args.name).toBeNull();

    fireEvent.change(screen.getByRole("textbox", { name: "Customer name" }), { target: { value: "ada" } });
    fireEvent.click(screen.getByRole("button", { name: "Find" }));
    fireEvent.click(await screen.findByRole("button", { name: /Ada Lovelace/ }));
    const dialog = await screen.findByRole("dialog", { name: "Booking details" });
    expect(within(dialog).getByText("10:00–12:00")).toBeTruthy();
    // The price it was made at (the fixture's 80.00 in the studio's currency).
    expect(within(dialog).getByTestId("booking-price").textContent).toBe("€80.00");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel booking" }));
    fireEvent.change(within(dialog).getByRole("textbox", { name: "Reason for cancelling" }), {
      target: { value: "customer ill" },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel this booking" }));
    await waitFor(() => expect(ipc.of("cancel_booking")).toEqual([{ cmd: "cancel_booking", args: { id: ada.id, reason: "customer ill" } }]));
    expect((await within(dialog).findByTestId("booking-status")).textContent).toBe("Cancelled — customer ill");
    expect(within(dialog).getByText("Booking cancelled.")).toBeTruthy();
  });

  it("finds by a date typed in the app's language", async () => {
    const ipc = ipcRecorder({ find_bookings: () => [] });
    mockIPC(ipc.handler);
    renderWithProviders(<Bookings studio={STUDIO} />, "de");
    expect(await screen.findByText("Keine Buchungen gefunden.")).toBeTruthy();
    const date = screen.getByRole("textbox", { name: "Datum" });
    fireEvent.change(date, { target: { value: "25.11.2026" } });
    fireEvent.blur(date);
    expect((date as HTMLInputElement).value).toBe("25. Nov. 2026");
    fireEvent.click(screen.getByRole("button", { name: "Suchen" }));
    await waitFor(() => expect(ipc.of("find_bookings").at(-1)?.args).toEqual({ name: null, date: "2026-11-25" }));
  });
});
