// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { SyncView } from "./SyncView";
import { STUDIO, booking } from "../test/fixtures";
import { ipcRecorder, renderWithProviders } from "../test/render";

afterEach(() => {
  cleanup();
  clearMocks();
});

const CONFLICT = booking({
  id: "c0000000-0000-4000-8000-000000000001",
  customer: { name: "Late Larry" },
  status: "conflict",
  reason: "studio-a is already booked 10:00–12:00 by another desk",
});

function backend() {
  return ipcRecorder({
    sync_status: () => ({ configured: true, online: false, live: false, lastSync: null, pending: 2, conflicts: 1, problem: "connection refused" }),
    conflicts: () => [CONFLICT],
    day_slots: () => ({
      room: "studio-a",
      date: "2026-11-24",
      quanta: 96,
      slots: [
        { start: "2026-11-24T13:00:00+01:00", end: "2026-11-24T15:00:00+01:00", status: "available" },
        { start: "2026-11-24T14:00:00+01:00", end: "2026-11-24T16:00:00+01:00", status: "reserved" },
      ],
    }),
    move_conflict: (args) => booking({ ...CONFLICT, start: args.start as string, end: args.end as string, status: "pending", reason: null }),
    cancel_booking: () => booking({ ...CONFLICT, status: "cancelled" }),
  });
}

describe("sync view", () => {
  it("says the desk is offline, why, and what waits", async () => {
    mockIPC(backend().handler);
    renderWithProviders(<SyncView studio={STUDIO} />);
    expect(await screen.findByText(/Offline · 2 waiting to sync · Never synced/)).toBeTruthy();
    expect(screen.getByText("Why: connection refused")).toBeTruthy();
    expect(screen.getByText(/kept on this desk and sent when the server is back/)).toBeTruthy();
  });

  it("moves a conflict to a free start of the same length", async () => {
    const ipc = backend();
    mockIPC(ipc.handler);
    renderWithProviders(<SyncView studio={STUDIO} />);
    const item = (await screen.findByText("Late Larry")).closest("li") as HTMLElement;
    expect(within(item).getByText(CONFLICT.reason as string)).toBeTruthy();
    fireEvent.click(within(item).getByRole("button", { name: "Move" }));
    const select = (await within(item).findByRole("combobox", { name: "Move to" })) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBe(3));
    // A reserved start is listed but cannot be chosen.
    expect(select.options[2].disabled).toBe(true);
    fireEvent.change(select, { target: { value: "2026-11-24T13:00:00+01:00" } });
    fireEvent.click(within(item).getByRole("button", { name: "Move" }));
    await waitFor(() => expect(ipc.of("move_conflict")).toHaveLength(1));
    expect(ipc.of("move_conflict")[0].args).toEqual({
      id: CONFLICT.id,
      room: "studio-a",
      start: "2026-11-24T13:00:00+01:00",
      end: "2026-11-24T15:00:00+01:00",
    });
    // The slots asked for are the booking's own length (2 h).
    expect(ipc.of("day_slots")[0].args).toMatchObject({ room: "studio-a", date: "2026-11-24", duration: 120 });
  });

  it("cancels a conflict", async () => {
    const ipc = backend();
    mockIPC(ipc.handler);
    renderWithProviders(<SyncView studio={STUDIO} />);
    const item = (await screen.findByText("Late Larry")).closest("li") as HTMLElement;
    fireEvent.click(within(item).getByRole("button", { name: "Cancel it" }));
    await waitFor(() => expect(ipc.of("cancel_booking")).toHaveLength(1));
    expect(ipc.of("cancel_booking")[0].args.id).toBe(CONFLICT.id);
  });
});

describe("refused customer edits", () => {
  const REFUSED = {
    mutation: "e0000000-0000-4000-8000-000000000001",
    mine: { version: 1, name: "Mia Muster", phone: "0170 1234567", email: null, notes: "Brings her own mic", staff: null },
    current: { id: "c-mia", name: "Mia Muster", phone: "0170 1234567", email: null, notes: "Prefers Studio B", mergedInto: null, version: 2 },
    reason: "customer c-mia was changed meanwhile (it is at version 2 now, the change was made to version 1)",
  };

  it("shows both versions and makes staff's edit again when asked", async () => {
    let pending = [REFUSED];
    const ipc = ipcRecorder({
      sync_status: () => ({ configured: true, online: true, live: true, lastSync: null, pending: 0, conflicts: 0, problem: null }),
      conflicts: () => [],
      refused_changes: () => [],
      refused_customer_edits: () => pending,
      resolve_refused_customer_edit: () => {
        pending = [];
        return { ...REFUSED.current, notes: REFUSED.mine.notes, version: 3 };
      },
    });
    mockIPC(ipc.handler);
    renderWithProviders(<SyncView studio={STUDIO} />);
    const item = await screen.findByTestId("refused-customer-edit");
    expect(item.textContent).toContain("Yours: Mia Muster · 0170 1234567 · Brings her own mic");
    expect(item.textContent).toContain("Prefers Studio B");
    expect(item.textContent).toContain("changed meanwhile");
    fireEvent.click(within(item).getByRole("button", { name: /again/i }));
    await waitFor(() =>
      expect(ipc.of("resolve_refused_customer_edit")).toEqual([
        { cmd: "resolve_refused_customer_edit", args: { mutation: REFUSED.mutation, applyMine: true } },
      ]),
    );
    await waitFor(() => expect(screen.queryByTestId("refused-customer-edit")).toBeNull());
  });
});
