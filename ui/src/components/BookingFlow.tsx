import { useEffect, useMemo, useState, type FormEvent } from "react";
import { newId } from "../api/ids";
import type { Booking, SeriesOutcome, Slot, StudioInfo } from "../api/types";
import { useCreateBooking } from "../data/bookings";
import { useSyncStatus } from "../data/sync";
import { useHold } from "../hold";
import { useI18n } from "../i18n";
import { formatDuration } from "../format";
import { dateOf, formatDate, formatTime, todayIn } from "../time";
import type { BookAt } from "./DayBoard";
import { roomName } from "./BookingDetails";
import { ErrorNote } from "./ErrorNote";
import { FlowEndButtons } from "./FlowEnd";
import { MonthView } from "./MonthView";
import { StartTimes } from "./StartTimes";
import { SpanPrice } from "./SpanPrice";
import { SeriesDone, SeriesRepeat, useSeries } from "./SeriesRepeat";
import { CustomerLookup, useCustomerLookup } from "./CustomerLookup";

type Step =
  | { step: "pick"; notice?: string }
  | { step: "details"; slot: Slot }
  | { step: "done"; booking: Booking }
  | { step: "seriesDone"; outcome: SeriesOutcome };

/** The three steps: room, duration and start → customer (the time is held) → done. */
export function BookingFlow({
  studio,
  initial,
  onClose,
}: {
  studio: StudioInfo;
  initial?: BookAt;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const tz = studio.timezone;
  const [session, setSession] = useState(newId);
  const [room, setRoom] = useState(initial?.room ?? studio.rooms[0]?.id ?? "");
  const roomInfo = studio.rooms.find((r) => r.id === room);
  const [duration, setDuration] = useState(roomInfo?.durations[0] ?? 60);
  const [date, setDate] = useState(initial?.date ?? todayIn(tz));
  const [month, setMonth] = useState(() => ({ year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) }));
  const [step, setStep] = useState<Step>({ step: "pick" });
  const [suggested, setSuggested] = useState(initial?.start);

  const pickRoom = (id: string) => {
    setRoom(id);
    const durations = studio.rooms.find((r) => r.id === id)?.durations ?? [];
    if (!durations.includes(duration)) setDuration(durations[0] ?? 60);
  };

  const restart = () => {
    setSession(newId());
    setSuggested(undefined);
    setStep({ step: "pick" });
  };

  const times = (slot: Slot) => `${formatTime(slot.start, tz, locale)}–${formatTime(slot.end, tz, locale)}`;

  return (
    <section className="flow" aria-label={t("flow.title")}>
      {/* The view's heading, for the outline screen readers navigate by (the steps show it). */}
      <h2 className="sr-only">{t("flow.title")}</h2>
      <ol className="steps">
        <li className={step.step === "pick" ? "current" : ""}>{t("flow.step1")}</li>
        <li className={step.step === "details" ? "current" : ""}>{t("flow.step2")}</li>
        <li className={step.step === "done" || step.step === "seriesDone" ? "current" : ""}>{t("flow.step3")}</li>
      </ol>

      {step.step === "pick" && (
        <div className="flow-pick">
          {step.notice && (
            <p className="error-note" role="alert">
              {step.notice}
            </p>
          )}
          <fieldset className="choice">
            <legend>{t("flow.room")}</legend>
            {studio.rooms.map((r) => (
              <button
                type="button"
                key={r.id}
                className={`button choice-item ${r.id === room ? "selected" : ""}`}
                aria-pressed={r.id === room}
                onClick={() => pickRoom(r.id)}
              >
                {r.name}
              </button>
            ))}
          </fieldset>
          <fieldset className="choice">
            <legend>{t("flow.duration")}</legend>
            {(roomInfo?.durations ?? []).map((d) => (
              <button
                type="button"
                key={d}
                className={`button choice-item ${d === duration ? "selected" : ""}`}
                aria-pressed={d === duration}
                onClick={() => setDuration(d)}
              >
                {formatDuration(d)}
              </button>
            ))}
          </fieldset>
          <div className="flow-columns">
            <MonthView
              room={room}
              duration={duration}
              year={month.year}
              month={month.month}
              selected={date}
              onMonth={(year, m) => setMonth({ year, month: m })}
              onPick={setDate}
            />
            <StartTimes
              studio={studio}
              room={room}
              date={date}
              duration={duration}
              session={session}
              suggested={suggested}
              onPick={(slot) => setStep({ step: "details", slot })}
            />
          </div>
        </div>
      )}

      {step.step === "details" && (
        <CustomerStep
          session={session}
          room={room}
          timeZone={tz}
          currency={studio.currency}
          slot={step.slot}
          summary={t("flow.summary", {
            room: roomName(studio, room),
            date: formatDate(dateOf(step.slot.start, tz), locale),
            start: formatTime(step.slot.start, tz, locale),
            end: formatTime(step.slot.end, tz, locale),
          })}
          onBack={() => setStep({ step: "pick" })}
          onTaken={() => {
            setSuggested(undefined);
            setStep({ step: "pick", notice: t("flow.taken", { time: times(step.slot) }) });
          }}
          onBooked={(booking) => setStep({ step: "done", booking })}
          onSeriesBooked={(outcome) => setStep({ step: "seriesDone", outcome })}
        />
      )}

      {step.step === "seriesDone" && (
        <SeriesDone studio={studio} outcome={step.outcome} onAnother={restart} onClose={onClose} />
      )}

      {step.step === "done" && (
        <Done
          studio={studio}
          booking={step.booking}
          onAnother={restart}
          onClose={onClose}
        />
      )}
    </section>
  );
}

