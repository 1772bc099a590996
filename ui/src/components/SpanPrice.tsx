import { useQuote } from "../data/bookings";
import { formatMoney } from "../format";
import { useI18n } from "../i18n";

/** What a span of a room costs at the studio's rates now, shown before it is booked. */
export function SpanPrice({ room, start, end }: { room: string; start: string; end: string }) {
  const { t, locale } = useI18n();
  const quote = useQuote(room, start, end);
  if (!quote.data) return null;
  return (
    <p className="price" data-testid="flow-price">
      {t("flow.price", { price: formatMoney(quote.data.price, quote.data.currency, locale) })}
    </p>
  );
}
