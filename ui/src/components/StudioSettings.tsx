// An admin edits the studio: name, rooms (add, rename, reorder, durations, price, remove),
// weekly hours with several ranges a day, and closed or special dates (one or a range).
// Cancellation terms of the studio and rooms' own (CancellationTerms.tsx).
// Saving first asks which bookings ahead would lie outside; staff see that list and confirm.
import { useState } from "react";
import type { Booking, RoomInfo, StudioInfo, StudioUpdate } from "../api/types";
import { useCheckStudio, useSaveStudio } from "../data/studio";
import { formatDuration } from "../format";
import { useI18n } from "../i18n";
import { DURATIONS, TIMEZONES, WEEKDAYS, parsePrice, roomIdOf } from "../studioSetup";
import { datesBetween, parseRanges, rangesText, updateOf, withDates } from "../studioEdit";
import { dateOf, formatShortDate, formatTime, todayIn } from "../time";
import { DateField } from "./DateField";
import { ColourChoice } from "./ColourChoice";
import { Dialog } from "./Dialog";
import { ErrorNote } from "./ErrorNote";
import type { MessageKey } from "../i18n/en";
import { PeakRates } from "./PeakRates";
import { CountryField } from "./SetupFields";
import { RoomTerms, StudioTerms } from "./CancellationTerms";
import { refusedTermsField, roomTermsOf } from "../terms";

const price = (minor: number) => (minor / 100).toFixed(2);

const weekTexts = (studio: StudioInfo) =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, rangesText(studio.hours?.weekly[d])]));