function CustomerStep({
  session,
  room,
  timeZone,
  currency,
  slot,
  summary,
  onBack,
  onTaken,
  onBooked,
  onSeriesBooked,
}: {
  session: string;
  room: string;
  timeZone: string;
  currency: string;
  slot: Slot;
  summary: string;
  onBack: () => void;
  onTaken: () => void;
  onBooked: (booking: Booking) => void;
  onSeriesBooked: (outcome: SeriesOutcome) => void;
}) {
  const { t } = useI18n();
  const spans = useMemo(() => [{ room, start: slot.start, end: slot.end }], [room, slot]);
  const [holding, setHolding] = useState(true);
  const hold = useHold(session, holding ? spans : []);
  const [bookingId] = useState(newId);
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [note, setNote] = useState("");
  const [missingName, setMissingName] = useState(false);
  // Known customers as staff type; picking one fills the name and phone.
  const lookup = useCustomerLookup((customer) => {
    setName(customer.name);
    setPhone(customer.phone ?? "");
    setMissingName(false);
  });

  // The customer's details are passed to `mutate` (a closure could still hold the text
  // of the render before the last keystroke).
  const book = useCreateBooking({
    onSuccess: (booking) => {
      setHolding(false);
      onBooked(booking);
    },
    onError: (error) => {
      if (error.code === "conflict") {
        setHolding(false);
        onTaken();
      }
    },
  });

  // With Repeat on, the free occurrences of the series are booked instead.
  const series = useSeries({
    room,
    slot,
    timeZone,
    session,
    onBooked: (outcome) => {
      setHolding(false);
      onSeriesBooked(outcome);
    },
  });
  const busy = book.isPending || series.book.isPending;

  // Someone else holds or booked it first: back to the start times, in plain words.
  useEffect(() => {
    if (hold?.state === "failed" && hold.error.code === "conflict") onTaken();
  }, [hold, onTaken]);

  // Esc goes back (and so releases the hold).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onBack();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onBack]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setMissingName(true);
      return;
    }
    if (series.on) {
      if (series.ready) series.submit({ name, phone, note });
      return;
    }
    book.mutate({
      id: bookingId,
      room,
      start: slot.start,
      end: slot.end,
      customer: { name: name.trim(), phone: phone.trim() || null },
      note: note.trim() || null,
      session,
    });
  };

  return (
    <form className="flow-details" onSubmit={submit}>
      <p className="summary" data-testid="flow-summary">
        {summary}
      </p>
      <SpanPrice room={room} start={slot.start} end={slot.end} />
      <p className={`hold-state ${hold?.state ?? ""}`} data-testid="hold-state" aria-live="polite">
        {hold?.state === "holding" && t("flow.holding")}
        {hold?.state === "live" && (
          <>
            <span className="live-dot" aria-hidden /> {t("flow.holdLive")}
          </>
        )}
        {hold?.state === "failed" && hold.error.code !== "conflict" && t("flow.holdLost", { message: hold.error.message })}
      </p>
      <label>
        {t("flow.name")}
        <input
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setMissingName(false);
            lookup.typed(e.target.value);
          }}
          {...lookup.input}
          autoFocus
          name="name"
          aria-invalid={missingName}
        />
      </label>
      {missingName && (
        <p className="error-note" role="alert">
          {t("flow.nameRequired")}
        </p>
      )}
      <label>
        {t("flow.phone")}
        <input
          value={phone}
          onChange={(e) => {
            setPhone(e.target.value);
            lookup.typed(e.target.value);
          }}
          {...lookup.input}
          name="phone"
          type="tel"
        />
      </label>
      <CustomerLookup lookup={lookup} currency={currency} />
      <label>
        {t("flow.note")}
        <textarea value={note} onChange={(e) => setNote(e.target.value)} name="note" rows={2} />
      </label>
      <SeriesRepeat series={series} timeZone={timeZone} />
      {book.error && book.error.code !== "conflict" && <ErrorNote error={book.error} />}
      <ErrorNote error={series.book.error} />
      <div className="row">
        <button type="button" className="button secondary" onClick={onBack} disabled={busy}>
          {t("flow.back")}
        </button>
        <button type="submit" className="button primary" disabled={busy || (series.on && !series.ready)} data-testid="confirm">
          {busy ? t("flow.booking") : series.on ? series.label : t("flow.confirm")}
        </button>
      </div>
    </form>
  );
}

function Done({
  studio,
  booking,
  onAnother,
  onClose,
}: {
  studio: StudioInfo;
  booking: Booking;
  onAnother: () => void;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const { data: sync } = useSyncStatus();
  const tz = studio.timezone;
  const message =
    booking.status === "pending"
      ? t("flow.pending")
      : sync?.configured
        ? t("flow.confirmed")
        : t("flow.confirmedLocal");
  return (
    <div className="flow-done" data-testid="flow-done">
      <p className={`done-status status-${booking.status}`} data-testid="done-status" data-status={booking.status}>
        {message}
      </p>
      <dl className="details">
        <dt>{t("flow.name")}</dt>
        <dd>{booking.customer.name}</dd>
        <dt>{t("flow.room")}</dt>
        <dd>{roomName(studio, booking.room)}</dd>
        <dt>{t("flow.day")}</dt>
        <dd>{formatDate(dateOf(booking.start, tz), locale)}</dd>
        <dt>{t("flow.duration")}</dt>
        <dd>
          {formatTime(booking.start, tz, locale)}–{formatTime(booking.end, tz, locale)}
        </dd>
      </dl>
      <FlowEndButtons onAnother={onAnother} onClose={onClose} />
    </div>
  );
}
