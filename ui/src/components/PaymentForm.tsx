// Taking a payment for a booking: unpaid, a deposit or paid, the amount (at most the price
// it was made at) and cash or card; and its receipt, printed through the system's dialog.
import { useState } from "react";
import type { Booking, BookingChange, PaymentDto, StudioInfo } from "../api/types";
import { formatMoney } from "../format";
import { useI18n } from "../i18n";
import { stillOpen } from "../owed";
import { parsePrice } from "../studioSetup";
import { dateOf, formatDate, formatTime } from "../time";
import { roomName } from "./BookingDetails";

export function PaymentForm({
  booking,
  currency,
  busy,
  onPay,
}: {
  booking: Booking;
  currency: string;
  busy: boolean;
  onPay: (change: BookingChange) => void;
}) {
  const { t, locale } = useI18n();
  const price = booking.price ?? 0;
  const [status, setStatus] = useState<PaymentDto["status"]>(booking.payment.status === "unpaid" ? "paid" : booking.payment.status);
  const [amount, setAmount] = useState(((booking.payment.status === "unpaid" ? price : booking.payment.amount) / 100).toFixed(2));
  const [method, setMethod] = useState<"cash" | "card">(booking.payment.method ?? "cash");
  const minor = parsePrice(amount);
  const money = (m: number) => formatMoney(m, currency, locale);
  return (
    <>
    {booking.deposit != null && (
      <p className="deposit-summary" data-testid="deposit-summary">
        {t("deposit.summary", { deposit: money(booking.deposit), paid: money(booking.payment.amount), open: money(stillOpen(booking)), price: money(price) })}
      </p>
    )}
    <form
      className="payment-form row"
      onSubmit={(e) => {
        e.preventDefault();
        const payment: PaymentDto =
          status === "unpaid" ? { status, amount: 0, method: null } : { status, amount: minor ?? 0, method };
        onPay({ kind: "payment", payment });
      }}
    >
      <label>
        {t("payment.status")}
        <select
          name="payment-status"
          value={status}
          onChange={(e) => {
            const next = e.target.value as PaymentDto["status"];
            setStatus(next);
            // A deposit starts at what the booking asks; paid at its price.
            if (next === "deposit" && booking.deposit != null) setAmount((booking.deposit / 100).toFixed(2));
            if (next === "paid") setAmount((price / 100).toFixed(2));
          }}
        >
          <option value="unpaid">{t("payment.unpaid")}</option>
          <option value="deposit">{t("payment.deposit")}</option>
          <option value="paid">{t("payment.paid")}</option>
        </select>
      </label>
      {status !== "unpaid" && (
        <>
          <label>
            {t("payment.amount", { currency })}
            <input name="payment-amount" className="price-input" inputMode="decimal" value={amount} aria-invalid={minor === null || undefined} onChange={(e) => setAmount(e.target.value)} />
          </label>
          <label>
            {t("payment.method")}
            <select name="payment-method" value={method} onChange={(e) => setMethod(e.target.value as "cash" | "card")}>
              <option value="cash">{t("payment.cash")}</option>
              <option value="card">{t("payment.card")}</option>
            </select>
          </label>
        </>
      )}
      <button type="submit" className="button primary" data-testid="record-payment" disabled={busy || (status !== "unpaid" && minor === null)}>
        {t("payment.record")}
      </button>
    </form>
    </>
  );
}

/** The receipt as it prints (hidden on screen; the print stylesheet shows only it). */
export function Receipt({ studio, booking }: { studio: StudioInfo; booking: Booking }) {
  const { t, locale } = useI18n();
  const tz = studio.timezone;
  const money = (minor: number) => formatMoney(minor, studio.currency, locale);
  // Itemised: the price, the fee a late cancellation or a no-show left (waived or not), what
  // was received, and what is still open of what the booking owes.
  const fee = booking.fee;
  return (
    <div className="receipt" aria-hidden="true">
      <h1>{studio.name}</h1>
      <p>{t("payment.receipt")}</p>
      <dl>
        <dt>{t("flow.name")}</dt>
        <dd>{booking.customer.name}</dd>
        <dt>{t("flow.room")}</dt>
        <dd>{roomName(studio, booking.room)}</dd>
        <dt>{t("flow.day")}</dt>
        <dd>
          {formatDate(dateOf(booking.start, tz), locale)}, {formatTime(booking.start, tz, locale)}–{formatTime(booking.end, tz, locale)}
        </dd>
        <dt>{t("bookings.price")}</dt>
        <dd>{money(booking.price ?? 0)}</dd>
        {booking.deposit != null && (
          <>
            <dt>{t("deposit.asked")}</dt>
            <dd data-testid="receipt-deposit">{money(booking.deposit)}</dd>
          </>
        )}
        {fee && (
          <>
            <dt>{t(`fee.rule.${fee.rule}`)}</dt>
            <dd data-testid="receipt-fee">
              {money(fee.amount)} ({t("fee.percentOfPrice", { percent: fee.percent })})
              {fee.waived && ` — ${t("fee.waived", { reason: fee.waived.reason })}`}
            </dd>
          </>
        )}
        <dt>{t("payment.received")}</dt>
        <dd>
          {money(booking.payment.amount)}
          {booking.payment.method && ` (${t(`payment.${booking.payment.method}`)})`}
        </dd>
        <dt>{t("payment.open")}</dt>
        <dd data-testid="receipt-open">{money(stillOpen(booking))}</dd>
      </dl>
      <p className="receipt-id">{booking.id}</p>
    </div>
  );
}
