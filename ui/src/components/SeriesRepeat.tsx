// A recurring series ("the weekly rehearsal") in the booking flow: the repeat rule of the
// chosen slot, the backend's preview of every occurrence (free, or why not), booking the
// free ones in one call, and what was booked and skipped afterwards.
import { useMemo, useState } from "react";
import { newId } from "../api/ids";
import type { Occurrence, SeriesOutcome, SeriesRule, SkipReason, Slot, StudioInfo } from "../api/types";
import { useBookSeries, useSeriesPreview } from "../data/bookings";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import { addDays, dateOf, formatDate, formatTime } from "../time";
import { DateField } from "./DateField";
import { ErrorNote } from "./ErrorNote";
import { FlowEndButtons } from "./FlowEnd";

/** How often: every day, or every 1–4 weeks. */
type Often = "daily" | "1" | "2" | "3" | "4";
const OFTEN: Often[] = ["daily", "1", "2", "3", "4"];

/** The repeat fields as chosen (the number of times as typed). */
export interface SeriesForm {
  on: boolean;
  often: Often;
  end: "times" | "until";
  times: string;
  /** `YYYY-MM-DD` */
  until: string;
}

/** The customer's fields as typed. */
export interface SeriesCustomer {
  name: string;
  phone: string;
  note: string;
}

const SKIP_LABEL: Record<SkipReason, MessageKey> = {
  booked: "series.skip.booked",
  held: "series.skip.held",
  changeover: "series.skip.changeover",
  closed: "series.skip.closed",
  outside_hours: "series.skip.outside_hours",
  no_such_time: "series.skip.no_such_time",
  over: "series.skip.over",
};

/** The rule the fields describe for `slot`, or null while repeat is off or incomplete. */
export function seriesRule(form: SeriesForm, room: string, slot: Slot, timeZone: string): SeriesRule | null {
  if (!form.on) return null;
  const times = form.times.trim();
  if (form.end === "times" && (!/^\d+$/.test(times) || Number(times) < 1)) return null;
  if (form.end === "until" && !form.until) return null;
  return {
    room,
    first: dateOf(slot.start, timeZone),
    // The local wall-clock start, 24 h, whatever the app's language.
    start: formatTime(slot.start, timeZone, "en-GB"),
    minutes: Math.round((Date.parse(slot.end) - Date.parse(slot.start)) / 60_000),
    repeat: form.often === "daily" ? "daily" : "weekly",
    everyWeeks: form.often === "daily" ? 1 : Number(form.often),
    until: form.end === "until" ? form.until : null,
    times: form.end === "times" ? Number(times) : null,
  };
}

