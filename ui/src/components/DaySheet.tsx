// The day sheet: one date on A4 for the desk's clipboard — every room with its bookings in
// time order (times, customer, note, payment) and what is still open, per booking and in
// total. Printed through the system's print dialog, the sheet alone, black on white.
// Add-ons (shared items booked with rooms) get a column once the studio has them (issue 25).
import type { Booking, DayBoard, StudioInfo } from "../api/types";
import { useDayBoard } from "../data/bookings";
import { formatMoney } from "../format";
import { useI18n } from "../i18n";
import { stillOpen } from "../owed";
import { formatDate, formatTime } from "../time";
import { DateField } from "./DateField";
import { ErrorNote } from "./ErrorNote";
import { PrintSheet } from "./reports/PrintSheet";
import { ReportTable } from "./reports/ReportTable";

/** The date's bookings per room, cancelled ones left out, in time order. */
export function sheetRooms(board: DayBoard): { id: string; name: string; bookings: Booking[] }[] {
  return board.rooms.map((room) => ({
    id: room.id,
    name: room.name,
    bookings: room.bookings.filter((b) => b.status !== "cancelled").sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
  }));
}

export function DaySheet({ studio, date, setDate, onBack }: { studio: StudioInfo; date: string; setDate: (date: string) => void; onBack: () => void }) {
  const { t, locale } = useI18n();
  const query = useDayBoard(date);
  const tz = studio.timezone;
  const money = (minor: number) => formatMoney(minor, studio.currency, locale);
  const rooms = query.data ? sheetRooms(query.data) : [];
  const all = rooms.flatMap((r) => r.bookings);
  const due = all.reduce((sum, b) => sum + stillOpen(b), 0);
  return (
    <section className="day-sheet-view" aria-label={t("daySheet.title")}>
      <div className="toolbar no-print">
        <button type="button" className="button" onClick={onBack}>
          ← {t("daySheet.back")}
        </button>
        <DateField label={t("cashUp.date")} name="day-sheet-date" value={date} onChange={setDate} />
        <button type="button" className="button primary" data-testid="day-sheet-print" disabled={!query.data} onClick={() => window.print()}>
          {t("daySheet.print")}
        </button>
      </div>
      <div className="no-print">
        <ErrorNote error={query.error} onRetry={() => void query.refetch()} />
      </div>
      {query.isPending && <p className="status">{t("common.loading")}</p>}
      {query.data && (
        <PrintSheet testId="day-sheet" label={t("daySheet.title")}>
          <header className="sheet-head">
            <h2>
              {t("daySheet.title")} · {studio.name}
            </h2>
            <p>
              {formatDate(date, locale)} · {t("daySheet.count", { count: all.length })}
            </p>
          </header>
          {rooms.map((room) => (
            <div key={room.id} className="sheet-room" data-room={room.id}>
              <h3>{room.name}</h3>
              {room.bookings.length === 0 ? (
                <p className="muted">{t("daySheet.noBookings")}</p>
              ) : (
                <ReportTable sheet heads={[t("daySheet.time"), t("daySheet.customer"), t("daySheet.note"), t("daySheet.payment"), t("daySheet.due")]}>
                  {room.bookings.map((b) => (
                    <tr key={b.id} data-booking={b.id}>
                      <td className="nowrap">
                        {formatTime(b.start, tz, locale)}–{formatTime(b.end, tz, locale)}
                      </td>
                      <td>
                        {b.customer.name}
                        {b.customer.phone && <span className="muted"> · {b.customer.phone}</span>}
                      </td>
                      <td>{b.note ?? "—"}</td>
                      <td>
                        {t(`payment.${b.payment.status}`)}
                        {b.payment.amount > 0 && ` (${money(b.payment.amount)})`}
                        {b.noShow && ` · ${t("daySheet.noShow")}`}
                        {b.checkedInAt && ` · ${t("board.checkedIn")}`}
                      </td>
                      <td className="amount" data-testid="day-sheet-due">
                        {stillOpen(b) > 0 ? money(stillOpen(b)) : "—"}
                      </td>
                    </tr>
                  ))}
                </ReportTable>
              )}
            </div>
          ))}
          <p className="sheet-total" data-testid="day-sheet-total">
            <strong>{t("daySheet.totalDue")}:</strong> {money(due)}
          </p>
        </PrintSheet>
      )}
    </section>
  );
}
