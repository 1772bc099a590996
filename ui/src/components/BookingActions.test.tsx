// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Booking, BookingChange } from "../api/types";
import { STUDIO, booking } from "../test/fixtures";
import { ipcRecorder, renderWithProviders } from "../test/render";
import { BookingActions } from "./BookingActions";
import { Receipt } from "./PaymentForm";

afterEach(() => {
  cleanup();
  clearMocks();
});

// 10:00–12:00 Berlin on 24 Nov 2026 (09:00–11:00 UTC).
const RUNNING = booking();
const at = (iso: string) => Date.parse(iso);

describe("booking actions", () => {
  it("extends, finishes early and checks in through change_booking", async () => {
    const changed: Booking[] = [];
    const ipc = ipcRecorder({
      change_booking: (args) => {
        const c = args.change as BookingChange;
        return c.kind === "span" ? { ...RUNNING, end: c.end, version: 2 } : { ...RUNNING, checkedInAt: "2026-11-24T10:05:00+01:00", version: 2 };
      },
    });
    mockIPC(ipc.handler);
    const now = at("2026-11-24T10:20:00+01:00");
    renderWithProviders(<BookingActions studio={STUDIO} booking={RUNNING} now={now} onChanged={(b) => changed.push(b)} />);
    // 10:20 is past the start plus the grace time (10:15): a no-show is offered.
    expect(screen.getByTestId("no-show")).toBeTruthy();
    cleanup();
    // A studio that waits 30 minutes does not offer it yet.
    renderWithProviders(<BookingActions studio={{ ...STUDIO, noShowGraceMinutes: 30 }} booking={RUNNING} now={now} onChanged={() => {}} />);
    expect(screen.queryByTestId("no-show")).toBeNull();
    cleanup();
    renderWithProviders(<BookingActions studio={STUDIO} booking={RUNNING} now={now} onChanged={(b) => changed.push(b)} />);

    expect(screen.getByTestId("shorten-15")).toBeTruthy();
    fireEvent.click(screen.getByTestId("extend-60"));
    await waitFor(() => expect(ipc.of("change_booking")).toHaveLength(1));
    expect(ipc.of("change_booking")[0].args).toEqual({
      id: RUNNING.id,
      change: { kind: "span", room: "studio-a", start: RUNNING.start, end: "2026-11-24T12:00:00.000Z", session: null },
    });
    fireEvent.click(screen.getByTestId("finish-now"));
    await waitFor(() => expect(ipc.of("change_booking")).toHaveLength(2));
    // 10:20 rounds up to 10:30 local (09:30 UTC).
    expect((ipc.of("change_booking")[1].args.change as { end: string }).end).toBe("2026-11-24T09:30:00.000Z");
    fireEvent.click(screen.getByTestId("check-in"));
    await waitFor(() => expect(ipc.of("change_booking")).toHaveLength(3));
    expect((ipc.of("change_booking")[2].args.change as BookingChange).kind).toBe("checkIn");
    await waitFor(() => expect(changed).toHaveLength(3));
  });

  it("a booking made online that waits is approved in one click; others show no approval", async () => {
    const waiting = booking({ desk: "online", awaitingApproval: true });
    const changed: Booking[] = [];
    const ipc = ipcRecorder({ change_booking: () => ({ ...waiting, awaitingApproval: false, version: 2 }) });
    mockIPC(ipc.handler);
    renderWithProviders(<BookingActions studio={STUDIO} booking={waiting} now={at("2026-11-23T10:00:00+01:00")} onChanged={(b) => changed.push(b)} />, "de");
    expect(screen.getByTestId("awaiting-approval").textContent).toMatch(/^Online gebucht, wartet auf Ihre Freigabe/);
    fireEvent.click(screen.getByRole("button", { name: "Freigeben" }));
    await waitFor(() => expect(changed).toHaveLength(1));
    expect(ipc.of("change_booking")[0].args).toEqual({ id: waiting.id, change: { kind: "approve" } });
    expect(changed[0].awaitingApproval).toBe(false);
    cleanup();
    renderWithProviders(<BookingActions studio={STUDIO} booking={RUNNING} now={at("2026-11-23T10:00:00+01:00")} onChanged={() => {}} />);
    expect(screen.queryByTestId("awaiting-approval")).toBeNull();
  });

  it("a booking that asks a deposit says what is asked, paid and open, starts a deposit at it, and the receipt lists it", () => {
    const asking = booking({ price: 8000, deposit: 2400 });
    mockIPC(ipcRecorder({}).handler);
    renderWithProviders(<BookingActions studio={STUDIO} booking={asking} now={at("2026-11-23T10:00:00+01:00")} onChanged={() => {}} />);
    expect(screen.getByTestId("deposit-summary").textContent).toBe("Deposit €24.00 asked, €0.00 paid; €80.00 of €80.00 still open.");
    fireEvent.change(screen.getByRole("combobox", { name: "Payment" }), { target: { value: "deposit" } });
    expect((screen.getByRole("textbox", { name: /Amount/ }) as HTMLInputElement).value).toBe("24.00");
    cleanup();
    const part = booking({ price: 8000, deposit: 2400, payment: { status: "deposit", amount: 2400, method: "card" } });
    renderWithProviders(<Receipt studio={STUDIO} booking={part} />);
    expect(screen.getByTestId("receipt-deposit").textContent).toBe("€24.00");
    expect(screen.getByTestId("receipt-open").textContent).toBe("€56.00");
  });

  it("offers no no-show before the grace time, and nothing for a cancelled booking", () => {
    mockIPC(ipcRecorder({}).handler);
    renderWithProviders(<BookingActions studio={STUDIO} booking={RUNNING} now={at("2026-11-24T10:10:00+01:00")} onChanged={() => {}} />);
    expect(screen.queryByTestId("no-show")).toBeNull();
    expect(screen.getByTestId("check-in")).toBeTruthy();
    cleanup();
    // The day before: no check-in yet.
    renderWithProviders(<BookingActions studio={STUDIO} booking={RUNNING} now={at("2026-11-23T10:00:00+01:00")} onChanged={() => {}} />);
    expect(screen.queryByTestId("check-in")).toBeNull();
    cleanup();
    renderWithProviders(<BookingActions studio={STUDIO} booking={{ ...RUNNING, status: "cancelled" }} onChanged={() => {}} />);
    expect(screen.queryByTestId("extend-15")).toBeNull();
  });

  it("records a deposit in minor units, and the receipt shows what is still open", async () => {
    const ipc = ipcRecorder({ change_booking: () => ({ ...RUNNING, version: 2, payment: { status: "deposit", amount: 2050, method: "card" } }) });
    mockIPC(ipc.handler);
    renderWithProviders(<BookingActions studio={STUDIO} booking={RUNNING} onChanged={() => {}} />);
    fireEvent.change(screen.getByRole("combobox", { name: "Payment" }), { target: { value: "deposit" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Amount (EUR)" }), { target: { value: "20,50" } });
    fireEvent.change(screen.getByRole("combobox", { name: "How" }), { target: { value: "card" } });
    fireEvent.click(screen.getByTestId("record-payment"));
    await waitFor(() => expect(ipc.of("change_booking")).toHaveLength(1));
    expect(ipc.of("change_booking")[0].args.change).toEqual({
      kind: "payment",
      payment: { status: "deposit", amount: 2050, method: "card" },
    });
    cleanup();
    const { container } = renderWithProviders(
      <Receipt studio={STUDIO} booking={{ ...RUNNING, payment: { status: "deposit", amount: 2050, method: "card" } }} />,
    );
    const text = container.querySelector(".receipt")!.textContent!;
    expect(text).toContain("€80.00");
    expect(text).toContain("€20.50 (card)");
    expect(text).toContain("Still open€59.50");
  });

  it("the receipt of a late cancellation itemises its fee, and what is open is the fee", () => {
    const cancelled = {
      ...RUNNING,
      status: "cancelled" as const,
      payment: { status: "deposit" as const, amount: 1000, method: "cash" as const },
      fee: { amount: 4000, rule: "late_cancel" as const, percent: 50, hoursBefore: 24, waived: null },
    };
    const { container, rerender } = renderWithProviders(<Receipt studio={STUDIO} booking={cancelled} />);
    const text = () => container.querySelector(".receipt")!.textContent!;
    expect(text()).toContain("Late cancellation€40.00 (50% of the price)");
    expect(text()).toContain("Still open€30.00");
    // Waived by an admin: it shows, with the reason, and nothing is open.
    rerender(<Receipt studio={STUDIO} booking={{ ...cancelled, fee: { ...cancelled.fee, waived: { reason: "regular", at: "2026-06-01T10:00:00+02:00", by: "Mia" } } }} />);
    expect(text()).toContain("Late cancellation€40.00 (50% of the price) — waived: regular");
    expect(text()).toContain("Still open€0.00");
  });
});