/** The series of the customer step: its fields, the preview, and booking it. */
export function useSeries({
  room,
  slot,
  timeZone,
  session,
  onBooked,
}: {
  room: string;
  slot: Slot;
  timeZone: string;
  session: string;
  onBooked: (outcome: SeriesOutcome) => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<SeriesForm>(() => ({
    on: false,
    often: "1",
    end: "times",
    times: "10",
    until: addDays(dateOf(slot.start, timeZone), 63),
  }));
  const rule = useMemo(() => seriesRule(form, room, slot, timeZone), [form, room, slot, timeZone]);
  const preview = useSeriesPreview(room, rule, session);
  const [id] = useState(newId);
  // The customer and the rule are passed to `mutate`: what was on screen when staff confirmed.
  const book = useBookSeries({ onSuccess: onBooked });

  const occurrences = rule && preview.data ? preview.data : null;
  const free = occurrences ? occurrences.filter((o) => !o.skip).length : null;
  const current = occurrences !== null && !preview.isPlaceholderData;
  const label =
    free === null ? t("series.book") : free === 0 ? t("series.noneFree") : free === 1 ? t("series.bookOne") : t("series.bookMany", { count: free });
  return {
    form,
    setForm,
    rule,
    preview,
    occurrences,
    book,
    /** Repeat is on: the confirm button books the series. */
    on: form.on,
    /** The rule is complete and its current preview has a free occurrence. */
    ready: rule !== null && current && (free ?? 0) > 0,
    label,
    submit: (customer: SeriesCustomer) => {
      if (rule)
        book.mutate({
          id,
          rule,
          customer: { name: customer.name.trim(), phone: customer.phone.trim() || null },
          note: customer.note.trim() || null,
          session,
        });
    },
  };
}

export type Series = ReturnType<typeof useSeries>;

/** The repeat checkbox, the rule's fields and the preview (below the note). */
export function SeriesRepeat({ series, timeZone }: { series: Series; timeZone: string }) {
  const { t } = useI18n();
  const { form, setForm, rule, preview, occurrences } = series;
  const set = (change: Partial<SeriesForm>) => setForm((f) => ({ ...f, ...change }));
  const oftenLabel = (o: Often) =>
    o === "daily" ? t("series.daily") : o === "1" ? t("series.weekly") : t("series.everyWeeks", { weeks: o });
  return (
    <div className="series">
      <label className="toggle">
        <input type="checkbox" name="repeat" checked={form.on} onChange={(e) => set({ on: e.target.checked })} />
        {t("series.repeat")}
      </label>
      {form.on && (
        <>
          <div className="series-rule">
            <label>
              {t("series.often")}
              <select value={form.often} onChange={(e) => set({ often: e.target.value as Often })}>
                {OFTEN.map((o) => (
                  <option key={o} value={o}>
                    {oftenLabel(o)}
                  </option>
                ))}
              </select>
            </label>
            <fieldset className="series-end">
              <legend>{t("series.ends")}</legend>
              <div className="series-end-row">
                <label className="toggle">
                  <input type="radio" name="series-end" checked={form.end === "times"} onChange={() => set({ end: "times" })} />
                  {t("series.for")}
                </label>
                <input
                  type="number"
                  className="series-times"
                  min={1}
                  step={1}
                  inputMode="numeric"
                  aria-label={t("series.timesLabel")}
                  value={form.times}
                  disabled={form.end !== "times"}
                  onChange={(e) => set({ times: e.target.value })}
                />
                <span>{t("series.times")}</span>
              </div>
              <div className="series-end-row">
                <label className="toggle">
                  <input type="radio" name="series-end" checked={form.end === "until"} onChange={() => set({ end: "until" })} />
                  {t("series.until")}
                </label>
                {form.end === "until" && (
                  <DateField label={t("series.lastDate")} name="series-until" value={form.until} onChange={(until) => set({ until })} />
                )}
              </div>
            </fieldset>
          </div>
          {rule && preview.isPending && <p className="muted">{t("common.loading")}</p>}
          {rule && <ErrorNote error={preview.error} />}
          {occurrences && <OccurrenceList occurrences={occurrences} timeZone={timeZone} busy={preview.isPlaceholderData} />}
        </>
      )}
    </div>
  );
}

/** The occurrences of a preview with the summary above them. */
function OccurrenceList({ occurrences, timeZone, busy }: { occurrences: Occurrence[]; timeZone: string; busy: boolean }) {
  const { t } = useI18n();
  const total = occurrences.length;
  const free = occurrences.filter((o) => !o.skip).length;
  return (
    <div className={`series-preview ${busy ? "busy" : ""}`} aria-busy={busy}>
      <p className="series-summary" data-testid="series-summary" aria-live="polite">
        {free === total ? t("series.allFree", { total }) : t("series.summary", { free, total, skipped: total - free })}
      </p>
      <ul className="occurrences" aria-label={t("series.occurrences")}>
        {occurrences.map((o) => (
          <OccurrenceLine key={o.date} occurrence={o} timeZone={timeZone} testId="occurrence" />
        ))}
      </ul>
    </div>
  );
}

/** One occurrence: its date, time and "free" (or, once booked, "booked") or the reason it is
 * skipped. */
function OccurrenceLine({
  occurrence,
  timeZone,
  testId,
  booked = false,
}: {
  occurrence: Occurrence;
  timeZone: string;
  testId: string;
  booked?: boolean;
}) {
  const { t, locale } = useI18n();
  const skip = occurrence.skip ?? null;
  return (
    <li className={`occurrence ${skip ? "skipped" : "free"}`} data-testid={testId} data-skip={skip ?? "free"}>
      <span className="occurrence-date">{formatDate(occurrence.date, locale)}</span>
      <span className="occurrence-time">
        {occurrence.start && occurrence.end
          ? `${formatTime(occurrence.start, timeZone, locale)}–${formatTime(occurrence.end, timeZone, locale)}`
          : ""}
      </span>
      <span className="occurrence-state">{skip ? t(SKIP_LABEL[skip]) : booked ? t("series.isBooked") : t("series.free")}</span>
    </li>
  );
}

/** After booking a series: how many were booked, and the skipped ones with their reasons. */
export function SeriesDone({
  studio,
  outcome,
  onAnother,
  onClose,
}: {
  studio: StudioInfo;
  outcome: SeriesOutcome;
  onAnother: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const tz = studio.timezone;
  const { booked, skipped } = outcome;
  const name = booked[0]?.customer.name ?? "";
  const asOccurrence = (b: SeriesOutcome["booked"][number]): Occurrence => ({ date: dateOf(b.start, tz), start: b.start, end: b.end });
  return (
    <div className="flow-done" data-testid="series-done">
      <p className="done-status" data-testid="series-done-status">
        {t("series.booked", { booked: booked.length, total: booked.length + skipped.length, name })}
      </p>
      {booked.some((b) => b.status === "pending") && <p className="done-status status-pending">{t("series.pending")}</p>}
      {booked.length > 0 && (
        <section className="series-preview">
          <h3>{t("series.bookedList")}</h3>
          <ul className="occurrences">
            {booked.map((b) => (
              <OccurrenceLine key={b.id} occurrence={asOccurrence(b)} timeZone={tz} testId="booked-occurrence" booked />
            ))}
          </ul>
        </section>
      )}
      {skipped.length > 0 && (
        <section className="series-preview">
          <h3>{t("series.skipped")}</h3>
          <ul className="occurrences">
            {skipped.map((o) => (
              <OccurrenceLine key={o.date} occurrence={o} timeZone={tz} testId="skipped-occurrence" />
            ))}
          </ul>
        </section>
      )}
      <FlowEndButtons onAnother={onAnother} onClose={onClose} />
    </div>
  );
}
