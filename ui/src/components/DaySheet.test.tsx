// @vitest-environment jsdom
// The day sheet: every booking of the date per room, in time order, with what each still
// owes and the total; cancelled ones left out; printed through the system's dialog.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { STUDIO, board, booking } from "../test/fixtures";
import { ipcRecorder, renderWithProviders } from "../test/render";
import { DaySheet } from "./DaySheet";

afterEach(() => {
  cleanup();
  clearMocks();
});

const at = (time: string) => `2026-11-24T${time}:00+01:00`;

/** Studio A: a paid 08:00, a 10:00 with a deposit (out of time order), a cancelled one;
 * the booth: an unpaid no-show without a price and an unpaid 19:00. */
const DAY = board({
  rooms: [
    {
      id: "studio-a",
      name: "Studio A",
      holds: [],
      open: [[32, 96]],
      bookings: [
        booking({ id: "b-10", start: at("10:00"), end: at("12:00"), price: 8000, note: "Brings own mics", payment: { status: "deposit", amount: 2000, method: "cash" } }),
        booking({ id: "b-08", start: at("08:00"), end: at("09:00"), customer: { name: "Grace Hopper" }, price: 4000, payment: { status: "paid", amount: 4000, method: "card" } }),
        booking({ id: "b-x", start: at("14:00"), end: at("15:00"), customer: { name: "Gone Away" }, status: "cancelled", price: 4000 }),
      ],
    },
    {
      id: "podcast",
      name: "Podcast Booth",
      holds: [],
      open: [[40, 88]],
      bookings: [
        booking({ id: "b-ns", room: "podcast", start: at("11:00"), end: at("11:30"), customer: { name: "Alan Turing" }, price: null, noShow: true }),
        booking({ id: "b-19", room: "podcast", start: at("19:00"), end: at("20:00"), customer: { name: "Hedy Lamarr", phone: "0170 1" }, price: 2500 }),
      ],
    },
  ],
});

const rowText = (row: Element) => Array.from(row.querySelectorAll("td")).map((c) => c.textContent?.replace(/[\u00a0\u202f]/g, " "));

function show(language: "en" | "de" = "en") {
  const ipc = ipcRecorder({ day_board: () => DAY });
  mockIPC(ipc.handler);
  renderWithProviders(<DaySheet studio={STUDIO} date="2026-11-24" setDate={() => {}} onBack={() => {}} />, language);
  return ipc;
}

describe("day sheet", () => {
  it("lists every booking of the date per room in time order, with what is still open", async () => {
    const ipc = show();
    const sheet = await screen.findByTestId("day-sheet");
    expect(ipc.of("day_board").map((c) => c.args)).toEqual([{ date: "2026-11-24" }]);
    const a = sheet.querySelector('[data-room="studio-a"]')!;
    expect(Array.from(a.querySelectorAll("tbody tr")).map(rowText)).toEqual([
      ["08:00–09:00", "Grace Hopper", "—", "paid (€40.00)", "—"],
      ["10:00–12:00", "Ada Lovelace · 0301234", "Brings own mics", "deposit (€20.00)", "€60.00"],
    ]);
    const booth = sheet.querySelector('[data-room="podcast"]')!;
    expect(Array.from(booth.querySelectorAll("tbody tr")).map(rowText)).toEqual([
      ["11:00–11:30", "Alan Turing", "—", "unpaid · no-show", "—"],
      ["19:00–20:00", "Hedy Lamarr · 0170 1", "—", "unpaid", "€25.00"],
    ]);
    expect(within(sheet).queryByText("Gone Away")).toBeNull();
    expect(screen.getByTestId("day-sheet-total").textContent).toBe("Still open in total: €85.00");
    expect(within(sheet).getByText("Tuesday, 24 November 2026 · 4 bookings")).toBeTruthy();
  });

  it("a room without bookings says so; in German", async () => {
    mockIPC(ipcRecorder({ day_board: () => board({ rooms: [{ ...board().rooms[1] }, { ...board().rooms[0] }] }) }).handler);
    renderWithProviders(<DaySheet studio={STUDIO} date="2026-11-24" setDate={() => {}} onBack={() => {}} />, "de");
    const sheet = await screen.findByTestId("day-sheet");
    expect(within(sheet.querySelector('[data-room="podcast"]')! as HTMLElement).getByText("Keine Buchungen")).toBeTruthy();
    expect(screen.getByTestId("day-sheet-total").textContent?.replace(/[\u00a0\u202f]/g, " ")).toBe("Insgesamt offen: 80,00 €");
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Tagesblatt · Test Studio");
  });

  it("prints through the system's dialog", async () => {
    show();
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    await screen.findByTestId("day-sheet");
    fireEvent.click(screen.getByTestId("day-sheet-print"));
    expect(print).toHaveBeenCalledOnce();
  });
});
