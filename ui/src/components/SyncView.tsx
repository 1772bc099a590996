import { useState } from "react";
import type { Booking, StudioInfo } from "../api/types";
import { useCancelBooking, useDaySlots } from "../data/bookings";
import { useConflicts, useMoveConflict, useSyncNow, useSyncStatus } from "../data/sync";
import { useI18n } from "../i18n";
import { dateOf, formatDate, formatTime } from "../time";
import { roomName } from "./BookingDetails";
import { DateField } from "./DateField";
import { ErrorNote } from "./ErrorNote";
import { RoomOptions } from "./RoomOptions";
import { RefusedChanges } from "./RefusedChanges";
import { RefusedCustomerEdits } from "./RefusedCustomerEdits";

/** Sync state in full, and the conflicts to resolve by moving or cancelling. */
export function SyncView({ studio }: { studio: StudioInfo }) {
  const { t, locale } = useI18n();
  const { data: status } = useSyncStatus();
  const syncNow = useSyncNow();
  const conflicts = useConflicts();
  return (
    <section className="sync-view" aria-label={t("nav.sync")}>
      <h2>{t("nav.sync")}</h2>
      {status && (
        <div className="sync-detail">
          <p>
            {!status.configured
              ? t("sync.standalone")
              : status.online
                ? status.live
                  ? t("sync.live")
                  : t("sync.online")
                : t("sync.offline")}
            {" · "}
            {t("sync.pending", { count: status.pending })}
            {" · "}
            {status.lastSync
              ? t("sync.lastSync", { time: formatTime(status.lastSync, studio.timezone, locale) })
              : t("sync.never")}
          </p>
          {status.configured && !status.online && <p className="muted">{t("sync.offlineHelp")}</p>}
          {status.problem && <p className="muted">{t("sync.problem", { problem: status.problem })}</p>}
          {status.configured && (
            <button type="button" className="button" onClick={() => syncNow.mutate()} disabled={syncNow.isPending}>
              {t("sync.now")}
            </button>
          )}
          <ErrorNote error={syncNow.error} />
        </div>
      )}
      <RefusedChanges studio={studio} />
      <RefusedCustomerEdits />
      <h3>{t("conflicts.title")}</h3>
      <ErrorNote error={conflicts.error} onRetry={() => void conflicts.refetch()} />
      {conflicts.data?.length === 0 && <p className="status">{t("conflicts.none")}</p>}
      {conflicts.data && conflicts.data.length > 0 && <p>{t("conflicts.explain")}</p>}
      <ul className="conflict-list">
        {conflicts.data?.map((b) => (
          <ConflictItem key={b.id} studio={studio} booking={b} />
        ))}
      </ul>
    </section>
  );
}

function ConflictItem({ studio, booking }: { studio: StudioInfo; booking: Booking }) {
  const { t, locale } = useI18n();
  const tz = studio.timezone;
  const minutes = Math.round((Date.parse(booking.end) - Date.parse(booking.start)) / 60_000);
  const [moving, setMoving] = useState(false);
  const [room, setRoom] = useState(booking.room);
  const [date, setDate] = useState(() => dateOf(booking.start, tz));
  const [start, setStart] = useState("");
  const slots = useDaySlots(room, date, minutes, null, moving);
  const move = useMoveConflict(booking.id);
  const cancel = useCancelBooking(booking.id);
  const picked = slots.data?.slots.find((s) => s.start === start);
  return (
    <li className="conflict-item">
      <p>
        <strong>{booking.customer.name}</strong> · {roomName(studio, booking.room)} ·{" "}
        {formatDate(dateOf(booking.start, tz), locale)}, {formatTime(booking.start, tz, locale)}–
        {formatTime(booking.end, tz, locale)}
      </p>
      {booking.reason && <p className="muted">{booking.reason}</p>}
      {!moving ? (
        <div className="row">
          <button type="button" className="button primary" onClick={() => setMoving(true)}>
            {t("conflicts.move")}
          </button>
          <button type="button" className="button danger" onClick={() => cancel.mutate(booking.reason)} disabled={cancel.isPending}>
            {t("conflicts.cancel")}
          </button>
        </div>
      ) : (
        <div className="row move-form">
          <label>
            {t("flow.room")}
            <select value={room} onChange={(e) => setRoom(e.target.value)}>
              <RoomOptions studio={studio} />
            </select>
          </label>
          <DateField label={t("flow.day")} value={date} onChange={setDate} />
          <label>
            {t("conflicts.moveTo")}
            <select value={start} onChange={(e) => setStart(e.target.value)}>
              <option value="" />
              {slots.data?.slots.map((s) => (
                <option key={s.start} value={s.start} disabled={s.status === "reserved"}>
                  {formatTime(s.start, tz, locale)}
                  {s.status === "reserved" ? ` (${t("flow.reservedBy")})` : ""}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button primary" onClick={() => picked && move.mutate({ room, start: picked.start, end: picked.end })} disabled={!picked || move.isPending}>
            {t("conflicts.move")}
          </button>
        </div>
      )}
      <ErrorNote error={move.error ?? cancel.error ?? slots.error} />
    </li>
  );
}
