// @vitest-environment jsdom
// The key factory and the invalidation table: every key under a known root, every event
// kind mapped, and refused customer edits reaching the customers' views.
import { afterEach, describe, expect, it } from "vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { ReactNode } from "react";
import type { DeskEvent } from "../api/types";
import { ipcRecorder } from "../test/render";
import { ON_EVENT, applyDeskEvent, type DeskEventKind } from "./events";
import { ROOTS, STALE, keys } from "./keys";
import { useResolveRefusedCustomerEdit } from "./sync";

afterEach(() => clearMocks());

/** One event of every kind. `satisfies` and the check below fail the type check when a
 * kind is added to the generated `DeskEvent` and not here. */
const EVENTS = {
  bookingsChanged: { kind: "bookingsChanged" },
  holdsChanged: { kind: "holdsChanged", room: "studio-a", dates: ["2026-11-24"] },
  syncStatusChanged: {
    kind: "syncStatusChanged",
    status: { configured: true, online: true, live: true, lastSync: null, pending: 0, conflicts: 0, problem: null },
  },
  studioChanged: { kind: "studioChanged" },
} satisfies { [K in DeskEventKind]: Extract<DeskEvent, { kind: K }> };

/** Every key the factory makes, with sample arguments. */
const ALL_KEYS = [
  keys.studio,
  keys.settings,
  keys.board("2026-11-24"),
  keys.slots("studio-a", "2026-11-24", 60, "s"),
  keys.slotsOf("studio-a", "2026-11-24"),
  keys.month("studio-a", 2026, 11, 60),
  keys.monthsOf("studio-a"),
  keys.roomStatus("studio-a"),
  keys.bookings("", "2026-11-24"),
  keys.quote("studio-a", "a", "b"),
  keys.feePreview("b1", "cancel"),
  keys.messages("b1"),
  keys.seriesPreview("studio-a", null, "s"),
  keys.seriesPreviewsOf("studio-a"),
  keys.conflicts,
  keys.refusedChanges,
  keys.refusedCustomerEdits,
  keys.customers("ada"),
  keys.customer("c1"),
  keys.activity("", "", "", "b1"),
  keys.sync,
  keys.signIn,
  keys.staff,
  keys.report("money", "2026-11-01", "2026-11-30", "", "s1"),
  keys.cashUp("2026-11-24", "s1"),
  keys.feeds("s1"),
  keys.onlineBooking("s1"),
  keys.backups("s1"),
];

function staleAfter(act: (client: QueryClient) => void, seed: readonly (readonly unknown[])[] = ALL_KEYS) {
  const client = new QueryClient();
  for (const key of seed) client.setQueryData([...key], 1);
  act(client);
  return client
    .getQueryCache()
    .getAll()
    .filter((q) => q.state.isInvalidated)
    .map((q) => String(q.queryKey[0]));
}

describe("query keys", () => {
  it("every key of the factory starts with a known root, and every root has keys", () => {
    expect(Object.keys(keys).length).toBe(ALL_KEYS.length);
    const roots = new Set(ALL_KEYS.map((k) => k[0]));
    for (const root of roots) expect(ROOTS).toContain(root);
    expect([...roots].sort()).toEqual([...ROOTS].sort());
  });

  it("every kind of change names known roots only", () => {
    for (const roots of Object.values(STALE)) for (const root of roots) expect(ROOTS).toContain(root);
  });
});

describe("event → invalidation", () => {
  it("maps every event kind, and nothing else", () => {
    expect(Object.keys(ON_EVENT).sort()).toEqual(Object.keys(EVENTS).sort());
  });

  it("no event but a studio change makes the studio or the settings stale", () => {
    for (const event of Object.values(EVENTS)) {
      const stale = staleAfter((c) => applyDeskEvent(c, event));
      if (event.kind !== "studioChanged") expect(stale).not.toContain("studio");
      expect(stale).not.toContain("settings");
    }
  });

  it("a bookings change (a sync that refused customer edits too) makes refused customer edits and customers stale", () => {
    const stale = staleAfter((c) => applyDeskEvent(c, EVENTS.bookingsChanged));
    expect(stale).toContain("refusedCustomerEdits");
    expect(stale).toContain("customers");
    expect(stale).toContain("refusedChanges");
    expect(stale).not.toContain("staff");
    expect(stale).not.toContain("signIn");
  });

  it("a holds change stays in its room and dates", () => {
    const stale = staleAfter(
      (c) => applyDeskEvent(c, EVENTS.holdsChanged),
      [keys.slots("studio-a", "2026-11-24", 60, "s"), keys.slots("studio-a", "2026-11-25", 60, "s"), keys.slots("podcast", "2026-11-24", 60, "s"), keys.customers("ada")],
    );
    expect(stale).toEqual(["slots"]);
  });
});

describe("writes invalidate what they change", () => {
  it("resolving a refused customer edit makes the customers stale (also when refused), not the studio", async () => {
    for (const refuse of [false, true]) {
      mockIPC(
        ipcRecorder({
          resolve_refused_customer_edit: () => {
            if (refuse) throw { code: "stale", message: "changed meanwhile" };
            return null;
          },
        }).handler,
      );
      const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
      for (const key of [keys.customers("ada"), keys.customer("c1"), keys.refusedCustomerEdits, keys.studio]) client.setQueryData(key, 1);
      const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
      const { result } = renderHook(() => useResolveRefusedCustomerEdit(), { wrapper });
      act(() => result.current.mutate({ mutation: "m1", applyMine: true }));
      await waitFor(() => expect(result.current.isIdle).toBe(false));
      await waitFor(() => expect(client.getQueryState(keys.refusedCustomerEdits)?.isInvalidated).toBe(true));
      expect(client.getQueryState(keys.customers("ada"))?.isInvalidated).toBe(true);
      expect(client.getQueryState(keys.customer("c1"))?.isInvalidated).toBe(true);
      expect(client.getQueryState(keys.studio)?.isInvalidated).toBe(false);
      clearMocks();
    }
  });
});
