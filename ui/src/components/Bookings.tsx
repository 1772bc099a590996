import { useState, type FormEvent } from "react";
import type { Booking, StudioInfo } from "../api/types";
import { useFindBookings } from "../data/bookings";
import { useI18n } from "../i18n";
import { dateOf, formatDate, formatTime, todayIn } from "../time";
import { BookingDetails, roomName, statusLabel } from "./BookingDetails";
import { DateField } from "./DateField";
import { ErrorNote } from "./ErrorNote";

/** Find bookings by customer name or date; open one to view or cancel it. */
export function Bookings({ studio }: { studio: StudioInfo }) {
  const { t, locale } = useI18n();
  const [name, setName] = useState("");
  const [date, setDate] = useState(() => todayIn(studio.timezone));
  const [search, setSearch] = useState<{ name: string; date: string }>({ name: "", date });
  const [open, setOpen] = useState<Booking | null>(null);
  const query = useFindBookings(search.name, search.date);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSearch({ name: name.trim(), date });
  };
  const tz = studio.timezone;
  return (
    <section className="bookings" aria-label={t("bookings.title")}>
      <h2>{t("bookings.title")}</h2>
      <form className="search row" onSubmit={submit}>
        <label>
          {t("bookings.byName")}
          <input value={name} onChange={(e) => setName(e.target.value)} name="search-name" autoFocus />
        </label>
        <DateField label={t("bookings.byDate")} value={date} onChange={setDate} name="search-date" />
        <button type="submit" className="button primary">
          {t("bookings.search")}
        </button>
      </form>
      <ErrorNote error={query.error} onRetry={() => void query.refetch()} />
      {query.isSuccess && query.data.length === 0 && <p className="status">{t("bookings.none")}</p>}
      <ul className="booking-list">
        {query.data?.map((b) => (
          <li key={b.id}>
            <button type="button" className={`booking-row status-${b.status}`} onClick={() => setOpen(b)}>
              <strong>{b.customer.name}</strong>
              <span>{roomName(studio, b.room)}</span>
              <span>
                {formatDate(dateOf(b.start, tz), locale)}, {formatTime(b.start, tz, locale)}–{formatTime(b.end, tz, locale)}
              </span>
              <span className="badge">{t(statusLabel(b.status))}</span>
            </button>
          </li>
        ))}
      </ul>
      {open && <BookingDetails studio={studio} booking={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
