// Moving a booking with the buttons (the alternative to dragging it on the board): pick the
// room and date, then a start in the same start-time view as a new booking (other desks'
// holds shown inline); the new span is held while staff decide, and the move frees the old
// time and takes the new one in one step.
import { useMemo, useState } from "react";
import { newId } from "../api/ids";
import type { Booking, Slot, StudioInfo } from "../api/types";
import { useChangeBooking } from "../data/bookings";
import { useHold } from "../hold";
import { useI18n } from "../i18n";
import { dateOf, formatTime } from "../time";
import { DateField } from "./DateField";
import { ErrorNote } from "./ErrorNote";
import { RoomOptions } from "./RoomOptions";
import { StartTimes } from "./StartTimes";

export function MoveBooking({ studio, booking, onMoved }: { studio: StudioInfo; booking: Booking; onMoved: (b: Booking) => void }) {
  const { t, locale } = useI18n();
  const session = useMemo(() => newId(), []);
  const [room, setRoom] = useState(booking.room);
  const [date, setDate] = useState(() => dateOf(booking.start, studio.timezone));
  const [slot, setSlot] = useState<Slot | null>(null);
  const minutes = Math.round((Date.parse(booking.end) - Date.parse(booking.start)) / 60_000);
  const spans = slot ? [{ room, start: slot.start, end: slot.end }] : [];
  const hold = useHold(session, spans);
  const move = useChangeBooking(booking.id, { onSuccess: (b) => onMoved(b) });
  return (
    <div className="move-booking">
      <div className="row">
        <label>
          {t("flow.room")}
          <select
            name="move-room"
            value={room}
            onChange={(e) => {
              setRoom(e.target.value);
              setSlot(null);
            }}
          >
            <RoomOptions studio={studio} />
          </select>
        </label>
        <DateField
          label={t("flow.day")}
          value={date}
          onChange={(d) => {
            setDate(d);
            setSlot(null);
          }}
          name="move-date"
        />
      </div>
      {!slot && <StartTimes studio={studio} room={room} date={date} duration={minutes} session={session} onPick={setSlot} />}
      {slot && (
        <div className="row">
          <span data-testid="move-hold">
            {formatTime(slot.start, studio.timezone, locale)}–{formatTime(slot.end, studio.timezone, locale)}
            {hold?.state === "live" ? ` · ${t("flow.holdLive")}` : ""}
          </span>
          <button
            type="button"
            className="button primary"
            data-testid="move-here"
            disabled={hold?.state !== "live" || move.isPending}
            onClick={() => move.mutate({ kind: "span", room, start: slot.start, end: slot.end, session })}
          >
            {t("actions.moveHere")}
          </button>
          <button type="button" className="button" onClick={() => setSlot(null)}>
            {t("flow.back")}
          </button>
        </div>
      )}
      <ErrorNote error={hold?.state === "failed" ? hold.error : move.error} />
    </div>
  );
}
