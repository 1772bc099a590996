import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import * as api from "../api/commands";
import type { Booking, CommandError, DaySlots, StudioInfo, SyncStatus } from "../api/types";
import { useI18n } from "../i18n";
import { keys, useSyncStatus } from "../queries";
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
  const client = useQueryClient();
  const { data: status } = useSyncStatus();
  const syncNow = useMutation<SyncStatus, CommandError>({
    mutationFn: api.syncNow,
    onSuccess: (s) => client.setQueryData(keys.sync, s),
  });
  const conflicts = useQuery<Booking[], CommandError>({ queryKey: keys.conflicts, queryFn: api.conflicts });
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
  const client = useQueryClient();
  const tz = studio.timezone;
  const minutes = Math.round((Date.parse(booking.end) - Date.parse(booking.start)) / 60_000);
  const [moving, setMoving] = useState(false);
  const [room, setRoom] = useState(booking.room);
  const [date, setDate] = useState(() => dateOf(booking.start, tz));
  const [start, setStart] = useState("");
  const slots = useQuery<DaySlots, CommandError>({
    queryKey: keys.slots(room, date, minutes, "conflict"),
    queryFn: () => api.daySlots(room, date, minutes),
    enabled: moving,
  });
  const done = () => void client.invalidateQueries();
  // The picked room and start are passed to `mutate`, not read from a closure that may
  // still hold the render before the last pick.
  const move = useMutation<Booking, CommandError, { room: string; start: string }>({
    mutationFn: (picked) => {
      const slot = slots.data?.slots.find((s) => s.start === picked.start);
      if (!slot) return Promise.reject({ code: "invalid", message: "pick a start time" });
      return api.moveConflict(booking.id, picked.room, slot.start, slot.end);
    },
    onSuccess: done,
  });
  const cancel = useMutation<Booking, CommandError>({
    mutationFn: () => api.cancelBooking(booking.id, booking.reason),
    onSuccess: done,
  });
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
          <button type="button" className="button danger" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
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
          <button type="button" className="button primary" onClick={() => move.mutate({ room, start })} disabled={!start || move.isPending}>
            {t("conflicts.move")}
          </button>
        </div>
      )}
      <ErrorNote error={move.error ?? cancel.error ?? slots.error} />
    </li>
  );
}
