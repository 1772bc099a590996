// The public booking page, for an admin in Settings: whether customers can book online,
// which rooms and durations, how much notice, how far ahead, and until when they may cancel
// through their link; when the reminder e-mail goes (to every booking's customer, desk ones
// too); the studio's phone and e-mail for customers (on the page and in every mail); and the
// page's address for the studio's website. The page lives on
// the studio's server: a standalone desk says so instead.
import { useState } from "react";
import type { OnlineBooking, OnlineBookingDto, StudioInfo } from "../api/types";
import { useOnlineBooking, useSaveOnlineBooking } from "../data/online";
import { useSettings } from "../data/settings";
import { useI18n } from "../i18n";
import { ErrorNote } from "./ErrorNote";
import { useStaff } from "./SignIn";

const LEAD_MINUTES = [0, 30, 60, 120, 240, 720, 1440, 2880];
const CANCEL_HOURS = [0, 2, 6, 12, 24, 48, 72, 168];
const REMINDER_HOURS = [0, 2, 6, 12, 24, 48, 72, 168];

export function OnlineSettings({ studio }: { studio: StudioInfo }) {
  const { t } = useI18n();
  const settings = useSettings();
  const connected = (settings.data?.serverUrl ?? "") !== "";
  const who = useStaff().state?.signedIn?.id ?? "";
  const saved = useOnlineBooking(who, connected);
  const save = useSaveOnlineBooking(who);
  return (
    <section className="online-settings" aria-label={t("online.title")} data-testid="online-settings">
      <h3>{t("online.title")}</h3>
      {settings.data && !connected ? (
        <p className="muted" data-testid="online-standalone">
          {t("online.standalone")}
        </p>
      ) : (
        <>
          <ErrorNote error={saved.error} />
          {saved.data && <OnlineForm key={saved.data.version} studio={studio} saved={saved.data} save={save} />}
          <ErrorNote error={save.error} />
          {save.isSuccess && <p className="ok-note">{t("settings.saved")}</p>}
        </>
      )}
    </section>
  );
}

