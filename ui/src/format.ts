/**
 * A duration in whole minutes, as staff read it: "45 min", "1 h", "1 h 30 min".
 * Throws on negative or non-integer input rather than printing nonsense.
 */
export function formatDuration(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0) {
    throw new RangeError(`formatDuration: expected a non-negative whole number of minutes, got ${minutes}`);
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  if (rest === 0) return `${hours} h`;
  return `${hours} h ${rest} min`;
}

/**
 * An amount of integer minor units (cents) in `currency`, as staff of this language read it:
 * "€40.00" in English, "40,00 €" in German. The currency's own number of decimals decides
 * the scale (none for JPY), so no float ever holds an amount before it is shown.
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}
