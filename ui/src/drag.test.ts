import { describe, expect, it } from "vitest";
import { dragTarget, overlapping, unchanged } from "./drag";

const MOVE = { mode: "move" as const, row: 1, from: 40, to: 48 };

describe("dragging a booking", () => {
  it("moves by whole quanta and rows, snapping to the nearest", () => {
    expect(dragTarget(MOVE, 50, 0, 24, 64, 4, 96)).toEqual({ row: 1, from: 42, to: 50 });
    expect(dragTarget(MOVE, -11, 0, 24, 64, 4, 96)).toEqual({ row: 1, from: 40, to: 48 });
    expect(dragTarget(MOVE, 0, 70, 24, 64, 4, 96)).toEqual({ row: 2, from: 40, to: 48 });
    // Kept inside the board: rows and the day's quanta.
    expect(dragTarget(MOVE, 0, -500, 24, 64, 4, 96).row).toBe(0);
    expect(dragTarget(MOVE, 10_000, 0, 24, 64, 4, 92)).toEqual({ row: 1, from: 84, to: 92 });
    expect(unchanged(MOVE, dragTarget(MOVE, 5, 5, 24, 64, 4, 96))).toBe(true);
  });

  it("drags the end: at least one quantum, the start stays", () => {
    const resize = { ...MOVE, mode: "resize" as const };
    expect(dragTarget(resize, 96, 200, 24, 64, 4, 96)).toEqual({ row: 1, from: 40, to: 52 });
    expect(dragTarget(resize, -1000, 0, 24, 64, 4, 96)).toEqual({ row: 1, from: 40, to: 41 });
  });

  it("names the bookings it would land on", () => {
    const others = [
      { id: "a", from: 30, to: 40 },
      { id: "b", from: 49, to: 52 },
    ];
    expect(overlapping({ row: 0, from: 40, to: 49 }, others)).toEqual([]);
    expect(overlapping({ row: 0, from: 39, to: 50 }, others).map((o) => o.id)).toEqual(["a", "b"]);
  });
});
