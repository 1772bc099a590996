// @vitest-environment jsdom
// The cash-up: today's payments asked for by default, listed by time with method, staff and
// amount; totals by method, by staff and of the day (received, refunded, net); printing.
import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import { STUDIO } from "../../test/fixtures";
import { ipcRecorder, renderWithProviders } from "../../test/render";
import { A4_PAGE } from "./PrintSheet";
import { cashUp, pinClock } from "./fixtures";
import { ReportsView } from "./ReportsView";

pinClock("2026-11-24T19:30:00+01:00");

const cells = (row: HTMLElement) => Array.from(row.querySelectorAll("th, td")).map((c) => c.textContent?.replace(/[\u00a0\u202f]/g, " "));
const rowsOf = (id: string) => Array.from(within(screen.getByTestId(id)).getAllByRole("row")).slice(1).map(cells);

function open(language: "en" | "de" = "en") {
  const ipc = ipcRecorder({ cash_up: (args) => cashUp(String(args.date)) });
  mockIPC(ipc.handler);
  renderWithProviders(<ReportsView studio={STUDIO} />, language);
  fireEvent.click(screen.getByTestId("cash-up-open"));
  return ipc;
}

describe("cash-up", () => {
  it("asks for today's payments and lists them by time with method, staff and amount", async () => {
    const ipc = open();
    await screen.findByTestId("cash-up");
    expect(ipc.of("cash_up").map((c) => c.args)).toEqual([{ date: "2026-11-24" }]);
    expect(rowsOf("cash-up-payments")).toEqual([
      ["09:15", "Studio A", "Ada Lovelace", "cash", "Mia", "front", "€40.00"],
      ["11:40", "Studio A", "Ada Lovelace", "card", "—", "front", "€25.00"],
      ["17:05", "Studio A", "Ada Lovelace", "cash", "Mia", "front", "-€10.00"],
    ]);
  });

  it("totals by method, by staff member and for the day: received, refunded, net", async () => {
    open();
    await screen.findByTestId("cash-up");
    expect(rowsOf("cash-up-by-method")).toEqual([
      ["cash", "€40.00", "€10.00", "€30.00"],
      ["card", "€25.00", "€0.00", "€25.00"],
    ]);
    expect(rowsOf("cash-up-by-staff")).toEqual([
      ["(no staff member)", "€25.00", "€0.00", "€25.00"],
      ["Mia", "€40.00", "€10.00", "€30.00"],
    ]);
    expect(rowsOf("cash-up-total")).toEqual([["Tuesday, 24 November 2026", "€65.00", "€10.00", "€55.00"]]);
  });

  it("another date asks for that date; printing prints the sheet on A4", async () => {
    const ipc = open();
    await screen.findByTestId("cash-up");
    fireEvent.click(screen.getByRole("button", { name: "Day before" }));
    await waitFor(() => expect(ipc.of("cash_up").at(-1)?.args).toEqual({ date: "2026-11-23" }));
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    fireEvent.click(await screen.findByTestId("cash-up-print"));
    expect(print).toHaveBeenCalledOnce();
    // The A4 page rule comes with the sheet, so the receipt keeps its own paper size.
    expect(screen.getByTestId("cash-up").querySelector("style")?.textContent).toBe(A4_PAGE);
  });

  it("in German", async () => {
    open("de");
    await screen.findByTestId("cash-up");
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Kassenabschluss · Test Studio");
    expect(rowsOf("cash-up-total")).toEqual([["Dienstag, 24. November 2026", "65,00 €", "10,00 €", "55,00 €"]]);
    expect(cells(within(screen.getByTestId("cash-up-by-method")).getAllByRole("row")[0])).toEqual(["Zahlungsart", "Eingenommen", "Erstattet", "Saldo"]);
  });

  it("refused for want of an admin: says so and offers to sign in", async () => {
    mockIPC(
      ipcRecorder({
        cash_up: () => {
          throw { code: "admin_required", message: "admin" };
        },
      }).handler,
    );
    renderWithProviders(<ReportsView studio={STUDIO} />);
    fireEvent.click(screen.getByTestId("cash-up-open"));
    expect(await screen.findByText("Money is for admins: sign in as an admin to see it.")).toBeTruthy();
    expect(screen.queryByTestId("cash-up")).toBeNull();
  });
});
