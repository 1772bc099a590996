import { createContext, useContext, useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { roomStatusBatcher } from "../api/roomStatus";
import type { CommandError, RoomInfo, RoomStatus, StudioInfo } from "../api/types";
import { useI18n } from "../i18n";
import { keys } from "../queries";
import { formatTime } from "../time";
import { ErrorNote } from "./ErrorNote";
import { SessionButtons, useArrival } from "./SessionButtons";

type Batcher = ReturnType<typeof roomStatusBatcher>;

const BatcherContext = createContext<Batcher | null>(null);

/** Gives room cards the batcher that merges their asks into one `rooms_status` call. */
export function RoomStatusProvider({ batcher, children }: { batcher?: Batcher; children: React.ReactNode }) {
  const value = useMemo(() => batcher ?? roomStatusBatcher(), [batcher]);
  return <BatcherContext.Provider value={value}>{children}</BatcherContext.Provider>;
}

function useRoomStatus(room: string) {
  const batcher = useContext(BatcherContext);
  if (!batcher) throw new Error("useRoomStatus outside RoomStatusProvider");
  return useQuery<RoomStatus | null, CommandError>({
    queryKey: keys.roomStatus(room),
    queryFn: () => batcher.fetch(room),
    // Changes arrive as events; this only moves "current" and "next" along as time passes
    // (all cards refetch in the same moment, so still one call).
    refetchInterval: 60_000,
  });
}

/** Every room's current and next bookings, kept live by the backend's events. */
export function RoomsList({ studio }: { studio: StudioInfo }) {
  const { t } = useI18n();
  return (
    <section className="rooms-list" aria-label={t("rooms.title")}>
      <h2>{t("rooms.title")}</h2>
      <div className="room-cards">
        {studio.rooms.map((room) => (
          <RoomCard key={room.id} room={room} timezone={studio.timezone} />
        ))}
      </div>
    </section>
  );
}

function RoomCard({ room, timezone }: { room: RoomInfo; timezone: string }) {
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
          {status.current && <SessionButtons booking={status.current} />}
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
