import type { RoomInfo, StudioInfo } from "../api/types";
import { useRoomStatus } from "../data/rooms";
import { useI18n } from "../i18n";
import { formatTime } from "../time";
import { ErrorNote } from "./ErrorNote";
import { SessionButtons, useArrival } from "./SessionButtons";

/** Every room's current and next bookings, kept live by the backend's events. */
export function RoomsList({ studio }: { studio: StudioInfo }) {
  const { t } = useI18n();
  return (
    <section className="rooms-list" aria-label={t("rooms.title")}>
      <h2>{t("rooms.title")}</h2>
      <div className="room-cards">
        {studio.rooms.map((room) => (
          <RoomCard key={room.id} room={room} timezone={studio.timezone} quantumMinutes={studio.quantumMinutes} />
        ))}
      </div>
    </section>
  );
}

function RoomCard({ room, timezone, quantumMinutes }: { room: RoomInfo; timezone: string; quantumMinutes: number }) {
  const { t, locale } = useI18n();
  const query = useRoomStatus(room.id);
  const status = query.data;
  const time = (iso: string) => formatTime(iso, timezone, locale);
  const arrival = useArrival();
  return (
    <article className={`room-card ${status?.current ? "busy" : "free"}`} data-room={room.id}>
      <h3>{room.name}</h3>
      <ErrorNote error={query.error} onRetry={() => void query.refetch()} />
      {status && (
        <>
          <p className="room-now">
            {status.current
              ? t("rooms.busy", { name: status.current.customer.name, time: time(status.current.end) }) + arrival(status.current)
              : t("rooms.free")}
          </p>
          {status.current && <SessionButtons booking={status.current} quantumMinutes={quantumMinutes} />}
          {status.held && <p className="room-held">{t("rooms.held")}</p>}
          <h4>{t("rooms.next")}</h4>
          {status.next.length === 0 ? (
            <p className="muted">{t("rooms.noneNext")}</p>
          ) : (
            <ul>
              {status.next.slice(0, 3).map((b) => (
                <li key={b.id}>
                  {time(b.start)}–{time(b.end)} · {b.customer.name}
                  {arrival(b)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </article>
  );
}