function OnlineForm({
  studio,
  saved,
  save,
}: {
  studio: StudioInfo;
  saved: OnlineBookingDto;
  save: ReturnType<typeof useSaveOnlineBooking>;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<OnlineBooking>(saved);
  const edit = (change: Partial<OnlineBooking>) => setDraft({ ...draft, ...change });
  // The field a refused save names ("contactPhone: … is not a phone number").
  const refused = save.error?.code === "invalid" ? save.error.message.split(":")[0] : undefined;
  const durationsOf = (room: string) => draft.rooms.find((r) => r.room === room)?.durations ?? [];
  const setDurations = (room: string, durations: number[]) => {
    const others = draft.rooms.filter((r) => r.room !== room);
    // In the studio's room order, whatever order they were ticked in.
    const rooms = durations.length === 0 ? others : [...others, { room, durations: [...durations].sort((a, b) => a - b) }];
    edit({ rooms: studio.rooms.flatMap((r) => rooms.filter((x) => x.room === r.id)) });
  };
  return (
    <form
      className="online-form"
      onSubmit={(e) => {
        e.preventDefault();
        // An empty field is no contact; the server checks what is left.
        const contact = (text: string | null | undefined) => text?.trim() || null;
        save.mutate({
          ...draft,
          contactPhone: contact(draft.contactPhone),
          contactEmail: contact(draft.contactEmail),
          version: saved.version,
          page: null,
        });
      }}
    >
      <label className="toggle">
        <input type="checkbox" name="online-enabled" checked={draft.enabled} onChange={(e) => edit({ enabled: e.target.checked })} />
        {t("online.enabled")}
      </label>
      {saved.enabled && saved.page && (
        <p data-testid="online-page">
          {t("online.address")} <code>{saved.page}</code>
        </p>
      )}
      <fieldset className="choice">
        <legend>{t("online.rooms")}</legend>
        {studio.rooms.map((room) => {
          const chosen = durationsOf(room.id);
          return (
            <div key={room.id} className="online-room" role="group" aria-label={room.name} data-room={room.id}>
              <strong>{room.name}</strong>
              {room.durations.map((d) => (
                <label key={d} className="toggle">
                  <input
                    type="checkbox"
                    name={`online-${room.id}-${d}`}
                    checked={chosen.includes(d)}
                    onChange={(e) => setDurations(room.id, e.target.checked ? [...chosen, d] : chosen.filter((x) => x !== d))}
                  />
                  {t("online.minutes", { minutes: d })}
                </label>
              ))}
            </div>
          );
        })}
      </fieldset>
      <label>
        {t("online.lead")}
        <select name="online-lead" value={draft.leadMinutes} onChange={(e) => edit({ leadMinutes: Number(e.target.value) })}>
          {LEAD_MINUTES.map((m) => (
            <option key={m} value={m}>
              {m === 0 ? t("online.none") : m < 60 ? t("online.minutes", { minutes: m }) : t("online.hours", { hours: m / 60 })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("online.daysAhead")}
        <input
          type="number"
          name="online-days"
          min={1}
          max={730}
          value={draft.daysAhead}
          onChange={(e) => edit({ daysAhead: Number(e.target.value) })}
        />
      </label>
      <label>
        {t("online.cancel")}
        <select name="online-cancel" value={draft.cancelHours} onChange={(e) => edit({ cancelHours: Number(e.target.value) })}>
          {CANCEL_HOURS.map((h) => (
            <option key={h} value={h}>
              {h === 0 ? t("online.untilStart") : t("online.hoursBefore", { hours: h })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("online.reminder")}
        <select name="online-reminder" value={draft.reminderHours} onChange={(e) => edit({ reminderHours: Number(e.target.value) })}>
          {(REMINDER_HOURS.includes(draft.reminderHours) ? REMINDER_HOURS : [...REMINDER_HOURS, draft.reminderHours].sort((a, b) => a - b)).map((h) => (
            <option key={h} value={h}>
              {h === 0 ? t("online.noReminder") : t("online.reminderBefore", { hours: h })}
            </option>
          ))}
        </select>
      </label>
      <label className="toggle">
        <input type="checkbox" name="online-approval" checked={draft.approval ?? false} onChange={(e) => edit({ approval: e.target.checked })} />
        {t("online.approval")}
      </label>
      <label className="toggle" title={t("online.smsHelp")}>
        <input
          type="checkbox"
          name="online-sms"
          checked={draft.smsReminders ?? false}
          disabled={draft.reminderHours === 0}
          aria-invalid={refused === "smsReminders" || undefined}
          onChange={(e) => edit({ smsReminders: e.target.checked })}
        />
        {t("online.smsReminders")}
      </label>
      <fieldset className="choice">
        <legend>{t("online.contact")}</legend>
        <p className="muted">{t("online.contactHelp")}</p>
        <ContactField label={t("online.contactPhone")} type="tel" name="phone" maxLength={40} value={draft.contactPhone}
          invalid={refused === "contactPhone"} onChange={(contactPhone) => edit({ contactPhone })} />
        <ContactField label={t("online.contactEmail")} type="email" name="email" maxLength={254} value={draft.contactEmail}
          invalid={refused === "contactEmail"} onChange={(contactEmail) => edit({ contactEmail })} />
      </fieldset>
      <div className="row">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t("online.save")}
        </button>
      </div>
    </form>
  );
}

/** One of the studio's contact fields; `invalid` when the server refused what it holds. */
function ContactField(props: {
  label: string;
  type: "tel" | "email";
  name: string;
  maxLength: number;
  value: string | null | undefined;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <input
        type={props.type}
        name={`online-contact-${props.name}`}
        autoComplete="off"
        maxLength={props.maxLength}
        value={props.value ?? ""}
        aria-invalid={props.invalid || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
