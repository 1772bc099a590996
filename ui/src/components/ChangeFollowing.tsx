// Changing an occurrence of a series and every later one: a room, a local start ("HH:MM")
// and a length, applied by the backend to all of them or to none (a "conflict" when one
// would overlap).
import { useState } from "react";
import type { Booking, StudioInfo } from "../api/types";
import { useChangeFollowing } from "../data/bookings";
import { formatDuration } from "../format";
import { useI18n } from "../i18n";
import { formatTime } from "../time";
import { ErrorNote } from "./ErrorNote";
import { RoomOptions } from "./RoomOptions";

const DAY_MINUTES = 24 * 60;

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h * 60 + m;
}

/** The local starts of a day on a room's start-time interval ("00:00", "01:00", …), with
 * `keep` (the booking's own start) among them even if it is off that interval. An interval
 * is a whole number of the studio's quanta (the backend's rule), never under one minute. */
export function startOptions(interval: number, keep?: string): string[] {
  const step = Math.max(1, interval);
  const times: string[] = [];
  for (let m = 0; m < DAY_MINUTES; m += step) times.push(hhmm(m));
  if (keep && !times.includes(keep)) {
    times.push(keep);
    times.sort();
  }
  return times;
}

/** The nearest start on the list at or after `time` (else the last one). */
function snap(time: string, options: string[]): string {
  if (options.includes(time)) return time;
  const at = minutesOf(time);
  return options.find((o) => minutesOf(o) >= at) ?? options[options.length - 1];
}

export function ChangeFollowing({
  studio,
  booking,
  onChanged,
  onClose,
}: {
  studio: StudioInfo;
  booking: Booking;
  onChanged: (changed: Booking[]) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const ownStart = formatTime(booking.start, studio.timezone, "en");
  const ownMinutes = Math.round((Date.parse(booking.end) - Date.parse(booking.start)) / 60_000);
  const [room, setRoom] = useState(booking.room);
  const info = studio.rooms.find((r) => r.id === room);
  const durations = info?.durations ?? [ownMinutes];
  const starts = startOptions(info?.interval ?? studio.quantumMinutes, room === booking.room ? ownStart : undefined);
  const [start, setStart] = useState(ownStart);
  const [minutes, setMinutes] = useState(() => (durations.includes(ownMinutes) ? ownMinutes : durations[0]));
  const change = useChangeFollowing(booking.id, { onSuccess: (changed) => onChanged(changed) });

  const pickRoom = (id: string) => {
    const next = studio.rooms.find((r) => r.id === id);
    setRoom(id);
    change.reset();
    if (!next) return;
    setStart((s) => snap(s, startOptions(next.interval, id === booking.room ? ownStart : undefined)));
    setMinutes((m) => (next.durations.includes(m) ? m : next.durations.includes(ownMinutes) ? ownMinutes : next.durations[0]));
  };

  return (
    <div className="change-following" data-testid="change-following">
      <div className="row">
        <label>
          {t("flow.room")}
          <select name="change-room" value={room} onChange={(e) => pickRoom(e.target.value)}>
            <RoomOptions studio={studio} />
          </select>
        </label>
        <label>
          {t("bookings.start")}
          <select
            name="change-start"
            value={start}
            onChange={(e) => {
              setStart(e.target.value);
              change.reset();
            }}
          >
            {starts.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("flow.duration")}
          <select
            name="change-minutes"
            value={minutes}
            onChange={(e) => {
              setMinutes(Number(e.target.value));
              change.reset();
            }}
          >
            {durations.map((m) => (
              <option key={m} value={m}>
                {formatDuration(m)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNote error={change.error} />
      <div className="row">
        <button
          type="button"
          className="button primary"
          disabled={change.isPending}
          onClick={() => change.mutate({ room, start, minutes })}
        >
          {t("bookings.save")}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t("flow.back")}
        </button>
      </div>
    </div>
  );
}
