import { useMonthAvailability } from "../data/bookings";
import { useI18n } from "../i18n";
import { formatDate, formatMonth, monthWeeks, shiftMonth, weekdayNames } from "../time";
import { ErrorNote } from "./ErrorNote";

/** The days of a month that still have a start for the duration. */
export function MonthView({
  room,
  duration,
  year,
  month,
  selected,
  onMonth,
  onPick,
}: {
  room: string;
  duration: number;
  year: number;
  month: number;
  selected: string;
  onMonth: (year: number, month: number) => void;
  onPick: (date: string) => void;
}) {
  const { t, locale } = useI18n();
  const query = useMonthAvailability(room, year, month, duration);
  const go = (delta: number) => {
    const next = shiftMonth(year, month, delta);
    onMonth(next.year, next.month);
  };
  return (
    <div className="month">
      <div className="month-head">
        <button type="button" className="button" onClick={() => go(-1)} aria-label={t("flow.prevMonth")}>
          ‹
        </button>
        <strong>{formatMonth(year, month, locale)}</strong>
        <button type="button" className="button" onClick={() => go(1)} aria-label={t("flow.nextMonth")}>
          ›
        </button>
      </div>
      <ErrorNote error={query.error} onRetry={() => void query.refetch()} />
      <table className="month-grid">
        <thead>
          <tr>
            {weekdayNames(locale).map((d) => (
              <th key={d}>{d}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(year, month).map((week, i) => (
            <tr key={i}>
              {week.map((date, j) => {
                if (!date) return <td key={j} />;
                const free = query.data?.[date] ?? false;
                return (
                  <td key={date}>
                    <button
                      type="button"
                      className={`month-day ${free ? "free" : "full"} ${date === selected ? "selected" : ""}`}
                      disabled={!free}
                      aria-pressed={date === selected}
                      aria-label={free ? formatDate(date, locale) : `${formatDate(date, locale)}: ${t("flow.dayFull")}`}
                      data-date={date}
                      onClick={() => onPick(date)}
                    >
                      {Number(date.slice(8))}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
