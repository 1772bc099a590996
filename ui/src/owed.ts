// What a booking owes the studio, once for the receipt and the day sheet (docs/money.md):
// the fee a late cancellation or a no-show recorded (nothing once an admin waived it), else
// its price; a cancelled booking without a fee owes nothing. Minor units throughout.
import type { Booking } from "./api/types";

/** What the booking owes in all, before what was paid. */
export function owed(b: Booking): number {
  if (b.fee) return b.fee.waived ? 0 : b.fee.amount;
  if (b.status === "cancelled") return 0;
  return b.price ?? 0;
}

/** What it still owes: what it owes less what was paid, never below nothing. */
export const stillOpen = (b: Booking): number => Math.max(0, owed(b) - b.payment.amount);
