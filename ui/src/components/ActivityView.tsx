// The activity screen: the audit log of this desk, newest first — who did what, when, at
// which desk — filtered by date, staff member, room or booking.
import { useState } from "react";
import type { StudioInfo } from "../api/types";
import { useActivity } from "../data/activity";
import { useStaffMembers } from "../data/staff";
import { useI18n } from "../i18n";
import { dateOf, formatShortDate, formatTime, todayIn } from "../time";
import { roomName } from "./BookingDetails";
import { useActionLabel, useStaffLabel } from "./BookingHistory";
import { DateField } from "./DateField";
import { ErrorNote } from "./ErrorNote";
import { RoomOptions } from "./RoomOptions";


export function ActivityView({ studio }: { studio: StudioInfo }) {
  const { t, locale } = useI18n();
  const [date, setDate] = useState(() => todayIn(studio.timezone));
  const [allDates, setAllDates] = useState(false);
  const [staff, setStaff] = useState("");
  const [room, setRoom] = useState("");
  const members = useStaffMembers();
  const shownDate = allDates ? "" : date;
  const log = useActivity({ date: shownDate, staff, room, booking: "" });
  const tz = studio.timezone;
  const action = useActionLabel();
  const staffLabel = useStaffLabel();
  return (
    <section className="activity" aria-label={t("activity.title")}>
      <h2>{t("activity.title")}</h2>
      <div className="search row">
        <DateField label={t("activity.date")} value={date} onChange={(d) => { setDate(d); setAllDates(false); }} name="activity-date" />
        <label className="toggle">
          <input type="checkbox" checked={allDates} onChange={(e) => setAllDates(e.target.checked)} />
          {t("activity.allDates")}
        </label>
        <label>
          {t("activity.staff")}
          <select name="activity-staff" value={staff} onChange={(e) => setStaff(e.target.value)}>
            <option value="">{t("activity.everyone")}</option>
            {members.data?.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("activity.room")}
          <select name="activity-room" value={room} onChange={(e) => setRoom(e.target.value)}>
            <option value="">{t("activity.allRooms")}</option>
            <RoomOptions studio={studio} />
          </select>
        </label>
      </div>
      <ErrorNote error={log.error} onRetry={() => void log.refetch()} />
      {log.isSuccess && log.data.length === 0 && <p className="status">{t("activity.none")}</p>}
      {log.data && log.data.length > 0 && (
        <table className="activity-log">
          <thead>
            <tr>
              <th>{t("activity.when")}</th>
              <th>{t("activity.who")}</th>
              <th>{t("activity.what")}</th>
              <th>{t("activity.booking")}</th>
              <th>{t("activity.desk")}</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((e, i) => (
              <tr key={`${e.at}-${i}`} data-action={e.action}>
                <td>
                  {formatShortDate(dateOf(e.at, tz), locale)} {formatTime(e.at, tz, locale)}
                </td>
                <td className="activity-staff">{staffLabel(e) ?? "—"}</td>
                <td>{action(e.action)}</td>
                <td>
                  {e.customer ?? ""}
                  {e.room ? ` · ${roomName(studio, e.room)}` : ""}
                </td>
                <td className="muted">{e.desk}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
