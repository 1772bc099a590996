// One customer: their details and notes, what they booked (newest first), how often they
// did not come and what is still unpaid; editing the record and merging a duplicate into it.
import { useState, type FormEvent } from "react";
import type { Booking, CustomerRecord, CustomerSummary, StudioInfo } from "../api/types";
import { useCustomerPage, useEditCustomer, useFindCustomers, useMergeCustomers } from "../data/customers";
import { formatMoney } from "../format";
import { useI18n } from "../i18n";
import { dateOf, formatDate, formatTime } from "../time";
import { BookingDetails, roomName, statusLabel } from "./BookingDetails";
import { CustomerLine } from "./CustomerLookup";
import { OpenCustomerContext } from "./CustomerLink";
import { ErrorNote } from "./ErrorNote";

export function CustomerPage({ studio, id, onBack }: { studio: StudioInfo; id: string; onBack?: () => void }) {
  const { t, locale } = useI18n();
  const page = useCustomerPage(id);
  const [editing, setEditing] = useState(false);
  // A new key starts the edit form again from the record as it is now (after a reload).
  const [editKey, setEditKey] = useState(0);
  const [saved, setSaved] = useState(false);
  const [open, setOpen] = useState<Booking | null>(null);

  const back = onBack && (
    <button type="button" className="button secondary" onClick={onBack}>
      {t("customers.back")}
    </button>
  );
  if (!page.data) {
    return (
      <article className="customer-page">
        {back}
        {page.isPending && <p className="status">{t("common.loading")}</p>}
        <ErrorNote error={page.error} onRetry={() => void page.refetch()} />
      </article>
    );
  }

  const { summary, bookings } = page.data;
  const customer = summary.customer;
  const money = (minor: number) => formatMoney(minor, studio.currency, locale);
  const tz = studio.timezone;
  return (
    <article className="customer-page" aria-label={customer.name}>
      <div className="customer-head">
        {back}
        <h2>{customer.name}</h2>
      </div>
      <ErrorNote error={page.error} onRetry={() => void page.refetch()} />
      <div className="customer-columns">
        <div className="customer-side">
          <dl className="details" data-testid="customer-details">
            <dt>{t("flow.phone")}</dt>
            <dd>
              {customer.phone || "—"}
              {customer.phoneUnparsed && (
                <span className="phone-unparsed" role="note" data-testid="phone-unparsed" title={t("customers.phoneUnparsed")}>
                  {" "}
                  ⚠ {t("customers.phoneUnparsed")}
                </span>
              )}
            </dd>
            <dt>{t("customers.email")}</dt>
            <dd>{customer.email || "—"}</dd>
            <dt>{t("customers.notes")}</dt>
            <dd className="customer-notes" data-testid="customer-notes">
              {customer.notes || "—"}
            </dd>
            {summary.last && (
              <>
                <dt>{t("customers.last")}</dt>
                <dd>{formatDate(dateOf(summary.last, tz), locale)}</dd>
              </>
            )}
          </dl>
          <dl className="customer-stats" data-testid="customer-stats">
            <div>
              <dt>{t("customers.countBookings")}</dt>
              <dd data-testid="stat-bookings">{summary.bookings}</dd>
            </div>
            <div className={summary.noShows > 0 ? "alert" : ""}>
              <dt>{t("customers.countNoShows")}</dt>
              <dd data-testid="stat-no-shows">{summary.noShows}</dd>
            </div>
            <div className={summary.unpaid > 0 ? "alert" : ""}>
              <dt>{t("customers.countUnpaid")}</dt>
              <dd data-testid="stat-unpaid">{money(summary.unpaid)}</dd>
            </div>
          </dl>
          {saved && !editing && <p className="ok-note">{t("customers.saved")}</p>}
          {editing ? (
            <CustomerEdit
              key={editKey}
              customer={customer}
              onDone={(ok) => {
                setEditing(false);
                setSaved(ok);
              }}
              onReload={() => void page.refetch().then(() => setEditKey((k) => k + 1))}
            />
          ) : (
            <button
              type="button"
              className="button"
              onClick={() => {
                setSaved(false);
                setEditKey((k) => k + 1);
                setEditing(true);
              }}
            >
              {t("customers.edit")}
            </button>
          )}
          <MergeCustomer keep={summary} currency={studio.currency} />
        </div>
        <section className="customer-bookings-list" aria-label={t("bookings.title")}>
          <h3>{t("bookings.title")}</h3>
          {bookings.length === 0 && <p className="muted">{t("customers.noBookings")}</p>}
          <ul className="booking-list">
            {bookings.map((b) => (
              <li key={b.id}>
                <button
                  type="button"
                  className={`booking-row customer-booking status-${b.status} ${b.noShow ? "no-show" : ""}`}
                  data-testid="customer-booking"
                  onClick={() => setOpen(b)}
                >
                  <span>
                    {formatDate(dateOf(b.start, tz), locale)}, {formatTime(b.start, tz, locale)}–{formatTime(b.end, tz, locale)}
                  </span>
                  <span>{roomName(studio, b.room)}</span>
                  <span className="customer-booking-pay">
                    {b.price != null && `${money(b.price)} · `}
                    {t(`payment.${b.payment.status}`)}
                  </span>
                  <span className="customer-booking-state">
                    <span className="badge">{t(statusLabel(b.status))}</span>
                    {b.noShow && <span className="badge no-show-badge">{t("actions.noShowMarked")}</span>}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
      {/* This page is the customer's already: no link back to it from a booking. */}
      <OpenCustomerContext.Provider value={null}>
        {open && <BookingDetails studio={studio} booking={open} onClose={() => setOpen(null)} />}
      </OpenCustomerContext.Provider>
    </article>
  );
}

/** The record's fields as typed, with the version they were edited from. */
interface EditForm {
  version: number;
  name: string;
  phone: string;
  email: string;
  notes: string;
}

function CustomerEdit({
  customer,
  onDone,
  onReload,
}: {
  customer: CustomerRecord;
  onDone: (saved: boolean) => void;
  onReload: () => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<EditForm>(() => ({
    version: customer.version,
    name: customer.name,
    phone: customer.phone ?? "",
    email: customer.email ?? "",
    notes: customer.notes ?? "",
  }));
  const [missingName, setMissingName] = useState(false);
  const save = useEditCustomer(customer.id, { onSuccess: () => onDone(true) });
  const set = (change: Partial<EditForm>) => setForm((f) => ({ ...f, ...change }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.name.trim()) {
      setMissingName(true);
      return;
    }
    save.mutate({
      version: form.version,
      name: form.name.trim(),
      phone: form.phone.trim() || null,
      email: form.email.trim() || null,
      notes: form.notes.trim() || null,
    });
  };
  return (
    <form className="customer-edit" onSubmit={submit} aria-label={t("customers.edit")}>
      <label>
        {t("flow.name")}
        <input
          name="customer-name"
          value={form.name}
          aria-invalid={missingName}
          autoFocus
          onChange={(e) => {
            set({ name: e.target.value });
            setMissingName(false);
          }}
        />
      </label>
      {missingName && (
        <p className="error-note" role="alert">
          {t("flow.nameRequired")}
        </p>
      )}
      <label>
        {t("flow.phone")}
        <input name="customer-phone" type="tel" value={form.phone} onChange={(e) => set({ phone: e.target.value })} />
      </label>
      <label>
        {t("customers.email")}
        <input name="customer-email" type="email" value={form.email} onChange={(e) => set({ email: e.target.value })} />
      </label>
      <label>
        {t("customers.notes")}
        <textarea name="customer-notes" rows={3} value={form.notes} onChange={(e) => set({ notes: e.target.value })} />
      </label>
      <ErrorNote error={save.error} />
      <div className="row">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t("customers.save")}
        </button>
        {save.error?.code === "stale" && (
          <button type="button" className="button" onClick={onReload}>
            {t("customers.reload")}
          </button>
        )}
        <button type="button" className="button secondary" onClick={() => onDone(false)} disabled={save.isPending}>
          {t("customers.cancel")}
        </button>
      </div>
    </form>
  );
}

/** Finds a duplicate record and merges it into `keep` (its bookings follow). */
function MergeCustomer({ keep, currency }: { keep: CustomerSummary; currency: string }) {
  const { t } = useI18n();
  const [on, setOn] = useState(false);
  const [text, setText] = useState("");
  const [picked, setPicked] = useState<CustomerSummary | null>(null);
  const [merged, setMerged] = useState<string | null>(null);
  const search = text.trim();
  const query = useFindCustomers(search, on && search.length > 0);
  // Never the customer itself (nor a record merged away already).
  const candidates = search ? (query.data ?? []).filter((s) => s.customer.id !== keep.customer.id && !s.customer.mergedInto) : [];
  const merge = useMergeCustomers(keep.customer.id, {
    onSuccess: (_, gone) => {
      setMerged(gone.customer.name);
      setOn(false);
      setPicked(null);
      setText("");
    },
  });
  const close = () => {
    setOn(false);
    setPicked(null);
    setText("");
    merge.reset();
  };

  if (!on) {
    return (
      <div className="customer-merge">
        {merged && <p className="ok-note">{t("customers.merged", { name: merged })}</p>}
        <button
          type="button"
          className="button"
          data-testid="merge-open"
          onClick={() => {
            setMerged(null);
            setOn(true);
          }}
        >
          {t("customers.merge")}
        </button>
      </div>
    );
  }
  return (
    <div className="customer-merge open">
      <h3>{t("customers.merge")}</h3>
      <p className="muted">{t("customers.mergeHelp", { name: keep.customer.name })}</p>
      {picked ? (
        <div className="merge-confirm" data-testid="merge-confirm-box">
          <p>{t("customers.mergeQuestion", { gone: picked.customer.name, keep: keep.customer.name })}</p>
          <p className="customer-line">
            <CustomerLine summary={picked} currency={currency} />
          </p>
          <ErrorNote error={merge.error} />
          <div className="row">
            <button
              type="button"
              className="button primary"
              data-testid="merge-confirm"
              disabled={merge.isPending}
              onClick={() => merge.mutate(picked)}
            >
              {merge.isPending ? t("customers.merging") : t("customers.mergeConfirm")}
            </button>
            <button type="button" className="button secondary" onClick={() => setPicked(null)} disabled={merge.isPending}>
              {t("customers.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <>
          <label>
            {t("customers.mergeSearch")}
            <input name="merge-search" value={text} autoFocus autoComplete="off" onChange={(e) => setText(e.target.value)} />
          </label>
          <ErrorNote error={query.error} />
          {search && query.isSuccess && !query.isPlaceholderData && candidates.length === 0 && (
            <p className="muted">{t("customers.mergeNone")}</p>
          )}
          <ul className="customer-list">
            {candidates.map((s) => (
              <li key={s.customer.id}>
                <button type="button" className="customer-row" data-testid="merge-option" onClick={() => setPicked(s)}>
                  <CustomerLine summary={s} currency={currency} />
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button secondary" onClick={close}>
            {t("customers.cancel")}
          </button>
        </>
      )}
    </div>
  );
}
