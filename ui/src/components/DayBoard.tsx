import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { Booking, DayBoard, StudioInfo } from "../api/types";
import { useDayBoard } from "../data/bookings";
import { ONLINE_DESK } from "../data/online";
import { useI18n } from "../i18n";
import { addDays, formatDate, formatTime, instantOf, quantaOver, quantumOf, todayIn } from "../time";
import { BookingDetails } from "./BookingDetails";
import { DropPreview, changeoverQuanta, othersIn, useBoardDrag } from "./BoardDrag";
import { useArrival } from "./SessionButtons";
import { ErrorNote } from "./ErrorNote";
import { overlapping } from "../drag";

/** Width of one quantum (the studio's, 15 minutes today) on the board, px: a 30-minute cell
 * is 48 px wide. */
export const QUANTUM_PX = 24;

export interface BookAt {
  room: string;
  date: string;
  start: string;
}

/** The quanta `[from, to)` the board shows: from the earliest opening to the latest close. */
export function boardRange(board: DayBoard): [number, number] | null {
  const runs = board.rooms.flatMap((r) => r.open);
  if (runs.length === 0) return null;
  return [Math.min(...runs.map((r) => r[0])), Math.max(...runs.map((r) => r[1]))];
}

/** Re-renders every `ms` so the current-time line moves (display only; asks nothing). */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export function DayBoardView({
  studio,
  date,
  setDate,
  onBook,
  onDaySheet,
}: {
  studio: StudioInfo;
  date: string;
  setDate: (date: string) => void;
  onBook: (at: BookAt) => void;
  /** Opens the printable day sheet of `date`. */
  onDaySheet?: () => void;
}) {
  const { t, locale } = useI18n();
  const tz = studio.timezone;
  const query = useDayBoard(date);
  const [selected, setSelected] = useState<Booking | null>(null);
  const quantum = studio.quantumMinutes;
  const drag = useBoardDrag(query.data, QUANTUM_PX, quantum);
  const help = useId();
  const grid = useRef<HTMLDivElement>(null);
  // The board's one Tab stop (a free cell or a booking); arrow keys move it.
  const [active, setActive] = useState<string | null>(null);
  const arrival = useArrival();
  const now = useNow(30_000);
  const scroller = useRef<HTMLDivElement>(null);
  const today = todayIn(tz, new Date(now));
  const board = query.data;
  const range = board ? boardRange(board) : null;
  // Cells that are over are neither offered nor clickable (the backend offers no start in
  // them either); they are shaded up to the running quantum.
  const over = board ? quantaOver(board.start, board.quanta, now, quantum) : 0;
  const rows = board && range ? boardItems(board, studio, over) : [];
  const items = rows.flat();
  const stop = items.find((i) => i.id === active) ?? items[0];
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const from = items.find((i) => i.id === (e.target as HTMLElement).dataset.nav);
    if (!from) return;
    const to = nextItem(rows, from, e.key);
    if (to === undefined) return;
    // Arrow keys stay in the board (the page does not scroll, the day does not change).
    e.preventDefault();
    if (!to) return;
    setActive(to.id);
    grid.current?.querySelector<HTMLElement>(`[data-nav="${to.id}"]`)?.focus();
  };

  // Open on the current hour when a board of today arrives (once per date shown).
  const scrolledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!board || !range || !scroller.current || scrolledFor.current === board.date) return;
    scrolledFor.current = board.date;
    if (date !== today) return;
    const q = quantumOf(board.start, new Date().toISOString(), quantum);
    scroller.current.scrollLeft = Math.max(0, (q - range[0] - 4) * QUANTUM_PX);
  }, [board, range, date, today, quantum]);

  return (
    <section className="board" aria-label={t("board.title")}>
      <div className="toolbar">
        <button type="button" className="button" onClick={() => setDate(addDays(date, -1))} aria-label={t("board.previous")}>
          ←
        </button>
        <button type="button" className="button" onClick={() => setDate(today)} disabled={date === today}>
          {t("board.today")}
        </button>
        <button type="button" className="button" onClick={() => setDate(addDays(date, 1))} aria-label={t("board.next")}>
          →
        </button>
        <h2 className="board-date" data-testid="board-date">
          {formatDate(date, locale)}
        </h2>
        {onDaySheet && (
          <button type="button" className="button" data-testid="day-sheet-open" onClick={onDaySheet}>
            {t("daySheet.button")}
          </button>
        )}
      </div>
      <ErrorNote error={query.error} onRetry={() => void query.refetch()} />
      {board && drag.proposal && (
        <DropPreview board={board} studio={studio} proposal={drag.proposal} onDone={() => drag.setProposal(null)} />
      )}
      {board && !range && <p className="status">{t("board.closedAllDay")}</p>}
      {board && range && (
        <div className="board-scroll" ref={scroller}>
          <p id={help} className="sr-only">
            {t("board.keysHelp")}
          </p>
          <div
            className="board-grid"
            ref={grid}
            role="group"
            aria-label={t("board.grid")}
            aria-describedby={help}
            style={{ width: (range[1] - range[0]) * QUANTUM_PX + 160 }}
            onKeyDown={onKeyDown}
            onFocus={(e) => {
              const id = (e.target as HTMLElement).dataset.nav;
              if (id) setActive(id);
            }}
          >
            <div className="board-row board-hours">
              <div className="board-room-name" />
              <div className="board-lane">
                {Array.from({ length: range[1] - range[0] }, (_, i) => range[0] + i).map((q) => {
                  const label = formatTime(instantOf(board.start, q, quantum), tz, locale);
                  return label.endsWith(":00") ? (
                    <span key={q} className="board-hour" style={{ left: (q - range[0]) * QUANTUM_PX }}>
                      {label}
                    </span>
                  ) : null;
                })}
              </div>
            </div>
            {board.rooms.map((room, row) => {
              const info = studio.rooms.find((r) => r.id === room.id);
              const place = (startQ: number, endQ: number) => {
                const a = Math.max(startQ, range[0]);
                const b = Math.min(endQ, range[1]);
                return { left: (a - range[0]) * QUANTUM_PX, width: Math.max(0, b - a) * QUANTUM_PX };
              };
              return (
                <div className="board-row" key={room.id} data-room={room.id}>
                  <div
                    className="board-room-name"
                    style={info?.colour ? { borderLeft: `6px solid ${info.colour}` } : undefined}
                    data-colour={info?.colour ?? undefined}
                  >
                    {room.name}
                  </div>
                  <div className="board-lane">
                    {closedRuns(room.open, range).map(([a, b]) => (
                      <div key={`closed-${a}`} className="board-closed" style={place(a, b)} />
                    ))}
                    {over > range[0] && <div className="board-over" data-testid="board-over" style={place(range[0], over)} />}
                    {rows[row]
                      .filter((item) => item.kind === "cell")
                      .map(({ id, from: s, to: e }) => {
                        const time = formatTime(instantOf(board.start, s, quantum), tz, locale);
                        return (
                          <button
                            type="button"
                            key={id}
                            className="board-cell"
                            style={place(s, e)}
                            aria-label={t("board.bookAt", { room: room.name, time })}
                            data-time={time}
                            data-nav={id}
                            tabIndex={stop?.id === id ? 0 : -1}
                            onClick={() => onBook({ room: room.id, date, start: instantOf(board.start, s, quantum) })}
                          />
                        );
                      })}
                    {room.holds.map((hold) => (
                      <div
                        key={`hold-${hold.start}-${hold.desk}`}
                        className="board-hold"
                        style={place(quantumOf(board.start, hold.start, quantum), quantumOf(board.start, hold.end, quantum))}
                        data-testid="board-hold"
                      >
                        {t("board.reserved")}
                      </div>
                    ))}
                    {(info?.changeover ?? 0) > 0 &&
                      room.bookings
                        .filter((b) => b.status !== "cancelled")
                        .map((b) => {
                          const end = quantumOf(board.start, b.end, quantum);
                          return (
                            <div
                              key={`changeover-${b.id}`}
                              className="board-changeover"
                              style={place(end, end + (info?.changeover ?? 0) / quantum)}
                              title={t("board.changeover")}
                              data-testid="board-changeover"
                            >
                              {t("board.changeover")}
                            </div>
                          );
                        })}
                    {room.bookings
                      .filter((b) => b.status !== "cancelled")
                      .map((b) => (
                        <button
                          type="button"
                          key={b.id}
                          className={`board-booking status-${b.status} ${drag.dragging?.booking.id === b.id ? "dragging" : ""}`}
                          style={place(quantumOf(board.start, b.start, quantum), quantumOf(board.start, b.end, quantum))}
                          data-nav={`booking:${b.id}`}
                          tabIndex={stop?.id === `booking:${b.id}` ? 0 : -1}
                          onClick={() => {
                            if (!drag.wasDrag()) setSelected(b);
                          }}
                          onPointerDown={(e) => drag.begin(e, b, row, "move")}
                          onPointerMove={drag.move}
                          onPointerUp={drag.end}
                          onPointerCancel={drag.end}
                          data-testid="board-booking"
                          data-booking={b.id}
                        >
                          <strong>{b.customer.name}</strong>
                          <span>
                            {formatTime(b.start, tz, locale)}–{formatTime(b.end, tz, locale)}
                            {b.status === "pending" && ` · ${t("board.pending")}`}
                            {b.status === "conflict" && ` · ${t("board.conflict")}`}
                            {b.desk === ONLINE_DESK && ` · ${t("online.badge")}`}
                            {b.awaitingApproval && b.status !== "cancelled" && ` · ${t("approval.badge")}`}
                            {arrival(b)}
                          </span>
                          <span
                            className="board-resize"
                            aria-hidden="true"
                            data-testid="board-resize"
                            onPointerDown={(e) => {
                              e.stopPropagation();
                              drag.begin(e, b, row, "resize");
                            }}
                            onPointerMove={drag.move}
                            onPointerUp={drag.end}
                          />
                        </button>
                      ))}
                    {drag.dragging && drag.dragging.target.row === row && (
                      <div
                        className={`board-ghost ${
                          overlapping(
                            drag.dragging.target,
                            othersIn(board, row, drag.dragging.booking.id, quantum, changeoverQuanta(studio, room.id)),
                          ).length > 0
                            ? "clash"
                            : ""
                        }`}
                        data-testid="board-ghost"
                        style={place(drag.dragging.target.from, drag.dragging.target.to)}
                      />
                    )}
                    {date === today && <NowLine board={board} range={range} now={now} quantum={quantum} label={t("board.now")} />}
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      )}
      {selected && <BookingDetails studio={studio} booking={selected} onClose={() => setSelected(null)} />}
    </section>
  );
}

function NowLine({ board, range, now, quantum, label }: { board: DayBoard; range: [number, number]; now: number; quantum: number; label: string }) {
  const q = (now - Date.parse(board.start)) / (quantum * 60_000);
  if (q < range[0] || q >= range[1]) return null;
  // A line drawn for the eye; named as an image for screen readers.
  return <div className="board-now" role="img" style={{ left: (q - range[0]) * QUANTUM_PX }} aria-label={label} />;
}

/** What the board's keys move between: the free cells and the bookings of a room row, in
 * time order. */
export interface BoardItem {
  id: string;
  kind: "cell" | "booking";
  row: number;
  /** Board quanta `[from, to)`. */
  from: number;
  to: number;
}

/** Per room row: its free cells on the room's start grid (none that are over, none under a
 * booking, which would be hidden and unclickable) and its bookings, in time order. */
export function boardItems(board: DayBoard, studio: StudioInfo, over: number): BoardItem[][] {
  const quantum = studio.quantumMinutes;
  return board.rooms.map((room, row) => {
    const info = studio.rooms.find((r) => r.id === room.id);
    const step = Math.max(1, Math.round((info?.interval ?? quantum) / quantum));
    const bookings: BoardItem[] = room.bookings
      .filter((b) => b.status !== "cancelled")
      .map((b) => ({ id: `booking:${b.id}`, kind: "booking", row, from: quantumOf(board.start, b.start, quantum), to: quantumOf(board.start, b.end, quantum) }));
    const cells: BoardItem[] = room.open
      .flatMap(([a, b]) => cellsOf(a, b, step))
      .filter(([s, e]) => s >= over && !bookings.some((b) => s < b.to && b.from < e))
      .map(([s, e]) => ({ id: `cell:${row}:${s}`, kind: "cell", row, from: s, to: e }));
    return [...cells, ...bookings].sort((x, y) => x.from - y.from);
  });
}

/**
 * Where a key moves the board's focus from `at`: Left/Right to the previous or next item of
 * the row, Home/End to its first or last, Up/Down to the nearest row above or below that has
 * items, onto the item at the same time (or the nearest). `null`: a board key with nowhere
 * to go; `undefined`: not a board key.
 */
export function nextItem(rows: BoardItem[][], at: BoardItem, key: string): BoardItem | null | undefined {
  const row = rows[at.row] ?? [];
  const i = row.findIndex((x) => x.id === at.id);
  switch (key) {
    case "ArrowRight":
      return row[i + 1] ?? null;
    case "ArrowLeft":
      return i > 0 ? row[i - 1] : null;
    case "Home":
      return row[0] ?? null;
    case "End":
      return row[row.length - 1] ?? null;
    case "ArrowDown":
    case "ArrowUp": {
      const delta = key === "ArrowDown" ? 1 : -1;
      for (let r = at.row + delta; r >= 0 && r < rows.length; r += delta) {
        const there = rows[r];
        if (there.length === 0) continue;
        return (
          there.find((x) => x.from <= at.from && at.from < x.to) ??
          there.reduce((best, x) => (Math.abs(x.from - at.from) < Math.abs(best.from - at.from) ? x : best))
        );
      }
      return null;
    }
    default:
      return undefined;
  }
}

/** Clickable cells `[s, e)` of an open run, on the room's start grid. */
export function cellsOf(from: number, to: number, step: number): [number, number][] {
  const cells: [number, number][] = [];
  for (let s = from; s < to; s += step) cells.push([s, Math.min(s + step, to)]);
  return cells;
}

/** The parts of `range` outside a room's open runs (shaded as closed). */
export function closedRuns(open: [number, number][], range: [number, number]): [number, number][] {
  const closed: [number, number][] = [];
  let at = range[0];
  for (const [a, b] of [...open].sort((x, y) => x[0] - y[0])) {
    if (a > at) closed.push([at, a]);
    at = Math.max(at, b);
  }
  if (at < range[1]) closed.push([at, range[1]]);
  return closed;
}
