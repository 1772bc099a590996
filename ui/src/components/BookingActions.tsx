// What staff do with a booking after it is made: extend it (+15 min, +1 h), finish a
// running session now, check the customer in, mark a no-show, edit the customer's details
// and the note (a no-show after its fee is shown and staff confirm). Each is one `change_booking` call made to the version shown; the backend
// refuses (in plain words) what the rules do not allow.
import { useState } from "react";
import type { Booking, BookingChange, StudioInfo } from "../api/types";
import { useChangeBooking } from "../data/bookings";
import { useI18n } from "../i18n";
import { instantOf } from "../time";
import { ErrorNote } from "./ErrorNote";
import { FeePreviewNote } from "./Fees";
import { MoveBooking } from "./MoveBooking";
import { PaymentForm } from "./PaymentForm";

/** A check-in is offered from this long before the start (the backend's rule). */
const CHECK_IN_EARLY_MS = 60 * 60_000;

/** The booking with its end moved by `quanta` of the studio's quanta (negative: earlier). */
export function endMoved(booking: Booking, quanta: number, quantumMinutes: number): BookingChange {
  return { kind: "span", room: booking.room, start: booking.start, end: instantOf(booking.end, quanta, quantumMinutes), session: null };
}

/** `ms` rounded up to the next quantum (a finished session frees what is left). */
function nextQuantum(ms: number, quantumMinutes: number): string {
  const quantum = quantumMinutes * 60_000;
  return new Date(Math.ceil(ms / quantum) * quantum).toISOString();
}

export function BookingActions({
  studio,
  booking,
  onChanged,
  now: nowProp,
}: {
  studio: StudioInfo;
  booking: Booking;
  onChanged: (b: Booking) => void;
  now?: number;
}) {
  const currency = studio.currency;
  const { t } = useI18n();
  // What is running is judged at the moment the actions are shown (tests pass their own).
  const [shownAt] = useState(() => Date.now());
  const now = nowProp ?? shownAt;
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState(false);
  const [noShowAsked, setNoShowAsked] = useState(false);
  const [name, setName] = useState(booking.customer.name);
  const [phone, setPhone] = useState(booking.customer.phone ?? "");
  const [note, setNote] = useState(booking.note ?? "");
  const change = useChangeBooking(booking.id, {
    onSuccess: (b) => {
      onChanged(b);
      setEditing(false);
    },
  });
  if (booking.status !== "confirmed" && booking.status !== "pending") return null;
  const start = Date.parse(booking.start);
  const end = Date.parse(booking.end);
  const span = (newEnd: string): BookingChange => ({ kind: "span", room: booking.room, start: booking.start, end: newEnd, session: null });
  const running = start <= now && now < end;
  const arrived = booking.checkedInAt != null;
  // A no-show is offered from the studio's grace time after the start (the backend's rule).
  const graceMs = studio.noShowGraceMinutes * 60_000;
  // Extend and shorten by one of the studio's quanta, or by an hour of them.
  const quantum = studio.quantumMinutes;
  const by = (quanta: number) => change.mutate(endMoved(booking, quanta, quantum));
  return (
    <div className="booking-actions">
      {booking.awaitingApproval && (
        <div className="approval status" role="group" aria-label={t("approval.waiting")} data-testid="awaiting-approval">
          <p>{t("approval.waiting")}</p>
          <button type="button" className="button primary" data-testid="approve" disabled={change.isPending} onClick={() => change.mutate({ kind: "approve" })}>
            {t("approval.approve")}
          </button>
        </div>
      )}
      <div className="row">
        {end - start > quantum * 60_000 && (
          <button type="button" className="button" data-testid="shorten-15" disabled={change.isPending} onClick={() => by(-1)}>
            {t("actions.shorten15", { minutes: quantum })}
          </button>
        )}
        <button type="button" className="button" data-testid="extend-15" disabled={change.isPending} onClick={() => by(1)}>
          {t("actions.extend15", { minutes: quantum })}
        </button>
        <button type="button" className="button" data-testid="extend-60" disabled={change.isPending} onClick={() => by(60 / quantum)}>
          {t("actions.extend60")}
        </button>
        {running && nextQuantum(now, quantum) !== booking.end && (
          <button type="button" className="button" data-testid="finish-now" disabled={change.isPending} onClick={() => change.mutate(span(nextQuantum(now, quantum)))}>
            {t("actions.finishNow")}
          </button>
        )}
        {!arrived && !booking.noShow && now >= start - CHECK_IN_EARLY_MS && now < end && (
          <button
            type="button"
            className="button primary"
            data-testid="check-in"
            disabled={change.isPending}
            onClick={() => change.mutate({ kind: "checkIn", at: new Date(now).toISOString() })}
          >
            {t("actions.checkIn")}
          </button>
        )}
        {!arrived && !booking.noShow && now >= start + graceMs && (
          <button type="button" className="button danger" data-testid="no-show" disabled={change.isPending} onClick={() => setNoShowAsked(true)}>
            {t("actions.noShow")}
          </button>
        )}
        <button type="button" className="button" data-testid="move" onClick={() => setMoving((m) => !m)}>
          {t("actions.move")}
        </button>
        <button type="button" className="button" onClick={() => setEditing((e) => !e)}>
          {t("actions.edit")}
        </button>
        <button type="button" className="button" data-testid="print-receipt" onClick={() => window.print()}>
          {t("payment.print")}
        </button>
      </div>
      {noShowAsked && !arrived && !booking.noShow && (
        <div className="no-show-confirm" role="group" aria-label={t("fee.noShowQuestion", { name: booking.customer.name })}>
          <p>{t("fee.noShowQuestion", { name: booking.customer.name })}</p>
          <FeePreviewNote booking={booking.id} kind="noShow" />
          <div className="row">
            <button type="button" className="button danger" data-testid="no-show-confirm" disabled={change.isPending} onClick={() => change.mutate({ kind: "noShow" })}>
              {t("fee.noShowConfirm")}
            </button>
            <button type="button" className="button" onClick={() => setNoShowAsked(false)}>
              {t("fee.back")}
            </button>
          </div>
        </div>
      )}
      {moving && (
        <MoveBooking
          studio={studio}
          booking={booking}
          onMoved={(b) => {
            setMoving(false);
            onChanged(b);
          }}
        />
      )}
      <PaymentForm booking={booking} currency={currency} busy={change.isPending} onPay={(c) => change.mutate(c)} />
      {editing && (
        <form
          className="edit-form"
          onSubmit={(e) => {
            e.preventDefault();
            change.mutate({ kind: "details", customer: { name, phone: phone.trim() || null, email: booking.customer.email ?? null }, note: note.trim() || null });
          }}
        >
          <label>
            {t("flow.name")}
            <input name="edit-name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            {t("flow.phone")}
            <input name="edit-phone" value={phone} onChange={(e) => setPhone(e.target.value)} />
          </label>
          <label>
            {t("flow.note")}
            <input name="edit-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" className="button primary" disabled={change.isPending}>
            {t("actions.saveDetails")}
          </button>
        </form>
      )}
      <ErrorNote error={change.error} />
    </div>
  );
}
