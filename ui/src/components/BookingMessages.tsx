// The messages a booking sent its customer (confirmation, change, cancellation, reminder)
// and what became of each, so staff see at the booking that an e-mail did not go out, and
// why, and what the customer chose about reminders. The server sends them: a standalone desk sends none (its online booking settings say
// so) and shows nothing here.
import type { BookingMessage, ReminderConsentDto } from "../api/types";
import { useBookingMessages } from "../data/bookings";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import { dateOf, formatShortDate, formatTime } from "../time";
import { ErrorNote } from "./ErrorNote";

const KINDS: Record<string, MessageKey> = {
  confirmation: "messages.confirmation",
  change: "messages.change",
  cancellation: "messages.cancellation",
  reminder: "messages.reminder",
  "sms-reminder": "messages.smsReminder",
  request: "messages.request",
  declined: "messages.declined",
};

/** What became of a message, in plain words, with the reason when it did not go out. */
function useStateText(): (m: BookingMessage, due: string) => string {
  const { t } = useI18n();
  return (m, due) => {
    const why = m.lastError ?? "";
    if (m.state === "sent") return t("messages.sent");
    if (m.state === "failed") return t("messages.failed", { error: why });
    if (m.state === "cancelled") return t("messages.cancelled");
    if (m.attempts > 0 && why) return t("messages.retrying", { error: why, attempts: m.attempts });
    return t("messages.queued", { due });
  };
}

/** The booking's messages; nothing at all where there is nothing to say: a standalone desk
 * (it sends none: the online booking settings say so), a booking the server sent nothing
 * for, or an offline desk's booking without an e-mail address. */
export function BookingMessages({ booking, timezone, hasEmail }: { booking: string; timezone: string; hasEmail: boolean }) {
  const { t, locale } = useI18n();
  const messages = useBookingMessages(booking);
  const stateText = useStateText();
  const view = messages.data;
  const quiet =
    !messages.error &&
    (!view ||
      view.source === "standalone" ||
      (view.source === "server" && view.messages.length === 0 && !view.consent) ||
      (view.source === "offline" && !hasEmail));
  if (quiet) return null;
  return (
    <section className="booking-messages" aria-label={t("messages.title")} data-testid="booking-messages">
      <h3>{t("messages.title")}</h3>
      <ErrorNote error={messages.error} onRetry={() => void messages.refetch()} />
      {view?.source === "offline" && <p className="status">{t("messages.offline")}</p>}
      {view?.consent && <ConsentNote consent={view.consent} timezone={timezone} />}
      {view && view.messages.length > 0 && (
        <ul>
          {view.messages.map((m) => {
            const due = `${formatShortDate(dateOf(m.due, timezone), locale)} ${formatTime(m.due, timezone, locale)}`;
            const notSent = m.state === "failed" || (m.state === "queued" && m.attempts > 0);
            return (
              <li key={m.id} data-state={m.state} className={notSent ? "message-not-sent" : undefined}>
                {KINDS[m.kind] ? t(KINDS[m.kind]) : m.kind} · {m.recipient} · {stateText(m, due)}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

const WHERE: Record<string, MessageKey> = {
  page: "messages.where.page",
  link: "messages.where.link",
  desk: "messages.where.desk",
};

/** What the customer chose about reminder e-mails, where and when. */
function ConsentNote({ consent, timezone }: { consent: ReminderConsentDto; timezone: string }) {
  const { t, locale } = useI18n();
  const when = `${formatShortDate(dateOf(consent.at, timezone), locale)} ${formatTime(consent.at, timezone, locale)}`;
  const where = WHERE[consent.source] ? t(WHERE[consent.source]) : consent.source;
  return (
    <p className="muted" data-testid="reminder-consent" data-reminders={consent.reminders}>
      {t(consent.reminders ? "messages.remindersOn" : "messages.remindersOff", { where, when })}
    </p>
  );
}
