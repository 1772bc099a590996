import { describe, expect, it } from "vitest";
import { QueryClient } from "@tanstack/react-query";
import { applyDeskEvent } from "./events";
import { keys } from "./keys";

function seeded() {
  const client = new QueryClient();
  const all = [
    keys.board("2026-11-24"),
    keys.board("2026-11-25"),
    keys.slots("studio-a", "2026-11-24", 60, "s"),
    keys.slots("podcast", "2026-11-24", 60, "s"),
    keys.month("studio-a", 2026, 11, 60),
    keys.roomStatus("studio-a"),
    keys.roomStatus("podcast"),
    keys.bookings("", "2026-11-24"),
    keys.customers("ada"),
    keys.customer("c1"),
  ];
  for (const key of all) client.setQueryData(key, 1);
  const stale = () =>
    client
      .getQueryCache()
      .getAll()
      .filter((q) => q.state.isInvalidated)
      .map((q) => q.queryKey.join("/"))
      .sort();
  return { client, stale };
}

describe("backend events", () => {
  it("a holds change makes that room's dates stale, nothing else", () => {
    const { client, stale } = seeded();
    applyDeskEvent(client, { kind: "holdsChanged", room: "studio-a", dates: ["2026-11-24"] });
    expect(stale()).toEqual([
      "board/2026-11-24",
      "month/studio-a/2026/11/60",
      "roomStatus/studio-a",
      "slots/studio-a/2026-11-24/60/s",
    ]);
  });

  it("a bookings change makes every booking view stale, customers' counts too", () => {
    const { client, stale } = seeded();
    applyDeskEvent(client, { kind: "bookingsChanged" });
    expect(stale()).toHaveLength(10);
    expect(stale()).toContain("customers/find/ada");
    expect(stale()).toContain("customers/page/c1");
  });

  it("a studio change makes everything stale, the studio itself too", () => {
    const { client, stale } = seeded();
    client.setQueryData(keys.studio, { name: "old" });
    applyDeskEvent(client, { kind: "studioChanged" });
    expect(client.getQueryState(keys.studio)?.isInvalidated).toBe(true);
    expect(stale()).toHaveLength(11);
  });

  it("a sync status change is shown as sent, without asking", () => {
    const client = new QueryClient();
    const status = { configured: true, online: false, live: false, lastSync: null, pending: 2, conflicts: 0, problem: "down" };
    applyDeskEvent(client, { kind: "syncStatusChanged", status });
    expect(client.getQueryData(keys.sync)).toEqual(status);
  });
});
