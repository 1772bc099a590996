// The set-up form's parts: one room's row, and a labelled control with its problem.
import { useId, type ReactNode } from "react";
import { formatDuration } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import { DURATIONS, type RoomDraft } from "../studioSetup";

export function RoomRow({
  room,
  index,
  currency,
  removable,
  problemOf,
  invalid,
  onChange,
  onRemove,
}: {
  room: RoomDraft;
  index: number;
  currency: string;
  removable: boolean;
  problemOf: (field: string) => MessageKey | undefined;
  invalid: (field: string) => boolean;
  onChange: (change: Partial<RoomDraft>) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const field = (name: string) => `rooms[${index}].${name}`;
  const number = index + 1;
  const durationsProblem = problemOf(field("durations"));
  return (
    <li className="setup-room" aria-label={t("setup.room", { number })} data-room={index}>
      <span className="setup-room-number" aria-hidden="true">
        {number}
      </span>
      <Field label={t("setup.roomName")} problem={problemOf(field("name"))} className="grow">
        {(props) => (
          <input
            {...props}
            name={`room-${index}-name`}
            autoComplete="off"
            value={room.name}
            aria-invalid={invalid(field("name")) || undefined}
            onChange={(e) => onChange({ name: e.target.value })}
          />
        )}
      </Field>
      <fieldset className={`setup-durations ${invalid(field("durations")) ? "invalid" : ""}`} aria-invalid={invalid(field("durations")) || undefined}>
        <legend>{t("setup.durations")}</legend>
        <div className="check-chips">
          {DURATIONS.map((minutes) => (
            <label key={minutes} className="check-chip">
              <input
                type="checkbox"
                checked={room.durations.includes(minutes)}
                onChange={(e) =>
                  onChange({
                    durations: e.target.checked
                      ? [...room.durations, minutes].sort((a, b) => a - b)
                      : room.durations.filter((m) => m !== minutes),
                  })
                }
              />
              {formatDuration(minutes)}
            </label>
          ))}
        </div>
        {durationsProblem && <p className="inline-error">{t(durationsProblem)}</p>}
      </fieldset>
      <Field label={t("setup.price", { currency })} problem={problemOf(field("pricePerHour"))} className="setup-price">
        {(props) => (
          <input
            {...props}
            name={`room-${index}-price`}
            inputMode="decimal"
            autoComplete="off"
            placeholder={t("setup.priceExample")}
            value={room.price}
            aria-invalid={invalid(field("pricePerHour")) || undefined}
            onChange={(e) => onChange({ price: e.target.value })}
          />
        )}
      </Field>
      {removable ? (
        <button
          type="button"
          className="button setup-room-remove"
          aria-label={t("setup.removeRoom", { number })}
          title={t("setup.removeRoom", { number })}
          onClick={onRemove}
        >
          {t("setup.remove")}
        </button>
      ) : (
        <span className="setup-room-remove" />
      )}
    </li>
  );
}

/** A labelled control with its problem said under it (linked for screen readers). */
export function Field({
  label,
  problem,
  className,
  children,
}: {
  label: string;
  problem?: MessageKey;
  className?: string;
  children: (props: { id: string; "aria-describedby"?: string }) => ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-describedby": problem ? `${id}-problem` : undefined })}
      {problem && (
        <p className="inline-error" id={`${id}-problem`}>
          {t(problem)}
        </p>
      )}
    </div>
  );
}

/** The country's name in the app's language (`DE` → "Germany"), or null for no valid code. */
export function countryName(code: string, locale: string): string | null {
  if (!/^[A-Za-z]{2}$/.test(code)) return null;
  try {
    const name = new Intl.DisplayNames([locale], { type: "region" }).of(code.toUpperCase());
    return name && name.toUpperCase() !== code.toUpperCase() ? name : null;
  } catch {
    return null;
  }
}

/**
 * The studio's country (ISO 3166-1 alpha-2): phone numbers typed without a country code are
 * read as its numbers. Two letters, shown with the country's name; the backend checks it.
 */
export function CountryField({
  value,
  help,
  problem,
  invalid,
  onChange,
}: {
  value: string;
  help: string;
  problem?: MessageKey;
  invalid: boolean;
  onChange: (code: string) => void;
}) {
  const { t, locale } = useI18n();
  const name = countryName(value, locale);
  return (
    <Field label={t("setup.country")} problem={problem} className="setup-country">
      {(props) => (
        <>
          <input
            {...props}
            name="country"
            value={value}
            maxLength={2}
            size={3}
            autoComplete="country"
            placeholder="DE"
            aria-invalid={invalid || undefined}
            onChange={(e) => onChange(e.target.value.toUpperCase().replace(/[^A-Z]/g, ""))}
          />
          <span className="muted" data-testid="country-name">
            {name ? `${name} · ` : ""}
            {help}
          </span>
        </>
      )}
    </Field>
  );
}
