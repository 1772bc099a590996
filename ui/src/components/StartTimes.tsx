// A date's start times for a room and duration, in time order: free ones to pick, and those
// another desk holds shown inline as reserved (the booking flow's and the move's one view).
import type { Slot, StudioInfo } from "../api/types";
import { useDaySlots } from "../data/bookings";
import { useI18n } from "../i18n";
import { formatDate, formatTime } from "../time";
import { ErrorNote } from "./ErrorNote";

export function StartTimes({
  studio,
  room,
  date,
  duration,
  session,
  suggested,
  onPick,
}: {
  studio: StudioInfo;
  room: string;
  date: string;
  duration: number;
  session: string;
  suggested?: string;
  onPick: (slot: Slot) => void;
}) {
  const { t, locale } = useI18n();
  const query = useDaySlots(room, date, duration, session);
  const slots = query.data?.slots ?? [];
  const suggestedSlot = suggested
    ? slots.find((s) => s.status === "available" && Date.parse(s.start) === Date.parse(suggested))
    : undefined;
  return (
    <div className="start-times">
      <h3>{t("flow.startTimes", { date: formatDate(date, locale) })}</h3>
      <ErrorNote error={query.error} onRetry={() => void query.refetch()} />
      {suggestedSlot && (
        <button type="button" className="button primary suggested" onClick={() => onPick(suggestedSlot)}>
          {t("flow.suggested", { time: formatTime(suggestedSlot.start, studio.timezone, locale) })}
        </button>
      )}
      {query.isSuccess && slots.length === 0 && <p className="status">{t("flow.noStarts")}</p>}
      <ul className="slot-list">
        {slots.map((slot) => {
          const time = formatTime(slot.start, studio.timezone, locale);
          const reserved = slot.status === "reserved";
          return (
            <li key={slot.start}>
              <button
                type="button"
                className={`slot ${slot.status}`}
                disabled={reserved}
                data-time={time}
                data-status={slot.status}
                onClick={() => onPick(slot)}
              >
                <span>{time}</span>
                {reserved && <small>{t("flow.reservedBy")}</small>}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
