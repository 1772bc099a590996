// @vitest-environment jsdom
// The Reports view: one command per report with the period's query, the figures in words
// beside the charts (English and German), the rooms chosen, the exports, and money for
// admins only.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import axe from "axe-core";
import { STUDIO } from "../../test/fixtures";
import { ipcRecorder, renderWithProviders } from "../../test/render";
import { customers, money, occupancy, pinClock } from "./fixtures";
import { ReportsView } from "./ReportsView";
import type { ReportQuery } from "../../api/types";

// Canvas is absent in jsdom: the charts' configurations are recorded instead of drawn.
const drawn = vi.hoisted(() => [] as { canvas: HTMLCanvasElement; config: { type: string; data: unknown } }[]);
vi.mock("./chartjs", () => ({
  draw: (canvas: HTMLCanvasElement, config: { type: string; data: unknown }) => {
    drawn.push({ canvas, config });
    return { destroy: () => {} };
  },
}));

pinClock("2026-11-24T10:00:00+01:00");
beforeEach(() => {
  drawn.length = 0;
});

const plain = (s: string | null | undefined) => (s ?? "").replace(/[\u00a0\u202f]/g, " ");

function backend(over: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const answer = (make: (from: string, to: string) => unknown) => (args: Record<string, unknown>) => {
    const q = args.query as ReportQuery;
    return make(q.from, q.to);
  };
  const ipc = ipcRecorder({
    report_occupancy: answer(occupancy),
    report_money: answer(money),
    report_customers: answer(customers),
    export_csv: (args) => ({ path: `/home/desk/Downloads/test-studio_${args.kind}_2026-11.csv`, fileName: `test-studio_${args.kind}_2026-11.csv`, rows: 15, source: "desk" }),
    ...over,
  });
  mockIPC(ipc.handler);
  return ipc;
}