export function StudioSettings({ studio }: { studio: StudioInfo }) {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<StudioUpdate>(() => updateOf(studio));
  const [week, setWeek] = useState<Record<string, string>>(() => weekTexts(studio));
  const [prices, setPrices] = useState<string[]>(() => studio.rooms.map((r) => price(r.pricePerHour)));
  // Starts over from `from` (after saving, or when staff undo their edits).
  const reset = (from: StudioInfo) => {
    setDraft(updateOf(from));
    setWeek(weekTexts(from));
    setPrices(from.rooms.map((r) => price(r.pricePerHour)));
    setOutside(null);
  };
  const [from, setFrom] = useState(() => todayIn(studio.timezone));
  const [to, setTo] = useState(from);
  const [special, setSpecial] = useState("");
  const [typo, setTypo] = useState<string | null>(null);
  const [outside, setOutside] = useState<Booking[] | null>(null);
  const changed = studio.version !== draft.version;

  const built = (): StudioUpdate | null => {
    const weekly: Record<string, [string, string][]> = {};
    for (const d of WEEKDAYS) {
      const ranges = parseRanges(week[d] ?? "");
      if (!ranges) {
        setTypo(`hours.weekly.${d}`);
        return null;
      }
      weekly[d] = ranges;
    }
    const rooms: RoomInfo[] = [];
    for (const [i, r] of draft.rooms.entries()) {
      const minor = parsePrice(prices[i] ?? "");
      if (minor === null) {
        setTypo(`rooms[${i}].pricePerHour`);
        return null;
      }
      rooms.push({ ...r, pricePerHour: minor });
    }
    setTypo(null);
    return { ...draft, rooms, hours: { ...draft.hours, weekly }, roomTerms: roomTermsOf(draft.roomTerms, rooms) };
  };

  const save = useSaveStudio({ onSuccess: (saved) => reset(saved) });
  const check = useCheckStudio({
    onSuccess: (list, update) => (list.length === 0 ? save.mutate(update) : setOutside(list)),
  });
  const error = check.error ?? save.error;
  const refusedCountry = error?.code === "invalid" && error.message.startsWith("country");
  const refusedTerms = error?.code === "invalid" ? refusedTermsField(error.message) : null;

  const setRoom = (i: number, change: Partial<RoomInfo>) =>
    setDraft((d) => ({ ...d, rooms: d.rooms.map((r, k) => (k === i ? { ...r, ...change } : r)) }));
  const move = (i: number, by: number) => {
    const j = i + by;
    if (j < 0 || j >= draft.rooms.length) return;
    const swap = <T,>(list: T[]) => {
      const next = [...list];
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    };
    setDraft((d) => ({ ...d, rooms: swap(d.rooms) }));
    setPrices(swap);
  };
  const addRoom = () => {
    const taken = new Set(draft.rooms.map((r) => r.id));
    let id = roomIdOf(t("studio.newRoom"));
    for (let n = 2; taken.has(id); n++) id = `${roomIdOf(t("studio.newRoom"))}-${n}`;
    setDraft((d) => ({ ...d, rooms: [...d.rooms, { id, name: t("studio.newRoom"), durations: [60, 120], interval: 60, pricePerHour: 0, peaks: [], changeover: 0 }] }));
    setPrices((p) => [...p, "0.00"]);
  };
  const removeRoom = (i: number) => {
    setDraft((d) => ({ ...d, rooms: d.rooms.filter((_, k) => k !== i) }));
    setPrices((p) => p.filter((_, k) => k !== i));
  };
  const setDates = (ranges: [string, string][]) =>
    setDraft((d) => ({ ...d, hours: withDates(d.hours, datesBetween(from, to < from ? from : to), ranges) }));
  const dropDate = (date: string) =>
    setDraft((d) => {
      const dates = { ...d.hours.dates };
      delete dates[date];
      return { ...d, hours: { ...d.hours, dates } };
    });

  const tz = studio.timezone;
  return (
    <section className="studio-settings" aria-label={t("studio.title")}>
      <h3>{t("studio.title")}</h3>
      {changed && <p className="error-note">{t("studio.changedMeanwhile")}</p>}
      <label>
        {t("setup.name")}
        <input name="studio-name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </label>
      <div className="row">
        <label>
          {t("setup.timezone")}
          <select name="timezone" value={draft.timezone} onChange={(e) => setDraft({ ...draft, timezone: e.target.value })}>
            {[...new Set([studio.timezone, ...TIMEZONES])].map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, " ")}
              </option>
            ))}
          </select>
        </label>
        <p className="muted">
          {t("studio.timezoneHelp")} · {t("setup.currency")}: {studio.currency}
        </p>
        <CountryField
          value={draft.country ?? ""}
          help={t("studio.countryHelp")}
          problem={refusedCountry ? "setup.countryUnknown" : undefined}
          invalid={refusedCountry}
          onChange={(country) => setDraft({ ...draft, country })}
        />
        <label>
          {t("studio.grace")}
          <select
            name="no-show-grace"
            value={draft.noShowGraceMinutes}
            onChange={(e) => setDraft({ ...draft, noShowGraceMinutes: Number(e.target.value) })}
          >
            {[...new Set([0, 5, 10, 15, 20, 30, 45, 60, draft.noShowGraceMinutes])].sort((a, b) => a - b).map((m) => (
              <option key={m} value={m}>
                {t("studio.graceMinutes", { minutes: m })}
              </option>
            ))}
          </select>
        </label>
      </div>

      <fieldset className="setup-group">
        <legend>{t("setup.rooms")}</legend>
        <ol className="studio-rooms">
          {draft.rooms.map((room, i) => (
            <li key={room.id} className="studio-room" data-room={room.id}>
              <input aria-label={t("setup.roomName")} name={`room-${i}-name`} value={room.name} onChange={(e) => setRoom(i, { name: e.target.value })} />
              <ColourChoice
                label={t("studio.colour", { name: room.name })}
                name={`room-${i}-colour`}
                room={room.id}
                value={room.colour}
                onChange={(colour) => setRoom(i, { colour })}
              />
              <span className="check-chips">
                {DURATIONS.map((m) => (
                  <label key={m} className="check-chip">
                    <input
                      type="checkbox"
                      checked={room.durations.includes(m)}
                      onChange={(e) =>
                        setRoom(i, {
                          durations: e.target.checked ? [...room.durations, m].sort((a, b) => a - b) : room.durations.filter((x) => x !== m),
                        })
                      }
                    />
                    {formatDuration(m)}
                  </label>
                ))}
              </span>
              <select
                aria-label={t("studio.interval", { name: room.name })}
                name={`room-${i}-interval`}
                value={room.interval}
                onChange={(e) => setRoom(i, { interval: Number(e.target.value) })}
              >
                {[...new Set([1, 2, 4].map((n) => n * studio.quantumMinutes).concat(room.interval))].map((m) => (
                  <option key={m} value={m}>
                    {t("studio.every", { minutes: m })}
                  </option>
                ))}
              </select>
              <select
                aria-label={t("studio.changeover", { name: room.name })}
                name={`room-${i}-changeover`}
                value={room.changeover}
                onChange={(e) => setRoom(i, { changeover: Number(e.target.value) })}
              >
                {[...new Set([0, 15, 30, 45, 60, 90, 120, room.changeover])].sort((a, b) => a - b).map((m) => (
                  <option key={m} value={m}>
                    {m === 0 ? t("studio.noChangeover") : t("studio.changeoverMinutes", { minutes: m })}
                  </option>
                ))}
              </select>
              <input
                className="price-input"
                aria-label={t("setup.price", { currency: studio.currency })}
                aria-invalid={typo === `rooms[${i}].pricePerHour` || undefined}
                inputMode="decimal"
                value={prices[i] ?? ""}
                onChange={(e) => setPrices((p) => p.map((x, k) => (k === i ? e.target.value : x)))}
              />
              <button type="button" className="button" aria-label={t("studio.up", { name: room.name })} onClick={() => move(i, -1)} disabled={i === 0}>
                ↑
              </button>
              <button type="button" className="button" aria-label={t("studio.down", { name: room.name })} onClick={() => move(i, 1)} disabled={i === draft.rooms.length - 1}>
                ↓
              </button>
              <button type="button" className="button" onClick={() => removeRoom(i)} disabled={draft.rooms.length === 1}>
                {t("studio.archive")}
              </button>
              <PeakRates
                room={room}
                currency={studio.currency}
                onChange={(peaks) => setRoom(i, { peaks })}
              />
              <RoomTerms
                room={room}
                terms={draft.roomTerms?.[room.id]}
                studioTerms={draft.cancellationTerms ?? null}
                refused={refusedTerms}
                onChange={(terms) =>
                  setDraft((d) => {
                    const { [room.id]: _old, ...others } = d.roomTerms ?? {};
                    return { ...d, roomTerms: terms ? { ...others, [room.id]: terms } : others };
                  })
                }
              />
            </li>
          ))}
        </ol>
        <button type="button" className="button" onClick={addRoom}>
          + {t("setup.addRoom")}
        </button>
      </fieldset>

      <StudioTerms
        terms={draft.cancellationTerms ?? null}
        refused={refusedTerms}
        onChange={(cancellationTerms) => setDraft((d) => ({ ...d, cancellationTerms }))}
      />

      <fieldset className="setup-group">
        <legend>{t("studio.weekly")}</legend>
        <p className="muted">{t("studio.rangesHelp")}</p>
        <div className="week-hours">
          {WEEKDAYS.map((d) => (
            <label key={d} className="week-day">
              {t(`weekday.${d}` as MessageKey)}
              <input
                name={`hours-${d}`}
                value={week[d] ?? ""}
                placeholder={t("studio.closed")}
                aria-invalid={typo === `hours.weekly.${d}` || undefined}
                onChange={(e) => setWeek((w) => ({ ...w, [d]: e.target.value }))}
              />
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="setup-group">
        <legend>{t("studio.dates")}</legend>
        <div className="row">
          <DateField label={t("studio.from")} value={from} onChange={setFrom} name="dates-from" />
          <DateField label={t("studio.to")} value={to} onChange={setTo} name="dates-to" />
          <button type="button" className="button" onClick={() => setDates([])}>
            {t("studio.closeDates")}
          </button>
          <label>
            {t("studio.specialHours")}
            <input name="special-hours" value={special} placeholder="10:00–14:00" onChange={(e) => setSpecial(e.target.value)} />
          </label>
          <button
            type="button"
            className="button"
            onClick={() => {
              const ranges = parseRanges(special);
              if (ranges && ranges.length > 0) setDates(ranges);
              else setTypo("special");
            }}
          >
            {t("studio.setSpecial")}
          </button>
        </div>
        <ul className="date-chips">
          {Object.entries(draft.hours.dates)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([date, ranges]) => (
              <li key={date} className="date-chip" data-date={date}>
                {formatShortDate(date, locale)}: {ranges.length === 0 ? t("studio.closed") : rangesText(ranges)}
                <button type="button" className="chip-remove" aria-label={t("setup.removeDate", { date })} onClick={() => dropDate(date)}>
                  ×
                </button>
              </li>
            ))}
        </ul>
      </fieldset>

      {typo && <p className="inline-error">{t("studio.typo", { field: typo })}</p>}
      <ErrorNote error={error} />
      {outside && (
        <Dialog
          title={t("studio.outsideTitle", { count: outside.length })}
          onClose={() => setOutside(null)}
          role="alertdialog"
          className="outside-confirm"
        >
          <ul>
            {outside.map((b) => (
              <li key={b.id}>
                {formatShortDate(dateOf(b.start, tz), locale)} {formatTime(b.start, tz, locale)}–{formatTime(b.end, tz, locale)} · {b.customer.name} · {b.room}
              </li>
            ))}
          </ul>
          <div className="row">
            <button type="button" className="button primary" data-testid="save-anyway" onClick={() => { const u = built(); if (u) save.mutate(u); }}>
              {t("studio.saveAnyway")}
            </button>
            <button type="button" className="button" onClick={() => setOutside(null)}>
              {t("staff.cancel")}
            </button>
          </div>
        </Dialog>
      )}
      <div className="row">
        <button
          type="button"
          className="button primary"
          data-testid="save-studio"
          disabled={check.isPending || save.isPending}
          onClick={() => {
            const update = built();
            if (update) check.mutate(update);
          }}
        >
          {t("studio.save")}
        </button>
        <button type="button" className="button" onClick={() => reset(studio)}>
          {t("studio.reload")}
        </button>
      </div>
      {save.isSuccess && <p className="ok-note">{t("settings.saved")}</p>}
    </section>
  );
}
