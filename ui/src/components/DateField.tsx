import { useId, useState, type KeyboardEvent } from "react";
import { flushSync } from "react-dom";
import { useI18n } from "../i18n";
import { addDays, formatShortDate, parseDate } from "../time";

/**
 * A date field in the app's language (never the machine's, as `<input type="date">` in
 * WebKitGTK is): shows "25 Nov 2026" / "25. Nov. 2026", steps a day with its buttons or
 * ←/→, and reads a typed date when staff leave the field or press Enter. The parent gets
 * `YYYY-MM-DD`; a date that cannot be read is said in words and never passed on.
 */
export function DateField({
  label,
  value,
  onChange,
  name,
}: {
  label: string;
  /** `YYYY-MM-DD` */
  value: string;
  onChange: (date: string) => void;
  name?: string;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  // What staff are typing; null while the field shows `value`.
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const step = (days: number) => {
    setDraft(null);
    setError(null);
    onChange(addDays(value, days));
  };

  /** Reads the typed text; false if it is not a date (then nothing is passed on). */
  const commit = (sync: boolean): boolean => {
    if (draft === null) return true;
    const date = parseDate(draft, locale);
    if (!date) {
      setError(draft.trim() === "" ? t("date.empty") : t("date.invalid", { text: draft.trim() }));
      return false;
    }
    setDraft(null);
    setError(null);
    if (date !== value) {
      // On Enter the form may submit right after: the parent has the new date by then.
      if (sync) flushSync(() => onChange(date));
      else onChange(date);
    }
    return true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    const inInput = e.target instanceof HTMLInputElement;
    if (inInput && e.key === "Enter") {
      if (!commit(true)) e.preventDefault();
    } else if (inInput && e.key === "Escape" && draft !== null) {
      e.preventDefault();
      setDraft(null);
      setError(null);
    } else if ((e.key === "ArrowLeft" || e.key === "ArrowRight") && (!inInput || draft === null)) {
      // While staff type, the arrows move the caret; otherwise they step a day.
      e.preventDefault();
      step(e.key === "ArrowLeft" ? -1 : 1);
    }
  };

  return (
    <div className="date-field">
      <label htmlFor={`${id}-input`}>{label}</label>
      <div className="date-field-row" onKeyDown={onKeyDown}>
        <button type="button" className="button date-step" onClick={() => step(-1)} aria-label={t("date.previous")} title={t("date.previous")}>
          ‹
        </button>
        <input
          id={`${id}-input`}
          name={name}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={draft ?? formatShortDate(value, locale)}
          data-date={value}
          title={t("date.help")}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          onBlur={() => commit(false)}
        />
        <button type="button" className="button date-step" onClick={() => step(1)} aria-label={t("date.next")} title={t("date.next")}>
          ›
        </button>
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
