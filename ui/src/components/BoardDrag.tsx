// Dragging bookings on the day board, with mouse or touch (pointer events): a booking moves
// to another time or room row, or its end is dragged; it snaps to quanta, shows where it
// would land (marked when it overlaps another booking), and commits only when staff confirm
// the preview. Every drag has a button alternative in the booking's details.
import { useRef, useState, type PointerEvent } from "react";
import type { Booking, DayBoard, StudioInfo } from "../api/types";
import { useChangeBooking } from "../data/bookings";
import { dragTarget, overlapping, unchanged, type DragMode, type DragStart, type DragTarget } from "../drag";
import { useI18n } from "../i18n";
import { formatTime, instantOf, quantumOf } from "../time";
import { Dialog } from "./Dialog";
import { ErrorNote } from "./ErrorNote";

interface Dragging {
  booking: Booking;
  start: DragStart;
  x: number;
  y: number;
  rowPx: number;
  quantumPx: number;
  target: DragTarget;
}

export interface Proposal {
  booking: Booking;
  target: DragTarget;
}

/** `quantumMinutes`: the studio's quantum, one `quantumPx` wide on the board. */
export function useBoardDrag(board: DayBoard | undefined, quantumPx: number, quantumMinutes: number) {
  const [dragging, setDragging] = useState<Dragging | null>(null);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const moved = useRef(false);
  const rows = board?.rooms.length ?? 0;

  const begin = (e: PointerEvent<HTMLElement>, booking: Booking, row: number, mode: DragMode) => {
    if (!board || e.button !== 0) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    moved.current = false;
    const from = quantumOf(board.start, booking.start, quantumMinutes);
    const start: DragStart = { mode, row, from, to: quantumOf(board.start, booking.end, quantumMinutes) };
    const rowPx = (e.currentTarget.closest(".board-row") as HTMLElement | null)?.offsetHeight || 64;
    setDragging({ booking, start, x: e.clientX, y: e.clientY, rowPx, quantumPx, target: { row, from, to: start.to } });
  };
  const move = (e: PointerEvent<HTMLElement>) => {
    if (!dragging || !board) return;
    const target = dragTarget(dragging.start, e.clientX - dragging.x, e.clientY - dragging.y, dragging.quantumPx, dragging.rowPx, rows, board.quanta);
    if (!unchanged(dragging.start, target)) moved.current = true;
    setDragging({ ...dragging, target });
  };
  const end = () => {
    if (dragging && moved.current && !unchanged(dragging.start, dragging.target)) {
      setProposal({ booking: dragging.booking, target: dragging.target });
    }
    setDragging(null);
  };
  /** Whether the click that ends a pointer gesture belongs to a drag (not an open). */
  const wasDrag = () => {
    const was = moved.current;
    moved.current = false;
    return was;
  };
  return { dragging, proposal, setProposal, begin, move, end, wasDrag };
}

/** The bookings of `row` other than `id`, as board quanta of `quantumMinutes`. */
export function othersIn(board: DayBoard, row: number, id: string, quantumMinutes: number, pad = 0) {
  return (board.rooms[row]?.bookings ?? [])
    .filter((b) => b.id !== id && b.status !== "cancelled")
    .map((b) => ({
      booking: b,
      from: quantumOf(board.start, b.start, quantumMinutes) - pad,
      to: quantumOf(board.start, b.end, quantumMinutes) + pad,
    }));
}

/** A room's changeover in the studio's quanta (0 when it has none). */
export function changeoverQuanta(studio: StudioInfo, room: string | undefined): number {
  return Math.round((studio.rooms.find((r) => r.id === room)?.changeover ?? 0) / studio.quantumMinutes);
}

/** The preview of a drop: where the booking would go, what it overlaps, move or not. */
export function DropPreview({
  board,
  studio,
  proposal,
  onDone,
}: {
  board: DayBoard;
  studio: StudioInfo;
  proposal: Proposal;
  onDone: () => void;
}) {
  const timezone = studio.timezone;
  const { t, locale } = useI18n();
  const { booking, target } = proposal;
  const room = board.rooms[target.row];
  const quantum = studio.quantumMinutes;
  const start = instantOf(board.start, target.from, quantum);
  const end = instantOf(board.start, target.to, quantum);
  const clashes = overlapping(target, othersIn(board, target.row, booking.id, quantum));
  // Bookings that do not overlap but lie within the room's changeover of the new time.
  const pad = changeoverQuanta(studio, room?.id);
  const near = overlapping(target, othersIn(board, target.row, booking.id, quantum, pad)).filter(
    (n) => !clashes.some((c) => c.booking.id === n.booking.id),
  );
  const commit = useChangeBooking(booking.id, { onSuccess: () => onDone() });
  return (
    <Dialog title={t("drag.title")} onClose={onDone} role="alertdialog" className="drop-preview">
      <p>
        {t("drag.question", {
          name: booking.customer.name,
          room: room.name,
          time: `${formatTime(start, timezone, locale)}–${formatTime(end, timezone, locale)}`,
        })}
      </p>
      {clashes.length > 0 && (
        <p className="inline-error" data-testid="drag-conflicts">
          {t("drag.overlaps", { names: clashes.map((c) => c.booking.customer.name).join(", ") })}
        </p>
      )}
      {near.length > 0 && (
        <p className="inline-error" data-testid="drag-too-close">
          {t("drag.tooClose", { names: near.map((c) => c.booking.customer.name).join(", "), minutes: pad * quantum })}
        </p>
      )}
      <ErrorNote error={commit.error} />
      <div className="row">
        <button type="button" className="button primary" data-testid="drag-commit" disabled={commit.isPending} onClick={() => commit.mutate({ kind: "span", room: room.id, start, end, session: null })}>
          {t("drag.move")}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t("staff.cancel")}
        </button>
      </div>
    </Dialog>
  );
}