describe("reports view", () => {
  it("asks each report once for this month and all rooms, and shows the figures", async () => {
    const ipc = backend();
    renderWithProviders(<ReportsView studio={STUDIO} />);
    await screen.findByTestId("report-revenue");
    const november = { from: "2026-11-01", to: "2026-11-30" };
    for (const cmd of ["report_occupancy", "report_money", "report_customers"]) {
      expect(ipc.of(cmd).map((c) => c.args.query)).toEqual([november]);
    }
    // Utilisation as text beside its chart: 7200 of 28800 minutes booked, 900 changeover.
    const row = within(screen.getByTestId("report-utilisation")).getByText("Studio A").closest("tr")!;
    expect(row.textContent).toContain("25%");
    expect(row.textContent).toContain("3.1%");
    const rates = screen.getByTestId("report-rates");
    // No-shows 2 of 16, cancellations 1 of 16, series 6 of the 15 not cancelled.
    expect(within(rates).getByText("12.5%")).toBeTruthy();
    expect(within(rates).getByText("6.3%")).toBeTruthy();
    expect(within(rates).getByText("40%")).toBeTruthy();
    const revenue = screen.getByTestId("report-revenue");
    expect(within(revenue).getByTestId("report-unpaid").textContent).toContain("2 bookings not paid in full: €160.00 still open");
    // Billed, of it fees, paid.
    expect(within(revenue).getByText("November 2026").closest("tr")?.textContent).toBe("November 2026€1,020.50€40.00€860.50");
    expect(within(revenue).getAllByRole("columnheader", { name: "of it fees" })).toHaveLength(2);
    expect(screen.getByTestId("report-top").textContent).toContain("The Feedback Loops");
  });

  it("mounts a canvas per chart and hands each its figures", async () => {
    backend();
    renderWithProviders(<ReportsView studio={STUDIO} />);
    const bars = await screen.findByTestId("report-chart-utilisation");
    expect(bars.tagName).toBe("CANVAS");
    expect(bars.getAttribute("aria-label")).toBe("Studio A: 25% booked, 3.1% changeover; Podcast Booth: 12.5% booked, 0% changeover");
    expect(screen.getByTestId("report-chart-heatmap").tagName).toBe("CANVAS");
    await waitFor(() => expect(drawn.map((d) => d.config.type).sort()).toEqual(["bar", "matrix"]));
    const bar = drawn.find((d) => d.canvas === bars)!.config;
    expect(bar.type).toBe("bar");
    expect(bar.data).toMatchObject({ labels: ["Studio A", "Podcast Booth"], datasets: [{ data: [25, 12.5] }, { data: [3.125, 0] }] });
    const heat = drawn.find((d) => d.config.type === "matrix")!.config.data as { datasets: { data: { x: string; y: string; v: number }[] }[] };
    // Open 08:00–24:00 every day: 16 hours × 7 days, 10:00 half booked.
    expect(heat.datasets[0].data).toHaveLength(16 * 7);
    expect(heat.datasets[0].data.find((p) => p.x === "10" && p.y === "Mon")?.v).toBe(0.5);
    // The same figures in a table for screen readers.
    expect(within(screen.getByTestId("report-heatmap-table")).getAllByText("50%")).toHaveLength(7);
  });

  it("asks again for this week, the next, the year and the chosen rooms; for no room asks nothing", async () => {
    const ipc = backend();
    renderWithProviders(<ReportsView studio={STUDIO} />);
    await screen.findByTestId("report-revenue");
    fireEvent.click(screen.getByTestId("report-period-week"));
    await waitFor(() => expect(ipc.of("report_occupancy")).toHaveLength(2));
    expect(ipc.of("report_occupancy")[1].args.query).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    fireEvent.click(screen.getByRole("button", { name: "Next period" }));
    await waitFor(() => expect(ipc.of("report_money").at(-1)?.args.query).toEqual({ from: "2026-11-30", to: "2026-12-06" }));
    fireEvent.click(screen.getByTestId("report-period-year"));
    await waitFor(() => expect(ipc.of("report_customers").at(-1)?.args.query).toEqual({ from: "2026-01-01", to: "2026-12-31" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Studio A" }));
    await waitFor(() => expect(ipc.of("report_occupancy").at(-1)?.args.query).toEqual({ from: "2026-01-01", to: "2026-12-31", rooms: "podcast" }));
    // No room at all: nothing is asked, and staff are told why.
    const asked = ipc.calls.length;
    fireEvent.click(screen.getByRole("checkbox", { name: "Podcast Booth" }));
    expect(await screen.findByText("Choose at least one room.")).toBeTruthy();
    expect(ipc.calls.length).toBe(asked);
  });

  it("shows the backend's refusal of a period in plain words", async () => {
    backend({
      report_occupancy: () => {
        throw { code: "invalid", message: "to: a report covers at most three years: from 2026-01-01, to must be before 2029-01-01" };
      },
    });
    renderWithProviders(<ReportsView studio={STUDIO} />);
    expect((await screen.findByText(/to: a report covers at most three years/)).closest("[role=alert]")).toBeTruthy();
  });

  it("money for admins only: refused, it offers to sign in and the other reports still show", async () => {
    backend({
      report_money: () => {
        throw { code: "admin_required", message: "admin" };
      },
    });
    renderWithProviders(<ReportsView studio={STUDIO} />);
    expect(await screen.findByText("Money is for admins: sign in as an admin to see it.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Sign in" })).toBeTruthy();
    expect(screen.queryByTestId("report-revenue")).toBeNull();
    expect(await screen.findByTestId("report-rates")).toBeTruthy();
  });

  it("refused until someone signs in: says so and offers to sign in", async () => {
    backend({
      report_occupancy: () => {
        throw { code: "sign_in_required", message: "sign in" };
      },
    });
    renderWithProviders(<ReportsView studio={STUDIO} />);
    expect(await screen.findByText("Sign in with your PIN first.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Sign in" })).toBeTruthy();
  });

  it("money refused to a desk that is not an admin's: says so, offers no sign-in", async () => {
    backend({
      report_money: () => {
        throw { code: "forbidden", message: "this desk token is not an admin's" };
      },
    });
    renderWithProviders(<ReportsView studio={STUDIO} />);
    expect(await screen.findByText(/shows money only to admin desks/)).toBeTruthy();
    await screen.findByTestId("report-rates");
    expect(screen.queryByRole("button", { name: "Sign in" })).toBeNull();
  });

  it("exports in the UI's language and says where the file went", async () => {
    const ipc = backend();
    renderWithProviders(<ReportsView studio={STUDIO} />, "de");
    fireEvent.click(await screen.findByTestId("export-payments"));
    const result = await screen.findByTestId("export-result");
    expect(result.textContent).toBe("15 Zeilen gespeichert: /home/desk/Downloads/test-studio_payments_2026-11.csv");
    expect(ipc.of("export_csv")[0].args).toEqual({ kind: "payments", query: { from: "2026-11-01", to: "2026-11-30" }, language: "de" });
  });

  it("speaks German: labels, percentages with a decimal comma, euros after the number", async () => {
    backend();
    renderWithProviders(<ReportsView studio={STUDIO} />, "de");
    const revenue = await screen.findByTestId("report-revenue");
    expect(screen.getByTestId("report-period").textContent).toBe("November 2026");
    expect(screen.getByRole("heading", { name: "Auslastung je Raum" })).toBeTruthy();
    expect(plain(within(screen.getByTestId("report-rates")).getByText(/12,5/).textContent)).toBe("12,5 %");
    expect(plain(within(revenue).getByTestId("report-unpaid").textContent)).toBe("Offen: 2 Buchungen nicht voll bezahlt: 160,00 € noch offen");
    expect(within(revenue).getByText("bar")).toBeTruthy();
    expect(screen.getByTestId("report-period-range").textContent).toBe("Von–bis");
  });

  it("has no serious or critical axe violations (contrast is checked in the real window)", async () => {
    backend();
    const { container } = renderWithProviders(<ReportsView studio={STUDIO} />);
    await screen.findByTestId("report-revenue");
    await screen.findByTestId("report-rates");
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
});
