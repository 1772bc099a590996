// Regulars at a glance: as staff type a name or phone number in the booking flow, the
// customers it matches (read from the desk's own file, so instant) show under the fields
// with their bookings, no-shows and what is still unpaid; picking one fills the fields.
import { useId, useState, type KeyboardEvent } from "react";
import type { CustomerRecord, CustomerSummary } from "../api/types";
import { useFindCustomers } from "../data/customers";
import { formatMoney } from "../format";
import { useI18n } from "../i18n";

/** Fewer characters than this ask nothing. */
const MIN_TEXT = 2;

/** The lookup of the customer step: wire `typed` into the fields' onChange, spread `input`
 * onto them, and render <CustomerLookup lookup={…} /> under them. */
export function useCustomerLookup(onPick: (customer: CustomerRecord) => void) {
  const listId = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  // The highlighted option; none at first, so Enter still confirms a new customer.
  const [active, setActive] = useState(-1);
  const query = useFindCustomers(text, text.length >= MIN_TEXT);
  const options = open && text.length >= MIN_TEXT ? (query.data ?? []) : [];
  const highlighted = active >= 0 && active < options.length ? active : -1;

  const pick = (summary: CustomerSummary) => {
    setOpen(false);
    setActive(-1);
    onPick(summary.customer);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (options.length === 0) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive(highlighted < 0 ? (step > 0 ? 0 : options.length - 1) : (highlighted + step + options.length) % options.length);
    } else if (e.key === "Enter" && highlighted >= 0) {
      e.preventDefault();
      pick(options[highlighted]);
    } else if (e.key === "Escape") {
      // Closes the list only; the step's own Esc (back) waits for the next press.
      e.stopPropagation();
      setOpen(false);
    }
  };

  return {
    listId,
    options,
    highlighted,
    busy: query.isPlaceholderData,
    setActive,
    pick,
    /** What staff typed in the name or phone field. */
    typed: (value: string) => {
      setText(value.trim());
      setOpen(true);
      setActive(-1);
    },
    /** For the name and phone inputs. */
    input: {
      onKeyDown,
      onBlur: () => setOpen(false),
      autoComplete: "off",
      "aria-autocomplete": "list" as const,
      "aria-controls": options.length > 0 ? listId : undefined,
      "aria-activedescendant": highlighted >= 0 ? `${listId}-${highlighted}` : undefined,
    },
  };
}

export type Lookup = ReturnType<typeof useCustomerLookup>;

/** The matches under the fields (nothing while there are none). */
export function CustomerLookup({ lookup, currency }: { lookup: Lookup; currency: string }) {
  const { t } = useI18n();
  if (lookup.options.length === 0) return null;
  return (
    <div className="customer-lookup-anchor">
      <ul
        className={`customer-lookup ${lookup.busy ? "busy" : ""}`}
        role="listbox"
        id={lookup.listId}
        aria-label={t("customers.matches")}
      >
        {lookup.options.map((summary, i) => (
          <li
            key={summary.customer.id}
            id={`${lookup.listId}-${i}`}
            role="option"
            aria-selected={i === lookup.highlighted}
            data-testid="customer-option"
            className={`customer-option ${i === lookup.highlighted ? "active" : ""}`}
            // Keeps the focus in the field (a blur would close the list before the click).
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => lookup.setActive(i)}
            onClick={() => lookup.pick(summary)}
          >
            <CustomerLine summary={summary} currency={currency} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A customer in a list: name, phone and email, and the counts worth knowing. */
export function CustomerLine({ summary, currency }: { summary: CustomerSummary; currency: string }) {
  const { customer } = summary;
  const contact = [customer.phone, customer.email].filter(Boolean).join(" · ");
  return (
    <>
      <span className="customer-name">{customer.name}</span>
      <span className="customer-contact">{contact}</span>
      <CustomerCounts summary={summary} currency={currency} />
    </>
  );
}

/** "3 bookings · 2 no-shows · unpaid €40.00", only the counts that are not zero; no-shows
 * stand out (this band missed sessions). */
export function CustomerCounts({ summary, currency }: { summary: CustomerSummary; currency: string }) {
  const { t, locale } = useI18n();
  const parts: { cls: string; text: string }[] = [];
  if (summary.bookings > 0) {
    parts.push({
      cls: "customer-bookings",
      text: summary.bookings === 1 ? t("customers.booking") : t("customers.bookings", { count: summary.bookings }),
    });
  }
  if (summary.noShows > 0) {
    parts.push({
      cls: "customer-no-shows",
      text: summary.noShows === 1 ? t("customers.noShow") : t("customers.noShows", { count: summary.noShows }),
    });
  }
  if (summary.unpaid > 0) {
    parts.push({ cls: "customer-unpaid", text: t("customers.unpaid", { amount: formatMoney(summary.unpaid, currency, locale) }) });
  }
  if (parts.length === 0) return <span className="customer-counts" />;
  return (
    <span className="customer-counts">
      {parts.map((p, i) => (
        <span key={p.cls}>
          {i > 0 && " · "}
          <span className={p.cls}>{p.text}</span>
        </span>
      ))}
    </span>
  );
}
