// Dragging a booking on the day board, as data: where a drag of (dx, dy) pixels puts the
// booking (moved, or its end dragged), snapped to quanta and rows, and whether that lands
// on another booking of the board. No React here (unit-tested on its own).

export type DragMode = "move" | "resize";

export interface DragStart {
  mode: DragMode;
  /** The room row the booking is in, and the rooms in board order. */
  row: number;
  /** The booking's quanta on the board, `[from, to)`. */
  from: number;
  to: number;
}

export interface DragTarget {
  row: number;
  from: number;
  to: number;
}

/** Where the booking goes for a drag of `dx`, `dy` px, quanta `quantumPx` wide, rows
 * `rowPx` high; it stays inside `[0, quanta)` and the board's `rows`. */
export function dragTarget(
  start: DragStart,
  dx: number,
  dy: number,
  quantumPx: number,
  rowPx: number,
  rows: number,
  quanta: number,
): DragTarget {
  const dq = Math.round(dx / quantumPx);
  const length = start.to - start.from;
  if (start.mode === "resize") {
    const to = Math.min(quanta, Math.max(start.from + 1, start.to + dq));
    return { row: start.row, from: start.from, to };
  }
  const row = Math.min(rows - 1, Math.max(0, start.row + Math.round(dy / rowPx)));
  const from = Math.min(quanta - length, Math.max(0, start.from + dq));
  return { row, from, to: from + length };
}

/** Whether the target is where the booking already is. */
export function unchanged(start: DragStart, target: DragTarget): boolean {
  return start.row === target.row && start.from === target.from && start.to === target.to;
}

/** The other bookings (by `[from, to)` quanta) of the target row the target overlaps. */
export function overlapping<T extends { from: number; to: number }>(target: DragTarget, others: T[]): T[] {
  return others.filter((o) => o.from < target.to && target.from < o.to);
}
