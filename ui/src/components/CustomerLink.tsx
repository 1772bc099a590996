// From a booking to its customer's page: the desk provides how a customer is opened (the
// Customers screen), and a booking's details show the link where one is provided.
import { createContext, useContext } from "react";
import type { Booking } from "../api/types";
import { useI18n } from "../i18n";

/** Opens a customer's page; null where there is none to open (tests, the page itself). */
export const OpenCustomerContext = createContext<((id: string) => void) | null>(null);

/** "Customer: Ada Lovelace", for a booking that belongs to a customer record. */
export function CustomerLink({ booking }: { booking: Booking }) {
  const { t } = useI18n();
  const open = useContext(OpenCustomerContext);
  const id = booking.customerId;
  if (!open || !id) return null;
  return (
    <button type="button" className="button customer-link" data-testid="customer-link" onClick={() => open(id)}>
      {t("customers.open", { name: booking.customer.name })}
    </button>
  );
}
