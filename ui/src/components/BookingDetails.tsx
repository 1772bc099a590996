import { useState } from "react";
import type { Booking, StudioInfo } from "../api/types";
import { useCancelBooking, useCancelFollowing } from "../data/bookings";
import { formatMoney } from "../format";
import { ONLINE_DESK } from "../data/online";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import { dateOf, formatDate, formatTime } from "../time";
import { BookingActions } from "./BookingActions";
import { BookingHistory } from "./BookingHistory";
import { BookingMessages } from "./BookingMessages";
import { ChangeFollowing } from "./ChangeFollowing";
import { CustomerLink } from "./CustomerLink";
import { Dialog } from "./Dialog";
import { Receipt } from "./PaymentForm";
import { ErrorNote } from "./ErrorNote";
import { FeeOwed, FeePreviewNote } from "./Fees";

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
  // Which cancel is being confirmed: this booking, or this and the later ones of its series.
  const [confirming, setConfirming] = useState<false | "one" | "following">(false);
  const [reason, setReason] = useState("");
  const cancel = useCancelBooking(booking.id);
  const following = useCancelFollowing(booking.id);
  const [changed, setChanged] = useState<Booking | null>(null);
  // The form that changes this and the later occurrences, and how many it moved.
  const [changing, setChanging] = useState(false);
  const [moved, setMoved] = useState<number | null>(null);
  // What this dialog last saw of the booking: a cancel's answer, else a change's, unless a
  // later one is newer (a fee waived after cancelling).
  const seen = [cancel.data, following.data?.find((b) => b.id === booking.id), changed, booking].filter((b) => b != null);
  const shown = seen.reduce((a, b) => (b.version > a.version ? b : a));
  const cancelled = cancel.isSuccess || following.isSuccess;
  const pending = cancel.isPending || following.isPending;
  const date = dateOf(shown.start, studio.timezone);
  return (
    <Dialog title={t("bookings.details")} onClose={onClose} className="booking-details">
      <h3 className="booking-customer">{shown.customer.name}</h3>
      <CustomerLink booking={shown} />
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
        {shown.customer.email && (
          <>
            <dt>{t("customers.email")}</dt>
            <dd>{shown.customer.email}</dd>
          </>
        )}
        {shown.desk === ONLINE_DESK && (
          <>
            <dt>{t("online.madeWhere")}</dt>
            <dd data-testid="booking-online">{t("online.madeOnline")}</dd>
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
      <FeeOwed booking={shown} currency={studio.currency} onChanged={setChanged} />
      {!cancelled && (
        <BookingActions key={shown.version} studio={studio} booking={shown} onChanged={setChanged} />
      )}
      <Receipt studio={studio} booking={shown} />
      <BookingMessages booking={shown.id} timezone={studio.timezone} hasEmail={!!shown.customer.email} />
      <BookingHistory booking={shown.id} timezone={studio.timezone} />
      <ErrorNote error={cancel.error ?? following.error} />
      {cancel.isSuccess && <p className="ok-note">{t("bookings.cancelled")}</p>}
      {following.isSuccess && (
        <p className="ok-note">{t("bookings.cancelledFollowing", { count: following.data.length })}</p>
      )}
      {moved != null && <p className="ok-note">{t("bookings.changedFollowing", { count: moved })}</p>}
      {shown.status !== "cancelled" && !cancelled && !confirming && !changing && (
        <div className="row">
          <button type="button" className="button danger" onClick={() => setConfirming("one")}>
            {t("bookings.cancel")}
          </button>
          {shown.series && (
            <button type="button" className="button danger" data-testid="cancel-following" onClick={() => setConfirming("following")}>
              {t("bookings.cancelFollowing")}
            </button>
          )}
          {shown.series && (
            <button
              type="button"
              className="button"
              data-testid="change-following-open"
              onClick={() => {
                setMoved(null);
                setChanging(true);
              }}
            >
              {t("bookings.changeFollowing")}
            </button>
          )}
        </div>
      )}
      {shown.status !== "cancelled" && !cancelled && changing && (
        <ChangeFollowing
          studio={studio}
          booking={shown}
          onChanged={(all) => {
            const own = all.find((b) => b.id === shown.id);
            if (own) setChanged(own);
            setMoved(all.length);
            setChanging(false);
          }}
          onClose={() => setChanging(false)}
        />
      )}
      {shown.status !== "cancelled" && !cancelled && confirming && (
        <div className="cancel-form">
          <label>
            {t("bookings.cancelReason")}
            <input value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          </label>
          {/* Previewed when one booking is cancelled: the command answers for one booking. */}
          {confirming === "one" && <FeePreviewNote booking={shown.id} kind="cancel" />}
          <div className="row">
            <button
              type="button"
              className="button danger"
              disabled={pending}
              onClick={() => (confirming === "following" ? following.mutate(reason.trim() || null) : cancel.mutate(reason.trim() || null))}
            >
              {confirming === "following" ? t("bookings.cancelFollowing") : t("bookings.cancelConfirm")}
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
    </Dialog>
  );
}
