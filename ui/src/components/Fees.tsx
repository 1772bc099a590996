// Cancellation fees at the desk: what cancelling or a no-show would owe, shown before staff
// confirm (the backend's `fee_preview`, never worked out here), and the fee a booking owes,
// which an admin may waive with a reason.
import { useState } from "react";
import type { Booking, FeeKind } from "../api/types";
import { useChangeBooking, useFeePreview } from "../data/bookings";
import { formatMoney } from "../format";
import { useI18n } from "../i18n";
import { ErrorNote } from "./ErrorNote";
import { useIsAdmin } from "./SignIn";

/**
 * The fee a cancellation (`cancel`) or a no-show (`noShow`) of `booking` would owe now.
 * Nothing when the studio has no terms or the booking no price. A preview that fails says
 * so in plain words and lets staff go ahead: the backend records the fee the terms set
 * either way, and a desk that cannot ask should not block a cancellation at the counter.
 */
export function FeePreviewNote({ booking, kind }: { booking: string; kind: FeeKind }) {
  const { t, locale, errorText } = useI18n();
  const preview = useFeePreview(booking, kind);
  if (preview.isPending) return <p className="muted fee-preview">{t("fee.checking")}</p>;
  if (preview.isError) {
    return (
      <p className="error-note fee-preview" role="alert" data-testid="fee-preview-failed">
        {t("fee.previewFailed", { error: errorText(preview.error) })}
      </p>
    );
  }
  const p = preview.data;
  if (!p) return null;
  const money = (minor: number) => formatMoney(minor, p.currency, locale);
  const figures = { percent: p.percent, price: money(p.price), amount: money(p.amount) };
  switch (p.rule) {
    case "none":
      return null;
    case "free":
      return (
        <p className="ok-note fee-preview" data-testid="fee-preview">
          {p.hoursBefore != null ? t("fee.freeUntil", { hours: p.hoursBefore }) : t("fee.free")}
        </p>
      );
    case "late_cancel":
      return (
        <div className="fee-preview" data-testid="fee-preview" role="status">
          <p className="fee-amount">{t("fee.lateCancel", figures)}</p>
          {p.hoursBefore != null && <p className="muted">{t("fee.fromHours", { hours: p.hoursBefore })}</p>}
        </div>
      );
    case "no_show":
      return (
        <p className="fee-preview fee-amount" data-testid="fee-preview" role="status">
          {t("fee.noShow", figures)}
        </p>
      );
  }
}

/** The fee a booking owes (or owed, waived), and for an admin the waiver with its reason. */
export function FeeOwed({ booking, currency, onChanged }: { booking: Booking; currency: string; onChanged: (b: Booking) => void }) {
  const { t, locale } = useI18n();
  const admin = useIsAdmin();
  const [waiving, setWaiving] = useState(false);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const waive = useChangeBooking(booking.id, {
    onSuccess: (b) => {
      setWaiving(false);
      setReason("");
      onChanged(b);
    },
  });
  const fee = booking.fee;
  if (!fee) return null;
  const waiver = fee.waived;
  return (
    <section className="fee-owed" aria-label={t("fee.owed")}>
      <p data-testid="booking-fee" className={waiver ? "fee-waived" : "fee-amount"}>
        {t("fee.owed")}: {t("fee.line", { rule: t(`fee.rule.${fee.rule}`), amount: formatMoney(fee.amount, currency, locale), percent: fee.percent })}
        {waiver && ` · ${waiver.by ? t("fee.waivedBy", { by: waiver.by, reason: waiver.reason }) : t("fee.waived", { reason: waiver.reason })}`}
      </p>
      {admin && !waiver && !waiving && (
        <button type="button" className="button" data-testid="waive-fee" onClick={() => setWaiving(true)}>
          {t("fee.waive")}
        </button>
      )}
      {admin && !waiver && waiving && (
        <form
          className="waive-form"
          onSubmit={(e) => {
            e.preventDefault();
            const why = reason.trim();
            setMissing(why === "");
            if (why) waive.mutate({ kind: "waiveFee", reason: why });
          }}
        >
          <label>
            {t("fee.waiveReason")}
            <input
              name="waive-reason"
              value={reason}
              aria-invalid={missing || undefined}
              aria-describedby={missing ? "waive-reason-missing" : undefined}
              onChange={(e) => setReason(e.target.value)}
              autoFocus
            />
          </label>
          {missing && (
            <p className="inline-error" id="waive-reason-missing">
              {t("fee.reasonRequired")}
            </p>
          )}
          <div className="row">
            <button type="submit" className="button primary" data-testid="waive-confirm" disabled={waive.isPending}>
              {t("fee.waiveConfirm")}
            </button>
            <button type="button" className="button" onClick={() => setWaiving(false)}>
              {t("fee.keep")}
            </button>
          </div>
          <ErrorNote error={waive.error} />
        </form>
      )}
    </section>
  );
}
