// The Customers screen: find a regular as you type (the desk's own file answers at once)
// and open their page.
import { useState } from "react";
import type { StudioInfo } from "../api/types";
import { useFindCustomers } from "../data/customers";
import { useI18n } from "../i18n";
import { CustomerLine } from "./CustomerLookup";
import { CustomerPage } from "./CustomerPage";
import { ErrorNote } from "./ErrorNote";

/** `initial`: a customer whose page opens first (from a booking's details). */
export function CustomersView({ studio, initial }: { studio: StudioInfo; initial?: string }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [open, setOpen] = useState<string | null>(initial ?? null);
  const search = text.trim();
  const query = useFindCustomers(search, search.length > 0);
  const found = search ? (query.data ?? []) : [];

  return (
    <section className="customers" aria-label={t("customers.title")}>
      {open ? (
        <CustomerPage key={open} studio={studio} id={open} onBack={() => setOpen(null)} />
      ) : (
        <>
          <h2>{t("customers.title")}</h2>
          <label className="customer-search">
            {t("customers.search")}
            <input
              name="customer-search"
              type="search"
              value={text}
              autoFocus
              autoComplete="off"
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          <p className="muted">{t("customers.searchHint")}</p>
          <ErrorNote error={query.error} onRetry={() => void query.refetch()} />
          {search && query.isSuccess && !query.isPlaceholderData && found.length === 0 && (
            <p className="status">{t("customers.none")}</p>
          )}
          <ul className={`customer-list ${query.isPlaceholderData ? "busy" : ""}`}>
            {found.map((s) => (
              <li key={s.customer.id}>
                <button type="button" className="customer-row" data-testid="customer-row" onClick={() => setOpen(s.customer.id)}>
                  <CustomerLine summary={s} currency={studio.currency} />
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
