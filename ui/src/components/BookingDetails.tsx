import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import * as api from "../api/commands";
import type { Booking, CommandError, StudioInfo } from "../api/types";
import { formatMoney } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import { dateOf, formatDate, formatTime } from "../time";
import { BookingActions } from "./BookingActions";
import { BookingHistory } from "./BookingHistory";
import { Receipt } from "./PaymentForm";
import { ErrorNote } from "./ErrorNote";

export function statusLabel(status: Booking["status"]): MessageKey {
  return `status.${status}` as MessageKey;
}

export function roomName(studio: StudioInfo, id: string): string {
  return studio.rooms.find((r) => r.id === id)?.name ?? id;
}

/** A booking's details, with cancel (and a reason). */
export function BookingDetails({
  studio,
  booking,
  onClose,
}: {
  studio: StudioInfo;
  booking: Booking;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  const cancel = useMutation<Booking, CommandError, string>({
    mutationFn: (why) => api.cancelBooking(booking.id, why.trim() || null),
    onSuccess: () => {
      void client.invalidateQueries();
    },
  });
  const [changed, setChanged] = useState<Booking | null>(null);
  const shown = cancel.data ?? changed ?? booking;
  const date = dateOf(shown.start, studio.timezone);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={t("bookings.details")}
        onClick={(e) => e.stopPropagation()}
      >
        <h2>{shown.customer.name}</h2>
        <dl className="details">
          <dt>{t("flow.room")}</dt>
          <dd>{roomName(studio, shown.room)}</dd>
          <dt>{t("flow.day")}</dt>
          <dd>{formatDate(date, locale)}</dd>
          <dt>{t("flow.duration")}</dt>
          <dd>
            {formatTime(shown.start, studio.timezone, locale)}–{formatTime(shown.end, studio.timezone, locale)}
          </dd>
          {shown.customer.phone && (
            <>
              <dt>{t("flow.phone")}</dt>
              <dd>{shown.customer.phone}</dd>
            </>
          )}
          {shown.note && (
            <>
              <dt>{t("flow.note")}</dt>
              <dd>{shown.note}</dd>
            </>
          )}
          {shown.price != null && (
            <>
              <dt>{t("bookings.price")}</dt>
              <dd data-testid="booking-price">{formatMoney(shown.price, studio.currency, locale)}</dd>
            </>
          )}
          <dt>{t("payment.status")}</dt>
          <dd data-testid="booking-payment">
            {t(`payment.${shown.payment.status}`)}
            {shown.payment.status !== "unpaid" && ` · ${formatMoney(shown.payment.amount, studio.currency, locale)}`}
            {shown.payment.method && ` · ${t(`payment.${shown.payment.method}`)}`}
          </dd>
          <dt>Status</dt>
          <dd className={`status-${shown.status}`} data-testid="booking-status">
            {t(statusLabel(shown.status))}
            {shown.reason && ` — ${shown.reason}`}
            {shown.checkedInAt && ` · ${t("actions.checkedInAt", { time: formatTime(shown.checkedInAt, studio.timezone, locale) })}`}
            {shown.noShow && ` · ${t("actions.noShowMarked")}`}
          </dd>
        </dl>
        {!cancel.isSuccess && (
          <BookingActions key={shown.version} studio={studio} booking={shown} onChanged={setChanged} />
        )}
        <Receipt studio={studio} booking={shown} />
        <BookingHistory booking={shown.id} timezone={studio.timezone} />
        <ErrorNote error={cancel.error} />
        {cancel.isSuccess && <p className="ok-note">{t("bookings.cancelled")}</p>}
        {shown.status !== "cancelled" && !confirming && (
          <button type="button" className="button danger" onClick={() => setConfirming(true)}>
            {t("bookings.cancel")}
          </button>
        )}
        {shown.status !== "cancelled" && confirming && (
          <div className="cancel-form">
            <label>
              {t("bookings.cancelReason")}
              <input value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
            </label>
            <div className="row">
              <button
                type="button"
                className="button danger"
                disabled={cancel.isPending}
                onClick={() => cancel.mutate(reason)}
              >
                {t("bookings.cancelConfirm")}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                {t("bookings.keep")}
              </button>
            </div>
          </div>
        )}
        <button type="button" className="button secondary" onClick={onClose}>
          {t("bookings.close")}
        </button>
      </div>
    </div>
  );
}
