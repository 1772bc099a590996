import { describe, expect, it, vi } from "vitest";
import { roomStatusBatcher } from "./roomStatus";
import type { RoomStatus } from "./types";

const FREE: RoomStatus = { current: null, next: [], held: false };

describe("room status batcher", () => {
  it("turns the asks of one moment into ONE rooms_status call", async () => {
    const fetch = vi.fn(async (rooms: string[]) => Object.fromEntries(rooms.map((r) => [r, { ...FREE, held: r === "b" }])));
    const batcher = roomStatusBatcher(fetch);
    const answers = await Promise.all(["a", "b", "c", "d", "a"].map((r) => batcher.fetch(r)));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0][0].sort()).toEqual(["a", "b", "c", "d"]);
    expect(answers.map((a) => a?.held)).toEqual([false, true, false, false, false]);
  });

  it("asks again for a later moment", async () => {
    const fetch = vi.fn(async (rooms: string[]) => Object.fromEntries(rooms.map((r) => [r, FREE])));
    const batcher = roomStatusBatcher(fetch);
    await batcher.fetch("a");
    await batcher.fetch("b");
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
