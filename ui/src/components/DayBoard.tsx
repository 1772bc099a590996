import { useEffect, useRef, useState } from "react";
import type { Booking, DayBoard, StudioInfo } from "../api/types";
import { useDayBoard } from "../data/bookings";
import { useI18n } from "../i18n";
import { addDays, formatDate, formatTime, instantOf, quantaOver, quantumOf, todayIn } from "../time";
import { BookingDetails } from "./BookingDetails";
import { DropPreview, changeoverQuanta, othersIn, useBoardDrag } from "./BoardDrag";
import { useArrival } from "./SessionButtons";
import { ErrorNote } from "./ErrorNote";
import { overlapping } from "../drag";

/** Width of one 15-minute quantum on the board, px: a 30-minute cell is 48 px wide. */
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
}: {
  studio: StudioInfo;
  date: string;
  setDate: (date: string) => void;
  onBook: (at: BookAt) => void;
}) {
  const { t, locale } = useI18n();
  const tz = studio.timezone;
  const query = useDayBoard(date);
  const [selected, setSelected] = useState<Booking | null>(null);
  const drag = useBoardDrag(query.data, QUANTUM_PX);
  const arrival = useArrival();
  const now = useNow(30_000);
  const scroller = useRef<HTMLDivElement>(null);
  const today = todayIn(tz, new Date(now));
  const board = query.data;
  const range = board ? boardRange(board) : null;
  // Cells that are over are neither offered nor clickable (the backend offers no start in
  // them either); they are shaded up to the running quantum.
  const over = board ? quantaOver(board.start, board.quanta, now) : 0;

  // Open on the current hour when a board of today arrives (once per date shown).
  const scrolledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!board || !range || !scroller.current || scrolledFor.current === board.date) return;
    scrolledFor.current = board.date;
    if (date !== today) return;
    const q = quantumOf(board.start, new Date().toISOString());
    scroller.current.scrollLeft = Math.max(0, (q - range[0] - 4) * QUANTUM_PX);
  }, [board, range, date, today]);

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
      </div>
      <ErrorNote error={query.error} onRetry={() => void query.refetch()} />
      {board && drag.proposal && (
        <DropPreview board={board} studio={studio} proposal={drag.proposal} onDone={() => drag.setProposal(null)} />
      )}
      {board && !range && <p className="status">{t("board.closedAllDay")}</p>}
      {board && range && (
        <div className="board-scroll" ref={scroller}>
          <div className="board-grid" style={{ width: (range[1] - range[0]) * QUANTUM_PX + 160 }}>
            <div className="board-row board-hours">
              <div className="board-room-name" />
              <div className="board-lane">
                {Array.from({ length: range[1] - range[0] }, (_, i) => range[0] + i).map((q) => {
                  const label = formatTime(instantOf(board.start, q), tz, locale);
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
              const step = Math.max(1, Math.round((info?.interval ?? 15) / 15));
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
                    {room.open.flatMap(([a, b]) =>
                      cellsOf(a, b, step)
                        .filter(([s]) => s >= over)
                        .map(([s, e]) => {
                        const time = formatTime(instantOf(board.start, s), tz, locale);
                        return (
                          <button
                            type="button"
                            key={`cell-${s}`}
                            className="board-cell"
                            style={place(s, e)}
                            aria-label={t("board.bookAt", { room: room.name, time })}
                            data-time={time}
                            onClick={() => onBook({ room: room.id, date, start: instantOf(board.start, s) })}
                          />
                        );
                      }),
                    )}
                    {room.holds.map((hold) => (
                      <div
                        key={`hold-${hold.start}-${hold.desk}`}
                        className="board-hold"
                        style={place(quantumOf(board.start, hold.start), quantumOf(board.start, hold.end))}
                        data-testid="board-hold"
                      >
                        {t("board.reserved")}
                      </div>
                    ))}
                    {(info?.changeover ?? 0) > 0 &&
                      room.bookings
                        .filter((b) => b.status !== "cancelled")
                        .map((b) => {
                          const end = quantumOf(board.start, b.end);
                          return (
                            <div
                              key={`changeover-${b.id}`}
                              className="board-changeover"
                              style={place(end, end + (info?.changeover ?? 0) / 15)}
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
                          style={place(quantumOf(board.start, b.start), quantumOf(board.start, b.end))}
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
                            othersIn(board, row, drag.dragging.booking.id, changeoverQuanta(studio, room.id)),
                          ).length > 0
                            ? "clash"
                            : ""
                        }`}
                        data-testid="board-ghost"
                        style={place(drag.dragging.target.from, drag.dragging.target.to)}
                      />
                    )}
                    {date === today && <NowLine board={board} range={range} now={now} label={t("board.now")} />}
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

function NowLine({ board, range, now, label }: { board: DayBoard; range: [number, number]; now: number; label: string }) {
  const q = (now - Date.parse(board.start)) / (15 * 60 * 1000);
  if (q < range[0] || q >= range[1]) return null;
  return <div className="board-now" style={{ left: (q - range[0]) * QUANTUM_PX }} aria-label={label} />;
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
