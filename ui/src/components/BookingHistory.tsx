// What happened to one booking, from the audit log: who, when, at which desk.
import type { ActivityEntry } from "../api/types";
import { useActivity } from "../data/activity";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import { dateOf, formatShortDate, formatTime } from "../time";
import { ErrorNote } from "./ErrorNote";

const ACTIONS: Record<string, MessageKey> = {
  create: "activity.create",
  cancel: "activity.cancel",
  move: "activity.move",
  studio: "activity.studio",
  queued: "activity.queued",
  server: "activity.server",
  span: "activity.span",
  details: "activity.details",
  check_in: "activity.checkIn",
  no_show: "activity.noShow",
  waive_fee: "activity.waiveFee",
  payment: "activity.payment",
  server_changed: "activity.serverChanged",
  refused: "activity.refused",
};

/** Who made an audited change: the staff member, marked when they signed in at the desk
 * without the server (an offline sign-in, not verified by it). */
export function useStaffLabel(): (entry: ActivityEntry) => string | null {
  const { t } = useI18n();
  return (e) => (e.staff ? (e.staffOffline ? `${e.staff} ${t("activity.offlineSignIn")}` : e.staff) : null);
}

/** An audit action in plain words (an unknown one as it is). */
export function useActionLabel(): (action: string) => string {
  const { t } = useI18n();
  return (action) => (ACTIONS[action] ? t(ACTIONS[action]) : action);
}

export function BookingHistory({ booking, timezone }: { booking: string; timezone: string }) {
  const { t, locale } = useI18n();
  const action = useActionLabel();
  const staff = useStaffLabel();
  const history = useActivity({ date: "", staff: "", room: "", booking });
  return (
    <section className="booking-history" aria-label={t("bookings.history")}>
      <h3>{t("bookings.history")}</h3>
      <ErrorNote error={history.error} />
      <ol>
        {history.data?.map((e, i) => (
          <li key={`${e.at}-${i}`} data-action={e.action}>
            {formatShortDate(dateOf(e.at, timezone), locale)} {formatTime(e.at, timezone, locale)} · {action(e.action)}
            {e.staff ? ` · ${staff(e)}` : ""} · {e.desk}
          </li>
        ))}
      </ol>
    </section>
  );
}
