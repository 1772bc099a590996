// The first run's "set up this desk's studio": a short form, checked here and by the backend.
import { useRef, useState, type KeyboardEvent } from "react";
import { useSetupStudio } from "../data/studio";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import {
  CURRENCIES,
  HALF_HOURS,
  TIMEZONES,
  checkSetup,
  defaultTimezone,
  fieldOfError,
  newRoom,
  newSetup,
  studioUpdate,
  type RoomDraft,
  type SetupDraft,
  type SetupProblem,
} from "../studioSetup";
import { formatShortDate, todayIn } from "../time";
import { DateField } from "./DateField";
import { ErrorNote } from "./ErrorNote";
import { CountryField, Field, RoomRow } from "./SetupFields";
import { StepHeading } from "./WelcomeStep";

export function SetupForm({ onBack }: { onBack: () => void }) {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<SetupDraft>(() => newSetup(defaultTimezone()));
  const [problems, setProblems] = useState<Record<string, SetupProblem>>({});
  const nextKey = useRef(1);
  // The closed date being picked (the latest value also in a ref: Enter adds it in the same
  // keystroke that commits it).
  const [closedDate, setClosedDateState] = useState(() => todayIn(draft.timezone));
  const closedRef = useRef(closedDate);
  const setClosedDate = (date: string) => {
    closedRef.current = date;
    setClosedDateState(date);
  };

  const setup = useSetupStudio();

  const update = (change: (d: SetupDraft) => SetupDraft) => {
    const next = change(draft);
    setDraft(next);
    // Once the problems are shown, they follow the edits.
    if (Object.keys(problems).length > 0) setProblems(checkSetup(next));
  };
  const updateRoom = (key: number, change: Partial<RoomDraft>) =>
    update((d) => ({ ...d, rooms: d.rooms.map((r) => (r.key === key ? { ...r, ...change } : r)) }));
  const addClosed = (date: string) =>
    update((d) => (d.closed.includes(date) ? d : { ...d, closed: [...d.closed, date].sort() }));

  // A field the backend refused, by the form's field names.
  const refused = setup.error?.code === "invalid" ? fieldOfError(setup.error.message) : null;
  const problemOf = (field: string): MessageKey | undefined => {
    const p = problems[field];
    return p ? (`setup.${p}` as MessageKey) : undefined;
  };
  const invalid = (field: string) => problemOf(field) !== undefined || refused === field;

  const onClosedKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // Enter in the date field adds the date instead of submitting the whole form; the
    // field itself has committed it (or refused it, preventing the default).
    if (e.key !== "Enter" || !(e.target instanceof HTMLInputElement)) return;
    const ok = !e.defaultPrevented;
    e.preventDefault();
    if (ok) addClosed(closedRef.current);
  };

  const hasProblems = Object.keys(problems).length > 0;
  return (
    <>
      <StepHeading title={t("welcome.setup")} onBack={onBack} />
      <form
        className="setup-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const found = checkSetup(draft);
          setProblems(found);
          if (Object.keys(found).length === 0) setup.mutate((version) => studioUpdate(draft, version));
        }}
      >
        <div className="setup-row">
          <Field label={t("setup.name")} problem={problemOf("name")} className="grow">
            {(props) => (
              <input
                {...props}
                name="studio-name"
                autoComplete="off"
                value={draft.name}
                aria-invalid={invalid("name") || undefined}
                onChange={(e) => {
                  const name = e.target.value;
                  update((d) => ({ ...d, name }));
                }}
              />
            )}
          </Field>
          <Field label={t("setup.timezone")}>
            {(props) => (
              <select
                {...props}
                name="timezone"
                value={draft.timezone}
                aria-invalid={invalid("timezone") || undefined}
                onChange={(e) => {
                  const timezone = e.target.value;
                  update((d) => ({ ...d, timezone }));
                }}
              >
                {TIMEZONES.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replace(/_/g, " ")}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("setup.currency")}>
            {(props) => (
              <select
                {...props}
                name="currency"
                value={draft.currency}
                aria-invalid={invalid("currency") || undefined}
                onChange={(e) => {
                  const currency = e.target.value;
                  update((d) => ({ ...d, currency }));
                }}
              >
                {CURRENCIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <CountryField
            value={draft.country}
            help={t("setup.countryHelp")}
            problem={refused === "country" ? "setup.countryUnknown" : undefined}
            invalid={invalid("country")}
            onChange={(country) => update((d) => ({ ...d, country }))}
          />
        </div>

        <fieldset className="setup-group">
          <legend>{t("setup.rooms")}</legend>
          <ol className="setup-rooms">
            {draft.rooms.map((room, i) => (
              <RoomRow
                key={room.key}
                room={room}
                index={i}
                currency={draft.currency}
                removable={draft.rooms.length > 1}
                problemOf={problemOf}
                invalid={invalid}
                onChange={(change) => updateRoom(room.key, change)}
                onRemove={() => update((d) => ({ ...d, rooms: d.rooms.filter((r) => r.key !== room.key) }))}
              />
            ))}
          </ol>
          <button
            type="button"
            className="button"
            onClick={() => update((d) => ({ ...d, rooms: [...d.rooms, newRoom(nextKey.current++)] }))}
          >
            + {t("setup.addRoom")}
          </button>
        </fieldset>

        <div className="setup-row">
          <fieldset className="setup-group" aria-invalid={invalid("hours") || undefined}>
            <legend>{t("setup.hours")}</legend>
            <div className="row">
              <Field label={t("setup.from")}>
                {(props) => (
                  <select
                    {...props}
                    name="from"
                    value={draft.from}
                    aria-invalid={invalid("hours") || undefined}
                    onChange={(e) => {
                      const from = e.target.value;
                      update((d) => ({ ...d, from }));
                    }}
                  >
                    {HALF_HOURS.slice(0, -1).map((time) => (
                      <option key={time}>{time}</option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t("setup.to")}>
                {(props) => (
                  <select
                    {...props}
                    name="to"
                    value={draft.to}
                    aria-invalid={invalid("hours") || undefined}
                    onChange={(e) => {
                      const to = e.target.value;
                      update((d) => ({ ...d, to }));
                    }}
                  >
                    {HALF_HOURS.slice(1).map((time) => (
                      <option key={time}>{time}</option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            {problemOf("hours") && <p className="inline-error">{t(problemOf("hours")!)}</p>}
          </fieldset>

          <fieldset className="setup-group grow">
            <legend>{t("setup.closed")}</legend>
            <div className="row" onKeyDown={onClosedKey}>
              <DateField label={t("setup.closedDate")} value={closedDate} onChange={setClosedDate} name="closed-date" />
              <button type="button" className="button" onClick={() => addClosed(closedRef.current)}>
                + {t("setup.addClosed")}
              </button>
            </div>
            {draft.closed.length > 0 && (
              <ul className="date-chips">
                {draft.closed.map((date) => {
                  const shown = formatShortDate(date, locale);
                  return (
                    <li key={date} className={`date-chip ${invalid(`closed.${date}`) ? "invalid" : ""}`} data-date={date}>
                      {shown}
                      <button
                        type="button"
                        className="chip-remove"
                        aria-label={t("setup.removeDate", { date: shown })}
                        title={t("setup.removeDate", { date: shown })}
                        onClick={() => update((d) => ({ ...d, closed: d.closed.filter((c) => c !== date) }))}
                      >
                        ×
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </fieldset>
        </div>

        <fieldset className="setup-group">
          <legend>{t("setup.admin")}</legend>
          <p className="muted">{t("setup.adminHelp")}</p>
          <div className="row">
            <Field label={t("staff.name")} problem={problemOf("adminName")} className="grow">
              {(props) => (
                <input
                  {...props}
                  name="admin-name"
                  autoComplete="off"
                  value={draft.adminName}
                  aria-invalid={invalid("adminName") || undefined}
                  onChange={(e) => {
                    const adminName = e.target.value;
                    update((d) => ({ ...d, adminName }));
                  }}
                />
              )}
            </Field>
            <Field label={t("staff.pin")} problem={problemOf("adminPin")}>
              {(props) => (
                <input
                  {...props}
                  name="admin-pin"
                  type="password"
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={8}
                  value={draft.adminPin}
                  aria-invalid={invalid("adminPin") || undefined}
                  onChange={(e) => {
                    const adminPin = e.target.value.replace(/\D/g, "");
                    update((d) => ({ ...d, adminPin }));
                  }}
                />
              )}
            </Field>
          </div>
        </fieldset>

        {/* Above the button: in sight when it was just pressed, however long the form. */}
        <ErrorNote error={setup.error} />
        <div className="row setup-submit">
          <button type="submit" className="button primary" disabled={setup.isPending}>
            {setup.isPending ? t("setup.saving") : t("setup.save")}
          </button>
          {hasProblems && <p className="inline-error">{t("setup.checkFields")}</p>}
        </div>
      </form>
    </>
  );
}
